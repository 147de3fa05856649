package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "is it fast?" table: one row per benchmark class, operation and parameters, with
 * Hoarfrost's time, each baseline's time next to the ratio Hoarfrost / baseline, and Hoarfrost's
 * heap allocation per operation.
 *
 * <p>Grouping: measurements whose class, operation and parameters are equal share a row; the
 * {@value Measurement#HOARFROST} impl fills the Hoarfrost columns, every other impl its own
 * baseline column pair. Baseline columns are the union over all classes, in order of first
 * appearance; a row without that baseline shows {@value ScoreFormat#MISSING}. A ratio below 1
 * means Hoarfrost is faster.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResultTable
{
    private ResultTable()
    {
    }

    /**
     * Builds the table of a run.
     *
     * @param measurements the run's measurements, in the order rows should appear.
     * @return the table, ready to render.
     */
    public static MarkdownTable of(final List<Measurement> measurements)
    {
        final Set<String> baselines = new LinkedHashSet<>();
        final Map<String, Row> rows = new LinkedHashMap<>();
        for (final Measurement measurement : measurements)
        {
            final String key =
                measurement.benchmarkClass() + '\u0000' + measurement.operation() + '\u0000' + measurement.params();
            Row row = rows.get(key);
            if (null == row)
            {
                row = new Row(measurement);
                rows.put(key, row);
            }
            if (measurement.isHoarfrost())
            {
                row.hoarfrost = measurement;
            }
            else
            {
                baselines.add(measurement.impl());
                row.baselines.put(measurement.impl(), measurement);
            }
        }

        final List<String> headers = new ArrayList<>();
        final List<Boolean> numeric = new ArrayList<>();
        addColumn(headers, numeric, "benchmark", false);
        addColumn(headers, numeric, "operation", false);
        addColumn(headers, numeric, "params", false);
        addColumn(headers, numeric, Measurement.HOARFROST + " ns/op", true);
        for (final String baseline : baselines)
        {
            addColumn(headers, numeric, baseline + " ns/op", true);
            addColumn(headers, numeric, Measurement.HOARFROST + "/" + baseline, true);
        }
        addColumn(headers, numeric, Measurement.HOARFROST + " B/op", true);

        final boolean[] rightAligned = new boolean[numeric.size()];
        for (int i = 0; i < rightAligned.length; i++)
        {
            rightAligned[i] = numeric.get(i);
        }
        final MarkdownTable table = new MarkdownTable(headers.toArray(new String[0]), rightAligned);
        for (final Row row : rows.values())
        {
            table.addRow(row.cells(baselines));
        }
        return table;
    }

    private static void addColumn(
        final List<String> headers, final List<Boolean> numeric, final String header, final boolean isNumeric)
    {
        headers.add(header);
        numeric.add(isNumeric);
    }

    /** The measurements of one class, operation and parameters. */
    private static final class Row
    {
        private final Measurement first;
        private final Map<String, Measurement> baselines = new LinkedHashMap<>();
        private Measurement hoarfrost;

        Row(final Measurement first)
        {
            this.first = first;
        }

        String[] cells(final Set<String> allBaselines)
        {
            final List<String> cells = new ArrayList<>();
            cells.add(first.benchmarkClass());
            cells.add(first.operation());
            cells.add(first.params().isEmpty() ? ScoreFormat.MISSING : first.params());
            final double ours = null == hoarfrost ? Double.NaN : hoarfrost.nanos();
            cells.add(null == hoarfrost ? ScoreFormat.MISSING : ScoreFormat.nanos(ours, hoarfrost.nanosError()));
            for (final String name : allBaselines)
            {
                final Measurement baseline = baselines.get(name);
                if (null == baseline)
                {
                    cells.add(ScoreFormat.MISSING);
                    cells.add(ScoreFormat.MISSING);
                }
                else
                {
                    cells.add(ScoreFormat.nanos(baseline.nanos(), baseline.nanosError()));
                    cells.add(ScoreFormat.ratio(ours / baseline.nanos()));
                }
            }
            cells.add(null == hoarfrost ? ScoreFormat.MISSING : ScoreFormat.bytes(hoarfrost.bytesPerOp()));
            return cells.toArray(new String[0]);
        }
    }
}
