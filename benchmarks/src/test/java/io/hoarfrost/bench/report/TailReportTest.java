package io.hoarfrost.bench.report;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openjdk.jmh.annotations.Benchmark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The tail report from synthetic distributions and small GC logs: table cells and width, the GC
 * log parser on JDK 8 and JDK 17 lines, the chart's points and its PNG. No timing is measured here.
 */
public class TailReportTest
{
    private static final byte[] PNG_SIGNATURE = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** JDK 17, {@code -Xlog:gc}, G1: 2 young pauses, a remark and a cleanup; the concurrent cycle is no pause. */
    private static final List<String> JDK17_G1 = Arrays.asList(
        "[0.006s][info][gc] Using G1",
        "[1.204s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->3M(1024M) 2.345ms",
        "[2.410s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 60M->4M(1024M) 1.655ms",
        "[2.411s][info][gc] GC(2) Concurrent Mark Cycle",
        "[2.420s][info][gc] GC(2) Pause Remark 5M->5M(1024M) 0.900ms",
        "[2.421s][info][gc] GC(2) Pause Cleanup 5M->5M(1024M) 0.100ms",
        "[2.430s][info][gc] GC(2) Concurrent Mark Cycle 19.123ms");

    /** JDK 17, {@code -Xlog:gc}, Parallel: a young pause and a full one. */
    private static final List<String> JDK17_PARALLEL = Arrays.asList(
        "[0.004s][info][gc] Using Parallel",
        "[0.912s][info][gc] GC(0) Pause Young (Allocation Failure) 262M->1M(1004M) 1,500ms",
        "[3.100s][info][gc] GC(1) Pause Full (System.gc()) 10M->1M(1004M) 12.500ms");

    /**
     * JDK 8, {@code -XX:+PrintGCDetails -XX:+PrintGCTimeStamps}, Parallel: a young pause, a young pause
     * that escalates to a full one, and {@code -XX:+PrintGCApplicationStoppedTime} lines that are not counted.
     */
    private static final List<String> JDK8_PARALLEL = Arrays.asList(
        "Java HotSpot(TM) 64-Bit Server VM (25.504-b01) for linux-amd64 JRE (1.8.0_504-b01)",
        "CommandLine flags: -XX:InitialHeapSize=1073741824 -XX:+PrintGCDetails -XX:+UseParallelGC ",
        "1.234: [GC (Allocation Failure) [PSYoungGen: 262144K->1234K(305664K)] 262144K->1242K(1005056K), " +
            "0.0012000 secs] [Times: user=0.00 sys=0.00, real=0.00 secs] ",
        "1.235: Total time for which application threads were stopped: 0.0013000 seconds, Stopping threads took: " +
            "0.0000100 seconds",
        "5.678: [GC (Allocation Failure) [PSYoungGen: 262144K->1234K(305664K)] 262144K->1242K(1005056K), " +
            "0.0030000 secs] [Times: user=0.01 sys=0.00, real=0.00 secs] ",
        "5.681: [Full GC (Ergonomics) [PSYoungGen: 1234K->0K(305664K)] [ParOldGen: 700000K->5000K(699392K)] " +
            "701234K->5000K(1005056K), [Metaspace: 12345K->12345K(1060864K)], 0.0250000 secs] " +
            "[Times: user=0.04 sys=0.00, real=0.03 secs] ",
        "Heap",
        " PSYoungGen      total 305664K, used 5243K [0x00000000eab00000, 0x0000000100000000, 0x0000000100000000)");

