package io.hoarfrost.bench.journal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The journal pass end to end with a few messages per measurement: every probe of both stores
 * in its own JVM (writer and reader processes included), the JSON, the markdown and the PNG.
 * What is checked is that it runs and reports everything, never how fast anything was.
 */
public class JournalVsChronicleTest
{
    private static final long MESSAGES = 2_000;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theWholePassRunsAndReportsEveryMeasurementOfBothStores() throws Exception
    {
        final Path results = folder.newFolder("results").toPath();
        final Path stores = folder.newFolder("stores").toPath();
        assertEquals(0, JournalVsChronicle.run(new String[] {"--journal", "--messages", String.valueOf(MESSAGES), "--tag", "test",
            "--results", results.toString(), "--dir", stores.toString()}));

        final String[] names = results.toFile().list();
        assertNotNull(names);
        assertEquals(3, names.length);
        final String stem = names[0].substring(0, names[0].lastIndexOf('.'));
        assertTrue(stem, stem.endsWith("-journal-vs-chronicle-test"));
        final JsonObject report = JsonParser.parseString(new String(Files.readAllBytes(results.resolve(stem + ".json")),
            StandardCharsets.UTF_8)).getAsJsonObject();

        final JsonArray runs = report.getAsJsonArray("runs");
        final Set<String> seen = new HashSet<>();
        for (final JsonElement element : runs)
        {
            final JsonObject run = element.getAsJsonObject();
            seen.add(run.get("store").getAsString() + " " + run.get("measure").getAsString());
            if ("crossProcess".equals(run.get("measure").getAsString()))
            {
                assertEquals(run.toString(), MESSAGES * 2, run.get("messages").getAsLong());
                assertEquals(run.toString(), MESSAGES, run.getAsJsonObject("latency").get("count").getAsLong());
            }
            if ("append".equals(run.get("measure").getAsString()))
            {
                assertEquals(MESSAGES, run.get("messages").getAsLong());
                assertTrue(run.toString(), run.get("diskBytes").getAsLong() > 0);
            }
            if ("replay".equals(run.get("measure").getAsString()))
            {
                assertEquals(MESSAGES, run.get("messages").getAsLong());
            }
        }
        // per store: 6 appends, 2 replays, the writer alone, 4 cross-process runs, the fill, 2 opens
        assertEquals(2 * 16, runs.size());
        for (final String store : new String[] {Store.HOARFROST, Store.CHRONICLE})
        {
            for (final String measure : new String[] {"append", "replay", "writer", "crossProcess", "fill", "open"})
            {
                assertTrue(store + " " + measure, seen.contains(store + " " + measure));
            }
        }
        assertTrue(report.getAsJsonArray("goals").size() > 10);

        final String markdown = new String(Files.readAllBytes(results.resolve(stem + ".md")), StandardCharsets.UTF_8);
        assertTrue(markdown, markdown.contains("| append 64 B, pages already touched"));
        assertTrue(markdown, markdown.contains("| 1000k/s, 256 B"));
        assertTrue(markdown, markdown.contains("](" + stem + ".png)"));

        final File png = results.resolve(stem + ".png").toFile();
        final byte[] signature = new byte[8];
        System.arraycopy(Files.readAllBytes(png.toPath()), 0, signature, 0, 8);
        assertArrayEquals(new byte[] {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, signature);
        final BufferedImage image = ImageIO.read(png);
        assertTrue(image.getWidth() > 0 && image.getHeight() > 0);

        final String[] left = stores.toFile().list();
        assertNotNull(left);
        assertEquals("the stores are deleted", 0, left.length);
    }
}
