package io.hoarfrost.bench.report;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The ratio table and the comparison of two runs, from synthetic measurements and from the results
 * committed in {@code docs/benchmarks/}. No timing is measured here.
 */
public class RunTablesTest
{
    private static final Path COMMITTED = Paths.get("..", "docs", "benchmarks");
    private static final String MEMORY = "io.hoarfrost.bench.MemoryBenchmark.";

    /** Scratch directory for the synthetic runs. */
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void ratioTableHasARowPerOperationAndAColumnPairPerBaseline()
    {
        final String table = RunTables.ratios(Arrays.asList(
            new Measurement(MEMORY + "getLong_hoarfrost", "", 1, 1.0, 0.1, 0.001),
            new Measurement(MEMORY + "getLong_unsafe", "", 1, 2.0, 0.2, 0),
            new Measurement(MEMORY + "getAndAddInt_hoarfrost", "", 1, 6.0, Double.NaN, 24),
            new Measurement(MEMORY + "getAndAddInt_casLoop", "", 1, 5.0, 0.5, 0),
            new Measurement(MEMORY + "fence", "size=8", 1, 1234.5, 1, Double.NaN))).render();

        assertEquals(String.join("\n",
            "| benchmark       | operation    | params | hoarfrost ns/op |  unsafe ns/op | hoarfrost/unsafe | casLoop ns/op " +
                "| hoarfrost/casLoop | hoarfrost B/op |",
            "| --------------- | ------------ | ------ | --------------: | ------------: | ---------------: | ------------: " +
                "| ----------------: | -------------: |",
            "| MemoryBenchmark | getLong      | -      |   1.000 ± 0.100 | 2.000 ± 0.200 |             0.50 |             - " +
                "|                 - |              0 |",
            "| MemoryBenchmark | getAndAddInt | -      |           6.000 |             - |                - | 5.000 ± 0.500 " +
                "|              1.20 |             24 |",
            "| MemoryBenchmark | fence        | size=8 |        1235 ± 1 |             - |                - |             - " +
                "|                 - |              - |",
            ""), table);
    }

    @Test
    public void comparisonSaysFasterOrSlowerOnlyOutsideTheNoise() throws IOException
    {
        final RecordedRun older = run("old.json",
            result("getLong_hoarfrost", 10, 1), result("putLong_hoarfrost", 10, 1), result("gone_hoarfrost", 1, 0),
            result("fence_hoarfrost", 10, 1));
        final RecordedRun newer = run("new.json",
            result("getLong_hoarfrost", 5, 1), result("putLong_hoarfrost", 11, 1), result("added_hoarfrost", 1, 0),
            result("fence_hoarfrost", 13, 1));

        final String table = RunTables.comparison(older, newer).render();

        assertTrue(table, table.contains("| MemoryBenchmark | getLong_hoarfrost | -      |  10.00 ± 1.00 | 5.000 ± 1.000 " +
            "| -50.0% | faster  |        0 |        0 |"));
        assertTrue(table, table.contains("| putLong_hoarfrost | -      |  10.00 ± 1.00 |  11.00 ± 1.00 | +10.0% | ~ "));
        assertTrue(table, table.contains("| fence_hoarfrost   | -      |  10.00 ± 1.00 |  13.00 ± 1.00 | +30.0% | slower "));
        assertTrue(table, table.contains("| gone_hoarfrost    | -      | 1.000 ± 0.000 |             - |      - | gone "));
        assertTrue(table, table.contains("| added_hoarfrost   | -      |             - | 1.000 ± 0.000 |      - | new "));
    }

    @Test
    public void checksCostHasARowPerMethodMeasuredInBothRuns() throws IOException
    {
        final RecordedRun off = run("off.json",
            result("getLong_hoarfrost", 2, 0.1), result("putLong_hoarfrost", 4, 0.2), result("onlyOff_hoarfrost", 1, 0));
        final RecordedRun on = run("on.json",
            result("getLong_hoarfrost", 5, 0.5), result("putLong_hoarfrost", 4, 0.2), result("onlyOn_hoarfrost", 1, 0));

        final String table = RunTables.checksCost(off, on).render();

        assertTrue(table, table.startsWith("| benchmark       | method            | params | checks off ns/op | " +
            "checks on ns/op | on/off | off B/op | on B/op |"));
        assertTrue(table, table.contains("| MemoryBenchmark | getLong_hoarfrost | -      |    2.000 ± 0.100 | " +
            "  5.000 ± 0.500 |   2.50 |        0 |       0 |"));
        assertTrue(table, table.contains("| putLong_hoarfrost | -      |    4.000 ± 0.200 |   4.000 ± 0.200 |   1.00 |"));
        assertEquals(table, 4, table.split("\n").length);
    }

    @Test
    public void readsTheCommittedRunsAndRebuildsTheirTable() throws IOException
    {
        final RecordedRun full = RecordedRun.read(COMMITTED.resolve("2026-11-21-full.json"));
        final String markdown = new String(Files.readAllBytes(COMMITTED.resolve("2026-11-21-full.md")),
            StandardCharsets.UTF_8);

        assertTrue(full.description, full.description.startsWith("JDK 17.0.15, OpenJDK 64-Bit Server VM; 1 fork"));
        assertTrue(markdown.contains(RunTables.ratios(full.measurements).render()));
        final RecordedRun scaling = RecordedRun.read(COMMITTED.resolve("2026-11-21-scaling.json"));
        assertEquals(4, ScalingSeries.all(scaling.measurements, RecordedFootprint.read(
            COMMITTED.resolve("2026-11-21-footprint.json")).points).size());
        assertTrue(RunTables.comparison(full, full).render().contains("| ~ "));
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesAFileThatIsNotJmhJson() throws IOException
    {
        RecordedRun.read(file("footprint.json", "{\"points\": []}"));
    }

    private static String result(final String method, final double score, final double error)
    {
        return "{\"benchmark\": \"" + MEMORY + method + "\", \"mode\": \"avgt\", \"params\": {}, \"primaryMetric\": " +
            "{\"score\": " + score + ", \"scoreError\": " + error + ", \"scoreUnit\": \"ns/op\"}, " +
            "\"secondaryMetrics\": {\"" + RecordedRun.ALLOC_NORM + "\": {\"score\": 0.001}}}";
    }

    private RecordedRun run(final String name, final String... results) throws IOException
    {
        return RecordedRun.read(file(name, "[" + String.join(",", results) + "]"));
    }

    private Path file(final String name, final String json) throws IOException
    {
        final Path file = folder.getRoot().toPath().resolve(name);
        Files.write(file, json.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
