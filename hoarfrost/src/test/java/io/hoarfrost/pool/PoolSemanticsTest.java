package io.hoarfrost.pool;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/** refpool's semantics of pooled(), maxPooled(), isFull() and fill(), one by one. */
public class PoolSemanticsTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void startsEmpty()
    {
        try (Pool pool = Pool.create(64, 16))
        {
            assertEquals(0, pool.pooled());
            assertEquals(16, pool.maxPooled());
            assertFalse(pool.isFull());
            assertEquals(0, pool.outstanding());
            assertEquals("no memory until first used", 0, pool.footprint());
        }
    }

    @Test
    public void allocateFromAnEmptyPoolFallsBackAndFreeKeepsTheBlock()
    {
        try (Pool pool = Pool.create(8, 1))
        {
            final long block = pool.allocate();
            assertEquals(0, pool.pooled());
            pool.free(block);
            assertEquals(1, pool.pooled());
            assertTrue(pool.isFull());
            assertEquals("the pooled block is reused", block, pool.allocate());
            assertEquals(0, pool.pooled());
            pool.free(block);
        }
    }

    @Test
    public void freeKeepsBlocksUntilMaxPooledThenGivesMemoryBack()
    {
        try (Pool pool = Pool.create(32, 3))
        {
            final long[] blocks = new long[5];
            for (int i = 0; i < blocks.length; i++)
            {
                blocks[i] = pool.allocate();
            }
            for (int i = 0; i < blocks.length; i++)
            {
                pool.free(blocks[i]);
                assertEquals(Math.min(i + 1, 3), pool.pooled());
            }
            assertTrue(pool.isFull());
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void fillPoolsUpToTheMaximum()
    {
        try (Pool pool = Pool.create(100, 50))
        {
            pool.fill();
            assertEquals(50, pool.pooled());
            assertTrue(pool.isFull());
            pool.fill();
            assertEquals(50, pool.pooled());
            final long block = pool.allocate();
            assertEquals(49, pool.pooled());
            pool.fill();
            assertEquals(50, pool.pooled());
            pool.free(block);
            assertEquals(50, pool.pooled());
        }
    }

    @Test
    public void maxZeroAlwaysReportsZeroPooledAndIsAlwaysFull()
    {
        try (Pool pool = Pool.create(16, 0))
        {
            assertTrue(pool.isFull());
            pool.fill();
            assertEquals(0, pool.pooled());
            final long first = pool.allocate();
            final long second = pool.allocate();
            assertNotEquals(first, second);
            pool.free(first);
            assertEquals(0, pool.pooled());
            assertTrue(pool.isFull());
            pool.free(second);
            assertEquals(0, pool.pooled());
            assertEquals("a pool of max 0 holds no memory", 0, pool.footprint());
        }
    }

    @Test
    public void takingAllPooledBlocksWhileTenThousandAreLiveThenFreeingThemAll()
    {
        try (Pool pool = Pool.create(64, 1024))
        {
            pool.fill();
            assertEquals(1024, pool.pooled());
            final long[] live = new long[10_000];
            for (int i = 0; i < live.length; i++)
            {
                live[i] = pool.allocate();
            }
            assertEquals(0, pool.pooled());
            assertEquals(10_000, pool.outstanding());
            for (final long block : live)
            {
                pool.free(block);
            }
            assertEquals(1024, pool.pooled());
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void freeingLooseBlocksFirstStillLeavesExactlyMaxPooledAllInSlabs()
    {
        try (Pool pool = Pool.create(64, 1024))
        {
            final long[] live = new long[10_000];
            for (int i = 0; i < 1024; i++)
            {
                live[i] = pool.allocate();
            }
            final long slabBytes = pool.footprint();
            for (int i = 1024; i < live.length; i++)
            {
                live[i] = pool.allocate();
            }
            assertTrue("blocks beyond the slabs are loose", pool.footprint() > slabBytes);
            for (int i = live.length - 1; i >= 0; i--)
            {
                pool.free(live[i]);
                assertEquals(Math.min(live.length - i, 1024), pool.pooled());
            }
            assertEquals(1024, pool.pooled());
            assertEquals(0, pool.outstanding());
            assertEquals("slab blocks displaced the pooled loose ones", slabBytes, pool.footprint());
        }
    }

    @Test
    public void reusesTheMostRecentlyFreedBlockFirst()
    {
        try (Pool pool = Pool.create(24, 8))
        {
            final long a = pool.allocate();
            final long b = pool.allocate();
            pool.free(a);
            pool.free(b);
            assertEquals(b, pool.allocate());
            assertEquals(a, pool.allocate());
            pool.free(a);
            pool.free(b);
        }
    }
}
