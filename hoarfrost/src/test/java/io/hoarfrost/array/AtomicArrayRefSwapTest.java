package io.hoarfrost.array;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

/**
 * Two threads swap freshly allocated arrays through one cell a million times in all (one by
 * getAndSet, one by a compareAndSet loop); each frees what it takes out. Every array ever published
 * must be freed exactly once: counted by the id in its label, and in checked mode a double free
 * would throw. The off-heap cell runs the same code with fewer swaps, to keep the suite short.
 */
public class AtomicArrayRefSwapTest
{
    private static final int SWAPS = 1_000_000;
    private static final int OFF_HEAP_SWAPS = 200_000;
    private static final int THREADS = 2;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    @Test
    public void onHeapCellSwappedAMillionTimes() throws InterruptedException
    {
        swap(AtomicArrayRef.onHeap(layout()), SWAPS);
    }

    @Test
    public void offHeapCellSwappedByTwoThreads() throws InterruptedException
    {
        final long record = Memory.allocate(16);
        try
        {
            Memory.putLong(record + 8, AtomicArrayRef.EMPTY);
            swap(AtomicArrayRef.offHeap(layout(), record + 8), OFF_HEAP_SWAPS);
        }
        finally
        {
            Memory.free(record);
        }
    }

    private ArrayLayout layout()
    {
        return ArrayLayout.thin(ElementType.LONG).withLabel(8).withAllocator(bytes);
    }

    private void swap(final AtomicArrayRef cell, final int swaps) throws InterruptedException
    {
        final ArrayLayout layout = cell.layout();
        final AtomicIntegerArray freed = new AtomicIntegerArray(swaps);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final long frees = MemoryChecks.frees();
        final CountDownLatch start = new CountDownLatch(1);
        final Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++)
        {
            final int thread = t;
            threads[t] = new Thread(() ->
            {
                try
                {
                    start.await();
                    for (int id = thread; id < swaps; id += THREADS)
                    {
                        final long block = layout.allocate(1);
                        Memory.putLong(layout.labelAddress(block), id);
                        final long old;
                        if (thread == 0)
                        {
                            old = cell.getAndSet(block);
                        }
                        else
                        {
                            long current;
                            do
                            {
                                current = cell.get();
                            }
                            while (!cell.compareAndSet(current, block));
                            old = current;
                        }
                        if (old != AtomicArrayRef.EMPTY)
                        {
                            freed.incrementAndGet((int)Memory.getLong(layout.labelAddress(old)));
                            layout.free(old);
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "swapper-" + t);
            threads[t].start();
        }
        start.countDown();
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertNull(failure.get());

        final long last = cell.getAndSet(AtomicArrayRef.EMPTY);
        freed.incrementAndGet((int)Memory.getLong(layout.labelAddress(last)));
        layout.free(last);

        for (int id = 0; id < swaps; id++)
        {
            if (freed.get(id) != 1)
            {
                throw new AssertionError("array " + id + " was freed " + freed.get(id) + " times");
            }
        }
        assertEquals(swaps, bytes.allocations());
        if (MemoryChecks.ENABLED)
        {
            assertEquals(swaps, MemoryChecks.frees() - frees);
        }
    }
}
