package io.hoarfrost.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scaling series as a PNG line chart drawn by XChart: one line per charted {@link SeriesLine},
 * x along the series' {@link SeriesAxis} (log axes plot the exponent, ticks read as sizes or
 * counts), y on a log10 axis or on a linear one from 0. Rendered off screen: the JVM runs
 * headless ({@code java.awt.headless=true}, set here unless already set).
 *
 * <p>Stateless and thread-safe.
 */
public final class SeriesChart
{
    /** Width of the PNG, in pixels. */
    public static final int WIDTH = 960;

    /** Height of the PNG, in pixels. */
    public static final int HEIGHT = 600;

    private static final String HEADLESS = "java.awt.headless";
    private static final int MARKER_SIZE = 9;
    private static final Color[] COLORS =
    {
        new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x17BECF), new Color(0xD62728),
        new Color(0xFF7F0E), new Color(0x9467BD), new Color(0x8C564B), new Color(0x7F7F7F)
    };

    static
    {
        if (null == System.getProperty(HEADLESS))
        {
            System.setProperty(HEADLESS, "true");
        }
    }

    private SeriesChart()
    {
    }

    /**
     * Draws a series and writes it as a PNG.
     *
     * @param series the series; its table-only lines are left out.
     * @param png    the file to write; replaced if it exists.
     * @throws IOException              if the file cannot be written.
     * @throws IllegalArgumentException naming the series if it has no line to draw.
     */
    public static void write(final Series series, final Path png) throws IOException
    {
        final XYChart chart = chart(series);
        try (OutputStream out = Files.newOutputStream(png))
        {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart chart(final Series series)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(series.title())
            .xAxisTitle(series.axis().title()).yAxisTitle(series.yTitle()).build();
        final XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setMarkerSize(MARKER_SIZE);
        styler.setSeriesColors(COLORS);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setxAxisTickLabelsFormattingFunction(position -> series.axis().tickLabel(position));
        styler.setYAxisLogarithmic(series.isLogY());
        if (!series.isLogY())
        {
            styler.setYAxisMin(0.0);
        }

        int drawn = 0;
        for (final SeriesLine line : series.lines())
        {
            if (!line.isCharted())
            {
                continue;
            }
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final Map.Entry<Double, double[]> point : line.points().entrySet())
            {
                final double y = point.getValue()[0];
                if (!Double.isNaN(y) && !Double.isInfinite(y) && (!series.isLogY() || y > 0))
                {
                    xs.add(series.axis().position(point.getKey()));
                    ys.add(y);
                }
            }
            if (!xs.isEmpty())
            {
                chart.addSeries(line.label(), xs, ys);
                drawn++;
            }
        }
        if (drawn == 0)
        {
            throw new IllegalArgumentException("series '" + series.name() + "' has no line to draw");
        }
        return chart;
    }
}
