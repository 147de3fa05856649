package io.hoarfrost.bench.report;

import org.junit.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The verdicts of two committed runs (JDK 8 and JDK 17) side by side. No timing is measured here.
 */
public class SideBySideTest
{
    private static final Path COMMITTED = Paths.get("..", "docs", "benchmarks");

    @Test
    public void namesEachRunByItsJdkAndPutsTheSameClaimOnOneRow() throws IOException
    {
        final RecordedRun jdk8 = RecordedRun.read(COMMITTED.resolve("2026-12-03-jdk8-headline.json"));
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
        // Memory getLong was measured on JDK 17 only: the JDK 8 cells are empty.
        assertTrue(table, table.matches("(?s).*\\| Memory +\\| getLong +\\| Unsafe +\\| <= 1.1 +\\| +- \\| +- \\| - +\\| " +
            " +0.380 \\| +0.382 \\| 0.99: met +\\|.*"));
    }
}
