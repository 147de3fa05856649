package io.hoarfrost.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/**
 * One scaling series: how a cost grows along one x axis (allocation size, thread count, string
 * count), one {@link Column} per implementation, shown as a markdown table (a row per x value) and
 * as a PNG line chart drawn by XChart (a line per charted column). Filled by one thread, then read.
 */
final class Series
{
    static final int WIDTH = 960;
    static final int HEIGHT = 600;

    final String name; // for files: the chart is <stamp>-<name>.png
    final String title; // the table heading and chart title
    final String note; // sentences under the table, saying how to read it

    private final String xColumn;
    private final DoubleFunction<String> xLabel;
    private final String xTitle;
    private final String yTitle;
    private final boolean logX;
    private final boolean logY;
    private final boolean growthRow;
    private final Map<String, Column> columns = new LinkedHashMap<>();

    /**
     * A series without columns. The table's first column is headed {@code xColumn} and names each x
     * with {@code xLabel}; the chart's axes are titled {@code xTitle} and {@code yTitle}, each
     * logarithmic (XChart's base 10 axis) or, for y, linear from 0. A {@code growthRow} ends the
     * table with each column's value at the largest x over its value at the smallest (how many times
     * the cost grew; for throughput, the speed-up). The {@code note} is printed under the table.
     */
    Series(
        final String name,
        final String title,
        final String xColumn,
        final DoubleFunction<String> xLabel,
        final String xTitle,
        final boolean logX,
        final String yTitle,
        final boolean logY,
        final boolean growthRow,
        final String note)
    {
        this.name = name;
        this.title = title;
        this.xColumn = xColumn;
        this.xLabel = xLabel;
        this.xTitle = xTitle;
        this.logX = logX;
        this.yTitle = yTitle;
        this.logY = logY;
        this.growthRow = growthRow;
        this.note = note;
    }

    /** The column of a key (e.g. a method); new ones get a legend (null: table-only) and a header. */
    Column column(final String key, final String legend, final String header, final Format format)
    {
        return columns.computeIfAbsent(key, k -> new Column(legend, header, format));
    }

    /** The columns with a value, in legend and table order: charted ones as added, then table-only ones. */
    List<Column> columns()
    {
        final List<Column> kept = new ArrayList<>();
        for (final boolean charted : new boolean[]{true, false})
        {
            for (final Column column : columns.values())
            {
                if (!column.points.isEmpty() && charted == (null != column.legend))
                {
                    kept.add(column);
                }
            }
        }
        return kept;
    }

    /** Whether no charted column has a value: nothing to draw. */
    boolean isEmpty()
    {
        for (final Column column : columns())
        {
            if (null != column.legend)
            {
                return false;
            }
        }
        return true;
    }

    /** The series as a markdown table: one row per x value, ascending, and the growth row if asked for. */
    MarkdownTable table()
    {
        final List<Column> kept = columns();
        final String[] headers = new String[kept.size() + 1];
        final StringBuilder alignments = new StringBuilder("l");
        final NavigableSet<Double> xs = new TreeSet<>();
        headers[0] = xColumn;
        for (int i = 0; i < kept.size(); i++)
        {
            headers[i + 1] = kept.get(i).header;
            alignments.append('r');
            xs.addAll(kept.get(i).points.keySet());
        }
        final MarkdownTable table = new MarkdownTable(alignments.toString(), headers);
        final String[] cells = new String[headers.length];
        for (final double x : xs)
        {
            cells[0] = xLabel.apply(x);
            for (int i = 0; i < kept.size(); i++)
            {
                final double[] point = kept.get(i).points.get(x);
                cells[i + 1] = null == point ? MarkdownTable.MISSING : kept.get(i).format.cell(point[0], point[1]);
            }
            table.addRow(cells);
        }
        if (growthRow && xs.size() > 1)
        {
            cells[0] = xLabel.apply(xs.last()) + " / " + xLabel.apply(xs.first());
            for (int i = 0; i < kept.size(); i++)
            {
                final Column column = kept.get(i);
                cells[i + 1] = null == column.legend ?
                    MarkdownTable.MISSING : MarkdownTable.ratio(column.value(xs.last()) / column.value(xs.first()));
            }
            table.addRow(cells);
        }
        return table;
    }

    /**
     * Writes the chart, a line per charted column, as a PNG (replaced if it exists). Needs a font,
     * and {@code java.awt.headless=true} without a display.
     *
     * @throws IllegalArgumentException naming the series if it has no line to draw.
     */
    void writeChart(final Path png) throws IOException
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.OutsideS)
            .setLegendBorderColor(Color.WHITE).setMarkerSize(9);
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD)).setXAxisLogarithmic(logX).setYAxisLogarithmic(logY)
            .setXAxisDecimalPattern("#,###").setPlotBackgroundColor(Color.WHITE);
        if (!logX)
        {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> x == Math.rint(x) ? xLabel.apply(x) : "");
        }
        if (!logY)
        {
            chart.getStyler().setYAxisMin(0.0);
        }
        for (final Column column : columns())
        {
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final Map.Entry<Double, double[]> point : column.points.entrySet())
            {
                final double y = point.getValue()[0];
                if (null != column.legend && !Double.isInfinite(y) && (!logY || y > 0))
                {
                    xs.add(point.getKey());
                    ys.add(y);
                }
            }
            if (!xs.isEmpty())
            {
                chart.addSeries(column.legend, xs, ys);
            }
        }
        if (chart.getSeriesMap().isEmpty())
        {
            throw new IllegalArgumentException("series '" + name + "' has no line to draw");
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** How a table writes a value and its error (NaN if unknown). */
    interface Format
    {
        String cell(double value, double error);
    }

    /** One implementation's values: a line of the chart (unless table-only) and a column of the table. */
    static final class Column
    {
        final String legend; // null for a table-only column
        final String header;

        private final Format format;
        private final TreeMap<Double, double[]> points = new TreeMap<>();

        Column(final String legend, final String header, final Format format)
        {
            this.legend = legend;
            this.header = header;
            this.format = format;
        }

        /** Sets the value and error (NaN if unknown) at an x, replacing any earlier one; a NaN value is not put. */
        void put(final double x, final double value, final double error)
        {
            if (!Double.isNaN(value))
            {
                points.put(x, new double[]{value, error});
            }
        }

        /** The value at an x, or NaN. */
        double value(final double x)
        {
            final double[] point = points.get(x);
            return null == point ? Double.NaN : point[0];
        }
    }
}
