package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hoarfrost.bench.report.MarkdownTable.MISSING;

/**
 * The two tables of ordinary runs: the ratio table of one run, and the comparison of two.
 *
 * <p>Stateless and thread-safe.
 */
final class RunTables
{
    private RunTables()
    {
    }

    /**
     * The ratio table: one row per benchmark class, operation and parameters; Hoarfrost's time, then
     * per baseline (the union over all classes, in order of first appearance) its time and the ratio
     * Hoarfrost / baseline, below 1 when Hoarfrost is faster; last Hoarfrost's heap bytes per
     * operation. A row without that baseline shows {@value MarkdownTable#MISSING}.
     */
    static MarkdownTable ratios(final List<Measurement> measurements)
    {
        final Set<String> baselines = new LinkedHashSet<>();
        final Map<String, Map<String, Measurement>> rows = new LinkedHashMap<>(); // row key to impl to result
        for (final Measurement m : measurements)
        {
            rows.computeIfAbsent(m.benchmarkClass + '\u0000' + m.operation + '\u0000' + m.params, k -> new LinkedHashMap<>())
                .put(m.impl, m);
            if (!m.isHoarfrost())
            {
                baselines.add(m.impl);
            }
        }
        final List<String> headers = new ArrayList<>();
        final StringBuilder alignments = new StringBuilder("lllr");
        headers.add("benchmark");
        headers.add("operation");
        headers.add("params");
        headers.add(Measurement.HOARFROST + " ns/op");
        for (final String baseline : baselines)
        {
            headers.add(baseline + " ns/op");
            headers.add(Measurement.HOARFROST + "/" + baseline);
            alignments.append("rr");
        }
        headers.add(Measurement.HOARFROST + " B/op");
        final MarkdownTable table = new MarkdownTable(alignments.append('r').toString(), headers.toArray(new String[0]));
        for (final Map<String, Measurement> row : rows.values())
        {
            final Measurement any = row.values().iterator().next();
            final Measurement ours = row.get(Measurement.HOARFROST);
            final List<String> cells = new ArrayList<>();
            cells.add(any.benchmarkClass);
            cells.add(any.operation);
            cells.add(any.params.isEmpty() ? MISSING : any.params);
            cells.add(null == ours ? MISSING : MarkdownTable.measured(ours.nanos, ours.nanosError));
            for (final String name : baselines)
            {
                final Measurement baseline = row.get(name);
                cells.add(null == baseline ? MISSING : MarkdownTable.measured(baseline.nanos, baseline.nanosError));
                cells.add(null == baseline || null == ours ? MISSING : MarkdownTable.ratio(ours.nanos / baseline.nanos));
            }
            cells.add(null == ours ? MISSING : MarkdownTable.bytes(ours.bytesPerOp));
            table.addRow(cells.toArray(new String[0]));
        }
        return table;
    }

    /**
     * Two runs side by side: one row per benchmark method and parameters found in either, with both
     * times, the change, both B/op, and a verdict that is {@code faster} or {@code slower} only when
     * the two 99.9% confidence intervals do not overlap, {@code ~} otherwise (within noise), and
     * {@code new} or {@code gone} for a method in one run only.
     */
    static MarkdownTable comparison(final RecordedRun older, final RecordedRun newer)
    {
        final Map<String, Measurement> olds = index(older);
        final Map<String, Measurement> news = index(newer);
        final Set<String> keys = new LinkedHashSet<>(olds.keySet());
        keys.addAll(news.keySet());
        final MarkdownTable table = new MarkdownTable("lllrrrlrr",
            "benchmark", "method", "params", "old ns/op", "new ns/op", "change", "verdict", "old B/op", "new B/op");
        for (final String key : keys)
        {
            final Measurement old = olds.get(key);
            final Measurement now = news.get(key);
            final Measurement any = null == old ? now : old;
            table.addRow(
                any.benchmarkClass,
                any.method,
                any.params.isEmpty() ? MISSING : any.params,
                null == old ? MISSING : MarkdownTable.measured(old.nanos, old.nanosError),
                null == now ? MISSING : MarkdownTable.measured(now.nanos, now.nanosError),
                null == old || null == now ? MISSING : MarkdownTable.change(now.nanos / old.nanos),
                verdict(old, now),
                null == old ? MISSING : MarkdownTable.bytes(old.bytesPerOp),
                null == now ? MISSING : MarkdownTable.bytes(now.bytesPerOp));
        }
        return table;
    }

    /**
     * The cost of checked mode: for each row measured in both runs, its time with checks off and
     * on, the ratio on / off, and heap bytes per operation in each (the tracking allocates).
     */
    static MarkdownTable checksCost(final RecordedRun off, final RecordedRun on)
    {
        final Map<String, Measurement> ons = index(on);
        final MarkdownTable table = new MarkdownTable("lllrrrrr",
            "benchmark", "method", "params", "checks off ns/op", "checks on ns/op", "on/off", "off B/op", "on B/op");
        for (final Map.Entry<String, Measurement> entry : index(off).entrySet())
        {
            final Measurement unchecked = entry.getValue();
            final Measurement checked = ons.get(entry.getKey());
            if (null != checked)
            {
                table.addRow(
                    unchecked.benchmarkClass,
                    unchecked.method,
                    unchecked.params.isEmpty() ? MISSING : unchecked.params,
                    MarkdownTable.measured(unchecked.nanos, unchecked.nanosError),
                    MarkdownTable.measured(checked.nanos, checked.nanosError),
                    MarkdownTable.ratio(checked.nanos / unchecked.nanos),
                    MarkdownTable.bytes(unchecked.bytesPerOp),
                    MarkdownTable.bytes(checked.bytesPerOp));
            }
        }
        return table;
    }

    private static String verdict(final Measurement old, final Measurement now)
    {
        if (null == old || null == now)
        {
            return null == old ? "new" : "gone";
        }
        final double oldError = Double.isNaN(old.nanosError) ? 0 : old.nanosError;
        final double newError = Double.isNaN(now.nanosError) ? 0 : now.nanosError;
        if (now.nanos + newError < old.nanos - oldError)
        {
            return "faster";
        }
        return now.nanos - newError > old.nanos + oldError ? "slower" : "~";
    }

    private static Map<String, Measurement> index(final RecordedRun run)
    {
        final Map<String, Measurement> byKey = new LinkedHashMap<>();
        for (final Measurement m : run.measurements)
        {
            byKey.put(m.benchmarkClass + '.' + m.method + '{' + m.params + '}', m);
        }
        return byKey;
    }
}
