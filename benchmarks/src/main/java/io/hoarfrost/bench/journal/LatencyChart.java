package io.hoarfrost.bench.journal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hoarfrost.bench.report.PercentileChart;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal pass's PNG: one panel per latency measurement (the cross-process runs at each rate
 * and size, then the writer's own append latency), a percentile curve per store in each, in the
 * HdrHistogram convention: latency (log scale) against log<sub>10</sub>(1 / (1 - p)), labelled
 * 50%, 90%, 99%, ...
 */
final class LatencyChart
{
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;
    private static final Color HOARFROST = new Color(0x1F77B4);
    private static final Color CHRONICLE = new Color(0xD62728);

    private LatencyChart()
    {
    }

    /**
     * Draws the panels, two to a row, into one PNG.
     *
     * @param report the report, with its {@code runs}.
     * @param png    the file, replaced if it exists.
     * @throws IOException if it cannot be written.
     */
    static void write(final JsonObject report, final Path png) throws IOException
    {
        final JsonArray runs = report.getAsJsonArray("runs");
        final List<XYChart> charts = new ArrayList<>();
        for (final long rate : Plan.RATES)
        {
            for (final int size : Plan.SIZES)
            {
                charts.add(panel("Cross-process, " + size + " B at " + rate / 1000 + "k msg/s (from intended send time)",
                    curve(runs, "crossProcess", Store.HOARFROST, size, rate, "latency"),
                    curve(runs, "crossProcess", Store.CHRONICLE, size, rate, "latency")));
            }
        }
        charts.add(panel("Writer, " + Plan.WRITER_SIZE + " B at " + Plan.WRITER_RATE / 1000 + "k msg/s: time in append",
            curve(runs, "writer", Store.HOARFROST, Plan.WRITER_SIZE, Plan.WRITER_RATE, "service"),
            curve(runs, "writer", Store.CHRONICLE, Plan.WRITER_SIZE, Plan.WRITER_RATE, "service")));
        charts.add(panel("Writer, " + Plan.WRITER_SIZE + " B at " + Plan.WRITER_RATE / 1000 + "k msg/s: from intended send time",
            curve(runs, "writer", Store.HOARFROST, Plan.WRITER_SIZE, Plan.WRITER_RATE, "fromIntended"),
            curve(runs, "writer", Store.CHRONICLE, Plan.WRITER_SIZE, Plan.WRITER_RATE, "fromIntended")));
        BitmapEncoder.saveBitmap(charts, charts.size() / 2, 2, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static JsonArray curve(final JsonArray runs, final String measure, final String store, final int size,
        final long rate, final String field)
    {
        for (final JsonElement element : runs)
        {
            final JsonObject run = element.getAsJsonObject();
            if (measure.equals(run.get("measure").getAsString()) && store.equals(run.get("store").getAsString()) &&
                size == run.get("size").getAsInt() && rate == run.get("rate").getAsLong())
            {
                return run.getAsJsonObject(field).getAsJsonArray("curve");
            }
        }
        throw new IllegalStateException("no " + measure + " run of " + store + " at " + size + " B and " + rate + "/s");
    }

    private static XYChart panel(final String title, final JsonArray hoarfrost, final JsonArray chronicle)
    {
        final XYChart chart = PercentileChart.create(WIDTH, HEIGHT, title, "percentile", "us (log scale)",
            Styler.LegendPosition.InsideNW, 3, "#,##0.###");
        final double[] range = {Double.MAX_VALUE, 0, PercentileChart.x(PercentileChart.labelled(3))};
        series(chart, "Hoarfrost", hoarfrost, HOARFROST, range);
        series(chart, "Chronicle", chronicle, CHRONICLE, range);
        final double bottom = Math.pow(10, Math.floor(Math.log10(Math.max(1e-3, range[0]))));
        final double top = Math.pow(10, Math.ceil(Math.log10(Math.max(bottom * 10, range[1] * 1.01))));
        final double right = Math.ceil(range[2] * 2) / 2;
        PercentileChart.frame(chart, bottom, top, right);
        return chart;
    }

    /** Adds a store's curve (ns, turned into us) from the 50th percentile on; widens {lowest, highest, right}. */
    private static void series(final XYChart chart, final String name, final JsonArray curve, final Color color,
        final double[] range)
    {
        final List<Double> xs = new ArrayList<>();
        final List<Double> ys = new ArrayList<>();
        for (final JsonElement element : curve)
        {
            final JsonArray point = element.getAsJsonArray();
            final double percentile = point.get(0).getAsDouble();
            final double us = point.get(1).getAsDouble() / 1e3;
            if (percentile >= PercentileChart.labelled(0) && us > 0)
            {
                xs.add(PercentileChart.x(percentile));
                ys.add(us);
                range[0] = Math.min(range[0], us);
                range[1] = Math.max(range[1], us);
                range[2] = Math.max(range[2], xs.get(xs.size() - 1));
            }
        }
        if (xs.isEmpty())
        {
            xs.add(PercentileChart.x(PercentileChart.labelled(0)));
            ys.add(1.0);
        }
        final XYSeries line = chart.addSeries(name, xs, ys);
        line.setLineColor(color);
        line.setMarkerColor(color);
    }
}
