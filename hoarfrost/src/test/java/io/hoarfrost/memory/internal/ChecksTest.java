package io.hoarfrost.memory.internal;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;
import static org.junit.Assume.assumeTrue;

public class ChecksTest
{
    private static final String THIS_TEST = ChecksTest.class.getSimpleName() + ".java";

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void useAfterFreeThroughAHandleThrowsWithTheAllocationSite()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long address = Memory.allocate(16);
        Checks.checkLive(address, "handle");
        Memory.free(address);
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> Checks.checkLive(address, "handle"));
        assertThat(ex.getMessage(), containsString("use after free: handle"));
        assertThat(ex.getMessage(), containsString(THIS_TEST));
        assertThat(ex.getMessage(), containsString("freed at"));
    }

    @Test
    public void confinementNamesBothThreads() throws Exception
    {
        assumeTrue(MemoryChecks.ENABLED);
        final Thread owner = Checks.ownerForNewObject();
        Checks.checkOwner(owner, "arena");
        final Throwable[] thrown = new Throwable[1];
        final Thread other = new Thread(() ->
        {
            try
            {
                Checks.checkOwner(owner, "arena");
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
    public void trackedBlocksAreLiveUntilUntrackedAndADoubleUntrackThrows()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final long address = Memory.allocate(64);
        try
        {
            Checks.track(address + 8, 16, "test block");
            Checks.checkLive(address + 8, "test handle");
            assertEquals(16, Checks.untrack(address + 8, "test block"));
            assertThrows(IllegalStateException.class, () -> Checks.checkLive(address + 8, "test handle"));
            final IllegalStateException ex =
                assertThrows(IllegalStateException.class, () -> Checks.untrack(address + 8, "test block"));
            assertThat(ex.getMessage(), containsString("double free"));
        }
        finally
        {
            Memory.free(address);
        }
    }

    @Test
    public void withChecksOffTheHooksDoNothing()
    {
        assumeFalse(MemoryChecks.ENABLED);
        final long address = Memory.allocate(16);
        try
        {
            Checks.track(address, 16, "unchecked block");
            Checks.checkLive(address + 1, "unchecked handle");
            assertNull(Checks.ownerForNewObject());
            Checks.checkOwner(null, "unchecked arena");
            assertEquals(-1, Checks.untrack(address, "unchecked block"));
            assertEquals(0, MemoryChecks.liveCount());
        }
        finally
        {
            Memory.free(address);
        }
    }
}
