package io.hoarfrost.bench.report;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The scaling report from a small synthetic result set: the tables have the expected rows and
 * cells, and each chart is a PNG of the expected size. No timing is measured here.
 */
public class ScalingReportTest
{
    private static final String BENCH = "io.hoarfrost.bench.";
    private static final int[] SIZES = {16, 64, 256, 1024, 4096, 16384, 65536};
    private static final byte[] PNG_SIGNATURE = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Scratch directory for the charts. */
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void sizeTableHasARowPerSizeAndAGrowthRow()
    {
        final MarkdownTable table = ScalingSeries.size(measurements()).table();
        final List<List<String>> rows = cells(table.render());

        assertEquals(SIZES.length + 1, table.rowCount());
        assertEquals(Arrays.asList("size", "Pool ns/op", "ConcurrentPool ns/op", "BumpArena ns/op", "unsafe ns/op",
            "netty ns/op", "hoarfrost B/op"), rows.get(0));
        assertEquals(Arrays.asList("16 B", "5.000 ± 0.500", "9.000 ± 0.900", "2.000 ± 0.200", "20.02 ± 2.00",
            "40.03 ± 4.00", "0"), rows.get(2));
        assertEquals("64 KiB", rows.get(8).get(0));
        // Pool: 5 ns at every size, so it does not grow; malloc: 20 ns + 1 ns per KiB.
        assertEquals(Arrays.asList("64 KiB / 16 B", "1.00", "1.00", "1.50", "4.20", "4.20", "-"), rows.get(9));
    }

    @Test
    public void threadsTableTurnsTimesIntoThroughputAndSpeedUp()
    {
        final Series series = ScalingSeries.threads(measurements());
        final List<List<String>> rows = cells(series.table().render());

        assertEquals("ConcurrentPool, shared (hoarfrost)", series.columns().get(0).legend);
        // 10 ns/op on 1 thread: 100 M ops/s; 10 ns/op on each of 2 threads: 200 M ops/s.
        assertEquals(100.0, series.columns().get(0).value(1), 1e-9);
        assertEquals(200.0, series.columns().get(0).value(2), 1e-9);
        assertEquals(Arrays.asList("threads", "ConcurrentPool M ops/s", "BumpArena M ops/s", "unsafe M ops/s",
            "netty M ops/s", "hoarfrost B/op"), rows.get(0));
        assertEquals(Arrays.asList("1", "100.0 ± 10.0", "500.0 ± 25.0", "40.00 ± 3.20", "25.00 ± 1.88", "0"), rows.get(2));
        assertEquals("2", rows.get(3).get(0));
        assertEquals(Arrays.asList("2 / 1", "2.00", "2.00", "2.00", "2.00", "-"), rows.get(4));
    }

    @Test
    public void footprintTablesHaveARowPerCount()
    {
        final MarkdownTable bytes = ScalingSeries.footprintBytes(footprint()).table();
        final MarkdownTable objects = ScalingSeries.footprintObjects(footprint()).table();
        final List<List<String>> byteRows = cells(bytes.render());
        final List<List<String>> objectRows = cells(objects.render());

        assertEquals(ScalingSeries.FOOTPRINT_COUNTS.size() + 1, bytes.rowCount());
        assertEquals(ScalingSeries.FOOTPRINT_COUNTS.size(), objects.rowCount());
        assertEquals(Arrays.asList("strings", "hoarfrost B", "String B", "byte[] B", "unsafe B"), byteRows.get(0));
        assertEquals(Arrays.asList("10,000", "24.00", "63.30", "39.30", "22.00"), byteRows.get(2));
        assertEquals("10,000,000", byteRows.get(5).get(0));
        assertEquals(Arrays.asList("strings", "hoarfrost objects", "String objects", "byte[] objects", "unsafe objects",
            "hoarfrost B allocated"), objectRows.get(0));
        assertEquals(Arrays.asList("100,000", "0.00", "2.00", "1.00", "0.00", "0.00"), objectRows.get(3));
    }

