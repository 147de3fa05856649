package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.atomic.AtomicReference;

import static io.hoarfrost.memory.ModelRunner.assertFilled;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/** ConcurrentPool's accounting, thread caches, dead threads, trim and close, without contention. */
public class ConcurrentPoolTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void everyBlockIsPooledOrOutstanding()
    {
        try (ConcurrentPool pool = ConcurrentPool.create(64))
        {
            assertEquals(0, pool.capacity());
            assertEquals(64, pool.magazineBlocks());
            final long[] blocks = new long[1000];
            for (int i = 0; i < blocks.length; i++)
            {
                blocks[i] = pool.allocate();
                assertEquals(i + 1, pool.outstanding());
            }
            assertEquals(pool.capacity(), pool.pooled() + pool.outstanding());
            assertTrue("grown by slabs, not block by block", pool.footprint() < 1100 * 64);
            for (final long block : blocks)
            {
                pool.free(block);
            }
            assertEquals(0, pool.outstanding());
            assertEquals(pool.capacity(), pool.pooled());
        }
    }

    @Test
    public void magazinesAreSmallerForBigBlocks()
    {
        try (ConcurrentPool small = ConcurrentPool.create(1024); ConcurrentPool big = ConcurrentPool.create(1 << 20))
        {
            assertEquals(64, small.magazineBlocks());
            assertEquals(1, big.magazineBlocks());
            big.free(big.allocate());
            assertEquals(1, big.pooled());
        }
    }

    @Test
    public void blocksCachedByADeadThreadAreReclaimed() throws Exception
    {
        try (ConcurrentPool pool = ConcurrentPool.create(32))
        {
            run(() ->
            {
                final long[] blocks = new long[100];
                for (int i = 0; i < blocks.length; i++)
                {
                    blocks[i] = pool.allocate();
                }
                for (final long block : blocks)
                {
                    pool.free(block);
                }
            });
            final long capacity = pool.capacity();
            assertEquals(0, pool.outstanding());
            assertEquals(capacity, pool.pooled());
            final long[] blocks = new long[100];
            for (int i = 0; i < blocks.length; i++)
            {
                blocks[i] = pool.allocate();
            }
            assertEquals("the dead thread's blocks were reused, not new ones", capacity, pool.capacity());
            for (final long block : blocks)
            {
                pool.free(block);
            }
        }
    }

    @Test
    public void shortLivedThreadsDoNotGrowThePool() throws Exception
    {
        try (ConcurrentPool pool = ConcurrentPool.create(64))
        {
            for (int t = 0; t < 40; t++)
            {
                run(() ->
                {
                    final long[] blocks = new long[100];
                    for (int i = 0; i < blocks.length; i++)
                    {
                        blocks[i] = pool.allocate();
                    }
                    for (final long block : blocks)
                    {
                        pool.free(block);
                    }
                });
            }
            assertTrue("bounded by one thread's needs, not forty: " + pool.capacity(),
                pool.capacity() <= 100 + 2 * pool.magazineBlocks() + 64);
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void aBlockFreedOnAnotherThreadIsReused() throws Exception
    {
        try (ConcurrentPool pool = ConcurrentPool.create(16))
        {
            final long block = pool.allocate();
            run(() -> pool.free(block));
            assertEquals(0, pool.outstanding());
            final long capacity = pool.capacity();
            final AtomicReference<Long> reused = new AtomicReference<>();
            run(() -> reused.set(pool.allocate()));
            assertEquals(capacity, pool.capacity());
            assertEquals(1, pool.outstanding());
            pool.free(reused.get());
        }
    }

    @Test
    public void releaseThreadCacheHandsBlocksToOtherThreads() throws Exception
    {
        try (ConcurrentPool pool = ConcurrentPool.create(16))
        {
            final long[] blocks = new long[10];
            for (int i = 0; i < blocks.length; i++)
            {
                blocks[i] = pool.allocate();
            }
            for (final long block : blocks)
            {
                pool.free(block);
            }
            pool.releaseThreadCache();
            final long capacity = pool.capacity();
            run(() ->
            {
                final long[] taken = new long[10];
                for (int i = 0; i < taken.length; i++)
                {
                    taken[i] = pool.allocate();
                }
                for (final long block : taken)
                {
                    pool.free(block);
                }
            });
            assertEquals("the other thread took the released blocks", capacity, pool.capacity());
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void closeFreesTheSlabsAndLaterUseThrows()
    {
        final ConcurrentPool pool = ConcurrentPool.create(16);
        pool.free(pool.allocate());
        pool.close();
        assertTrue(pool.isClosed());
        assertEquals(0, pool.footprint());
        pool.close();
        assertThrows(IllegalStateException.class, pool::allocate);
        assertThrows(IllegalStateException.class, pool::trim);
        pool.releaseThreadCache();   // nothing cached: nothing to do
        assertEquals(0, pool.footprint());
    }

    @Test
    public void trimGivesBackTheSlabsWhoseBlocksAreAllInTheDepot()
    {
        try (ConcurrentPool pool = ConcurrentPool.create(64))
        {
            final long[] blocks = new long[300];
            for (int i = 0; i < blocks.length; i++)
            {
                blocks[i] = pool.allocate();
            }
            final long grown = pool.footprint();
            assertTrue(pool.trim() >= 0);
            assertTrue("blocks out keep their slabs", pool.footprint() > 0);
            final long kept = blocks[blocks.length - 1];
            Memory.fill(kept, 64, (byte)0x3C);
            for (int i = 0; i < blocks.length - 1; i++)
            {
                pool.free(blocks[i]);
            }
            pool.releaseThreadCache();
            final long released = pool.trim();
            assertTrue("released " + released, released > 0);
            assertEquals(grown - released, pool.footprint());
            assertTrue("the slab with a block out stays", pool.footprint() > 0);
            assertFilled(kept, 64, (byte)0x3C, "the block out");
            assertEquals(1, pool.outstanding());
            final long again = pool.allocate();   // the depot's kept blocks are still handed out
            Memory.fill(again, 64, (byte)1);
            pool.free(again);
            pool.free(kept);
            assertTrue("blocks in the caller's cache keep their slab", pool.trim() >= 0);
            pool.releaseThreadCache();
            pool.trim();
            assertEquals(0, pool.footprint());
            assertEquals(0, pool.capacity());
            assertEquals(0, pool.outstanding());
            pool.free(pool.allocate());   // and it grows again
            assertTrue(pool.footprint() > 0);
        }
    }

    @Test
    public void trimReclaimsDeadThreadsCachesButNotLiveOnes() throws Exception
    {
        try (ConcurrentPool pool = ConcurrentPool.create(64))
        {
            run(() -> pool.free(pool.allocate()));   // a dead thread's cache: 64 blocks
            pool.free(pool.allocate());              // this thread's cache
            assertEquals(0, pool.outstanding());
            pool.trim();
            assertTrue("this thread's cache keeps its slab", pool.footprint() > 0);
            pool.releaseThreadCache();
            pool.trim();
            assertEquals(0, pool.footprint());
        }
    }

    @Test
    public void useAfterCloseThrowsOnEveryCallInCheckedMode()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final ConcurrentPool pool = ConcurrentPool.create(16);
        final long block = pool.allocate();
        pool.free(block);
        pool.close();
        assertThat(assertThrows(IllegalStateException.class, () -> pool.free(block)).getMessage(),
            containsString("closed"));
    }

    private static void run(final Runnable task) throws InterruptedException
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                task.run();
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        });
        thread.start();
        thread.join();
        assertNull(failure.get());
    }
}
