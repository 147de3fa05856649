package io.hoarfrost.memory;

import org.junit.Rule;
import org.junit.Test;

import java.util.List;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
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
    public void useAfterFreeThroughAHandleThrowsWithTheAllocationSite()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long address = Memory.allocate(16);
        MemoryChecks.checkLive(address, "handle");
        Memory.free(address);
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> MemoryChecks.checkLive(address, "handle"));
        assertThat(ex.getMessage(), containsString("use after free: handle"));
        assertThat(ex.getMessage(), containsString(THIS_TEST));
        assertThat(ex.getMessage(), containsString("freed at"));
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
    public void confinementNamesBothThreads() throws Exception
    {
        assumeTrue(MemoryChecks.ENABLED);
        final Thread owner = MemoryChecks.ownerForNewObject();
        MemoryChecks.checkOwner(owner, "arena");
        final Throwable[] thrown = new Throwable[1];
        final Thread other = new Thread(() ->
        {
            try
            {
                MemoryChecks.checkOwner(owner, "arena");
            }
            catch (final Throwable ex)
            {
                thrown[0] = ex;
            }
        }, "intruder");
        other.start();
        other.join();
        assertTrue(thrown[0] instanceof IllegalStateException);
        assertThat(thrown[0].getMessage(), containsString("'" + Thread.currentThread().getName() + "'"));
        assertThat(thrown[0].getMessage(), containsString("'intruder'"));
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
            MemoryChecks.checkLive(address + 1, "unchecked handle");
            assertNull(MemoryChecks.ownerForNewObject());
            MemoryChecks.checkOwner(null, "unchecked arena");
        }
        finally
        {
            Memory.free(address);
        }
        assertEquals(0, MemoryChecks.frees());
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
