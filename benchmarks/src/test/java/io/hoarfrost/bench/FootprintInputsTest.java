package io.hoarfrost.bench;

import io.hoarfrost.bench.report.ScalingSeries;
import org.junit.Test;

import java.util.Arrays;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

/**
 * What the scaling pass relies on outside the report: the string pools of different counts
 * agree, the class histogram's total is parsed, and the scaling classes the runner names exist.
 */
public class FootprintInputsTest
{
    @Test
    public void aSmallerPoolIsThePrefixOfALargerOne()
    {
        final byte[] small = AsciiStrings.pool(10);
        final byte[] large = AsciiStrings.pool(1000);

        assertEquals(AsciiStrings.totalLength(10), small.length);
        assertArrayEquals(small, Arrays.copyOf(large, small.length));
        assertEquals(AsciiStrings.totalLength(), AsciiStrings.totalLength(AsciiStrings.COUNT));
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesACountWhosePoolCannotBeOneArray()
    {
        AsciiStrings.totalLength(AsciiStrings.MAX_COUNT + 1);
    }

    @Test
    public void readsTheHistogramTotal()
    {
        final String histogram = String.join("\n",
            " num     #instances         #bytes  class name (module)",
            "-------------------------------------------------------",
            "   1:         20123        1234567  [B (java.base@17.0.15)",
            "   2:         10001         240024  java.lang.String (java.base@17.0.15)",
            "Total         30124        1474591",
            "");

        assertEquals(30124, HeapCensus.totalInstances(histogram));
    }

    @Test(expected = IllegalStateException.class)
    public void refusesAHistogramWithoutTotal()
    {
        HeapCensus.totalInstances("nothing here");
    }

    @Test
    public void theScalingClassesExist() throws ClassNotFoundException
    {
        assertNotNull(Class.forName("io.hoarfrost.bench." + ScalingSeries.SIZE_BENCHMARK));
        assertNotNull(Class.forName("io.hoarfrost.bench." + ScalingSeries.THREADS_BENCHMARK));
        assertNotNull(Class.forName(FootprintScaling.class.getName()));
    }
}
