package io.hoarfrost.rc;

import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * A model-based random test of {@link SnapshotCell} under real threads: three readers acquire,
 * hold up to four blocks for a while and release them, while two writers publish, swap,
 * compare-and-set and clear at random. A ledger allocator records every allocation and free, and
 * each block carries the serial number the ledger gave it, so the test sees:
 * <ul>
 *     <li>every block a reader acquired is live, and stays the same block (same serial) until
 *     the reader releases it: no reader ever holds a block whose count reached zero;</li>
 *     <li>every block is freed exactly once (a second free of a live address is reported);</li>
 *     <li>nothing leaks: after the cell is closed and every reader has released, every block
 *     allocated has been freed (and, in checked mode, {@link NoLeaks} agrees).</li>
 * </ul>
 * Run with a 64-bit counter and with an 8-bit one, whose batch of 63 makes readers refill all the
 * time. Bounded by operation counts, not time, and by a join timeout.
 */
@RunWith(Parameterized.class)
public class SnapshotCellModelTest
{
    private static final int DATA = 16;
    private static final int READERS = 3;
    private static final int WRITERS = 2;
    private static final int READS = 300_000;
    private static final int WRITES = 30_000;
    private static final int MAX_HELD = 4;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Parameterized.Parameter
    public Counter counter;

    /**
     * The counters the test runs with.
     *
     * @return a 64-bit and an 8-bit atomic counter.
     */
    @Parameterized.Parameters(name = "{0}")
    public static List<Counter> counters()
    {
        return Arrays.asList(Counter.ATOMIC_U64, Counter.ATOMIC_U8);
    }

    @Test
    public void readersNeverHoldAFreedBlockAndEveryBlockIsFreedOnce() throws Exception
    {
        final Ledger ledger = new Ledger();
        final RimeLayout layout = RimeLayout.of(ledger, counter, 0, 8);
        final SnapshotCell cell = SnapshotCell.onHeap(layout, DATA);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CyclicBarrier start = new CyclicBarrier(READERS + WRITERS);
        final List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < READERS; r++)
        {
            final long seed = 1000 + r;
            threads.add(new Thread(() -> run(start, failure, () -> read(cell, layout, ledger, new Random(seed)))));
        }
        for (int w = 0; w < WRITERS; w++)
        {
            final long seed = 2000 + w;
            threads.add(new Thread(() -> run(start, failure, () -> write(cell, layout, ledger, new Random(seed)))));
        }
        for (final Thread thread : threads)
        {
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue("a thread did not finish in 60 s", !thread.isAlive());
        }
        assertNull("first failure", failure.get());

        cell.close();
        assertNull(ledger.error.get());
        assertEquals("every block allocated was freed", ledger.allocations.get(), ledger.frees.get());
        assertTrue("no block is still live", ledger.live.isEmpty());
        assertTrue("the writers published", ledger.allocations.get() > WRITES);
    }

    private static void read(final SnapshotCell cell, final RimeLayout layout, final Ledger ledger, final Random random)
    {
        final long[] held = new long[MAX_HELD];
        final long[] serials = new long[MAX_HELD];
        int count = 0;
        for (int i = 0; i < READS; i++)
        {
            if (count == MAX_HELD || (count > 0 && random.nextInt(3) == 0))
            {
                final int victim = random.nextInt(count);
                check(layout, ledger, held[victim], serials[victim], "before release");
                layout.release(held[victim], DATA);
                count--;
                held[victim] = held[count];
                serials[victim] = serials[count];
                continue;
            }
            final long block = cell.acquire();
            if (block == SnapshotCell.EMPTY)
            {
                continue;
            }
            final long serial = Memory.getLong(layout.dataAddress(block));
            check(layout, ledger, block, serial, "on acquire");
            held[count] = block;
            serials[count] = serial;
            count++;
        }
        for (int i = 0; i < count; i++)
        {
            check(layout, ledger, held[i], serials[i], "before the last release");
            layout.release(held[i], DATA);
        }
    }

    private static void check(
        final RimeLayout layout, final Ledger ledger, final long block, final long serial, final String when)
    {
        final Long live = ledger.live.get(block);
        if (live == null || live != serial || Memory.getLong(layout.dataAddress(block) + 8) != ~serial)
        {
            throw new AssertionError("a reader holds block 0x" + Long.toHexString(block) + " (serial " + serial +
                ") that is no longer that live block " + when + ": ledger says " + live);
        }
    }

    private static void write(final SnapshotCell cell, final RimeLayout layout, final Ledger ledger, final Random random)
    {
        for (int i = 0; i < WRITES; i++)
        {
            final int op = random.nextInt(10);
            if (op == 0)
            {
                cell.clear();
                continue;
            }
            final long block = publishable(layout, ledger);
            if (op < 5)
            {
                cell.set(block);
            }
            else if (op < 8)
            {
                final long previous = cell.getAndSet(block);
                if (previous != SnapshotCell.EMPTY)
                {
                    layout.release(previous, DATA);
                }
            }
            else
            {
                final long expected = cell.get();
                if (cell.compareAndSet(expected, block))
                {
                    if (expected != SnapshotCell.EMPTY)
                    {
                        layout.release(expected, DATA);
                    }
                }
                else
                {
                    layout.release(block, DATA);
                }
            }
        }
    }

    private static long publishable(final RimeLayout layout, final Ledger ledger)
    {
        final long block = layout.allocate(DATA);
        final long serial = ledger.serialOf(block);
        Memory.putLong(layout.dataAddress(block), serial);
        Memory.putLong(layout.dataAddress(block) + 8, ~serial);
        return block;
    }

    private static void run(final CyclicBarrier start, final AtomicReference<Throwable> failure, final Runnable body)
    {
        try
        {
            start.await();
            body.run();
        }
        catch (final Throwable ex)
        {
            failure.compareAndSet(null, ex);
        }
    }

    /** Native memory with a ledger: the live blocks and their serials, allocations and frees. */
    private static final class Ledger implements Allocator
    {
        final Map<Long, Long> live = new ConcurrentHashMap<>();
        final AtomicLong allocations = new AtomicLong();
        final AtomicLong frees = new AtomicLong();
        final AtomicReference<String> error = new AtomicReference<>();

        @Override
        public long allocate(final long size, final int alignment)
        {
            final long address = NativeAllocator.INSTANCE.allocate(size, alignment);
            live.put(address, allocations.incrementAndGet());
            return address;
        }

        long serialOf(final long block)
        {
            return live.get(block);
        }

        @Override
        public void free(final long address, final long size, final int alignment)
        {
            if (live.remove(address) == null)
            {
                error.compareAndSet(null, "block 0x" + Long.toHexString(address) + " freed twice");
                return;
            }
            frees.incrementAndGet();
            NativeAllocator.INSTANCE.free(address, size, alignment);
        }
    }
}
