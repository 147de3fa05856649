package io.hoarfrost.bench.report;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The verdict: a row per claim found in a run, the ratio and its target, met or missed on the point
 * estimate and "within noise" when the intervals straddle the target, in at most 120 columns. From
 * synthetic JMH JSON and from the run committed in {@code docs/benchmarks/}. No timing is measured.
 */
public class VerdictTest
{
    private static final Path COMMITTED = Paths.get("..", "docs", "benchmarks");
    private static final String BENCH = "io.hoarfrost.bench.";

    /** Scratch directory for the synthetic runs. */
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void judgesEachClaimFoundAndLeavesOutTheOthers() throws IOException
    {
        final RecordedRun run = run(
            result("PoolBenchmark.allocateFree_hoarfrost", "size", "64", 1.10, 0.01, 0.001),
            result("PoolBenchmark.allocateFree_freeList", "size", "64", 1.00, 0.01, 0.001),
            result("PoolBenchmark.allocateFree_unsafe", "size", "64", 44.0, 0.1, 0.001),
            result("RimeBenchmark.retainRelease_hoarfrost", "counter", "ATOMIC_U32", 10.5, 1.0, 0.001),
            result("RimeBenchmark.retainRelease_unsafe", "counter", "ATOMIC_U32", 10.0, 0.5, 0.001),
            result("RimeBenchmark.retainRelease_hoarfrost", "counter", "ATOMIC_U64", 12.0, 0.1, 0.001),
            result("RimeBenchmark.retainRelease_unsafe", "counter", "ATOMIC_U64", 10.0, 0.1, 0.001),
            result("ConcurrentPoolBenchmark.allocateFree1t_hoarfrost", "size", "64", 10.0, 0.5, 0.001),
            result("ConcurrentPoolBenchmark.allocateFree1t_unsafe", "size", "64", 48.0, 4.0, 0.001),
            result("ArenaBenchmark.append_hoarfrost", null, null, 250.0, 10.0, 24),
            result("MemoryBenchmark.getLong_hoarfrost", null, null, 0.5, 0.01, 0.001)); // its baseline is not in the run

        final Verdict verdict = Verdict.of(run.measurements);
        final List<List<String>> rows = rows(verdict.console());

        assertEquals(Arrays.asList("primitive", "operation", "Hoarfrost", "baseline", "ratio", "target", "verdict"),
            rows.get(0));
        assertEquals(Arrays.asList(
            Arrays.asList("Rime", "retain + release, ATOMIC_U32", "10.50", "getAndAdd 10.00", "1.05", "<= 1.1",
                "met, within noise"),
            Arrays.asList("Rime", "retain + release, ATOMIC_U64", "12.00", "getAndAdd 10.00", "1.20", "<= 1.1", "missed"),
            Arrays.asList("Pool", "allocate + free, 64 B", "1.100", "free list 1.000", "1.10", "<= 1.15", "met"),
            Arrays.asList("Pool", "allocate + free, 64 B", "1.100", "malloc/free 44.00", "40.0x", ">= 15x", "met"),
            Arrays.asList("ConcurrentPool", "1-thread alloc + free, 64 B", "10.00", "malloc/free 48.00", "4.80x", ">= 5x",
                "missed, within noise"),
            Arrays.asList("MappedArena", "append 64 B, committed", "250.0", "-", "-", "<= 200 ns", "missed"),
            Arrays.asList("all", "heap B/op, 6 rows", "24", "-", "-", "0 B/op", "missed")),
            rows.subList(2, rows.size()));
        assertEquals(1.05, verdict.rows.get(0).ratio, 1e-12);
        assertEquals(1.1 / 44.0, verdict.rows.get(3).ratio, 1e-12);
        assertEquals(10.0 / 48.0, verdict.rows.get(4).value, 1e-12);
        assertEquals(Arrays.asList("ArenaBenchmark.append_hoarfrost: 24 B/op"), verdict.allocating);
        assertTrue(verdict.console(), verdict.console().contains("allocates: ArenaBenchmark.append_hoarfrost: 24 B/op"));
    }

