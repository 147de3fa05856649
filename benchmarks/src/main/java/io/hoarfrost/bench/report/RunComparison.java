package io.hoarfrost.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two runs side by side: one row per benchmark method and parameters found in either, with both
 * times, the change, and a verdict that is {@code faster} or {@code slower} only when the two
 * 99.9% confidence intervals do not overlap ({@code ~} otherwise: within noise).
 *
 * <p>Stateless and thread-safe.
 */
public final class RunComparison
{
    private static final String[] HEADERS =
    {
        "benchmark", "method", "params", "old ns/op", "new ns/op", "change", "verdict", "old B/op", "new B/op"
    };
    private static final boolean[] NUMERIC = { false, false, false, true, true, true, false, true, true };

    private RunComparison()
    {
    }

    /**
     * Builds the comparison table.
     *
     * @param older the baseline run.
     * @param newer the run to judge against it.
     * @return the table, ready to render.
     */
    public static MarkdownTable of(final RecordedRun older, final RecordedRun newer)
    {
        final Map<String, Measurement> olds = index(older);
        final Map<String, Measurement> news = index(newer);
        final Map<String, Measurement> all = new LinkedHashMap<>(olds);
        for (final Map.Entry<String, Measurement> entry : news.entrySet())
        {
            all.putIfAbsent(entry.getKey(), entry.getValue());
        }
        final MarkdownTable table = new MarkdownTable(HEADERS, NUMERIC);
        for (final Map.Entry<String, Measurement> entry : all.entrySet())
        {
            final Measurement any = entry.getValue();
            final Measurement old = olds.get(entry.getKey());
            final Measurement now = news.get(entry.getKey());
            table.addRow(
                any.benchmarkClass(),
                any.method(),
                any.params().isEmpty() ? ScoreFormat.MISSING : any.params(),
                null == old ? ScoreFormat.MISSING : ScoreFormat.nanos(old.nanos(), old.nanosError()),
                null == now ? ScoreFormat.MISSING : ScoreFormat.nanos(now.nanos(), now.nanosError()),
                null == old || null == now ? ScoreFormat.MISSING : ScoreFormat.change(now.nanos() / old.nanos()),
                verdict(old, now),
                null == old ? ScoreFormat.MISSING : ScoreFormat.bytes(old.bytesPerOp()),
                null == now ? ScoreFormat.MISSING : ScoreFormat.bytes(now.bytesPerOp()));
        }
        return table;
    }

    private static String verdict(final Measurement old, final Measurement now)
    {
        if (null == old)
        {
            return "new";
        }
        if (null == now)
        {
            return "gone";
        }
        final double oldError = Double.isNaN(old.nanosError()) ? 0 : old.nanosError();
        final double newError = Double.isNaN(now.nanosError()) ? 0 : now.nanosError();
        if (now.nanos() + newError < old.nanos() - oldError)
        {
            return "faster";
        }
        if (now.nanos() - newError > old.nanos() + oldError)
        {
            return "slower";
        }
        return "~";
    }

    private static Map<String, Measurement> index(final RecordedRun run)
    {
        final Map<String, Measurement> byKey = new LinkedHashMap<>();
        for (final Measurement measurement : run.measurements())
        {
            byKey.put(measurement.benchmarkClass() + '.' + measurement.method() + '{' + measurement.params() + '}', measurement);
        }
        return byKey;
    }
}
