package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.hoarfrost.memory.ModelRunner.assertFilled;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * A {@link ConcurrentPool} outlives its blocks: close keeps the slabs with blocks out, those blocks
 * stay valid, and they come back on any thread, the last one freeing the pool's memory.
 */
public class ConcurrentPoolCloseTest
{
    private static final int BLOCK = 64;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    /** A thread that stays alive between tasks. */
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @After
    public void stopTheOtherThread() throws InterruptedException
    {
        other.shutdown();
        assertTrue(other.awaitTermination(1, TimeUnit.MINUTES));
    }

    @Test
    public void closeWithBlocksOutKeepsThemValidAndTheLastFreeGivesEverythingBack()
    {
        final int live = MemoryChecks.liveCount();
        final ConcurrentPool pool = ConcurrentPool.create(BLOCK);
        final long[] blocks = new long[200];
        for (int i = 0; i < blocks.length; i++)
        {
            blocks[i] = pool.allocate();
        }
        for (int i = 3; i < blocks.length; i++)
        {
            pool.free(blocks[i]);
        }
        final long grown = pool.footprint();
        pool.close();
        assertTrue(pool.isClosed());
        assertTrue("the slabs with nothing out are freed", pool.footprint() < grown);
        assertTrue("the slab with blocks out is kept", pool.footprint() > 0);
        assertEquals(3, pool.outstanding());
        assertEquals(0, pool.pooled());
        if (MemoryChecks.ENABLED)
        {
            assertEquals(3, pool.outstandingBlocks().size());
        }
        for (int i = 0; i < 3; i++)
        {
            Memory.fill(blocks[i], BLOCK, (byte)(i + 1));
        }
        for (int i = 0; i < 3; i++)
        {
            assertFilled(blocks[i], BLOCK, (byte)(i + 1), "block " + i);
        }
        assertThat(assertThrows(IllegalStateException.class, pool::allocate).getMessage(), containsString(" is closed"));
        assertThrows(IllegalStateException.class, pool::trim);
        pool.free(blocks[0]);
        pool.free(blocks[1]);
        assertTrue(pool.footprint() > 0);
        assertEquals(1, pool.outstanding());
        pool.free(blocks[2]);
        assertEquals(0, pool.footprint());
        assertEquals(0, pool.capacity());
        assertEquals(0, pool.outstanding());
        assertEquals(live, MemoryChecks.liveCount());
        assertThrows("a block that was not out at close", IllegalStateException.class, () -> pool.free(blocks[2]));
        pool.close();
    }

    @Test
    public void aBlockFreedOnAnotherThreadAfterCloseFreesTheLastSlab() throws Exception
    {
        final int live = MemoryChecks.liveCount();
        final ConcurrentPool pool = ConcurrentPool.create(BLOCK);
        final long block = pool.allocate();
        Memory.fill(block, BLOCK, (byte)0x77);
        pool.close();
        assertEquals(1, pool.outstanding());
        assertTrue(pool.footprint() > 0);
        on(other, () ->
        {
            assertFilled(block, BLOCK, (byte)0x77, "the block out at close");
            pool.free(block);
            return null;
        });
        assertEquals(0, pool.footprint());
        assertEquals(0, pool.outstanding());
        assertEquals(live, MemoryChecks.liveCount());
    }

    @Test
    public void anotherLiveThreadsCacheComesBackWithItsNextFree() throws Exception
    {
        final ConcurrentPool pool = ConcurrentPool.create(BLOCK);
        final long block = on(other, pool::allocate);   // the other thread caches the rest of a magazine
        pool.close();
        assertEquals("blocks in a live thread's cache are not back yet", pool.magazineBlocks(), pool.outstanding());
        assertTrue(pool.footprint() > 0);
        Memory.fill(block, BLOCK, (byte)9);
        on(other, () ->
        {
            assertThrows(IllegalStateException.class, pool::allocate);   // which also hands its cache back
            return null;
        });
        assertEquals(1, pool.outstanding());
        pool.free(block);
        assertEquals(0, pool.footprint());
    }

    @Test
    public void aLiveThreadHandsItsCacheBackWithReleaseThreadCacheAfterClose() throws Exception
    {
        final ConcurrentPool pool = ConcurrentPool.create(BLOCK);
        final long block = on(other, pool::allocate);
        pool.free(block);   // this thread's cache
        pool.close();
        assertTrue(pool.footprint() > 0);
        on(other, () ->
        {
            pool.releaseThreadCache();
            return null;
        });
        assertEquals(0, pool.footprint());
        assertEquals(0, pool.outstanding());
    }

    @Test
    public void aDeadThreadsCacheIsFreeAtClose() throws Exception
    {
        final ConcurrentPool pool = ConcurrentPool.create(BLOCK);
        final Thread thread = new Thread(() -> pool.free(pool.allocate()));
        thread.start();
        thread.join();
        pool.close();
        assertEquals(0, pool.footprint());
    }

    @Test
    public void freesRacingCloseAreEachCountedOnceAndTheLastFreesEverything() throws Exception
    {
        for (int round = 0; round < 200; round++)
        {
            final int live = MemoryChecks.liveCount();
            final ConcurrentPool pool = ConcurrentPool.create(BLOCK);
            final long[] blocks = new long[100];
            for (int i = 0; i < blocks.length; i++)
            {
                blocks[i] = pool.allocate();
                Memory.fill(blocks[i], BLOCK, (byte)i);
            }
            pool.releaseThreadCache();
            final Future<?> freeing = other.submit(() ->
            {
                for (int i = 0; i < blocks.length; i++)
                {
                    assertFilled(blocks[i], BLOCK, (byte)i, "block " + i);
                    pool.free(blocks[i]);
                }
                pool.releaseThreadCache();
            });
            pool.close();
            freeing.get();
            assertEquals("round " + round, 0, pool.outstanding());
            assertEquals("round " + round, 0, pool.footprint());
            assertEquals(live, MemoryChecks.liveCount());
        }
    }

    private static <T> T on(final ExecutorService thread, final Callable<T> task) throws Exception
    {
        return thread.submit(task).get();
    }
}
