package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A markdown table padded into columns, so the same text reads well in a terminal and pastes into
 * a README: text columns left-aligned, number columns right-aligned. Also how the tables write
 * numbers; a missing value prints as {@value #MISSING}.
 *
 * <p>Not thread-safe: build it on one thread, then {@link #render()}.
 */
final class MarkdownTable
{
    static final String MISSING = "-";

    private final String[] headers;
    private final String alignments;
    private final List<String[]> rows = new ArrayList<>();

    /** An empty table; {@code alignments} has a letter per header: {@code l} for text, {@code r} for numbers. */
    MarkdownTable(final String alignments, final String... headers)
    {
        if (alignments.length() != headers.length)
        {
            throw new IllegalArgumentException(alignments + " does not align " + Arrays.toString(headers));
        }
        this.alignments = alignments;
        this.headers = headers.clone();
    }

    /** Adds a row of one cell per column. */
    void addRow(final String... cells)
    {
        if (cells.length != headers.length)
        {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.length + " columns: " +
                Arrays.toString(cells));
        }
        rows.add(cells.clone());
    }

    /** How many rows were added, headers excluded. */
    int rowCount()
    {
        return rows.size();
    }

    /** The markdown text, one line per row, each ending with a newline. */
    String render()
    {
        final int[] widths = widths();
        final StringBuilder text = new StringBuilder();
        appendRow(text, headers, widths);
        text.append('|');
        for (int i = 0; i < headers.length; i++)
        {
            text.append(' ').append(repeat('-', widths[i] - (alignments.charAt(i) == 'l' ? 0 : 1)))
                .append(alignments.charAt(i) == 'l' ? " |" : ": |");
        }
        text.append('\n');
        for (final String[] row : rows)
        {
            appendRow(text, row, widths);
        }
        return text.toString();
    }

    /**
     * The same table for a terminal, narrower than {@link #render()}: no pipes, columns two spaces
     * apart, a dashed line under the headers, no trailing spaces; each line ends with a newline.
     */
    String renderPlain()
    {
        final int[] widths = widths();
        final String[] rule = new String[headers.length];
        for (int i = 0; i < headers.length; i++)
        {
            rule[i] = repeat('-', widths[i]);
        }
        final StringBuilder text = new StringBuilder();
        appendPlainRow(text, headers, widths);
        appendPlainRow(text, rule, widths);
        for (final String[] row : rows)
        {
            appendPlainRow(text, row, widths);
        }
        return text.toString();
    }

    private int[] widths()
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
        return widths;
    }

    private void appendRow(final StringBuilder text, final String[] cells, final int[] widths)
    {
        text.append('|');
        for (int i = 0; i < cells.length; i++)
        {
            final String padding = repeat(' ', widths[i] - cells[i].length());
            text.append(' ').append(alignments.charAt(i) == 'l' ? cells[i] + padding : padding + cells[i]).append(" |");
        }
        text.append('\n');
    }

    private void appendPlainRow(final StringBuilder text, final String[] cells, final int[] widths)
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++)
        {
            final String padding = repeat(' ', widths[i] - cells[i].length());
            line.append(i == 0 ? "" : "  ").append(alignments.charAt(i) == 'l' ? cells[i] + padding : padding + cells[i]);
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ')
        {
            end--;
        }
        text.append(line, 0, end).append('\n');
    }

    private static String repeat(final char c, final int count)
    {
        final char[] chars = new char[Math.max(0, count)];
        Arrays.fill(chars, c);
        return new String(chars);
    }

    /** A measured value (NaN if missing) and its error (NaN if unknown), about 3 digits: {@code "1.234 ± 0.010"}. */
    static String measured(final double value, final double error)
    {
        if (Double.isNaN(value))
        {
            return MISSING;
        }
        final double magnitude = Math.abs(value);
        final String pattern = "%." + (magnitude < 10 ? 3 : magnitude < 100 ? 2 : magnitude < 1000 ? 1 : 0) + 'f';
        final String score = String.format(Locale.ROOT, pattern, value);
        return Double.isNaN(error) ? score : score + " ± " + String.format(Locale.ROOT, pattern, error);
    }

    /** A ratio with two decimals, {@code "1.03"}; NaN or infinite if missing. */
    static String ratio(final double ratio)
    {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? MISSING : String.format(Locale.ROOT, "%.2f", ratio);
    }

    /** The change of new over old as a percentage, {@code "+3.2%"}; NaN or infinite if missing. */
    static String change(final double ratio)
    {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ?
            MISSING : String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100);
    }

    /**
     * Heap bytes per operation (NaN if not profiled) to a tenth, {@code "0"} or {@code "24"}: JMH's
     * residue of a few thousandths of a byte from its own loop prints as {@code "0"}.
     */
    static String bytes(final double bytes)
    {
        if (Double.isNaN(bytes))
        {
            return MISSING;
        }
        final double tenths = Math.round(bytes * 10) / 10.0;
        return tenths == Math.rint(tenths) ?
            String.format(Locale.ROOT, "%d", (long)tenths) : String.format(Locale.ROOT, "%.1f", tenths);
    }
}
