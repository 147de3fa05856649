package io.hoarfrost.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the scaling pass shows: each non-empty {@link ScalingSeries} series as a markdown section
 * (heading, table, how to read it) and as a PNG chart, {@code <stamp>-<series>.png}.
 *
 * <p>Immutable; {@link #writeCharts} writes files and may be called from one thread at a time.
 */
public final class ScalingReport
{
    private final List<Series> series;

    private ScalingReport(final List<Series> series)
    {
        this.series = series;
    }

    /**
     * Builds the report of a scaling pass.
     *
     * @param measurements the JMH measurements (only the scaling classes' are used).
     * @param footprint    the footprint points, or an empty list if there are none.
     * @return the report.
     */
    public static ScalingReport of(final List<Measurement> measurements, final List<FootprintPoint> footprint)
    {
        final List<Series> kept = new ArrayList<>();
        for (final Series one : ScalingSeries.all(measurements, footprint))
        {
            if (!one.isEmpty())
            {
                kept.add(one);
            }
        }
        return new ScalingReport(Collections.unmodifiableList(kept));
    }

    /**
     * The series with data, in report order.
     *
     * @return an unmodifiable list.
     */
    public List<Series> series()
    {
        return series;
    }

    /**
     * The tables as markdown: per series a {@code ##} heading, the table and its note.
     *
     * @return the text, empty if no series has data.
     */
    public String markdown()
    {
        final String newline = System.lineSeparator();
        final StringBuilder text = new StringBuilder();
        for (final Series one : series)
        {
            text.append("## ").append(one.title()).append(newline).append(newline)
                .append(SeriesTable.of(one).render()).append(newline)
                .append(one.note()).append(newline).append(newline);
        }
        return text.toString();
    }

    /**
     * Writes one PNG chart per series, {@code <stamp>-<series name>.png}.
     *
     * @param directory where the charts go; must exist.
     * @param stamp     the run's timestamp, the files' prefix.
     * @return the files written, in report order.
     * @throws IOException if a file cannot be written.
     */
    public List<Path> writeCharts(final Path directory, final String stamp) throws IOException
    {
        final List<Path> written = new ArrayList<>();
        for (final Series one : series)
        {
            final Path png = directory.resolve(stamp + "-" + one.name() + ".png");
            SeriesChart.write(one, png);
            written.add(png);
        }
        return written;
    }
}
