package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.memory.TrackedBlock;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * linalloc's BumpArena tests, reproduced, and what is specific to the native bump arena.
 */
public class BumpArenaTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void withCapacity16AllocatingNineAfterEightFailsAndLeavesUsedUnchanged()
    {
        try (BumpArena arena = new BumpArena(16))
        {
            assertNotEquals(0, arena.allocate(8, 1));
            assertEquals(8, arena.used());
            assertEquals(0, arena.allocate(9, 1));
            assertEquals(8, arena.used());
            assertEquals(8, arena.remaining());
            assertNotEquals(0, arena.allocate(8, 1));
            assertEquals(16, arena.used());
        }
    }

    @Test
    public void sizeZeroReturnsTheAlignedCurrentAddressWithoutAdvancing()
    {
        try (BumpArena arena = new BumpArena(64))
        {
            arena.allocate(3, 1);
            final long empty = arena.allocate(0, 8);
            assertEquals(arena.baseAddress() + 8, empty);
            assertEquals(3, arena.used());
            assertEquals(arena.baseAddress() + 8, arena.allocate(8, 8));
        }
    }

    @Test
    public void alignmentOnePacksBytesWithNoPadding()
    {
        try (BumpArena arena = new BumpArena(10))
        {
            for (int i = 0; i < 10; i++)
            {
                assertEquals(arena.baseAddress() + i, arena.allocate(1, 1));
            }
            assertEquals(0, arena.allocate(1, 1));
        }
    }

    @Test
    public void theAlignedEndMayReachTheCapacityExactly()
    {
        try (BumpArena arena = new BumpArena(4096 + 8))
        {
            arena.allocate(1, 1);
            assertEquals(arena.baseAddress() + 4096, arena.allocate(8, 4096));
            assertEquals(4096 + 8, arena.used());
            assertEquals(0, arena.allocate(1, 1));
            assertEquals(arena.baseAddress() + 4096 + 8, arena.allocate(0, 1));
        }
    }

    @Test
    public void alignmentPaddingPastTheCapacityFails()
    {
        try (BumpArena arena = new BumpArena(100))
        {
            arena.allocate(1, 1);
            assertEquals(0, arena.allocate(0, 128));
            assertEquals(1, arena.used());
        }
    }

    @Test
    public void theBaseIsPageAligned()
    {
        try (BumpArena arena = new BumpArena(1))
        {
            assertTrue(Alignment.isAligned(arena.baseAddress(), BumpArena.REGION_ALIGNMENT));
            assertEquals(arena.baseAddress(), arena.allocate(1, 4096));
        }
    }

    @Test
    public void aCapacityZeroArenaRefusesAOneByteAllocation()
    {
        try (BumpArena arena = new BumpArena(0))
        {
            assertEquals(0, arena.capacity());
            assertEquals(0, arena.allocate(1, 1));
            assertEquals(0, arena.used());
        }
    }

    @Test
    public void hugeAllocationsReturnZero()
    {
        try (BumpArena arena = new BumpArena(16))
        {
            assertEquals(0, arena.allocate(Long.MAX_VALUE, 1));
            assertEquals(0, arena.allocate(Long.MAX_VALUE, 4096));
            assertEquals(0, arena.used());
        }
    }

    @Test
    public void aCapacityTheMachineCannotGiveThrowsOutOfMemoryStatingTheSize()
    {
        final long exabyte = 1L << 60;
        assertThat(assertThrows(OutOfMemoryError.class, () -> new BumpArena(exabyte)).getMessage(),
            containsString(String.valueOf(exabyte)));
        assertThat(assertThrows(OutOfMemoryError.class, () -> new BumpArena(Long.MAX_VALUE)).getMessage(),
            containsString(String.valueOf(Long.MAX_VALUE)));
    }

    @Test
    public void aNegativeCapacityIsRefused()
    {
        assertThat(assertThrows(IllegalArgumentException.class, () -> new BumpArena(-5)).getMessage(),
            containsString("-5"));
    }

    @Test
    public void closeZeroesTheFigures()
    {
        final BumpArena arena = new BumpArena(32);
        arena.allocate(8, 8);
        arena.close();
        assertEquals(0, arena.baseAddress());
        assertEquals(0, arena.capacity());
        assertFalse(arena.freesIndividually());
    }

    @Test
    public void theRegionIsTrackedInCheckedModeAndFreedByClose()
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        final BumpArena arena = new BumpArena(128);
        final long base = arena.baseAddress();
        boolean tracked = false;
        for (final TrackedBlock block : MemoryChecks.leaks())
        {
            tracked |= block.address() == base && block.size() == 128;
        }
        assertTrue(tracked);
        arena.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> arena.allocate(1, 1));
        assertThat(ex.getMessage(), containsString("BumpArena used after close"));
        assertThat(ex.getMessage(), containsString("freed at"));
    }
}