    @Test
    public void everyClaimFitsIn120AsciiColumnsEvenWithLongNumbers()
    {
        // Every claim's rows, each just missing its target with wide error bars: the widest cells.
        final Map<String, Measurement> measurements = new LinkedHashMap<>();
        for (final Claim claim : Verdict.CLAIMS)
        {
            if (null == claim.benchmarkClass)
            {
                continue;
            }
            final String params = null != claim.params ? claim.params :
                claim.benchmarkClass.startsWith("Rime") ? "counter=ATOMIC_U16" :
                claim.benchmarkClass.endsWith("PoolBenchmark") ? "size=1024" : "";
            final String method = BENCH + claim.benchmarkClass + '.' + claim.measured;
            final double ours = Claim.Kind.AT_MOST_NANOS == claim.kind ? claim.limit * 1.001 : 12345.6;
            measurements.put(method + "_hoarfrost" + params,
                new Measurement(method + "_hoarfrost", params, 1, ours, ours / 2, 1234.5));
            if (null != claim.baseline)
            {
                final double baseline = ours / claim.maxValue() * 0.999;
                measurements.put(method + '_' + claim.baseline + params,
                    new Measurement(method + '_' + claim.baseline, params, 1, baseline, baseline / 10, 0));
            }
        }

        final Verdict verdict = Verdict.of(new ArrayList<>(measurements.values()));
        final String console = verdict.console();

        assertEquals(Verdict.CLAIMS.size(), verdict.rows.size());
        for (final Verdict.Row row : verdict.rows.subList(0, verdict.rows.size() - 1))
        {
            assertEquals(row.claim.toString(), "missed, within noise", row.verdict());
        }
        assertEquals(Verdict.CLAIMS.size() + 2, verdict.table().renderPlain().split("\n").length);
        for (final String line : console.split(System.lineSeparator()))
        {
            assertTrue(line.length() + " columns: " + line, line.length() <= Verdict.MAX_WIDTH);
            assertTrue(line, line.chars().allMatch(c -> c >= ' ' && c < 127));
            assertFalse(line, line.endsWith(" "));
        }
    }

    @Test
    public void aRunWithoutClaimsOrGcDataHasNoVerdict() throws IOException
    {
        final RecordedRun run = run(
            result("SlimBoxBenchmark.copyRead_hoarfrost", null, null, 12.0, 0.2, Double.NaN),
            result("SlimBoxBenchmark.copyRead_string", null, null, 20.0, 0.4, Double.NaN),
            result("PoolBenchmark.allocateFree_hoarfrost", "size", "64", 1.0, 0.1, Double.NaN));

        assertTrue(Verdict.of(run.measurements).isEmpty());
        assertFalse(BenchmarkMain.markdown(run).contains("## Verdict"));
    }

    @Test
    public void noiseIsWhenTheIntervalReachesBothSidesOfTheTarget()
    {
        assertTrue(Verdict.straddles(1.0, 1.2, 1.1));
        assertTrue(Verdict.straddles(1.1, 1.2, 1.1));
        assertFalse(Verdict.straddles(1.11, 1.2, 1.1));
        assertFalse(Verdict.straddles(0.9, 1.09, 1.1));
        assertFalse(Verdict.straddles(1.1, 1.1, 1.1)); // no error bars
    }

    @Test
    public void theCommittedRunMeetsAndMissesWhereTheReadmeSays() throws IOException
    {
        final RecordedRun full = RecordedRun.read(COMMITTED.resolve("2026-11-21-full.json"));

        final Verdict verdict = Verdict.of(full.measurements);
        final String markdown = BenchmarkMain.markdown(full);

        // 9 claims have a row per parameter set; SnapshotCell's claim postdates that run, so it has none.
        assertEquals(Verdict.CLAIMS.size() - 1 + 9, verdict.rows.size());
        assertTrue(verdict.console(), verdict.console().contains(
            "Rime            retain + release, U16             2.394  raw 2.278                1.05  <= 2 ns    missed\n"));
        assertTrue(verdict.console(), verdict.console().contains(
            "TypedArena      allocate a 32 B record            0.889  raw slots 0.623          1.43  <= 1.15    missed\n"));
        assertTrue(verdict.console(), verdict.console().contains(
            "ConcurrentPool  1-thread alloc + free, 64 B       4.575  malloc/free 47.89       10.5x  >= 5x      met\n"));
        assertTrue(markdown, markdown.contains("| Pool           | allocate + free, 64 B        |     1.013 |"));
        assertTrue(markdown.contains(RunTables.ratios(full.measurements).render()));
        assertTrue(markdown.indexOf("## Verdict") < markdown.indexOf("## Every row"));
    }

    private static List<List<String>> rows(final String console)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final String line : console.split("\n"))
        {
            if (line.isEmpty())
            {
                break;
            }
            final List<String> cells = new ArrayList<>();
            for (final String cell : line.trim().split(" {2,}"))
            {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String result(
        final String method,
        final String param,
        final String value,
        final double score,
        final double error,
        final double bytesPerOp)
    {
        return "{\"benchmark\": \"" + BENCH + method + "\", \"mode\": \"avgt\", \"params\": {" +
            (null == param ? "" : "\"" + param + "\": \"" + value + "\"") + "}, \"primaryMetric\": " +
            "{\"score\": " + score + ", \"scoreError\": " + error + ", \"scoreUnit\": \"ns/op\"}, " +
            "\"secondaryMetrics\": {" + (Double.isNaN(bytesPerOp) ? "" :
            "\"" + RecordedRun.ALLOC_NORM + "\": {\"score\": " + bytesPerOp + "}") + "}}";
    }

    private RecordedRun run(final String... results) throws IOException
    {
        final Path file = folder.getRoot().toPath().resolve("run.json");
        Files.write(file, ("[" + String.join(",", results) + "]").getBytes(StandardCharsets.UTF_8));
        return RecordedRun.read(file);
    }
}
