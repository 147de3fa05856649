package io.hoarfrost.bench.report;

import java.util.Locale;

/**
 * How the tables write numbers: times with about three significant digits, ratios with two
 * decimals, allocation rounded to a tenth of a byte. Missing values print as {@value #MISSING}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScoreFormat
{
    /** What a cell holds when there is no value. */
    public static final String MISSING = "-";

    private ScoreFormat()
    {
    }

    /**
     * A time with its error, e.g. {@code "1.234 ± 0.010"}.
     *
     * @param nanos time in nanoseconds, NaN if missing.
     * @param error half-width of the confidence interval, NaN if unknown.
     * @return the text.
     */
    public static String nanos(final double nanos, final double error)
    {
        if (Double.isNaN(nanos))
        {
            return MISSING;
        }
        final String pattern = "%." + decimals(nanos) + 'f';
        final String score = String.format(Locale.ROOT, pattern, nanos);
        return Double.isNaN(error) ? score : score + " ± " + String.format(Locale.ROOT, pattern, error);
    }

    /**
     * A ratio, e.g. {@code "1.03"}.
     *
     * @param ratio the value, NaN or infinite if missing.
     * @return the text.
     */
    public static String ratio(final double ratio)
    {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? MISSING : String.format(Locale.ROOT, "%.2f", ratio);
    }

    /**
     * A relative change, e.g. {@code "+3.2%"}.
     *
     * @param ratio new over old, NaN or infinite if missing.
     * @return the text.
     */
    public static String change(final double ratio)
    {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ?
            MISSING : String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    /**
     * Heap bytes per operation, e.g. {@code "0"} or {@code "24"}; JMH's residue of a few
     * thousandths of a byte from its own loop prints as {@code "0"}.
     *
     * @param bytes bytes per operation, NaN if not profiled.
     * @return the text.
     */
    public static String bytes(final double bytes)
    {
        if (Double.isNaN(bytes))
        {
            return MISSING;
        }
        final double tenths = Math.round(bytes * 10) / 10.0;
        return tenths == Math.rint(tenths) ?
            String.format(Locale.ROOT, "%d", (long)tenths) : String.format(Locale.ROOT, "%.1f", tenths);
    }

    private static int decimals(final double value)
    {
        final double magnitude = Math.abs(value);
        if (magnitude < 10)
        {
            return 3;
        }
        if (magnitude < 100)
        {
            return 2;
        }
        return magnitude < 1000 ? 1 : 0;
    }
}
