package io.hoarfrost.bench.report;

import java.util.Locale;

/**
 * The x axis of a scaling series: what its values are, where a chart puts them and how tables
 * and tick marks name them. Log axes are drawn by plotting the exponent, so the ticks fall on
 * the measured values and read as sizes or counts, not as exponents.
 */
public enum SeriesAxis
{
    /** Bytes, plotted on a log2 scale: 16 B, 64 B, ... 64 KiB. */
    BYTES_LOG2("size", "allocation size (log2 scale)")
    {
        @Override
        public double position(final double value)
        {
            return Math.log(value) / Math.log(2);
        }

        @Override
        public String label(final double value)
        {
            final long bytes = Math.round(value);
            if (bytes >= MIB && bytes % MIB == 0)
            {
                return bytes / MIB + " MiB";
            }
            return bytes >= KIB && bytes % KIB == 0 ? bytes / KIB + " KiB" : bytes + " B";
        }

        @Override
        public String tickLabel(final double position)
        {
            return isWhole(position) ? label(Math.pow(2, Math.rint(position))) : "";
        }
    },

    /** A thread count, plotted as it is. */
    THREADS("threads", "threads")
    {
        @Override
        public double position(final double value)
        {
            return value;
        }

        @Override
        public String label(final double value)
        {
            return String.format(Locale.ROOT, "%d", Math.round(value));
        }

        @Override
        public String tickLabel(final double position)
        {
            return isWhole(position) ? label(position) : "";
        }
    },

    /** A count, plotted on a log10 scale: 10k, 100k, 1M, 10M. */
    COUNT_LOG10("strings", "strings stored (log10 scale)")
    {
        @Override
        public double position(final double value)
        {
            return Math.log10(value);
        }

        @Override
        public String label(final double value)
        {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }

        @Override
        public String tickLabel(final double position)
        {
            if (!isWhole(position))
            {
                return "";
            }
            final long count = Math.round(Math.pow(10, Math.rint(position)));
            if (count >= MILLION)
            {
                return count / MILLION + "M";
            }
            return count >= THOUSAND ? count / THOUSAND + "k" : Long.toString(count);
        }
    };

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;
    private static final long THOUSAND = 1000;
    private static final long MILLION = THOUSAND * THOUSAND;
    private static final double WHOLE_TOLERANCE = 1e-9;

    private final String column;
    private final String title;

    SeriesAxis(final String column, final String title)
    {
        this.column = column;
        this.title = title;
    }

    /**
     * Where a chart puts a value.
     *
     * @param value the measured x, e.g. 1024 bytes.
     * @return its position on the chart's linear axis, e.g. 10.
     */
    public abstract double position(double value);

    /**
     * How a table row names a value.
     *
     * @param value the measured x.
     * @return e.g. {@code "1 KiB"}, {@code "2"}, {@code "10,000"}.
     */
    public abstract String label(double value);

    /**
     * How a chart's tick mark at a position reads.
     *
     * @param position a position on the chart's axis.
     * @return the value there, or empty between the whole positions.
     */
    public abstract String tickLabel(double position);

    /**
     * The header of a table's first column, which holds the x values.
     *
     * @return e.g. {@code "size"}.
     */
    public String column()
    {
        return column;
    }

    /**
     * The axis title.
     *
     * @return e.g. {@code "allocation size (log2 scale)"}.
     */
    public String title()
    {
        return title;
    }

    private static boolean isWhole(final double position)
    {
        return Math.abs(position - Math.rint(position)) < WHOLE_TOLERANCE;
    }
}
