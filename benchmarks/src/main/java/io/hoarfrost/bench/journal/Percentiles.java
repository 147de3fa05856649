package io.hoarfrost.bench.journal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency distribution in the results: the percentiles the table shows and the curve the chart
 * draws, in nanoseconds, from an HdrHistogram.
 */
final class Percentiles
{
    /** The percentiles in the table, with their names in the JSON. */
    static final double[] TABLE = {50, 90, 99, 99.9, 99.99};
    /** Their names: {@code p50}, ... {@code p99.99}; then {@code max}. */
    static final String[] NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};
    /** Longest latency a histogram tracks: a minute, in ns. */
    static final long HIGHEST = 60_000_000_000L;

    private Percentiles()
    {
    }

    /**
     * A histogram of nanoseconds, 3 significant digits, up to a minute: preallocated, so recording
     * allocates nothing.
     *
     * @return it.
     */
    static Histogram histogram()
    {
        return new Histogram(HIGHEST, 3);
    }

    /**
     * The distribution as JSON: {@code count}, a field per name of {@link #NAMES}, {@code max},
     * {@code mean} (ns), and {@code curve}: [percentile, ns] pairs, 5 ticks per halving of 1 - p.
     *
     * @param histogram the recorded latencies, ns.
     * @return the object.
     */
    static JsonObject toJson(final Histogram histogram)
    {
        final JsonObject json = new JsonObject();
        json.addProperty("count", histogram.getTotalCount());
        for (int i = 0; i < TABLE.length; i++)
        {
            json.addProperty(NAMES[i], histogram.getValueAtPercentile(TABLE[i]));
        }
        json.addProperty("max", histogram.getMaxValue());
        json.addProperty("mean", histogram.getMean());
        final JsonArray curve = new JsonArray();
        if (histogram.getTotalCount() > 0)
        {
            for (final HistogramIterationValue value : histogram.percentiles(5))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                if (percentile >= 100)
                {
                    break;
                }
                final JsonArray point = new JsonArray();
                point.add(percentile);
                point.add(histogram.highestEquivalentValue(value.getValueIteratedTo()));
                curve.add(point);
            }
        }
        json.add("curve", curve);
        return json;
    }
}
