package io.hoarfrost.examples;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Properties;

/**
 * The keys of one run's result file (a {@code java.util.Properties}, written by the run's own JVM
 * and read by {@link MarketDataReport}): the handler, the JDK, the feed, messages/s, the latency
 * percentiles and the chart's points (ns), the measured window in JVM uptime (for the GC log),
 * heap bytes allocated per measured message, resident memory, and the two results both handlers
 * must agree on: the books' digest and the readers' checksums.
 */
final class RunResult
{
    /** Percentiles of the table, percent. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    /** Their labels. */
    static final String[] LABELS = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private RunResult()
    {
    }

    static void put(final Properties result, final String name, final FeedOptions options, final FeedHandler handler,
        final Measurement window, final long digest, final String checksums, final long snapshots)
    {
        result.setProperty("handler", name);
        result.setProperty("java.version", System.getProperty("java.version"));
        result.setProperty("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        result.setProperty("feed", options.toString());
        result.setProperty("rate", Integer.toString(options.rate));
        result.setProperty("measured.messages", Long.toString(window.messages));
        final double seconds = (window.endNanos - window.startNanos) / 1e9;
        result.setProperty("measured.seconds", String.format(Locale.ROOT, "%.3f", seconds));
        result.setProperty("measured.rate", String.format(Locale.ROOT, "%.0f", window.messages / seconds));
        result.setProperty("burst.messages", Long.toString(options.burst));
        result.setProperty("burst.rate", String.format(Locale.ROOT, "%.0f", options.burst / (handler.burstNanos() / 1e9)));
        final Histogram latency = handler.latency();
        result.setProperty("latency.count", Long.toString(latency.getTotalCount()));
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            result.setProperty("latency." + LABELS[i], Long.toString(latency.getValueAtPercentile(PERCENTILES[i])));
        }
        result.setProperty("latency.max", Long.toString(latency.getMaxValue()));
        final StringBuilder curve = new StringBuilder();
        final long count = latency.getTotalCount();
        for (int k = 0; Math.pow(10, k / 10.0) < count; k++)
        {
            final double percentile = k == 0 ? 50 : 100 * (1 - Math.pow(10, -k / 10.0));
            if (percentile >= 50)
            {
                curve.append(curve.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f:%d",
                    percentile, latency.getValueAtPercentile(percentile)));
            }
        }
        result.setProperty("latency.curve", curve.toString());
        result.setProperty("window.start.uptime.ms", Long.toString(window.startUptime));
        result.setProperty("window.end.uptime.ms", Long.toString(window.endUptime));
        result.setProperty("allocated.bytes.per.message", perMessage(window.allocatedBytes, window.messages));
        result.setProperty("allocated.handler.bytes.per.message", perMessage(window.handlerAllocatedBytes, window.messages));
        result.setProperty("load.average", window.startLoad + " -> " + window.endLoad);
        result.setProperty("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        result.setProperty("rss.kib", Long.toString(window.rssKiB));
        result.setProperty("hwm.kib", Long.toString(window.hwmKiB));
        result.setProperty("digest", Long.toHexString(digest));
        result.setProperty("reader.checksums", checksums);
        result.setProperty("reader.snapshots", Long.toString(snapshots));
    }

    private static String perMessage(final long bytes, final long messages)
    {
        return bytes < 0 ? "-1" : String.format(Locale.ROOT, "%.2f", bytes / (double)messages);
    }
}