    /** JDK 8, G1 with details: a young pause, the concurrent phases (not counted), a remark and a cleanup. */
    private static final List<String> JDK8_G1 = Arrays.asList(
        "2.345: [GC pause (G1 Evacuation Pause) (young), 0.0020000 secs]",
        "   [Parallel Time: 1.2 ms, GC Workers: 2]",
        "      [GC Worker Start (ms): Min: 2345.1, Avg: 2345.1, Max: 2345.2, Diff: 0.1]",
        "   [Eden: 24.0M(24.0M)->0.0B(24.0M) Survivors: 0.0B->3072.0K Heap: 24.0M(1024.0M)->3.0M(1024.0M)]",
        " [Times: user=0.00 sys=0.00, real=0.00 secs] ",
        "3.000: [GC concurrent-root-region-scan-start]",
        "3.001: [GC concurrent-root-region-scan-end, 0.0010000 secs]",
        "3.002: [GC concurrent-mark-end, 0.0120000 secs]",
        "3.010: [GC remark 3.010: [Finalize Marking, 0.0001000 secs] 3.010: [GC ref-proc, 0.0002000 secs] " +
            "3.011: [Unloading, 0.0010000 secs], 0.0040000 secs]",
        " [Times: user=0.00 sys=0.00, real=0.00 secs] ",
        "3.020: [GC cleanup 12M->12M(1024M), 0.0005000 secs]",
        "3.021: [CMS-concurrent-mark: 0.010/0.010 secs]");

    /** Scratch directory for the charts and logs. */
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void readsJdk17G1Pauses()
    {
        final GcPauses pauses = GcPauses.parse(JDK17_G1);

        assertEquals(4, pauses.count);
        assertEquals(2.345 + 1.655 + 0.9 + 0.1, pauses.totalMillis, 1e-9);
        assertEquals(2.345, pauses.longestMillis, 1e-9);
        assertEquals("G1", pauses.collector);
    }

    @Test
    public void readsJdk17ParallelPausesWithADecimalComma()
    {
        final GcPauses pauses = GcPauses.parse(JDK17_PARALLEL);

        assertEquals(2, pauses.count);
        assertEquals(14.0, pauses.totalMillis, 1e-9);
        assertEquals(12.5, pauses.longestMillis, 1e-9);
        assertEquals("Parallel", pauses.collector);
    }

    @Test
    public void readsJdk8ParallelPausesAndNotTheStoppedTimeLines()
    {
        final GcPauses pauses = GcPauses.parse(JDK8_PARALLEL);

        assertEquals(3, pauses.count);
        assertEquals(1.2 + 3.0 + 25.0, pauses.totalMillis, 1e-9);
        assertEquals(25.0, pauses.longestMillis, 1e-9);
        assertEquals("Parallel", pauses.collector);
    }

    @Test
    public void readsJdk8G1PausesAndNotItsConcurrentPhases()
    {
        final GcPauses pauses = GcPauses.parse(JDK8_G1);

        assertEquals(3, pauses.count);
        assertEquals(2.0 + 4.0 + 0.5, pauses.totalMillis, 1e-9);
        assertEquals(4.0, pauses.longestMillis, 1e-9);
        assertEquals("G1", pauses.collector);
    }

    @Test
    public void sumsTheLogsOfSeveralForks() throws IOException
    {
        final Path directory = folder.getRoot().toPath();
        Files.write(directory.resolve("allocateFree_heap-101.log"), JDK17_G1, StandardCharsets.UTF_8);
        Files.write(directory.resolve("allocateFree_heap-102.log"), JDK17_PARALLEL, StandardCharsets.UTF_8);
        Files.write(directory.resolve("allocateFree_heap2-103.log"), JDK17_PARALLEL, StandardCharsets.UTF_8);

        final List<Path> logs = TailRun.logsOf(directory, "allocateFree_heap");
        final GcPauses pauses = GcPauses.read(logs);

        assertEquals(2, logs.size());
        assertEquals(2, pauses.logs);
        assertEquals(6, pauses.count);
        assertEquals(12.5, pauses.longestMillis, 1e-9);
        assertEquals("G1", pauses.collector);
    }

    @Test
    public void forkArgumentsDependOnTheJdk()
    {
        assertEquals(Arrays.asList("-XX:+PrintGCDetails", "-XX:+PrintGCTimeStamps", "-Xloggc:/r/m-%p.log"),
            GcPauses.forkArguments(8, "/r/m-%p.log"));
        assertEquals(Collections.singletonList("-Xlog:gc:file=/r/m-%p.log"), GcPauses.forkArguments(17, "/r/m-%p.log"));
    }

