package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import static io.hoarfrost.memory.ModelRunner.assertFilled;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Where a pool's memory comes from and when it goes back: slabs, loose blocks, trim and close. */
public class PoolMemoryTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void blocksComeFromAFewSlabsWithNoMemoryPerBlockBeyondTheBlock()
    {
        try (Pool pool = Pool.create(64, 1024))
        {
            final long nativeBefore = MemoryChecks.allocations();
            pool.fill();
            assertTrue("1024 blocks in a handful of slabs", pool.slabCount() <= 6);
            final long headers = pool.slabCount() * (long)Pool.DEFAULT_ALIGNMENT;
            assertEquals("1024 x 64 bytes plus one word per slab", 1024 * 64 + headers, pool.footprint());
            if (MemoryChecks.ENABLED)
            {
                assertEquals(pool.slabCount(), MemoryChecks.allocations() - nativeBefore);
            }
        }
    }

    @Test
    public void adjacentBlocksArePackedAtTheStride()
    {
        try (Pool packed = Pool.create(13, 4, 1); Pool aligned = Pool.create(13, 4, 16))
        {
            final long a = packed.allocate();
            final long b = packed.allocate();
            assertEquals(13, Math.abs(b - a));
            final long c = aligned.allocate();
            final long d = aligned.allocate();
            assertEquals(16, Math.abs(d - c));
            assertEquals(0, c % 16);
            assertEquals(0, d % 16);
            packed.free(a);
            packed.free(b);
            aligned.free(c);
            aligned.free(d);
        }
    }

    @Test
    public void smallBlocksStillHoldTheFreeListLink()
    {
        try (Pool pool = Pool.create(1, 4, 1))
        {
            final long a = pool.allocate();
            final long b = pool.allocate();
            assertEquals("a block of 1 byte is spaced to hold the 8-byte link", 8, Math.abs(b - a));
            pool.free(a);
            pool.free(b);
            assertEquals(b, pool.allocate());
            assertEquals(a, pool.allocate());
            pool.free(a);
            pool.free(b);
        }
    }

    @Test
    public void trimGivesBackEveryFreeSlabAndLooseBlock()
    {
        try (Pool pool = Pool.create(64, 256))
        {
            final long[] blocks = new long[300];
            for (int i = 0; i < blocks.length; i++)
            {
                blocks[i] = pool.allocate();
            }
            for (final long block : blocks)
            {
                pool.free(block);
            }
            assertEquals(256, pool.pooled());
            final long footprint = pool.footprint();
            assertEquals(footprint, pool.trim());
            assertEquals(0, pool.pooled());
            assertEquals(0, pool.footprint());
            assertEquals(0, pool.slabCount());
            assertEquals("a trimmed pool works as new", 0, pool.trim());
            pool.free(pool.allocate());
            assertEquals(1, pool.pooled());
        }
    }

    @Test
    public void trimKeepsSlabsWithBlocksOutAndTheirPooledBlocks()
    {
        try (Pool pool = Pool.create(1024, 64))
        {
            pool.fill();
            final int slabs = pool.slabCount();
            assertTrue("1 KiB blocks: several slabs", slabs > 1);
            final long held = pool.allocate();
            final long footprint = pool.footprint();
            final long released = pool.trim();
            assertEquals("only the slab of the block out stays", 1, pool.slabCount());
            assertEquals(footprint - released, pool.footprint());
            assertEquals("its other blocks stay pooled", pool.footprint() - Pool.DEFAULT_ALIGNMENT,
                (pool.pooled() + 1) * 1024L);
            pool.free(held);
            assertEquals(pool.footprint(), pool.trim());
            assertEquals(0, pool.footprint());
        }
    }

    @Test
    public void closeFreesEverythingAndLaterUseThrowsInEveryMode()
    {
        final Pool pool = Pool.create(64, 2);
        final long a = pool.allocate();
        final long b = pool.allocate();
        final long c = pool.allocate();
        pool.free(a);
        pool.free(b);
        pool.free(c);
        pool.close();
        assertTrue(pool.isClosed());
        assertEquals(0, pool.footprint());
        pool.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, pool::allocate);
        assertThat(ex.getMessage(), containsString("closed"));
        assertThrows(IllegalStateException.class, pool::fill);
        assertThrows(IllegalStateException.class, pool::trim);
    }

    @Test
    public void closeKeepsOnlyTheSlabsWithBlocksOutAndTheLastBlockBackFreesEach()
    {
        final Pool pool = Pool.create(64, 200);
        final long[] blocks = new long[130];
        for (int i = 0; i < blocks.length; i++)
        {
            blocks[i] = pool.allocate();
        }
        assertEquals(3, pool.slabCount());
        final long perSlab = PoolLayout.MIN_SLAB_BYTES / 64;
        for (int i = 0; i < blocks.length - 3; i++)
        {
            pool.free(blocks[i]);   // the first slab all back, the second all but one
        }
        final long before = pool.footprint();
        pool.close();
        assertTrue(pool.isClosed());
        assertEquals("the slab with nothing out is freed", 2, pool.slabCount());
        assertTrue(pool.footprint() < before);
        assertEquals(3, pool.outstanding());
        assertEquals(0, pool.pooled());
        for (int i = blocks.length - 3; i < blocks.length; i++)
        {
            Memory.fill(blocks[i], 64, (byte)i);
        }
        for (int i = blocks.length - 3; i < blocks.length; i++)
        {
            assertFilled(blocks[i], 64, (byte)i, "block " + i);
        }
        assertThrows(IllegalStateException.class, pool::allocate);
        assertEquals(2 * perSlab + 2, blocks.length);
        pool.free(blocks[128]);
        assertEquals("the third slab has one more out", 2, pool.slabCount());
        pool.free(blocks[129]);
        assertEquals("its last block back frees it", 1, pool.slabCount());
        assertFilled(blocks[127], 64, (byte)127, "block 127");
        pool.free(blocks[127]);
        assertEquals(0, pool.slabCount());
        assertEquals(0, pool.footprint());
        assertEquals(0, pool.outstanding());
        assertThrows(IllegalStateException.class, () -> pool.free(blocks[127]));
    }

    @Test
    public void closeFreesPooledLooseBlocksAndKeepsLooseBlocksOutUntilFreed()
    {
        final int live = MemoryChecks.liveCount();
        final Pool pool = Pool.create(64, 1);
        final long slabBlock = pool.allocate();
        final long looseBlock = pool.allocate();
        pool.free(pool.allocate());   // a pooled loose block
        final long before = pool.footprint();
        pool.close();
        assertTrue("the pooled loose block is freed", pool.footprint() < before);
        assertEquals(2, pool.outstanding());
        if (MemoryChecks.ENABLED)
        {
            assertEquals(2, pool.outstandingBlocks().size());
            final String name = pool.toString().substring(0, pool.toString().indexOf('{'));
            assertThat(pool.outstandingBlocks().get(0).describe(), containsString(name + " block"));
        }
        Memory.fill(looseBlock, 64, (byte)3);
        Memory.fill(slabBlock, 64, (byte)4);
        assertFilled(looseBlock, 64, (byte)3, "loose");
        assertFilled(slabBlock, 64, (byte)4, "slab");
        final long withLoose = pool.footprint();
        pool.free(looseBlock);
        assertTrue("the loose block is freed", pool.footprint() < withLoose);
        assertEquals(1, pool.slabCount());
        pool.free(slabBlock);
        assertEquals(0, pool.footprint());
        assertEquals(0, pool.outstanding());
        assertEquals(live, MemoryChecks.liveCount());
    }
}
