package io.hoarfrost.pool;

import io.hoarfrost.box.Flake;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.Rime;
import io.hoarfrost.rc.RimeLayout;
import org.junit.Rule;
import org.junit.Test;

import java.util.HashSet;
import java.util.Set;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * What every {@link BlockPool} does, run against each implementation: distinct aligned blocks,
 * reuse, accounting, placement of Flake and Rime, and checked-mode misuse detection.
 */
public abstract class BlockPoolContractTest
{
    static final int BLOCK_SIZE = 48;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    /** A new, empty pool of {@code blockSize}-byte blocks at alignment 8. */
    abstract BlockPool newPool(int blockSize);

    @Test
    public void blocksAreDistinctAlignedAndDoNotOverlap()
    {
        try (BlockPool pool = newPool(BLOCK_SIZE))
        {
            final long[] blocks = new long[500];
            final Set<Long> distinct = new HashSet<>();
            for (int i = 0; i < blocks.length; i++)
            {
                blocks[i] = pool.allocate();
                assertTrue(distinct.add(blocks[i]));
                assertEquals(0, blocks[i] % pool.alignment());
                Memory.fill(blocks[i], BLOCK_SIZE, (byte)i);
            }
            assertEquals(blocks.length, pool.outstanding());
            for (int i = 0; i < blocks.length; i++)
            {
                assertEquals((byte)i, Memory.getByte(blocks[i]));
                assertEquals((byte)i, Memory.getByte(blocks[i] + BLOCK_SIZE - 1));
                pool.free(blocks[i]);
            }
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void aFreedBlockIsReused()
    {
        try (BlockPool pool = newPool(BLOCK_SIZE))
        {
            final long block = pool.allocate();
            pool.free(block);
            assertEquals(block, pool.allocate());
            pool.free(block);
        }
    }

    @Test
    public void aFlakeLivesInAPool()
    {
        try (BlockPool pool = newPool(BLOCK_SIZE))
        {
            try (Flake flake = Flake.copyOf(pool, new byte[]{ 1, 2, 3 }))
            {
                assertEquals(1, pool.outstanding());
                assertArrayEquals(new byte[]{ 1, 2, 3 }, flake.toByteArray());
            }
            assertEquals(0, pool.outstanding());
            assertThrows(IllegalArgumentException.class, () -> Flake.copyOf(pool, new byte[BLOCK_SIZE + 1]));
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void aRimeLivesInAPoolAndItsLastReleaseReturnsTheBlock()
    {
        try (BlockPool pool = newPool(BLOCK_SIZE))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.ATOMIC_U32, 8, 8);
            final Rime rime = Rime.copyOf(layout, "pooled");
            final Rime clone = rime.retain();
            assertEquals("pooled", clone.dataAsString());
            rime.release();
            assertEquals(1, pool.outstanding());
            final long block = clone.block();
            clone.release();
            assertEquals(0, pool.outstanding());
            if (MemoryChecks.ENABLED)
            {
                final IllegalStateException ex =
                    assertThrows(IllegalStateException.class, () -> layout.refCount(block));
                assertThat(ex.getMessage(), containsString("use after free"));
            }
        }
    }

    @Test
    public void aBoxReturnsItsBlockOnClose()
    {
        try (BlockPool pool = newPool(BLOCK_SIZE))
        {
            final long address;
            try (PoolBox box = PoolBox.allocate(pool, BlockInitialiser.ZEROED))
            {
                address = box.address();
                assertEquals(BLOCK_SIZE, box.length());
                box.buffer().putLong(0, 99L);
                assertEquals(99L, Memory.getLong(address));
                assertEquals(1, pool.outstanding());
            }
            assertEquals(0, pool.outstanding());
            assertEquals(address, pool.allocate());
            pool.free(address);
        }
    }

    @Test
    public void doubleFreeAndForeignBlocksThrowInCheckedMode()
    {
        assumeTrue(MemoryChecks.ENABLED);
        try (BlockPool pool = newPool(BLOCK_SIZE); BlockPool other = newPool(BLOCK_SIZE))
        {
            final long block = pool.allocate();
            final long foreign = other.allocate();
            pool.free(block);
            assertThat(assertThrows(IllegalStateException.class, () -> pool.free(block)).getMessage(),
                containsString("double free"));
            assertThrows(IllegalStateException.class, () -> pool.free(foreign));
            assertEquals(0, pool.outstanding());
            other.free(foreign);
        }
    }

    @Test
    public void closeWithBlocksOutKeepsThemValidUntilTheyComeBack()
    {
        final int live = MemoryChecks.liveCount();
        final BlockPool pool = newPool(BLOCK_SIZE);
        final long a = pool.allocate();
        final long b = pool.allocate();
        pool.free(pool.allocate());
        pool.close();
        assertEquals("still out", 2, pool.outstanding());
        if (MemoryChecks.ENABLED)
        {
            assertEquals("reported with their allocation sites", 2, pool.outstandingBlocks().size());
        }
        Memory.fill(a, BLOCK_SIZE, (byte)0x5A);
        Memory.fill(b, BLOCK_SIZE, (byte)0xA5);
        for (int i = 0; i < BLOCK_SIZE; i++)
        {
            assertEquals((byte)0x5A, Memory.getByte(a + i));
            assertEquals((byte)0xA5, Memory.getByte(b + i));
        }
        final IllegalStateException ex = assertThrows(IllegalStateException.class, pool::allocate);
        assertThat(ex.getMessage(), containsString(pool.toString().substring(0, pool.toString().indexOf('{')) + " is closed"));
        pool.free(a);
        assertEquals(1, pool.outstanding());
        pool.free(b);
        assertEquals(0, pool.outstanding());
        assertEquals("every block back", live, MemoryChecks.liveCount());
        assertThat(assertThrows(IllegalStateException.class, () -> pool.free(a)).getMessage(), containsString("closed"));
        pool.close();
    }
}
