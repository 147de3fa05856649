package io.hoarfrost.bench;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.RimeLayout;
import io.hoarfrost.rc.SnapshotCell;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.StampedLock;

/**
 * {@link SnapshotCell} for many readers (issue 17, item 5): one read per operation, on 1 and on 2
 * reader threads ({@code @Threads}; the count is in the operation's name, {@code 1t} and
 * {@code 2t}, as in {@link ThreadScalingBenchmark}), while a writer thread publishes a new
 * {@value #DATA_LENGTH}-byte snapshot every {@value #PERIOD_NANOS} ns. A read takes the current
 * snapshot, reads one {@code long} from it and lets it go:
 * <ul>
 *   <li>{@code hoarfrost}: {@link SnapshotCell#acquire()}, {@link Memory#getLong(long)},
 *       {@link RimeLayout#release(long, int)}, on {@link Counter#ATOMIC_U64} blocks. Safe against
 *       any writer.</li>
 *   <li>{@code atomicReference}: {@code AtomicReference<long[]>.get()[0]}, the writer publishing
 *       a new {@code long[8]} each time: what the heap gives for free, paid for by the garbage
 *       collector. Its B/op (the writer's {@code long[]}s, counted by {@code -prof gc} on every
 *       thread of the fork, divided by the reads) and JMH's {@code gc.count}/{@code gc.time} are
 *       its cost.</li>
 *   <li>{@code stampedLock}: one block, which the writer overwrites in place under
 *       {@link StampedLock#writeLock()}; the reader reads under {@link StampedLock#tryOptimisticRead()},
 *       validates, and retries once under {@link StampedLock#readLock()} if a write got in. Reads
 *       write nothing shared, so this is the scaling ceiling; but it only works for data that can
 *       be read optimistically and copied out, not for a block a reader keeps.</li>
 *   <li>{@code racyRetain}: {@link SnapshotCell#get()} then {@link RimeLayout#retain(long)}, read,
 *       release: the use-after-free race {@code acquire()} exists to close. It cannot crash here
 *       only because no block is ever freed during the trial: the writer rotates through a ring
 *       of {@value #RING} blocks that it keeps one reference to until teardown (the
 *       {@code hoarfrost} row uses the same writer, so the two differ only by the reader).</li>
 *   <li>{@code retainRelease}: the floor, no cell and no writer: {@link RimeLayout#retain(long)},
 *       read, {@link RimeLayout#release(long, int)} on one block allocated in setup (at 2
 *       threads, both on that block). Issue 17's goal: the 1-thread {@code hoarfrost} read
 *       within 2&times; of it, 0 B/op, and 2 readers each about as fast as one.</li>
 * </ul>
 *
 * <p><b>The writer</b> is a plain thread of the state, started in setup and stopped in teardown,
 * not a JMH {@code @Group} member: in AverageTime JMH's score of a group is the mean of its
 * threads' averages, which would mix the writer's microseconds into the readers' nanoseconds in
 * the runner's table (it reads that score). It waits for each deadline spinning on
 * {@link Thread#yield()}: {@code LockSupport.parkNanos} would leave the cores to the readers, but
 * the kernel's timer slack and a loaded machine stretch a 10 &micro;s park to 60-200 &micro;s,
 * which is no fixed rate. The teardown prints the interval achieved. The hoarfrost and racy
 * writers recycle a ring block only when its count is back to 1 (no reader holds it), fill its
 * {@value #DATA_LENGTH} bytes, retain it and {@link SnapshotCell#set(long) set} it, so malloc is
 * not measured; the heap writer allocates, as heap code would.
 *
 * <p><b>Cores.</b> The writer keeps a core busy (yielding) between publications, so on a 2-core
 * machine one reader and the writer fill it, and two readers and the writer are three threads on
 * two cores: the 2-thread rows with a writer measure time-slicing as much as the cell (the
 * {@code retainRelease} floor has no writer). Beyond that, every read of {@code hoarfrost} writes
 * two shared cache lines (the cell's word and the block's counter) and {@code retainRelease} and
 * {@code racyRetain} one (the counter), so their 2-thread rows show contention, not scaling;
 * only {@code stampedLock} and {@code atomicReference} read without writing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SnapshotCellBenchmark
{
    /** Data bytes of each snapshot: eight {@code long}s. */
    static final int DATA_LENGTH = 64;

    /** Longs in a snapshot. */
    static final int LONGS = DATA_LENGTH / Long.BYTES;

    /** The writer's requested pause between two publications, in nanoseconds. */
    static final long PERIOD_NANOS = 10_000;

    /** Blocks the hoarfrost and racy writers rotate through; a power of two. */
    static final int RING = 8;

    /**
     * A writer thread publishing every {@value #PERIOD_NANOS} ns until stopped.
     */
    abstract static class Publisher implements Runnable
    {
        private volatile boolean running;
        private Thread thread;
        private long published;
        private long skipped;
        private long startNanos;

        /** Publishes one snapshot; returns false if it had to skip this turn. */
        abstract boolean publish(long sequence);

        final void start(final String name)
        {
            running = true;
            startNanos = System.nanoTime();
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        final void stop()
        {
            running = false;
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the writer", ex);
            }
            final long elapsed = System.nanoTime() - startNanos;
            System.out.println(thread.getName() + ": " + published + " snapshots published, one every " +
                (published == 0 ? "-" : Long.toString(elapsed / published)) + " ns; " + skipped +
                " turns skipped (every ring block held)");
        }

        @Override
        public final void run()
        {
            long sequence = 1;
            long deadline = System.nanoTime();
            while (running)
            {
                deadline += PERIOD_NANOS;
                long now;
                while ((now = System.nanoTime()) < deadline)
                {
                    Thread.yield(); // lets a reader on this core run; JDK 8 has no onSpinWait
                }
                if (now - deadline > PERIOD_NANOS)
                {
                    deadline = now; // descheduled for longer than a period: no burst to catch up
                }
                if (publish(sequence))
                {
                    published++;
                    sequence++;
                }
                else
                {
                    skipped++;
                }
            }
        }
    }

    /**
     * A {@link SnapshotCell} and the writer that publishes into it from a ring of blocks (the
     * {@code hoarfrost} and {@code racyRetain} rows).
     */
    @State(Scope.Benchmark)
    public static class CellState extends Publisher
    {
        RimeLayout layout;
        SnapshotCell cell;
        int dataOffset;
        private final long[] ring = new long[RING];
        private int next;

        /**
         * Allocates the ring (the ring owns one reference to each block), puts the first block in
         * and starts the writer; refuses to run in checked mode.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("SnapshotCellBenchmark");
            layout = RimeLayout.of(Counter.ATOMIC_U64);
            dataOffset = layout.dataOffset();
            cell = SnapshotCell.onHeap(layout, DATA_LENGTH);
            for (int i = 0; i < RING; i++)
            {
                ring[i] = layout.allocateZeroed(DATA_LENGTH);
            }
            publish(0);
            start("SnapshotCell writer");
        }

        /**
         * Stops the writer, empties the cell and frees the ring: every block's count is back to 1
         * then, so each release frees one.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            stop();
            cell.close();
            for (int i = 0; i < RING; i++)
            {
                if (!layout.release(ring[i], DATA_LENGTH))
                {
                    throw new IllegalStateException("ring block " + i + " still held: count " + layout.refCount(ring[i]));
                }
            }
        }

        @Override
        boolean publish(final long sequence)
        {
            for (int tries = 0; tries < RING; tries++)
            {
                final long block = ring[next];
                next = (next + 1) & (RING - 1);
                if (layout.refCount(block) == 1) // only the ring's reference: no reader, not in the cell
                {
                    final long data = block + dataOffset;
                    for (int i = 0; i < LONGS; i++)
                    {
                        Memory.putLong(data + (long)i * Long.BYTES, sequence);
                    }
                    layout.retain(block); // the reference set() moves into the cell
                    cell.set(block);
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code AtomicReference<long[]>} and a writer that publishes a new {@code long[8]} each time.
     */
    @State(Scope.Benchmark)
    public static class HeapState extends Publisher
    {
        final AtomicReference<long[]> snapshot = new AtomicReference<>();

        /**
         * Publishes the first array and starts the writer.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("SnapshotCellBenchmark");
            publish(0);
            start("AtomicReference writer");
        }

        /**
         * Stops the writer.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            stop();
        }

        @Override
        boolean publish(final long sequence)
        {
            final long[] longs = new long[LONGS];
            for (int i = 0; i < LONGS; i++)
            {
                longs[i] = sequence;
            }
            snapshot.set(longs);
            return true;
        }
    }

    /**
     * One off-heap block behind a {@link StampedLock}, overwritten in place by the writer.
     */
    @State(Scope.Benchmark)
    public static class StampedState extends Publisher
    {
        final StampedLock lock = new StampedLock();
        long data;

        /**
         * Allocates the block (zeroed) and starts the writer; refuses checked mode.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("SnapshotCellBenchmark");
            data = Memory.allocate(DATA_LENGTH);
            for (int i = 0; i < LONGS; i++)
            {
                Memory.putLong(data + (long)i * Long.BYTES, 0);
            }
            start("StampedLock writer");
        }

        /**
         * Stops the writer and frees the block.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            stop();
            Memory.free(data);
            data = 0;
        }

        @Override
        boolean publish(final long sequence)
        {
            final long stamp = lock.writeLock();
            try
            {
                for (int i = 0; i < LONGS; i++)
                {
                    Memory.putLong(data + (long)i * Long.BYTES, sequence);
                }
            }
            finally
            {
                lock.unlockWrite(stamp);
            }
            return true;
        }
    }

    /**
     * One block of the same layout and no writer: the retain + release floor.
     */
    @State(Scope.Benchmark)
    public static class BlockState
    {
        RimeLayout layout;
        long block;
        int dataOffset;

        /**
         * Allocates the block (count 1); refuses checked mode.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("SnapshotCellBenchmark");
            layout = RimeLayout.of(Counter.ATOMIC_U64);
            dataOffset = layout.dataOffset();
            block = layout.allocateZeroed(DATA_LENGTH);
        }

        /**
         * Drops the last reference: the block is freed.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            layout.release(block, DATA_LENGTH);
            block = 0;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // One reader
    // ---------------------------------------------------------------------------------------------

    /**
     * {@link SnapshotCell#acquire()}, read, release; one reader.
     *
     * @param state the cell and its writer.
     * @return the long read.
     */
    @Benchmark
    @Threads(1)
    public long read1t_hoarfrost(final CellState state)
    {
        return acquireRead(state);
    }

    /**
     * {@code AtomicReference<long[]>.get()[0]}; one reader.
     *
     * @param state the reference and its writer.
     * @return the long read.
     */
    @Benchmark
    @Threads(1)
    public long read1t_atomicReference(final HeapState state)
    {
        return state.snapshot.get()[0];
    }

    /**
     * {@link StampedLock} optimistic read of one block; one reader.
     *
     * @param state the lock, the block and its writer.
     * @return the long read.
     */
    @Benchmark
    @Threads(1)
    public long read1t_stampedLock(final StampedState state)
    {
        return optimisticRead(state);
    }

    /**
     * The racy {@link SnapshotCell#get()} + retain, read, release; one reader.
     *
     * @param state the cell and its writer (which never frees a block during the trial).
     * @return the long read.
     */
    @Benchmark
    @Threads(1)
    public long read1t_racyRetain(final CellState state)
    {
        return racyRead(state);
    }

    /**
     * Retain, read, release of one block, no cell and no writer; one thread.
     *
     * @param state the block.
     * @return the long read.
     */
    @Benchmark
    @Threads(1)
    public long read1t_retainRelease(final BlockState state)
    {
        return retainRead(state);
    }

    // ---------------------------------------------------------------------------------------------
    // Two readers
    // ---------------------------------------------------------------------------------------------

    /**
     * {@link SnapshotCell#acquire()}, read, release; two readers.
     *
     * @param state the cell and its writer.
     * @return the long read.
     */
    @Benchmark
    @Threads(2)
    public long read2t_hoarfrost(final CellState state)
    {
        return acquireRead(state);
    }

    /**
     * {@code AtomicReference<long[]>.get()[0]}; two readers.
     *
     * @param state the reference and its writer.
     * @return the long read.
     */
    @Benchmark
    @Threads(2)
    public long read2t_atomicReference(final HeapState state)
    {
        return state.snapshot.get()[0];
    }

    /**
     * {@link StampedLock} optimistic read of one block; two readers.
     *
     * @param state the lock, the block and its writer.
     * @return the long read.
     */
    @Benchmark
    @Threads(2)
    public long read2t_stampedLock(final StampedState state)
    {
        return optimisticRead(state);
    }

    /**
     * The racy {@link SnapshotCell#get()} + retain, read, release; two readers.
     *
     * @param state the cell and its writer (which never frees a block during the trial).
     * @return the long read.
     */
    @Benchmark
    @Threads(2)
    public long read2t_racyRetain(final CellState state)
    {
        return racyRead(state);
    }

    /**
     * Retain, read, release of one block shared by both threads, no cell and no writer.
     *
     * @param state the block.
     * @return the long read.
     */
    @Benchmark
    @Threads(2)
    public long read2t_retainRelease(final BlockState state)
    {
        return retainRead(state);
    }

    // ---------------------------------------------------------------------------------------------
    // The reads
    // ---------------------------------------------------------------------------------------------

    private static long acquireRead(final CellState state)
    {
        final RimeLayout layout = state.layout;
        final long block = state.cell.acquire();
        final long value = Memory.getLong(block + state.dataOffset);
        layout.release(block, DATA_LENGTH);
        return value;
    }

    private static long racyRead(final CellState state)
    {
        final RimeLayout layout = state.layout;
        final long block = state.cell.get();
        layout.retain(block);
        final long value = Memory.getLong(block + state.dataOffset);
        layout.release(block, DATA_LENGTH);
        return value;
    }

    private static long optimisticRead(final StampedState state)
    {
        final StampedLock lock = state.lock;
        final long address = state.data;
        long stamp = lock.tryOptimisticRead();
        long value = Memory.getLong(address);
        if (!lock.validate(stamp))
        {
            stamp = lock.readLock();
            try
            {
                value = Memory.getLong(address);
            }
            finally
            {
                lock.unlockRead(stamp);
            }
        }
        return value;
    }

    private static long retainRead(final BlockState state)
    {
        final RimeLayout layout = state.layout;
        final long block = state.block;
        layout.retain(block);
        final long value = Memory.getLong(block + state.dataOffset);
        layout.release(block, DATA_LENGTH);
        return value;
    }
}
