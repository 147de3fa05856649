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
 * The verdicts of runs side by side: the committed JDK 8 and JDK 17 runs, and a run that lacks a
 * row. No timing is measured here.
 */
public class SideBySideTest
{
    private static final Path COMMITTED = Paths.get("..", "docs", "benchmarks");

    /** Scratch directory for the synthetic run. */
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void namesEachRunByItsJdkAndPutsTheSameClaimOnOneRow() throws IOException
    {
        final RecordedRun jdk8 = RecordedRun.read(COMMITTED.resolve("2026-12-03-jdk8.json"));
        final RecordedRun jdk17 = RecordedRun.read(COMMITTED.resolve("2026-12-03-full.json"));

        final String table = SideBySide.table(Arrays.asList(jdk8, jdk17)).render();

        assertEquals("JDK 8", SideBySide.jdk(jdk8));
        assertEquals("JDK 17", SideBySide.jdk(jdk17));
        final String[] lines = table.split("\\n");
        assertTrue(lines[0], lines[0].matches("\\| primitive +\\| operation +\\| baseline +\\| target +\\| " +
            "JDK 8 Hoarfrost \\| JDK 8 baseline \\| JDK 8 ratio +\\| JDK 17 Hoarfrost \\| JDK 17 baseline \\| " +
            "JDK 17 ratio +\\|"));
        assertTrue(table, table.matches("(?s).*\\| Pool +\\| allocate \\+ free, 64 B +\\| free list +\\| <= 1.15 +\\| " +
            " +2.111 \\| +1.967 \\| 1.07: met, within noise +\\| +1.373 \\| +0.801 \\| 1.71: missed, within noise +\\|.*"));
        assertTrue(table, table.matches("(?s).*\\| MappedArena +\\| append 64 B, committed +\\| - +\\| <= 200 ns +\\| " +
            " +227.6 \\| +- \\| missed, within noise +\\| +243.4 \\| +- \\| missed, within noise +\\|.*"));
    }

    @Test
    public void aRowMissingFromOneRunShowsDashesInItsColumns() throws IOException
    {
        final Path file = folder.getRoot().toPath().resolve("one-row.json");
        Files.write(file, ("[{\"jdkVersion\": \"21.0.2\", \"vmName\": \"OpenJDK 64-Bit Server VM\", \"forks\": 1, " +
            "\"warmupIterations\": 1, \"warmupTime\": \"1 s\", \"measurementIterations\": 1, \"measurementTime\": \"1 s\", " +
            "\"benchmark\": \"io.hoarfrost.bench.MemoryBenchmark.getLong_hoarfrost\", \"mode\": \"avgt\", \"params\": {}, " +
            "\"primaryMetric\": {\"score\": 0.5, \"scoreError\": 0.01, \"scoreUnit\": \"ns/op\"}, \"secondaryMetrics\": {}}," +
            "{\"jdkVersion\": \"21.0.2\", \"vmName\": \"OpenJDK 64-Bit Server VM\", \"forks\": 1, " +
            "\"warmupIterations\": 1, \"warmupTime\": \"1 s\", \"measurementIterations\": 1, \"measurementTime\": \"1 s\", " +
            "\"benchmark\": \"io.hoarfrost.bench.MemoryBenchmark.getLong_unsafe\", \"mode\": \"avgt\", \"params\": {}, " +
            "\"primaryMetric\": {\"score\": 0.4, \"scoreError\": 0.01, \"scoreUnit\": \"ns/op\"}, \"secondaryMetrics\": {}}]")
            .getBytes(StandardCharsets.UTF_8));
        final RecordedRun jdk21 = RecordedRun.read(file);
        final RecordedRun jdk17 = RecordedRun.read(COMMITTED.resolve("2026-12-03-full.json"));

        final String table = SideBySide.table(Arrays.asList(jdk21, jdk17)).render();

        assertEquals("JDK 21", SideBySide.jdk(jdk21));
        assertTrue(table, table.matches("(?s).*\\| Memory +\\| getLong +\\| Unsafe +\\| <= 1.1 +\\| +0.500 \\| +0.400 \\| " +
            "1.25: missed +\\| +0.380 \\| +0.382 \\| 0.99: met +\\|.*"));
        assertTrue(table, table.matches("(?s).*\\| Pool +\\| allocate \\+ free, 64 B +\\| free list +\\| <= 1.15 +\\| +- \\| " +
            "+- \\| - +\\| +1.373 \\|.*"));
    }
}
