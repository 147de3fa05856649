package io.hoarfrost.memory;

import org.junit.Rule;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

public class CallSitesTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void theCallerIsTheFirstFrameOutsideHoarfrostEvenInHoarfrostsPackages()
    {
        final StackTraceElement frame = CallSites.caller();
        assertNotNull(frame);
        // this test lives in io.hoarfrost.memory but not in Hoarfrost's jar: it is the caller
        assertEquals(CallSitesTest.class.getName(), frame.getClassName());
        assertEquals("theCallerIsTheFirstFrameOutsideHoarfrostEvenInHoarfrostsPackages", frame.getMethodName());
    }

    @Test
    public void everyWayOfFindingTheCallerAgrees()
    {
        final StackTraceElement walked = CallSites.callerFromWalker();
        final StackTraceElement traced = CallSites.callerFromStackTrace();
        assertEquals(traced.getClassName(), walked.getClassName());
        assertEquals(traced.getMethodName(), walked.getMethodName());
        assertEquals(walked.getLineNumber() + 1, traced.getLineNumber());
    }

    @Test
    public void stackWalkerIsUsedFromJdk9()
    {
        final boolean java8 = System.getProperty("java.specification.version").startsWith("1.");
        assertEquals(java8 ? "Throwable internals" : "StackWalker", CallSites.strategy());
    }

    @Test
    public void framesAreInterned()
    {
        StackTraceElement first = null;
        for (int i = 0; i < 3; i++)
        {
            final StackTraceElement frame = CallSites.caller();
            first = null == first ? frame : first;
            assertSame(first, frame);
        }
    }

    @Test
    public void hoarfrostsOwnClassesAreTheJarsNotTheTestsInTheSamePackages()
    {
        assertTrue(CallSites.isHoarfrost(MemoryChecks.class));
        assertTrue(CallSites.isHoarfrost(Memory.class.getName()));
        assertFalse(CallSites.isHoarfrost(CallSitesTest.class));
        assertFalse(CallSites.isHoarfrost(CallSitesTest.class.getName()));
        assertFalse(CallSites.isHoarfrost(String.class));
        assertFalse(CallSites.isHoarfrost("io.hoarfrost.memory.NoSuchClass"));
    }

    @Test
    public void aBlockAllocatedThroughTheAllocatorNamesTheTestMethodAsItsSite()
    {
        final long address = NativeAllocator.INSTANCE.allocate(16, 8);
        try
        {
            if (MemoryChecks.ENABLED)
            {
                TrackedBlock block = null;
                for (final TrackedBlock live : MemoryChecks.leaks())
                {
                    block = live.address() == address ? live : block;
                }
                assertNotNull(block);
                final StackTraceElement[] site = block.allocationSite().getStackTrace();
                assertEquals(CallSitesTest.class.getName(), site[0].getClassName());
                assertEquals("aBlockAllocatedThroughTheAllocatorNamesTheTestMethodAsItsSite", site[0].getMethodName());
                if (!MemoryChecks.FULL_SITES && 0 == MemoryChecks.FULL_SITE_EVERY)
                {
                    assertEquals(1, site.length);
                }
            }
        }
        finally
        {
            NativeAllocator.INSTANCE.free(address, 16, 8);
        }
    }
}
