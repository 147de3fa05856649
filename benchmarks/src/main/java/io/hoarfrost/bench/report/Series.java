package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * One scaling series: how a cost grows along one x axis (allocation size, thread count, string
 * count), one {@link SeriesLine} per implementation. It becomes a table ({@link SeriesTable}) and
 * a chart ({@link SeriesChart}).
 *
 * <p>Immutable once built, though its lines are not copied: build them first.
 */
public final class Series
{
    private final String name;
    private final String title;
    private final SeriesAxis axis;
    private final String yTitle;
    private final boolean logY;
    private final boolean growthRow;
    private final String note;
    private final List<SeriesLine> lines;

    /**
     * Creates a series.
     *
     * @param name      short name for files, e.g. {@code "size"}: the chart is
     *                  {@code <timestamp>-<name>.png}.
     * @param title     the table heading and chart title.
     * @param axis      the x axis.
     * @param yTitle    the chart's y axis title, unit included.
     * @param logY      whether the chart's y axis is logarithmic (base 10).
     * @param growthRow whether the table ends with a row of last-x over first-x ratios.
     * @param note      one or more sentences printed under the table, saying how to read it.
     * @param lines     the lines, in legend and column order; empty lines are dropped.
     */
    public Series(
        final String name,
        final String title,
        final SeriesAxis axis,
        final String yTitle,
        final boolean logY,
        final boolean growthRow,
        final String note,
        final List<SeriesLine> lines)
    {
        this.name = name;
        this.title = title;
        this.axis = axis;
        this.yTitle = yTitle;
        this.logY = logY;
        this.growthRow = growthRow;
        this.note = note;
        final List<SeriesLine> kept = new ArrayList<>();
        for (final SeriesLine line : lines)
        {
            if (!line.isEmpty())
            {
                kept.add(line);
            }
        }
        this.lines = Collections.unmodifiableList(kept);
    }

    /**
     * Short name for files.
     *
     * @return e.g. {@code "size"}.
     */
    public String name()
    {
        return name;
    }

    /**
     * Table heading and chart title.
     *
     * @return the title.
     */
    public String title()
    {
        return title;
    }

    /**
     * The x axis.
     *
     * @return the axis.
     */
    public SeriesAxis axis()
    {
        return axis;
    }

    /**
     * The chart's y axis title.
     *
     * @return the title, unit included.
     */
    public String yTitle()
    {
        return yTitle;
    }

    /**
     * Whether the chart's y axis is logarithmic.
     *
     * @return true for base 10.
     */
    public boolean isLogY()
    {
        return logY;
    }

    /**
     * Whether the table ends with a last-over-first row.
     *
     * @return true if it does.
     */
    public boolean hasGrowthRow()
    {
        return growthRow;
    }

    /**
     * How to read the table.
     *
     * @return one or more sentences.
     */
    public String note()
    {
        return note;
    }

    /**
     * The lines with at least one value.
     *
     * @return an unmodifiable list, in legend and column order.
     */
    public List<SeriesLine> lines()
    {
        return lines;
    }

    /**
     * Whether no charted line has a value (table-only columns do not count).
     *
     * @return true if there is nothing to draw.
     */
    public boolean isEmpty()
    {
        for (final SeriesLine line : lines)
        {
            if (line.isCharted())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Every x value of any line.
     *
     * @return the x values, ascending.
     */
    public NavigableSet<Double> xValues()
    {
        final NavigableSet<Double> xs = new TreeSet<>();
        for (final SeriesLine line : lines)
        {
            xs.addAll(line.points().keySet());
        }
        return xs;
    }
}
