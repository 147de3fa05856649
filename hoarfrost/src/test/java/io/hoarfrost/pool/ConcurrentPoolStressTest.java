package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

/**
 * 2 and 4 threads in a ring, each allocating 1,000,000 blocks (100,000 in checked mode) and
 * handing every one to the next thread, which checks the tag written into it and frees it: every
 * block is allocated on one thread and freed on another. A block handed out twice at once would
 * have its tag overwritten (and, in checked mode, fails its tracking: "address handed out twice").
 * Afterwards every block is back in the pool. The ring runs again while another thread trims the
 * pool over and over: trim must never free a slab under a block that is out or cached.
 */
@RunWith(Parameterized.class)
public class ConcurrentPoolStressTest
{
    /**
     * Per thread. Checked mode records two stack traces per block (several microseconds a round
     * trip), so it runs a tenth of the operations to keep the suite short; its tracking still turns
     * any block handed out twice into a failure.
     */
    private static final int OPERATIONS = MemoryChecks.ENABLED ? 100_000 : 1_000_000;
    private static final int BATCH = 100;
    private static final int QUEUE_BATCHES = 16;
    private static final int TAG_OFFSET = 0;
    private static final int CHECK_OFFSET = 8;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Parameterized.Parameter
    public int threads;

    @Parameterized.Parameters(name = "{0} threads")
    public static List<Object[]> threadCounts()
    {
        return Arrays.asList(new Object[][]{ { 2 }, { 4 } });
    }

    @Test
    public void blocksHandedAcrossThreadsAreNeverLostNorHandedOutTwice() throws Exception
    {
        try (ConcurrentPool pool = ConcurrentPool.create(24))
        {
            ring(pool);
            assertEquals("every block is back", 0, pool.outstanding());
            assertEquals(pool.capacity(), pool.pooled());
        }
    }

    @Test
    public void trimsRacingTheRingNeverFreeASlabUnderABlock() throws Exception
    {
        try (ConcurrentPool pool = ConcurrentPool.create(24))
        {
            final AtomicBoolean done = new AtomicBoolean();
            final AtomicReference<Throwable> trimFailure = new AtomicReference<>();
            final Thread trimmer = new Thread(() ->
            {
                try
                {
                    while (!done.get())
                    {
                        pool.trim();
                        Thread.yield();
                    }
                }
                catch (final Throwable ex)
                {
                    trimFailure.set(ex);
                }
            }, "pool-stress-trimmer");
            trimmer.start();
            try
            {
                ring(pool);
            }
            finally
            {
                done.set(true);
                trimmer.join();
            }
            assertNull(trimFailure.get());
            assertEquals("every block is back", 0, pool.outstanding());
            pool.trim();
            assertEquals("the ring's threads are dead: trim gives everything back", 0, pool.footprint());
        }
    }

    /** Runs the ring of {@link #threads} workers to the end; fails if a block was handed out twice. */
    private void ring(final ConcurrentPool pool) throws Exception
    {
        final List<ArrayBlockingQueue<long[]>> inboxes = new ArrayList<>();
        for (int i = 0; i < threads; i++)
        {
            inboxes.add(new ArrayBlockingQueue<>(QUEUE_BATCHES));
        }
        final CyclicBarrier start = new CyclicBarrier(threads);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            final int index = i;
            workers[i] = new Thread(() ->
            {
                try
                {
                    start.await();
                    work(pool, index, inboxes.get(index), inboxes.get((index + 1) % threads), failure);
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "pool-stress-" + i);
            workers[i].start();
        }
        for (final Thread worker : workers)
        {
            worker.join();
        }
        assertNull(failure.get());
    }

    private static void work(
        final ConcurrentPool pool,
        final int index,
        final ArrayBlockingQueue<long[]> inbox,
        final ArrayBlockingQueue<long[]> outbox,
        final AtomicReference<Throwable> failure)
    {
        int produced = 0;
        int consumed = 0;
        while ((produced < OPERATIONS || consumed < OPERATIONS) && null == failure.get())
        {
            if (produced < OPERATIONS)
            {
                final long[] batch = new long[BATCH * 2];
                for (int i = 0; i < BATCH; i++)
                {
                    final long block = pool.allocate();
                    final long tag = ((long)index << 40) | (produced + i);
                    Memory.putLong(block + TAG_OFFSET, tag);
                    Memory.putLong(block + CHECK_OFFSET, ~tag);
                    batch[2 * i] = block;
                    batch[2 * i + 1] = tag;
                }
                produced += BATCH;
                while (!outbox.offer(batch) && null == failure.get())
                {
                    consumed += drain(pool, inbox);
                    Thread.yield();
                }
            }
            final int drained = drain(pool, inbox);
            consumed += drained;
            if (produced == OPERATIONS && drained == 0)
            {
                Thread.yield();
            }
        }
    }

    private static int drain(final ConcurrentPool pool, final ArrayBlockingQueue<long[]> inbox)
    {
        int consumed = 0;
        long[] batch;
        while (null != (batch = inbox.poll()))
        {
            for (int i = 0; i < BATCH; i++)
            {
                final long block = batch[2 * i];
                final long tag = batch[2 * i + 1];
                if (Memory.getLong(block + TAG_OFFSET) != tag || Memory.getLong(block + CHECK_OFFSET) != ~tag)
                {
                    throw new AssertionError("block 0x" + Long.toHexString(block) + " was overwritten: handed out twice");
                }
                pool.free(block);
            }
            consumed += BATCH;
        }
        return consumed;
    }
}
