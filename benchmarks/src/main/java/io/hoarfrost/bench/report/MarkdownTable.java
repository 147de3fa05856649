package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A markdown table padded into columns, so the same text reads well in a terminal and pastes
 * into a README. Text columns are left-aligned, number columns right-aligned.
 *
 * <p>Not thread-safe: build it on one thread, then {@link #render()}.
 */
public final class MarkdownTable
{
    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * Creates an empty table.
     *
     * @param headers      the column headers.
     * @param rightAligned for each column, whether it holds numbers.
     * @throws IllegalArgumentException naming both lengths if they differ.
     */
    public MarkdownTable(final String[] headers, final boolean[] rightAligned)
    {
        if (headers.length != rightAligned.length)
        {
            throw new IllegalArgumentException(
                headers.length + " headers but " + rightAligned.length + " alignments");
        }
        this.headers = headers.clone();
        this.rightAligned = rightAligned.clone();
    }

    /**
     * Adds a row.
     *
     * @param cells one cell per column; the table keeps a copy.
     * @throws IllegalArgumentException naming both counts if the row has the wrong number of cells.
     */
    public void addRow(final String... cells)
    {
        if (cells.length != headers.length)
        {
            throw new IllegalArgumentException(
                "row has " + cells.length + " cells, the table " + headers.length + " columns: " + Arrays.toString(cells));
        }
        rows.add(cells.clone());
    }

    /**
     * How many rows were added.
     *
     * @return the count, headers excluded.
     */
    public int rowCount()
    {
        return rows.size();
    }

    /**
     * Renders the table, one line per row, each ending with a newline.
     *
     * @return the markdown text.
     */
    public String render()
    {
        final int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++)
        {
            widths[i] = Math.max(3, headers[i].length());
            for (final String[] row : rows)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final StringBuilder text = new StringBuilder();
        appendRow(text, headers, widths);
        for (int i = 0; i < headers.length; i++)
        {
            text.append(i == 0 ? "|" : "").append(rightAligned[i] ? " " + repeat('-', widths[i] - 1) + ": |" :
                " " + repeat('-', widths[i]) + " |");
        }
        text.append('\n');
        for (final String[] row : rows)
        {
            appendRow(text, row, widths);
        }
        return text.toString();
    }

    private void appendRow(final StringBuilder text, final String[] cells, final int[] widths)
    {
        text.append('|');
        for (int i = 0; i < cells.length; i++)
        {
            final String padding = repeat(' ', widths[i] - cells[i].length());
            text.append(' ').append(rightAligned[i] ? padding + cells[i] : cells[i] + padding).append(" |");
        }
        text.append('\n');
    }

    private static String repeat(final char c, final int count)
    {
        final char[] chars = new char[Math.max(0, count)];
        Arrays.fill(chars, c);
        return new String(chars);
    }
}
