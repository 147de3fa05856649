package io.hoarfrost.examples;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The latency-percentile chart of both handlers (PNG, XChart), in the HdrHistogram convention the
 * benchmarks' tail charts use: x is log<sub>10</sub>(1 / (1 - p)), labelled 50%, 90%, 99% ...;
 * y is µs on a log scale.
 */
final class LatencyChart
{
    private static final String[] LABELS = {"50%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
    private static final double[] AT = {50, 90, 99, 99.9, 99.99, 99.999};

    private LatencyChart()
    {
    }

    static double x(final double percentile)
    {
        return Math.log10(100 / (100 - percentile));
    }

    /**
     * Writes the chart.
     *
     * @param title the chart's title.
     * @param runs  the runs' results, each with its {@code latency.curve}.
     * @param png   the file, replaced.
     * @throws IOException if it cannot be written.
     */
    static void write(final String title, final List<Properties> runs, final Path png) throws IOException
    {
        final XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
            .xAxisTitle("percentile (1 / (1 - p), log scale)").yAxisTitle("µs from intended send to book updated (log scale)")
            .build();
        final XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setMarkerSize(5);
        styler.setYAxisLogarithmic(true);
        styler.setYAxisDecimalPattern("#,###.#");
        styler.setXAxisTicksVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setAnnotationLineColor(new Color(0xBBBBBB));
        styler.setAnnotationTextFontColor(Color.DARK_GRAY);
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        double right = 0;
        for (final Properties run : runs)
        {
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final String point : run.getProperty("latency.curve").split(","))
            {
                final String[] parts = point.split(":");
                final double micros = Math.max(0.1, Long.parseLong(parts[1]) / 1000.0);
                xs.add(x(Double.parseDouble(parts[0])));
                ys.add(micros);
                lowest = Math.min(lowest, micros);
                highest = Math.max(highest, micros);
            }
            final double max = Long.parseLong(run.getProperty("latency.max")) / 1000.0;
            xs.add(x(100 * (1 - 1.0 / Long.parseLong(run.getProperty("latency.count")))));
            ys.add(Math.max(0.1, max));
            highest = Math.max(highest, max);
            right = Math.max(right, xs.get(xs.size() - 1));
            chart.addSeries(String.format(Locale.ROOT, "%s (p99.99 %,.0f µs)", run.getProperty("handler"),
                Long.parseLong(run.getProperty("latency.p99.99")) / 1000.0), xs, ys);
        }
        final double bottom = Math.pow(10, Math.floor(Math.log10(lowest)));
        final double top = Math.pow(10, Math.ceil(Math.log10(highest * 1.01)));
        styler.setYAxisMin(bottom);
        styler.setYAxisMax(top);
        styler.setXAxisMin(x(50) - 0.1);
        styler.setXAxisMax(Math.ceil(right * 2) / 2);
        for (int i = 0; i < LABELS.length; i++)
        {
            if (x(AT[i]) <= right)
            {
                chart.addAnnotation(new AnnotationLine(x(AT[i]), true, false));
                chart.addAnnotation(new AnnotationText(LABELS[i], x(AT[i]), bottom * Math.pow(top / bottom, 0.03), false));
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
