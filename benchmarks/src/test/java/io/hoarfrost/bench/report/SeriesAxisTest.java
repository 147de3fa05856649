package io.hoarfrost.bench.report;

import org.junit.Test;

import static org.junit.Assert.assertEquals;

/**
 * How the scaling axes place and name their values.
 */
public class SeriesAxisTest
{
    @Test
    public void sizesArePlottedByTheirLog2AndNamedInBinaryUnits()
    {
        assertEquals(4.0, SeriesAxis.BYTES_LOG2.position(16), 1e-12);
        assertEquals(16.0, SeriesAxis.BYTES_LOG2.position(65536), 1e-12);
        assertEquals("16 B", SeriesAxis.BYTES_LOG2.label(16));
        assertEquals("1 KiB", SeriesAxis.BYTES_LOG2.label(1024));
        assertEquals("64 KiB", SeriesAxis.BYTES_LOG2.label(65536));
        assertEquals("1 KiB", SeriesAxis.BYTES_LOG2.tickLabel(10));
        assertEquals("", SeriesAxis.BYTES_LOG2.tickLabel(10.5));
    }

    @Test
    public void countsArePlottedByTheirLog10()
    {
        assertEquals(7.0, SeriesAxis.COUNT_LOG10.position(10_000_000), 1e-12);
        assertEquals("10,000,000", SeriesAxis.COUNT_LOG10.label(10_000_000));
        assertEquals("10k", SeriesAxis.COUNT_LOG10.tickLabel(4));
        assertEquals("1M", SeriesAxis.COUNT_LOG10.tickLabel(6));
        assertEquals("", SeriesAxis.COUNT_LOG10.tickLabel(6.5));
    }

    @Test
    public void threadCountsArePlottedAsTheyAre()
    {
        assertEquals(2.0, SeriesAxis.THREADS.position(2), 0);
        assertEquals("2", SeriesAxis.THREADS.label(2));
        assertEquals("", SeriesAxis.THREADS.tickLabel(1.5));
    }
}
