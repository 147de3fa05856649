package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * A scaling series as a markdown table: one row per x value, one column per line, and, if the
 * series asks for it, a last row with each line's value at the largest x over its value at the
 * smallest (how many times the cost grew; for throughput, the speed-up).
 *
 * <p>Stateless and thread-safe.
 */
public final class SeriesTable
{
    private SeriesTable()
    {
    }

    /**
     * Builds the table of a series.
     *
     * @param series the series.
     * @return the table, ready to render; rows in ascending x.
     */
    public static MarkdownTable of(final Series series)
    {
        final List<SeriesLine> lines = series.lines();
        final String[] headers = new String[lines.size() + 1];
        final boolean[] rightAligned = new boolean[headers.length];
        headers[0] = series.axis().column();
        for (int i = 0; i < lines.size(); i++)
        {
            headers[i + 1] = lines.get(i).column();
            rightAligned[i + 1] = true;
        }
        final MarkdownTable table = new MarkdownTable(headers, rightAligned);
        final NavigableSet<Double> xs = series.xValues();
        for (final double x : xs)
        {
            final List<String> cells = new ArrayList<>();
            cells.add(series.axis().label(x));
            for (final SeriesLine line : lines)
            {
                cells.add(line.cell(x));
            }
            table.addRow(cells.toArray(new String[0]));
        }
        if (series.hasGrowthRow() && xs.size() > 1)
        {
            final double first = xs.first();
            final double last = xs.last();
            final List<String> cells = new ArrayList<>();
            cells.add(series.axis().label(last) + " / " + series.axis().label(first));
            for (final SeriesLine line : lines)
            {
                cells.add(line.isCharted() ? ScoreFormat.ratio(line.value(last) / line.value(first)) : ScoreFormat.MISSING);
            }
            table.addRow(cells.toArray(new String[0]));
        }
        return table;
    }
}
