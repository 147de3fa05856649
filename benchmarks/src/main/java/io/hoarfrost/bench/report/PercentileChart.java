package io.hoarfrost.bench.report;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

import java.awt.Color;

/**
 * The latency-percentile chart in the HdrHistogram convention, shared by the tail pass and the
 * journal pass: a log latency axis against the percentile as log<sub>10</sub> of 1 / (1 - p),
 * labelled 50%, 90%, 99%, 99.9%, ... by annotation lines instead of axis ticks.
 */
public final class PercentileChart
{
    /** The labelled percentiles, in order. */
    private static final double[] LABELLED_PERCENTILES = {50, 90, 99, 99.9, 99.99, 99.999};
    private static final String[] LABELLED = {"50%", "90%", "99%", "99.9%", "99.99%", "99.999%"};

    private PercentileChart()
    {
    }

    /**
     * A labelled percentile.
     *
     * @param i its index: 0 for 50%, 1 for 90%, ... 5 for 99.999%.
     * @return the percentile, from 0 to 100.
     */
    public static double labelled(final int i)
    {
        return LABELLED_PERCENTILES[i];
    }

    /**
     * The chart's x for a percentile.
     *
     * @param percentile from 0 to below 100.
     * @return log<sub>10</sub>(1 / (1 - percentile / 100)).
     */
    public static double x(final double percentile)
    {
        return TailLatency.chartX(percentile);
    }

    /**
     * A new, empty chart with the shared styling: white, grey grid, a log y axis, no x ticks.
     *
     * @param width          pixels.
     * @param height         pixels.
     * @param title          the title.
     * @param xTitle         the x axis title.
     * @param yTitle         the y axis title.
     * @param legend         where the legend goes.
     * @param markerSize     the marker size.
     * @param decimalPattern the y axis labels' pattern.
     * @return the chart, owned by the caller.
     */
    public static XYChart create(final int width, final int height, final String title, final String xTitle,
        final String yTitle, final Styler.LegendPosition legend, final int markerSize, final String decimalPattern)
    {
        final XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
            .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        final XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(legend);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setMarkerSize(markerSize);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setYAxisLogarithmic(true);
        styler.setYAxisDecimalPattern(decimalPattern);
        styler.setXAxisTicksVisible(false); // the percentiles are labelled by the annotations added by frame()
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setAnnotationLineColor(new Color(0xBBBBBB));
        styler.setAnnotationTextFontColor(Color.DARK_GRAY);
        return chart;
    }

    /**
     * Sets the axes' ranges (x from just left of 50% to {@code right}) and labels each percentile
     * up to {@code right} with a vertical line and its name.
     *
     * @param chart  a chart from {@link #create}.
     * @param bottom the y axis minimum.
     * @param top    the y axis maximum.
     * @param right  the x axis maximum.
     */
    public static void frame(final XYChart chart, final double bottom, final double top, final double right)
    {
        final XYStyler styler = chart.getStyler();
        styler.setYAxisMin(bottom);
        styler.setYAxisMax(top);
        styler.setXAxisMin(x(LABELLED_PERCENTILES[0]) - 0.1);
        styler.setXAxisMax(right);
        for (int i = 0; i < LABELLED.length; i++)
        {
            final double at = x(LABELLED_PERCENTILES[i]);
            if (at <= right)
            {
                chart.addAnnotation(new AnnotationLine(at, true, false));
                // just above the bottom of the log axis: 3% of the decades shown
                chart.addAnnotation(new AnnotationText(LABELLED[i], at, bottom * Math.pow(top / bottom, 0.03), false));
            }
        }
    }
}