    @Test
    public void writesOnePngChartPerSeries() throws IOException
    {
        final Path directory = folder.getRoot().toPath();
        final List<Path> charts = new ArrayList<>();
        for (final Series series : ScalingSeries.all(measurements(), footprint()))
        {
            charts.add(directory.resolve("stamp-" + series.name + ".png"));
            series.writeChart(charts.get(charts.size() - 1));
        }

        assertEquals(Arrays.asList(directory.resolve("stamp-size.png"), directory.resolve("stamp-threads.png"),
            directory.resolve("stamp-footprint-bytes.png"), directory.resolve("stamp-footprint-objects.png")), charts);
        for (final Path chart : charts)
        {
            final byte[] bytes = Files.readAllBytes(chart);
            assertArrayEquals(chart.toString(), PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
            final BufferedImage image = ImageIO.read(chart.toFile());
            assertNotNull(chart.toString(), image);
            assertEquals(Series.WIDTH, image.getWidth());
            assertEquals(Series.HEIGHT, image.getHeight());
        }
    }

    @Test
    public void markdownHasASectionPerSeriesWithData()
    {
        final String onlyJmh =
            ScalingSeries.markdown(ScalingSeries.all(measurements(), Collections.<FootprintPoint>emptyList()));
        final String all = ScalingSeries.markdown(ScalingSeries.all(measurements(), footprint()));

        assertEquals(2, count(onlyJmh, "\n## "));
        assertEquals(4, count(all, "\n## "));
        assertTrue(all, all.startsWith("## Allocation size"));
        assertTrue(all, all.contains("## Footprint: heap objects per string"));
    }

    @Test
    public void readsTheThreadCountJmhRecorded() throws IOException
    {
        final Path json = folder.newFile("run.json").toPath();
        Files.write(json, ("[" + jmhResult("allocateFree1t_hoarfrost", 1, 10) + "," +
            jmhResult("allocateFree2t_hoarfrost", 2, 20) + "]").getBytes(StandardCharsets.UTF_8));

        final List<Measurement> measurements = RecordedRun.read(json).measurements;

        assertEquals(1, measurements.get(0).threads);
        assertEquals(2, measurements.get(1).threads);
        assertEquals("64", measurements.get(1).param("size"));
        assertEquals(null, measurements.get(1).param("count"));
        final Series series = ScalingSeries.threads(measurements);
        assertEquals(2, series.columns().size()); // the operation's line and the table-only B/op column
        assertEquals(100.0, series.columns().get(0).value(1), 1e-9);
        assertEquals(100.0, series.columns().get(0).value(2), 1e-9);
    }

    private static String jmhResult(final String method, final int threads, final double nanos)
    {
        return "{\"benchmark\": \"" + BENCH + ScalingSeries.THREADS_BENCHMARK + "." + method + "\", \"mode\": \"avgt\", " +
            "\"threads\": " + threads + ", \"forks\": 1, \"params\": {\"size\": \"64\"}, " +
            "\"primaryMetric\": {\"score\": " + nanos + ", \"scoreError\": 0.5, \"scoreUnit\": \"ns/op\"}, " +
            "\"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": 0.001}}}";
    }

    private static List<Measurement> measurements()
    {
        final List<Measurement> measurements = new ArrayList<>();
        for (final int size : SIZES)
        {
            final String params = "size=" + size;
            measurements.add(size("allocateFree_hoarfrost", params, 5));
            measurements.add(size("allocateFree_unsafe", params, 20 + size / 1024.0));
            measurements.add(size("allocateFree_netty", params, 40 + size / 512.0));
            measurements.add(size("allocateFreeConcurrent_hoarfrost", params, 9));
            measurements.add(size("arenaAllocate_hoarfrost", params, 2 + size / 65536.0));
        }
        for (final int threads : new int[]{1, 2})
        {
            final String prefix = BENCH + ScalingSeries.THREADS_BENCHMARK + ".";
            measurements.add(new Measurement(prefix + "allocateFree" + threads + "t_hoarfrost", "size=64", threads, 10, 1, 0));
            measurements.add(new Measurement(prefix + "allocateFree" + threads + "t_unsafe", "size=64", threads, 25, 2, 0));
            measurements.add(new Measurement(prefix + "allocateFree" + threads + "t_netty", "size=64", threads, 40, 3, 0));
            measurements.add(new Measurement(prefix + "arenaAllocate" + threads + "t_hoarfrost", "size=64", threads, 2, 0.1, 0));
        }
        measurements.add(new Measurement(BENCH + "PoolBenchmark.allocateFree_hoarfrost", "size=64", 1, 3, 0.1, 0));
        return measurements;
    }

    private static Measurement size(final String method, final String params, final double nanos)
    {
        return new Measurement(BENCH + ScalingSeries.SIZE_BENCHMARK + "." + method, params, 1, nanos, nanos / 10, 0.001);
    }

    private static List<FootprintPoint> footprint()
    {
        final List<FootprintPoint> points = new ArrayList<>();
        for (final int count : ScalingSeries.FOOTPRINT_COUNTS)
        {
            points.add(new FootprintPoint(FootprintPoint.HOARFROST, count, 24.0, 1.0 / count, 0.0));
            points.add(new FootprintPoint(FootprintPoint.STRING, count, 63.3, 2.0 + 1.0 / count, Double.NaN));
            points.add(new FootprintPoint(FootprintPoint.BYTE_ARRAY, count, 39.3, 1.0 + 1.0 / count, Double.NaN));
            points.add(new FootprintPoint(FootprintPoint.UNSAFE, count, 22.0, 0.0, Double.NaN));
        }
        return points;
    }

    /** The cells of each line of a rendered table, trimmed; line 1 is the alignment row. */
    private static List<List<String>> cells(final String table)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final String line : table.split("\n"))
        {
            final List<String> cells = new ArrayList<>();
            final String[] parts = line.split("\\|");
            for (int i = 1; i < parts.length; i++)
            {
                cells.add(parts[i].trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int at = ("\n" + text).indexOf(part); at >= 0; at = ("\n" + text).indexOf(part, at + 1))
        {
            count++;
        }
        return count;
    }
}
