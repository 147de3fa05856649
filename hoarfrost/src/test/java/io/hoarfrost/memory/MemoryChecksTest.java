package io.hoarfrost.memory;

import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;
import static org.junit.Assume.assumeTrue;

public class MemoryChecksTest
{
    private static final String THIS_TEST = MemoryChecksTest.class.getSimpleName() + ".java";

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void doubleFreeThrowsNamingAllocationAndFreeSites()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long address = Memory.allocate(32);
        Memory.free(address);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> Memory.free(address));
        assertThat(ex.getMessage(), containsString("double free"));
        assertThat(ex.getMessage(), containsString(Long.toHexString(address)));
        assertThat(ex.getMessage(), containsString("allocated at"));
        assertThat(ex.getMessage(), containsString("freed at"));
        assertThat(ex.getMessage(), containsString(THIS_TEST));
        assertThat(ex.getMessage(), containsString("32 bytes, native"));
        assertThat(ex.getMessage(), containsString("on thread '" + Thread.currentThread().getName() + "'"));
    }

    @Test
    public void leaksAreOldestFirstNotByAddress()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long[] first = new long[16];
        for (int i = 0; i < first.length; i++)
        {
            first[i] = Memory.allocate(24);
        }
        // malloc hands the freed half back to the next allocations: newer blocks at older addresses
        for (int i = 0; i < first.length; i += 2)
        {
            Memory.free(first[i]);
        }
        final List<Long> expected = new ArrayList<>();
        for (int i = 1; i < first.length; i += 2)
        {
            expected.add(first[i]);
        }
        for (int i = 0; i < first.length / 2; i++)
        {
            expected.add(Memory.allocate(24));
        }
        try
        {
            final List<Long> listed = new ArrayList<>();
            long previousSequence = 0;
            for (final TrackedBlock block : MemoryChecks.leaks())
            {
                assertTrue("sorted by sequence", block.sequence() > previousSequence);
                previousSequence = block.sequence();
                if (expected.contains(block.address()))
                {
                    listed.add(block.address());
                }
            }
            assertEquals(expected, listed);
        }
        finally
        {
            for (final long address : expected)
            {
                Memory.free(address);
            }
        }
    }

    @Test
    public void sitesAreMadeOnDemandWithTheRecordedFrames()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long address = Memory.allocate(16);
        final TrackedBlock block = MemoryChecks.leaks().get(MemoryChecks.leaks().size() - 1);
        Memory.free(address);
        assertEquals(address, block.address());
        final Throwable allocated = block.allocationSite();
        assertThat(allocated.getMessage(), containsString("allocated 0x" + Long.toHexString(address)));
        assertThat(allocated.getMessage(), containsString("(16 bytes, native)"));
        assertThat(allocated.getMessage(), containsString("on thread " + Thread.currentThread().getName()));
        assertEquals("sitesAreMadeOnDemandWithTheRecordedFrames", allocated.getStackTrace()[0].getMethodName());
        final Throwable freed = block.freeSite();
        assertThat(freed.getMessage(), containsString("freed 0x" + Long.toHexString(address)));
        assertEquals(MemoryChecksTest.class.getName(), freed.getStackTrace()[0].getClassName());
    }

    @Test
    public void fullSitesKeepTheWholeStackAndCallerSitesOneFrame()
    {
        final TrackedBlock full = new TrackedBlock(0x1000, 8, 8, "test", 1, Site.here(true));
        final StackTraceElement[] stack = full.allocationSite().getStackTrace();
        assertTrue(full.hasFullAllocationStack());
        assertTrue("whole stack: " + stack.length + " frames", stack.length > 10);
        assertTrue("down to JUnit", stack[stack.length - 1].getClassName().startsWith("org.") ||
            containsFrameOf(stack, "org.junit.runners.ParentRunner"));
        assertTrue(containsFrameOf(stack, MemoryChecksTest.class.getName()));
        assertThat(full.describe(), containsString("fullSitesKeepTheWholeStackAndCallerSitesOneFrame"));
        assertThat(full.describe(), containsString(" <- "));
        full.freedHere(false);
        assertTrue("a block allocated with its stack is freed with it", full.freeSite().getStackTrace().length > 10);

        final TrackedBlock caller = new TrackedBlock(0x2000, 8, 8, "test", 2, Site.here(false));
        assertFalse(caller.hasFullAllocationStack());
        assertEquals(1, caller.allocationSite().getStackTrace().length);
        assertEquals(MemoryChecksTest.class.getName(), caller.allocationSite().getStackTrace()[0].getClassName());
    }

    @Test
    public void siteModesParseOrNameTheBadValue()
    {
        assertFalse(MemoryChecks.parseSites(null));
        assertFalse(MemoryChecks.parseSites("caller"));
        assertTrue(MemoryChecks.parseSites("full"));
        assertTrue(MemoryChecks.parseSites(" full "));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> MemoryChecks.parseSites("ful"));
        assertThat(ex.getMessage(), containsString("hoarfrost.checks.sites=ful "));
        assertThat(ex.getMessage(), containsString("caller"));
        assertEquals(0, MemoryChecks.parseFullSiteEvery(null));
        assertEquals(0, MemoryChecks.parseFullSiteEvery("0"));
        assertEquals(1000, MemoryChecks.parseFullSiteEvery("1000"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> MemoryChecks.parseFullSiteEvery("-1")).getMessage(),
            containsString("hoarfrost.checks.fullSiteEvery=-1 "));
        assertThat(assertThrows(IllegalArgumentException.class, () -> MemoryChecks.parseFullSiteEvery("1k")).getMessage(),
            containsString("=1k "));
    }

    @Test
    public void freeOfAnAddressNeverAllocatedThrows()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long address = Memory.allocate(64);
        try
        {
            // an odd address was never the start of a block (malloc returns 16-byte aligned ones)
            final IllegalStateException ex =
                assertThrows(IllegalStateException.class, () -> Memory.free(address + 1));
            assertThat(ex.getMessage(), containsString("never allocated"));
            assertThat(ex.getMessage(), containsString(Long.toHexString(address + 1)));
            assertEquals("the block is still live", 1, countLive(address));
        }
        finally
        {
            Memory.free(address);
        }
    }

    @Test
    public void freeWithTheWrongAlignmentThrowsAndFreesNothing()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long address = Memory.allocate(64, 256);
        try
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> Memory.free(address));
            assertThat(ex.getMessage(), containsString("alignment 256"));
        }
        finally
        {
            Memory.free(address, 256);
        }
    }

    @Test
    public void leaksAreListedWithTheirAllocationSite()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long address = Memory.allocate(48);
        try
        {
            final List<TrackedBlock> leaks = MemoryChecks.leaks();
            TrackedBlock leaked = null;
            for (final TrackedBlock block : leaks)
            {
                if (block.address() == address)
                {
                    leaked = block;
                }
            }
            assertTrue("leak listed", null != leaked);
            assertEquals(48, leaked.size());
            assertNull(leaked.freeSite());
            assertThat(leaked.describe(), containsString(THIS_TEST));
            assertThat(leaked.describe(), containsString("leaksAreListedWithTheirAllocationSite"));
        }
        finally
        {
            Memory.free(address);
        }
        assertEquals(0, countLive(address));
    }

    @Test
    public void freedMemoryIsPoisonedAndFreesAreCounted()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long frees = MemoryChecks.frees();
        // an over-aligned block keeps malloc's own bookkeeping away from the block's first bytes
        final long address = Memory.allocate(256, 64);
        Memory.fill(address, 256, (byte)1);
        Memory.free(address, 64);
        assertEquals(frees + 1, MemoryChecks.frees());
        // the freed block's tail is not reused by malloc's free-list links: it shows the poison
        assertEquals(MemoryChecks.POISON, Memory.getByte(address + 200));
    }

    @Test
    public void withChecksOffNothingIsTracked()
    {
        assumeFalse(MemoryChecks.ENABLED);
        final long address = Memory.allocate(16);
        try
        {
            assertTrue(MemoryChecks.leaks().isEmpty());
            assertEquals(0, MemoryChecks.liveCount());
        }
        finally
        {
            Memory.free(address);
        }
        assertEquals(0, MemoryChecks.frees());
    }

    private static boolean containsFrameOf(final StackTraceElement[] stack, final String className)
    {
        for (final StackTraceElement frame : stack)
        {
            if (frame.getClassName().equals(className))
            {
                return true;
            }
        }
        return false;
    }

    private static int countLive(final long address)
    {
        int count = 0;
        for (final TrackedBlock block : MemoryChecks.leaks())
        {
            count += block.address() == address ? 1 : 0;
        }
        return count;
    }
}
