package io.hoarfrost.bench.report;

import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The latency distribution of one benchmark method of the tail pass, in nanoseconds: the
 * percentiles of {@link #PERCENTILES} and the maximum, the number of samples they come from, the
 * points of its chart line, and the GC pauses of its forks.
 *
 * <p>Immutable.
 */
final class TailLatency
{
    /** The percentiles of the tables, in percent. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    /** Points per decade of 1 / (1 - p) on the chart's curve. */
    static final int POINTS_PER_DECADE = 10;

    final String method; // operation_impl
    final long samples;
    final double[] values; // ns at PERCENTILES
    final double max; // ns
    /** The chart's points, ascending: {percentile in percent, ns}; the last is the maximum. */
    final List<double[]> curve;
    final GcPauses gc;

    TailLatency(
        final String method,
        final long samples,
        final double[] values,
        final double max,
        final List<double[]> curve,
        final GcPauses gc)
    {
        if (values.length != PERCENTILES.length)
        {
            throw new IllegalArgumentException(values.length + " values for " + PERCENTILES.length + " percentiles");
        }
        this.method = method;
        this.samples = samples;
        this.values = values.clone();
        this.max = max;
        this.curve = Collections.unmodifiableList(new ArrayList<>(curve));
        this.gc = gc;
    }

    /**
     * The distribution of JMH's statistics of a SampleTime result (in ns): the table's percentiles,
     * and a chart point every tenth of a decade of 1 / (1 - p) from p50 up to where the samples reach
     * (1 / (1 - p) at most the sample count), ending with the maximum.
     *
     * @param method     the benchmark method.
     * @param statistics the samples, in ns.
     * @param gc         the pauses of its forks.
     * @return the distribution.
     */
    static TailLatency of(final String method, final Statistics statistics, final GcPauses gc)
    {
        final double[] values = new double[PERCENTILES.length];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = statistics.getPercentile(PERCENTILES[i]);
        }
        final long samples = statistics.getN();
        final List<double[]> curve = new ArrayList<>();
        for (final double percentile : curvePercentiles(samples))
        {
            curve.add(new double[]{percentile, statistics.getPercentile(percentile)});
        }
        curve.add(new double[]{maxPercentile(samples), statistics.getMax()});
        return new TailLatency(method, samples, values, statistics.getMax(), curve, gc);
    }

    /**
     * The percentiles of the chart's points below the maximum: 50, then 1 - 10<sup>-k/10</sup> for
     * k = 4, 5, ... while 1 / (1 - p) stays below the sample count.
     *
     * @param samples the sample count.
     * @return the percentiles, ascending, in percent.
     */
    static List<Double> curvePercentiles(final long samples)
    {
        final List<Double> percentiles = new ArrayList<>();
        percentiles.add(50.0);
        for (int k = 4; Math.pow(10, k / (double)POINTS_PER_DECADE) < samples; k++)
        {
            percentiles.add(100 * (1 - Math.pow(10, -k / (double)POINTS_PER_DECADE)));
        }
        return percentiles;
    }

    /**
     * Where the chart puts the maximum: the percentile of the last sample, 1 - 1/n (at least p50's
     * place for fewer than 2 samples).
     *
     * @param samples the sample count.
     * @return the percentile, in percent.
     */
    static double maxPercentile(final long samples)
    {
        return samples < 2 ? 50.0 : 100 * (1 - 1.0 / samples);
    }

    /**
     * The chart's x for a percentile: log<sub>10</sub>(1 / (1 - p)), so 90% is 1, 99% is 2, 99.9% is 3.
     *
     * @param percentile in percent, below 100.
     * @return the x.
     */
    static double chartX(final double percentile)
    {
        return Math.log10(1 / (1 - percentile / 100));
    }
}
