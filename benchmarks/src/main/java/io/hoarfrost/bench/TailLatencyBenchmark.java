package io.hoarfrost.bench;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.arena.MappedArena;
import io.hoarfrost.arena.MappedArenaDescriptor;
import io.hoarfrost.arena.RecordDescriptor;
import io.hoarfrost.box.Flake;
import io.hoarfrost.pool.ConcurrentPool;
import io.hoarfrost.pool.Pool;
import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.RimeLayout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.agrona.BufferUtil.ARRAY_BASE_OFFSET;
import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * The tail (issue 15, item 3): the latency of single operations under steady load, for the runner's
 * {@code --tail} pass, which runs every method in {@code Mode.SampleTime} (JMH times a random subset
 * of the calls one by one and keeps their distribution) and reports p50 to p99.99 and the maximum,
 * and the GC pauses of each fork from its GC log. The ordinary pass leaves this class out.
 *
 * <p><b>Steady load.</b> Every method is one step of a loop that runs for the whole iteration, with a
 * live set: each implementation keeps {@value #LIVE} blocks (buffers, arrays, handles) live in a
 * ring, and each operation allocates a new one and frees (or drops, for the GC) the one allocated
 * {@value #LIVE} operations ago, so no call can be folded against the next and the allocator works
 * in its steady state, not on one block going out and back. Every block is {@value #SIZE} bytes.
 *
 * <p><b>Page state.</b> A page the process touches for the first time costs a page fault (about
 * 13 us on a VM that hands idle memory back to its host, against about 1.5 us for a resident page),
 * which would put one fault every few dozen appends into the tail. So every region is touched in
 * setup, before the first measured call: the pool is filled ({@code Pool.fill()} links every free
 * block, writing to it), the bump arena and the raw append region are written with zeros, the
 * mapped arena is appended to until full and then reset (every page of its mapping written through
 * the mapping itself), and the live rings are allocated. During the measurement the memory is
 * resident and reused: the arenas reset when full (amortised: once per {@value #ARENA_CAPACITY}
 * bytes), they never map fresh pages. malloc and Netty manage their own pages; after warmup they
 * reuse freed memory as well.
 *
 * <p><b>Operations and implementations</b> (method {@code <operation>_<implementation>}):
 * <ul>
 *   <li>{@code allocateFree}: get a {@value #SIZE}-byte block and give back the oldest of the ring:
 *       {@link Pool} ({@code pool}), {@link ConcurrentPool} from one thread ({@code concurrentPool}),
 *       malloc/free ({@code malloc}: {@code Unsafe.allocateMemory}/{@code freeMemory}), Netty's
 *       pooled direct buffers ({@code netty}, leak detection off), and left to the GC:
 *       {@code ByteBuffer.allocateDirect} ({@code allocateDirect}) and {@code new byte[64]}
 *       ({@code heap}).</li>
 *   <li>{@code arenaAllocate}: {@code BumpArena.allocate(64, 8)} on a {@value #ARENA_CAPACITY}-byte
 *       arena, reset when full ({@code bumpArena}); its report compares it with the
 *       {@code allocateFree} baselines.</li>
 *   <li>{@code retainRelease}: one retain and one release on the next block of a ring of
 *       {@value #LIVE} live counted blocks: {@code RimeLayout.of(Counter.ATOMIC_U32)}
 *       ({@code rime}), raw {@code getAndAddInt} on malloc'ed blocks ({@code unsafe}, the floor),
 *       Netty's pooled {@code ByteBuf.retain()}/{@code release()} ({@code netty}) and heap
 *       {@link AtomicInteger}s ({@code atomicInteger}).</li>
 *   <li>{@code copyClose}: copy a {@value #SIZE}-byte array off the heap and free the copy made
 *       {@value #LIVE} operations ago: {@code Flake.copyOf}/{@code close} ({@code flake}: the Flake
 *       objects are live in the ring, so they are heap garbage when closed), malloc, copy, free
 *       ({@code malloc}), Netty's pooled {@code directBuffer(64).writeBytes} and {@code release}
 *       ({@code netty}), {@code allocateDirect(64).put} ({@code allocateDirect}) and a heap copy
 *       ({@code heap}).</li>
 *   <li>{@code append}: {@code MappedArena.append} of a {@value #SIZE}-byte record with its commit,
 *       on a {@value #ARENA_CAPACITY}-byte arena under {@code /dev/shm} (tmpfs: no disk), reset when
 *       full ({@code mappedArena}), against the raw floor: the same frame header, copy and release
 *       store of the committed word into a malloc'ed region ({@code unsafe}).</li>
 *   <li>{@code timer_empty}: a method that only reads a field: what the sampling itself costs
 *       (two {@code System.nanoTime()} calls and JMH's loop). No row can be below it.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TailLatencyBenchmark
{
    /** Bytes per block, copy and record. */
    public static final int SIZE = 64;

    /** Blocks live at a time in every ring: a power of two, so the cursor wraps with a mask. */
    public static final int LIVE = 256;

    /** Bytes of the bump arena, the mapped arena and the raw append region. */
    public static final int ARENA_CAPACITY = 64 * 1024 * 1024;

    /** Most blocks the single-threaded pool keeps free. */
    static final int MAX_POOLED = 1024;

    /** Alignment of the bump allocations. */
    static final int ALIGNMENT = 8;

    private static final int MASK = LIVE - 1;

    /** The ring cursor every state has. */
    abstract static class Ring
    {
        int cursor;

        final int next()
        {
            final int index = cursor;
            cursor = (index + 1) & MASK;
            return index;
        }
    }

    /** A {@link Pool} of 64-byte blocks, filled, with {@value TailLatencyBenchmark#LIVE} blocks out. */
    @State(Scope.Thread)
    public static class PoolState extends Ring
    {
        Pool pool;
        final long[] live = new long[LIVE];

        /** Creates and fills the pool and takes the live blocks; refuses checked mode. */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("TailLatencyBenchmark");
            pool = Pool.create(SIZE, MAX_POOLED);
            pool.fill();
            for (int i = 0; i < LIVE; i++)
            {
                live[i] = pool.allocate();
            }
        }

        /** Frees the live blocks and closes the pool. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            for (final long block : live)
            {
                pool.free(block);
            }
            pool.close();
        }
    }

    /** A {@link ConcurrentPool} of 64-byte blocks used from one thread, {@value TailLatencyBenchmark#LIVE} blocks out. */
    @State(Scope.Thread)
    public static class ConcurrentPoolState extends Ring
    {
        ConcurrentPool pool;
        final long[] live = new long[LIVE];

        /** Creates the pool and takes the live blocks; refuses checked mode. */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("TailLatencyBenchmark");
            pool = ConcurrentPool.create(SIZE);
            for (int i = 0; i < LIVE; i++)
            {
                live[i] = pool.allocate();
            }
        }

        /** Frees the live blocks and closes the pool. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            for (final long block : live)
            {
                pool.free(block);
            }
            pool.close();
        }
    }

    /** {@value TailLatencyBenchmark#LIVE} malloc'ed blocks, written once. */
    @State(Scope.Thread)
    public static class MallocState extends Ring
    {
        final long[] live = new long[LIVE];

        /** Mallocs the live blocks. */
        @Setup(Level.Trial)
        public void setUp()
        {
            for (int i = 0; i < LIVE; i++)
            {
                live[i] = UNSAFE.allocateMemory(SIZE);
                UNSAFE.setMemory(live[i], SIZE, (byte)0);
            }
        }

        /** Frees them. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            for (final long block : live)
            {
                UNSAFE.freeMemory(block);
            }
        }
    }

    /** {@value TailLatencyBenchmark#LIVE} Netty pooled direct buffers, leak detection off. */
    @State(Scope.Thread)
    public static class NettyState extends Ring
    {
        final ByteBuf[] live = new ByteBuf[LIVE];

        /** Turns leak detection off (its default samples 1 allocation in 128) and takes the buffers. */
        @Setup(Level.Trial)
        public void setUp()
        {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
            for (int i = 0; i < LIVE; i++)
            {
                live[i] = PooledByteBufAllocator.DEFAULT.directBuffer(SIZE);
            }
        }

        /** Releases them. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            for (final ByteBuf buffer : live)
            {
                buffer.release();
            }
        }
    }

    /** {@value TailLatencyBenchmark#LIVE} direct buffers, each dropped for the GC and its cleaner when replaced. */
    @State(Scope.Thread)
    public static class DirectState extends Ring
    {
        final ByteBuffer[] live = new ByteBuffer[LIVE];

        /** Allocates them. */
        @Setup(Level.Trial)
        public void setUp()
        {
            for (int i = 0; i < LIVE; i++)
            {
                live[i] = ByteBuffer.allocateDirect(SIZE);
            }
        }
    }

    /** {@value TailLatencyBenchmark#LIVE} heap arrays, each dropped for the GC when replaced, and the source of the copies. */
    @State(Scope.Thread)
    public static class HeapState extends Ring
    {
        final byte[][] live = new byte[LIVE][];
        final byte[] source = new byte[SIZE];

        /** Allocates them and fills the source. */
        @Setup(Level.Trial)
        public void setUp()
        {
            for (int i = 0; i < LIVE; i++)
            {
                live[i] = new byte[SIZE];
            }
            for (int i = 0; i < SIZE; i++)
            {
                source[i] = (byte)('a' + i % 26);
            }
        }
    }

    /** A bump arena, written through once in setup. */
    @State(Scope.Thread)
    public static class BumpState
    {
        BumpArena arena;

        /** Creates the arena and touches every page of it; refuses checked mode. */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("TailLatencyBenchmark");
            arena = new BumpArena(ARENA_CAPACITY);
            UNSAFE.setMemory(arena.baseAddress(), ARENA_CAPACITY, (byte)0);
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            arena.close();
        }
    }

    /** {@value TailLatencyBenchmark#LIVE} counted blocks (atomic 32-bit counters), each at count 1. */
    @State(Scope.Thread)
    public static class RimeState extends Ring
    {
        RimeLayout layout;
        final long[] live = new long[LIVE];

        /** Allocates the blocks; refuses checked mode. */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("TailLatencyBenchmark");
            layout = RimeLayout.of(Counter.ATOMIC_U32);
            for (int i = 0; i < LIVE; i++)
            {
                live[i] = layout.allocateZeroed(SIZE);
            }
        }

        /** Drops the last references: the blocks are freed. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            for (final long block : live)
            {
                layout.release(block, SIZE);
            }
        }
    }

    /** {@value TailLatencyBenchmark#LIVE} heap counters at 1. */
    @State(Scope.Thread)
    public static class AtomicState extends Ring
    {
        final AtomicInteger[] live = new AtomicInteger[LIVE];

        /** Creates them. */
        @Setup(Level.Trial)
        public void setUp()
        {
            for (int i = 0; i < LIVE; i++)
            {
                live[i] = new AtomicInteger(1);
            }
        }
    }

    /** {@value TailLatencyBenchmark#LIVE} live Flakes and the array they copy. */
    @State(Scope.Thread)
    public static class FlakeState extends Ring
    {
        final Flake[] live = new Flake[LIVE];
        final byte[] source = new byte[SIZE];

        /** Fills the source and copies it into the live Flakes; refuses checked mode. */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("TailLatencyBenchmark");
            for (int i = 0; i < SIZE; i++)
            {
                source[i] = (byte)('a' + i % 26);
            }
            for (int i = 0; i < LIVE; i++)
            {
                live[i] = Flake.copyOf(source);
            }
        }

        /** Closes them. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            for (final Flake flake : live)
            {
                flake.close();
            }
        }
    }

    /**
     * A mapped arena of {@value TailLatencyBenchmark#ARENA_CAPACITY} bytes under {@code /dev/shm}
     * (else {@code java.io.tmpdir}), every page written in setup by appending until full, then
     * reset; and the record appended.
     */
    @State(Scope.Thread)
    public static class MappedState
    {
        UnsafeBuffer record;
        Path file;
        MappedArena arena;

        /** Creates, pre-touches and resets the arena; refuses checked mode. */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("TailLatencyBenchmark");
            record = new UnsafeBuffer(ByteBuffer.allocateDirect(SIZE));
            for (int i = 0; i < SIZE; i++)
            {
                record.putByte(i, (byte)i);
            }
            final Path shm = Paths.get("/dev/shm");
            final Path directory = Files.isDirectory(shm) && Files.isWritable(shm) ?
                shm : Paths.get(System.getProperty("java.io.tmpdir"));
            file = directory.resolve("hoarfrost-tail-" + ProcessIds.current() + ".arena");
            arena = MappedArena.create(file, ARENA_CAPACITY);
            long appended = 0;
            while (0 != arena.append(record, 0, SIZE))
            {
                appended++;
            }
            if (appended < ARENA_CAPACITY / (2 * (SIZE + RecordDescriptor.FRAME_HEADER_LENGTH)))
            {
                throw new IllegalStateException("pre-touching " + file + " stopped after " + appended + " records");
            }
            arena.reset();
        }

        /** Closes the arena and deletes its file. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            arena.close();
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete " + file, ex);
            }
        }
    }

    /** The raw append floor: a malloc'ed region written through in setup, a position and a committed word. */
    @State(Scope.Thread)
    public static class RawAppendState
    {
        long base;
        long committed;
        long position;
        long source;

        /** Allocates and touches the region, the committed word and the record. */
        @Setup(Level.Trial)
        public void setUp()
        {
            base = UNSAFE.allocateMemory(ARENA_CAPACITY);
            UNSAFE.setMemory(base, ARENA_CAPACITY, (byte)0);
            committed = UNSAFE.allocateMemory(Long.BYTES);
            UNSAFE.putLong(committed, 0L);
            source = UNSAFE.allocateMemory(SIZE);
            for (int i = 0; i < SIZE; i++)
            {
                UNSAFE.putByte(source + i, (byte)i);
            }
        }

        /** Frees all three. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            UNSAFE.freeMemory(base);
            UNSAFE.freeMemory(committed);
            UNSAFE.freeMemory(source);
        }
    }

    /** A field for the empty method to read. */
    @State(Scope.Thread)
    public static class Empty
    {
        long value = 42;
    }

    /**
     * {@link Pool#allocate()} a block and {@link Pool#free(long)} the oldest live one.
     *
     * @param state the pool and its ring.
     * @return the new block.
     */
    @Benchmark
    public long allocateFree_pool(final PoolState state)
    {
        final int index = state.next();
        final long block = state.pool.allocate();
        state.pool.free(state.live[index]);
        state.live[index] = block;
        return block;
    }

    /**
     * {@link ConcurrentPool#allocate()} a block and {@link ConcurrentPool#free(long)} the oldest live
     * one, on one thread (its thread cache).
     *
     * @param state the pool and its ring.
     * @return the new block.
     */
    @Benchmark
    public long allocateFree_concurrentPool(final ConcurrentPoolState state)
    {
        final int index = state.next();
        final long block = state.pool.allocate();
        state.pool.free(state.live[index]);
        state.live[index] = block;
        return block;
    }

    /**
     * malloc a block and free the oldest live one.
     *
     * @param state the ring.
     * @return the new block.
     */
    @Benchmark
    public long allocateFree_malloc(final MallocState state)
    {
        final int index = state.next();
        final long block = UNSAFE.allocateMemory(SIZE);
        UNSAFE.freeMemory(state.live[index]);
        state.live[index] = block;
        return block;
    }

    /**
     * Take a pooled direct buffer from Netty and release the oldest live one.
     *
     * @param state the ring.
     * @return whether the old buffer was freed.
     */
    @Benchmark
    public boolean allocateFree_netty(final NettyState state)
    {
        final int index = state.next();
        final ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(SIZE);
        final boolean released = state.live[index].release();
        state.live[index] = buffer;
        return released;
    }

    /**
     * {@code ByteBuffer.allocateDirect(64)}, dropping the oldest live buffer for the GC and its cleaner.
     *
     * @param state the ring.
     * @return the new buffer.
     */
    @Benchmark
    public ByteBuffer allocateFree_allocateDirect(final DirectState state)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE);
        state.live[state.next()] = buffer;
        return buffer;
    }

    /**
     * {@code new byte[64]}, dropping the oldest live array for the GC.
     *
     * @param state the ring.
     * @return the new array.
     */
    @Benchmark
    public byte[] allocateFree_heap(final HeapState state)
    {
        final byte[] array = new byte[SIZE];
        state.live[state.next()] = array;
        return array;
    }

    /**
     * {@code BumpArena.allocate(64, 8)}, and a reset when the arena is full (returns 0).
     *
     * @param state the arena.
     * @return the address allocated.
     */
    @Benchmark
    public long arenaAllocate_bumpArena(final BumpState state)
    {
        final BumpArena arena = state.arena;
        long address = arena.allocate(SIZE, ALIGNMENT);
        if (0 == address)
        {
            arena.reset();
            address = arena.allocate(SIZE, ALIGNMENT);
        }
        return address;
    }

    /**
     * {@code layout.retain(block)} and {@code layout.release(block, 64)} on the next block of the ring.
     *
     * @param state the layout and the blocks.
     * @return whether the release freed the block (never).
     */
    @Benchmark
    public boolean retainRelease_rime(final RimeState state)
    {
        final long block = state.live[state.next()];
        state.layout.retain(block);
        return state.layout.release(block, SIZE);
    }

    /**
     * Raw {@code getAndAddInt} of +1 and &minus;1 at offset 0 of the next malloc'ed block: the floor.
     *
     * @param state the blocks (their first int is the count, 0 here: only the traffic matters).
     * @return the count before the second add.
     */
    @Benchmark
    public int retainRelease_unsafe(final MallocState state)
    {
        final long block = state.live[state.next()];
        UNSAFE.getAndAddInt(null, block, 1);
        return UNSAFE.getAndAddInt(null, block, -1);
    }

    /**
     * Netty's {@code retain()} and {@code release()} on the next pooled buffer of the ring.
     *
     * @param state the buffers.
     * @return whether the release freed the buffer (never).
     */
    @Benchmark
    public boolean retainRelease_netty(final NettyState state)
    {
        final ByteBuf buffer = state.live[state.next()];
        buffer.retain();
        return buffer.release();
    }

    /**
     * {@code incrementAndGet()} and {@code decrementAndGet()} on the next heap counter of the ring.
     *
     * @param state the counters.
     * @return the count after the pair.
     */
    @Benchmark
    public int retainRelease_atomicInteger(final AtomicState state)
    {
        final AtomicInteger count = state.live[state.next()];
        count.incrementAndGet();
        return count.decrementAndGet();
    }

    /**
     * {@code Flake.copyOf(source)} and {@code close()} of the oldest live Flake.
     *
     * @param state the ring and the source.
     * @return the new copy's address.
     */
    @Benchmark
    public long copyClose_flake(final FlakeState state)
    {
        final int index = state.next();
        final Flake copy = Flake.copyOf(state.source);
        state.live[index].close();
        state.live[index] = copy;
        return copy.address();
    }

    /**
     * malloc, copy the array in, and free the oldest live copy.
     *
     * @param state the ring.
     * @param heap  the source.
     * @return the new copy's address.
     */
    @Benchmark
    public long copyClose_malloc(final MallocState state, final HeapState heap)
    {
        final int index = state.next();
        final byte[] source = heap.source;
        final long block = UNSAFE.allocateMemory(SIZE);
        UNSAFE.copyMemory(source, ARRAY_BASE_OFFSET, null, block, SIZE);
        UNSAFE.freeMemory(state.live[index]);
        state.live[index] = block;
        return block;
    }

    /**
     * Netty's pooled {@code directBuffer(64).writeBytes(source)}, and release the oldest live copy.
     *
     * @param state the ring.
     * @param heap  the source.
     * @return whether the old buffer was freed.
     */
    @Benchmark
    public boolean copyClose_netty(final NettyState state, final HeapState heap)
    {
        final int index = state.next();
        final ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(SIZE).writeBytes(heap.source);
        final boolean released = state.live[index].release();
        state.live[index] = buffer;
        return released;
    }

    /**
     * {@code ByteBuffer.allocateDirect(64).put(source)}, dropping the oldest live copy for the GC.
     *
     * @param state the ring.
     * @param heap  the source.
     * @return the new buffer.
     */
    @Benchmark
    public ByteBuffer copyClose_allocateDirect(final DirectState state, final HeapState heap)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE);
        buffer.put(heap.source);
        state.live[state.next()] = buffer;
        return buffer;
    }

    /**
     * {@code new byte[64]} and {@code System.arraycopy}, dropping the oldest live copy for the GC.
     *
     * @param state the ring and the source.
     * @return the new copy.
     */
    @Benchmark
    public byte[] copyClose_heap(final HeapState state)
    {
        final byte[] copy = new byte[SIZE];
        System.arraycopy(state.source, 0, copy, 0, SIZE);
        state.live[state.next()] = copy;
        return copy;
    }

    /**
     * {@code MappedArena.append(record, 0, 64)}: frame, copy, commit; a reset when full.
     *
     * @param state the arena and the record.
     * @return the record's offset.
     */
    @Benchmark
    public long append_mappedArena(final MappedState state)
    {
        final MappedArena arena = state.arena;
        long offset = arena.append(state.record, 0, SIZE);
        if (0 == offset)
        {
            arena.reset();
            offset = arena.append(state.record, 0, SIZE);
        }
        return offset;
    }

    /**
     * The raw floor of {@code append}: the frame header (length, type), the copy, and a release
     * store of the committed word (length and CRC) after it; back to 0 when the region is full.
     *
     * @param state the region.
     * @return the record's offset.
     */
    @Benchmark
    public long append_unsafe(final RawAppendState state)
    {
        long frame = state.position;
        final long end = frame + RecordDescriptor.FRAME_HEADER_LENGTH + SIZE;
        if (end > ARENA_CAPACITY)
        {
            frame = 0;
        }
        final long next = frame + RecordDescriptor.FRAME_HEADER_LENGTH + SIZE;
        final long address = state.base + frame;
        UNSAFE.putInt(address + RecordDescriptor.LENGTH_OFFSET, SIZE);
        UNSAFE.putInt(address + RecordDescriptor.TYPE_OFFSET, RecordDescriptor.RECORD_TYPE);
        UNSAFE.copyMemory(state.source, address + RecordDescriptor.FRAME_HEADER_LENGTH, SIZE);
        UNSAFE.putOrderedLong(null, state.committed, MappedArenaDescriptor.committedWord(next));
        state.position = next;
        return frame + RecordDescriptor.FRAME_HEADER_LENGTH;
    }

    /**
     * Nothing but a field read: the cost of taking a sample.
     *
     * @param state the field.
     * @return its value.
     */
    @Benchmark
    public long timer_empty(final Empty state)
    {
        return state.value;
    }
}
