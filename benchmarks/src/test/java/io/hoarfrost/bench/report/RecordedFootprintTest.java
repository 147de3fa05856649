package io.hoarfrost.bench.report;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The footprint result file: written and read back, missing values included, and a clear message
 * for a file that is not one.
 */
public class RecordedFootprintTest
{
    /** Scratch directory. */
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void readsBackWhatItWrote() throws IOException
    {
        final Path file = folder.getRoot().toPath().resolve("footprint.json");
        RecordedFootprint.write(file, "JDK test", Arrays.asList(
            new FootprintPoint(FootprintPoint.HOARFROST, 10_000, 24.0, 0.0001, 0.0),
            new FootprintPoint(FootprintPoint.STRING, 10_000, 63.3, 2.0001, Double.NaN)));

        final RecordedFootprint read = RecordedFootprint.read(file);
        final List<FootprintPoint> points = read.points;

        assertEquals("JDK test", read.jvm);
        assertEquals(2, points.size());
        assertEquals(FootprintPoint.HOARFROST, points.get(0).impl);
        assertEquals(10_000, points.get(0).count);
        assertEquals(24.0, points.get(0).bytesPerString, 0);
        assertEquals(0.0001, points.get(0).objectsPerString, 0);
        assertEquals(0.0, points.get(0).heapAllocatedPerString, 0);
        assertTrue(Double.isNaN(points.get(1).heapAllocatedPerString));
    }

    @Test
    public void rejectsAFileThatIsNotAFootprintResult() throws IOException
    {
        final Path file = folder.newFile("other.json").toPath();
        Files.write(file, "[1, 2]".getBytes(StandardCharsets.UTF_8));
        try
        {
            RecordedFootprint.read(file);
            fail("read a JSON array as a footprint result");
        }
        catch (final IllegalArgumentException ex)
        {
            assertTrue(ex.getMessage(), ex.getMessage().contains("is not a footprint result"));
        }
    }
}
