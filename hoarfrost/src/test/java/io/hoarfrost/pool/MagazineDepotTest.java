package io.hoarfrost.pool;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

/** The depot's versioned Treiber stacks: LIFO, counting, and no magazine held by two threads. */
public class MagazineDepotTest
{
    private static final int THREADS = 4;
    private static final int MAGAZINES = 6;
    private static final int ROUNDS = 200_000;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void stacksAreLastInFirstOut()
    {
        final MagazineDepot depot = new MagazineDepot(4);
        assertNull(depot.pollFull());
        assertNull(depot.pollEmpty());
        final Magazine a = depot.takeEmpty();
        final Magazine b = depot.takeEmpty();
        a.count = 3;
        b.count = 4;
        depot.pushFull(a);
        depot.pushFull(b);
        assertEquals(7, depot.blocks());
        assertSame(b, depot.pollFull());
        assertSame(a, depot.pollFull());
        assertNull(depot.pollFull());
        depot.pushEmpty(a);
        assertSame("an empty magazine is reused before a new one is made", a, depot.takeEmpty());
        assertEquals(2, depot.takeEmpty().id);
    }

    /**
     * Threads pop two magazines and push the first back before the second, on both stacks, which is
     * exactly the ABA pattern (pop A, pop B, push A) racing other threads between reading the head
     * and their CAS. Each holder claims the magazine in a flag array; a second holder would find the
     * flag set. Without the version in the head this fails within a few runs.
     */
    @Test
    public void noMagazineIsEverHeldByTwoThreads() throws Exception
    {
        final MagazineDepot depot = new MagazineDepot(1);
        for (int i = 0; i < MAGAZINES; i++)
        {
            final Magazine magazine = depot.create();
            if (i % 2 == 0)
            {
                depot.pushFull(magazine);
            }
            else
            {
                depot.pushEmpty(magazine);
            }
        }
        final AtomicIntegerArray held = new AtomicIntegerArray(MAGAZINES);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CyclicBarrier start = new CyclicBarrier(THREADS);
        final Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++)
        {
            final boolean full = t % 2 == 0;
            threads[t] = new Thread(() ->
            {
                try
                {
                    start.await();
                    for (int i = 0; i < ROUNDS && null == failure.get(); i++)
                    {
                        final Magazine first = claim(depot, full, held);
                        final Magazine second = claim(depot, full, held);
                        give(depot, full, held, first);
                        give(depot, full, held, second);
                    }
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            });
            threads[t].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertNull(failure.get());
        int count = 0;
        while (null != depot.pollFull())
        {
            count++;
        }
        while (null != depot.pollEmpty())
        {
            count++;
        }
        assertEquals("none lost", MAGAZINES, count);
    }

    private static Magazine claim(final MagazineDepot depot, final boolean full, final AtomicIntegerArray held)
    {
        final Magazine magazine = full ? depot.pollFull() : depot.pollEmpty();
        if (null != magazine && !held.compareAndSet(magazine.id, 0, 1))
        {
            throw new AssertionError("magazine " + magazine.id + " popped by two threads");
        }
        return magazine;
    }

    private static void give(
        final MagazineDepot depot, final boolean full, final AtomicIntegerArray held, final Magazine magazine)
    {
        if (null == magazine)
        {
            return;
        }
        held.set(magazine.id, 0);
        if (full)
        {
            depot.pushFull(magazine);
        }
        else
        {
            depot.pushEmpty(magazine);
        }
    }
}
