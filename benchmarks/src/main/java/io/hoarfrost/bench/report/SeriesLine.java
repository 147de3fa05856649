package io.hoarfrost.bench.report;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One implementation's values across a scaling series: a line of its chart and a column of its
 * table. A line can be table-only (a column with no line), for figures that share the x values
 * but not the y unit, such as heap bytes allocated per operation.
 *
 * <p>Not thread-safe: filled by one thread, then read.
 */
public final class SeriesLine
{
    /** How a table writes this line's values. */
    public enum Format
    {
        /** Three significant digits, with the error when known: {@code "12.3 ± 0.4"}. */
        MEASURED,

        /** Two decimals: {@code "24.00"}. */
        TWO_DECIMALS,

        /** Heap bytes, as in the runner's B/op column: {@code "0"}, {@code "24"}. */
        BYTES;

        String cell(final double value, final double error)
        {
            if (Double.isNaN(value))
            {
                return ScoreFormat.MISSING;
            }
            switch (this)
            {
                case MEASURED:
                    return ScoreFormat.nanos(value, error);
                case TWO_DECIMALS:
                    return String.format(Locale.ROOT, "%.2f", value);
                default:
                    return ScoreFormat.bytes(value);
            }
        }
    }

    private final String label;
    private final String column;
    private final Format format;
    private final boolean charted;
    private final NavigableMap<Double, double[]> points = new TreeMap<>();

    /**
     * Creates an empty line.
     *
     * @param label   the chart legend's name for it.
     * @param column  the table's column header.
     * @param format  how the table writes its values.
     * @param charted false for a table-only column.
     */
    public SeriesLine(final String label, final String column, final Format format, final boolean charted)
    {
        this.label = label;
        this.column = column;
        this.format = format;
        this.charted = charted;
    }

    /**
     * Sets the value at an x; a second value at the same x replaces the first. A missing value
     * (NaN) is not put: the x stays without a value.
     *
     * @param x     the x value, e.g. a size in bytes.
     * @param value the y value, or NaN if missing.
     * @param error half-width of its confidence interval, or NaN if unknown.
     * @return this line.
     */
    public SeriesLine put(final double x, final double value, final double error)
    {
        if (!Double.isNaN(value))
        {
            points.put(x, new double[]{value, error});
        }
        return this;
    }

    /**
     * The chart legend's name.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * The table's column header.
     *
     * @return the header.
     */
    public String column()
    {
        return column;
    }

    /**
     * Whether the chart draws this line.
     *
     * @return false for a table-only column.
     */
    public boolean isCharted()
    {
        return charted;
    }

    /**
     * The x values with a value, ascending.
     *
     * @return an unmodifiable view of the x values and their {@code {value, error}} pairs.
     */
    public Map<Double, double[]> points()
    {
        return Collections.unmodifiableMap(points);
    }

    /**
     * The value at an x.
     *
     * @param x the x value.
     * @return the value, or NaN if there is none.
     */
    public double value(final double x)
    {
        final double[] point = points.get(x);
        return null == point ? Double.NaN : point[0];
    }

    /**
     * The table cell at an x.
     *
     * @param x the x value.
     * @return the value (and error) as {@link #format} writes it, or {@value ScoreFormat#MISSING}.
     */
    public String cell(final double x)
    {
        final double[] point = points.get(x);
        return null == point ? ScoreFormat.MISSING : format.cell(point[0], point[1]);
    }

    /**
     * Whether the line has no value at all.
     *
     * @return true if nothing was put.
     */
    public boolean isEmpty()
    {
        return points.isEmpty();
    }
}
