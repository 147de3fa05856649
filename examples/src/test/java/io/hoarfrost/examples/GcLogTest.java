package io.hoarfrost.examples;

import org.junit.Test;

import java.util.Arrays;

import static org.junit.Assert.assertEquals;

/** The GC log reader: both formats, pauses only, only inside the window. */
public class GcLogTest
{
    @Test
    public void readsUnifiedPausesInTheWindow()
    {
        final GcLog gc = GcLog.parse(Arrays.asList(
            "[0.010s][info][gc] Using G1",
            "[1.500s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 54M->11M(1024M) 60.946ms",
            "[2.500s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 55M->15M(1024M) 2.5ms",
            "[2.600s][info][gc] GC(2) Concurrent Mark Cycle 12.3ms",
            "[3.500s][info][gc] GC(3) Pause Remark 50M->50M(1024M) 1.5ms",
            "[9.500s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 55M->15M(1024M) 7.0ms"), 2000, 4000);
        assertEquals(2, gc.count);
        assertEquals(4.0, gc.totalMillis, 1e-9);
        assertEquals(2.5, gc.longestMillis, 1e-9);
    }

    @Test
    public void readsJdk8PausesInTheWindow()
    {
        final GcLog gc = GcLog.parse(Arrays.asList(
            "1.234: [GC (Allocation Failure) [PSYoungGen: 262144K->1234K(305664K)] 262144K->1242K(1005056K), " +
                "0.0012345 secs] [Times: user=0.01 sys=0.00, real=0.00 secs]",
            "2.500: [GC (Allocation Failure) [PSYoungGen: 262144K->1234K(305664K)] 262144K->1242K(1005056K), " +
                "0.0030000 secs] [Times: user=0.01 sys=0.00, real=0.00 secs]",
            "3.000: [Full GC (Ergonomics) [PSYoungGen: 1K->0K(305664K)] [ParOldGen: 9K->9K(699392K)] 10K->9K(1005056K), " +
                "[Metaspace: 9K->9K(1056768K)], 0.0500000 secs] [Times: user=0.01 sys=0.00, real=0.05 secs]"), 2000, 4000);
        assertEquals(2, gc.count);
        assertEquals(53.0, gc.totalMillis, 1e-9);
        assertEquals(50.0, gc.longestMillis, 1e-9);
    }
}