    @Test
    public void tableHasARowPerImplementationMeasured()
    {
        final TailReport.Operation operation = TailReport.OPERATIONS.get(0);
        final Map<String, TailLatency> results = new LinkedHashMap<>();
        results.put("allocateFree_pool", latency("allocateFree_pool", 61_234, GcPauses.parse(Collections.<String>emptyList()),
            20, 21, 30, 150, 12_345, 12_345_678));
        results.put("allocateFree_heap", latency("allocateFree_heap", 60_000, GcPauses.parse(JDK17_G1),
            25, 26, 40, 300, 1_500_000, 2_500_000_000.0));

        final List<List<String>> rows = cells(TailReport.table(operation, results).render());

        assertEquals(Arrays.asList("implementation", "p50", "p90", "p99", "p99.9", "p99.99", "max", "samples", "GCs",
            "GC ms", "GC max"), rows.get(0));
        assertEquals(Arrays.asList("Pool", "20", "21", "30", "150", "12,345", "12.3 ms", "61,234", "0", "0.0", "0.0"),
            rows.get(2));
        assertEquals(Arrays.asList("heap byte[64]", "25", "26", "40", "300", "1,500,000", "2.5 s", "60,000", "4", "5.0",
            "2.3"), rows.get(3));
        assertEquals(4, rows.size());
    }

    @Test
    public void consoleTablesFitIn120ColumnsEvenWithExtremeValues()
    {
        final Map<String, TailLatency> results = new LinkedHashMap<>();
        final GcPauses heavy = new GcPauses(12_345, 98_765.4, 9_876.5, "G1", 3);
        for (final String method : TailReport.methods())
        {
            results.put(method, latency(method, 123_456_789, heavy, 9_999_999, 9_999_999, 9_999_999, 99_999_999,
                999_999_999, 12_345_678_901.0));
        }

        final String console = TailReport.console(results);

        assertEquals(TailReport.OPERATIONS.size(), count(console, "(ns)"));
        for (final String line : console.split("\n"))
        {
            assertTrue(line.length() + " columns: " + line, line.length() <= TailReport.MAX_WIDTH);
        }
        assertTrue(console, console.contains("123,456,789"));
        assertTrue(console, console.contains("100.0 ms"));
        assertTrue(console, console.contains("1.0 s"));
    }

    @Test
    public void latencyCellsAreAtMostNineCharacters()
    {
        assertEquals("0", TailReport.latency(0.4));
        assertEquals("9,999,999", TailReport.latency(9_999_999));
        assertEquals("10.0 ms", TailReport.latency(10_000_000));
        assertEquals("999.9 ms", TailReport.latency(999_940_000));
        assertEquals("1.0 s", TailReport.latency(999_999_999));
        assertEquals("12.3 s", TailReport.latency(12_345_678_901.0));
        assertEquals("-", TailReport.latency(Double.NaN));
    }

    @Test
    public void curveGoesFromP50ToWhereTheSamplesReach()
    {
        final List<Double> percentiles = TailLatency.curvePercentiles(10_001);

        assertEquals(50.0, percentiles.get(0), 0);
        assertEquals(100 * (1 - Math.pow(10, -0.4)), percentiles.get(1), 1e-9);
        assertEquals(99.99, percentiles.get(percentiles.size() - 1), 1e-9); // 1/(1-p) = 10^4 < 10,001
        assertEquals(1 + 37, percentiles.size()); // k = 4..40
        assertEquals(1.0, TailLatency.chartX(90), 1e-12);
        assertEquals(3.0, TailLatency.chartX(99.9), 1e-9);
        assertEquals(99.99, TailLatency.maxPercentile(10_000), 1e-9);
    }

