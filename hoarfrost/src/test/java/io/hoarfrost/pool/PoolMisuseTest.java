package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assume.assumeTrue;

/** Bad arguments in every mode; double free, foreign blocks and a second thread in checked mode. */
public class PoolMisuseTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void rejectsBadBlockSizesNamingTheLimit()
    {
        for (final int size : new int[]{ 0, -1, Pool.MAX_BLOCK_SIZE + 1 })
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> Pool.create(size, 1));
            assertThat(ex.getMessage(), containsString("block size " + size));
            assertThat(ex.getMessage(), containsString(String.valueOf(Pool.MAX_BLOCK_SIZE)));
            assertThrows(IllegalArgumentException.class, () -> ConcurrentPool.create(size));
        }
        Pool.create(Pool.MAX_BLOCK_SIZE, 0).close();
    }

    @Test
    public void rejectsNegativeMaxPooledAndBadAlignments()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Pool.create(8, -1));
        assertThat(ex.getMessage(), containsString("max pooled -1"));
        assertThrows(IllegalArgumentException.class, () -> Pool.create(8, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> Pool.create(8, 1, 8192));
        assertThrows(IllegalArgumentException.class, () -> ConcurrentPool.create(8, 0));
    }

    @Test
    public void allocatorRequestsMustFitABlock()
    {
        try (Pool pool = Pool.create(48, 4))
        {
            final IllegalArgumentException size =
                assertThrows(IllegalArgumentException.class, () -> pool.allocate(49, 8));
            assertThat(size.getMessage(), containsString("size 49"));
            assertThat(size.getMessage(), containsString("block size 48"));
            final IllegalArgumentException alignment =
                assertThrows(IllegalArgumentException.class, () -> pool.allocate(16, 16));
            assertThat(alignment.getMessage(), containsString("alignment 16"));
            assertThat(alignment.getMessage(), containsString("alignment 8"));
            assertThrows(IllegalArgumentException.class, () -> pool.allocate(0, 8));
            assertEquals("nothing was taken", 0, pool.outstanding());
            final long block = pool.allocate(48, 4);
            pool.free(block, 48, 4);
            assertEquals(1, pool.pooled());
        }
    }

    @Test
    public void freeOfZeroThrowsInEveryMode()
    {
        try (Pool pool = Pool.create(8, 1))
        {
            assertThrows(IllegalArgumentException.class, () -> pool.free(0));
        }
    }

    @Test
    public void doubleFreeThrowsAndLeavesThePoolUnchanged()
    {
        assumeTrue(MemoryChecks.ENABLED);
        try (Pool pool = Pool.create(64, 4))
        {
            final long block = pool.allocate();
            pool.free(block);
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> pool.free(block));
            assertThat(ex.getMessage(), containsString("double free"));
            assertThat(ex.getMessage(), containsString("freed at"));
            assertEquals(1, pool.pooled());
            assertEquals(block, pool.allocate());
            assertEquals(0, pool.pooled());
            pool.free(block);
        }
    }

    @Test
    public void freeOfAForeignAddressThrowsAndLeavesThePoolUnchanged()
    {
        assumeTrue(MemoryChecks.ENABLED);
        try (Pool pool = Pool.create(64, 4); Pool other = Pool.create(64, 4))
        {
            final long mine = pool.allocate();
            final long theirs = other.allocate();
            final long nativeBlock = Memory.allocate(64);
            try
            {
                assertThat(assertThrows(IllegalStateException.class, () -> pool.free(theirs)).getMessage(),
                    containsString("must be freed as " + other.toString().substring(0, other.toString().indexOf('{'))));
                assertThrows(IllegalStateException.class, () -> pool.free(nativeBlock));
                assertThat(assertThrows(IllegalStateException.class, () -> pool.free(mine + 1)).getMessage(),
                    containsString("never allocated"));
                assertEquals(0, pool.pooled());
                assertEquals(1, pool.outstanding());
            }
            finally
            {
                Memory.free(nativeBlock);
                other.free(theirs);
                pool.free(mine);
            }
        }
    }

    @Test
    public void useFromASecondThreadThrowsNamingBothThreads() throws Exception
    {
        assumeTrue(MemoryChecks.ENABLED);
        try (Pool pool = Pool.create(32, 4))
        {
            final long block = pool.allocate();
            final AtomicReference<Throwable> allocateFailure = new AtomicReference<>();
            final AtomicReference<Throwable> freeFailure = new AtomicReference<>();
            final Thread intruder = new Thread(() ->
            {
                try
                {
                    pool.allocate();
                }
                catch (final Throwable ex)
                {
                    allocateFailure.set(ex);
                }
                try
                {
                    pool.free(block);
                }
                catch (final Throwable ex)
                {
                    freeFailure.set(ex);
                }
            }, "intruder");
            intruder.start();
            intruder.join();
            for (final Throwable failure : new Throwable[]{ allocateFailure.get(), freeFailure.get() })
            {
                assertEquals(IllegalStateException.class, failure.getClass());
                assertThat(failure.getMessage(), containsString("'" + Thread.currentThread().getName() + "'"));
                assertThat(failure.getMessage(), containsString("'intruder'"));
            }
            assertEquals("the block is still out", 1, pool.outstanding());
            pool.free(block);
        }
    }
}