    @Test
    public void writesAPngChartPerOperation() throws IOException
    {
        final Map<String, TailLatency> results = new LinkedHashMap<>();
        for (final String method : TailReport.methods())
        {
            results.put(method, latency(method, 60_000, GcPauses.NONE, 20, 25, 40, 200, 5_000, 2_000_000));
        }
        final Path directory = folder.getRoot().toPath();

        for (final TailReport.Operation operation : TailReport.OPERATIONS)
        {
            final Path chart = directory.resolve("stamp-tail-" + operation.id + ".png");
            TailReport.writeChart(operation, results, chart);

            final byte[] bytes = Files.readAllBytes(chart);
            assertArrayEquals(chart.toString(), PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
            final BufferedImage image = ImageIO.read(chart.toFile());
            assertNotNull(chart.toString(), image);
            assertEquals(TailReport.WIDTH, image.getWidth());
            assertEquals(TailReport.HEIGHT, image.getHeight());
        }
    }

    @Test
    public void anOperationWithOnlyTheTimerFloorIsNotReported()
    {
        final Map<String, TailLatency> results = new LinkedHashMap<>();
        results.put(TailReport.TIMER, latency(TailReport.TIMER, 60_000, GcPauses.NONE, 30, 31, 31, 41, 90, 1_000));
        results.put("append_unsafe", latency("append_unsafe", 60_000, GcPauses.NONE, 40, 41, 50, 60, 900, 9_000));

        final String console = TailReport.console(results);

        assertEquals(1, count(console, "(ns)"));
        assertTrue(console, console.startsWith("MappedArena.append"));
        assertFalse(TailReport.measured(TailReport.OPERATIONS.get(0), results));
        assertTrue(TailReport.measured(TailReport.OPERATIONS.get(4), results));
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesAChartWithoutLines() throws IOException
    {
        TailReport.writeChart(TailReport.OPERATIONS.get(0), Collections.<String, TailLatency>emptyMap(),
            folder.getRoot().toPath().resolve("empty.png"));
    }

    @Test
    public void everyMethodIsInTheBenchmarkAndTheOrdinaryPassLeavesTheClassOut()
    {
        final List<String> methods = TailReport.methods();

        assertEquals(methods.size(), methods.stream().distinct().count());
        assertTrue(methods.contains(TailReport.TIMER));
        assertEquals(Arrays.asList("retainRelease_rime", "retainRelease_unsafe", "retainRelease_netty",
            "retainRelease_atomicInteger"), TailRun.selected(Collections.singletonList("retainRelease_")));
        assertEquals(methods, TailRun.selected(Collections.<String>emptyList()));
        for (final String method : methods)
        {
            assertTrue(method, hasBenchmark(method));
        }
        final Pattern exclude = Pattern.compile(BenchmarkMain.DEFAULT_EXCLUDE);
        assertTrue(exclude.matcher(TailRun.PACKAGE + TailReport.BENCHMARK + ".allocateFree_pool").find());
        assertFalse(exclude.matcher(TailRun.PACKAGE + "PoolBenchmark.allocateFree_hoarfrost").find());
    }

    private static boolean hasBenchmark(final String method)
    {
        try
        {
            for (final Method candidate : Class.forName(TailRun.PACKAGE + TailReport.BENCHMARK).getMethods())
            {
                if (candidate.getName().equals(method) && null != candidate.getAnnotation(Benchmark.class))
                {
                    return true;
                }
            }
            return false;
        }
        catch (final ClassNotFoundException ex)
        {
            return false;
        }
    }

    private static TailLatency latency(
        final String method,
        final long samples,
        final GcPauses gc,
        final double p50,
        final double p90,
        final double p99,
        final double p999,
        final double p9999,
        final double max)
    {
        final List<double[]> curve = new ArrayList<>();
        curve.add(new double[]{50, p50});
        curve.add(new double[]{90, p90});
        curve.add(new double[]{99, p99});
        curve.add(new double[]{99.9, p999});
        curve.add(new double[]{99.99, p9999});
        curve.add(new double[]{TailLatency.maxPercentile(samples), max});
        return new TailLatency(method, samples, new double[]{p50, p90, p99, p999, p9999}, max, curve, gc);
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
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1))
        {
            count++;
        }
        return count;
    }
}
