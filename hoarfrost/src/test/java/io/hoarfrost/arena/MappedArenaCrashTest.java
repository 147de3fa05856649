package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Kills a child JVM with SIGKILL at a random moment while it appends, 20 times, and checks after
 * each kill that {@link MappedArena#open} finds every record whose append had returned, each whole
 * and checksum-valid, and nothing half-written past the committed length.
 */
public class MappedArenaCrashTest
{
    private static final int KILLS = 20;
    private static final long RESERVE = 256L << 20;
    private static final long CHUNK = 1L << 16;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void everyReturnedAppendSurvivesSigkill() throws Exception
    {
        final Path path = folder.getRoot().toPath().resolve("crash.arena");
        MappedArena.create(path, RESERVE, CHUNK).close();
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        long records = 0;
        for (int kill = 0; kill < KILLS; kill++)
        {
            final long printed = runAndKill(path, records, random.nextInt(30));
            final String context = "kill " + kill + " (seed " + seed + "), last index printed " + printed;
            final long found = verify(path, context);
            assertTrue(context + ": found " + found + " records", found > printed);
            assertTrue(context + ": the child appended nothing", found > records);
            records = found;
        }
    }

    /**
     * Starts a child appending from {@code firstIndex}, kills it {@code delayMillis} after its first
     * append returned, and returns the last index it printed (each printed after its append). The
     * child's stdout goes to a file: what it wrote survives the kill in the page cache.
     */
    private long runAndKill(final Path path, final long firstIndex, final int delayMillis) throws Exception
    {
        final File stdout = folder.newFile();
        final File stderr = folder.newFile();
        final Process child = new ProcessBuilder(ChildJvm.command(
            MappedArenaChild.class, "append", path.toString(), String.valueOf(firstIndex)))
            .redirectOutput(stdout)
            .redirectError(stderr)
            .start();
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (0 == stdout.length() && child.isAlive() && System.nanoTime() < deadline)
            {
                Thread.sleep(2);
            }
            Thread.sleep(delayMillis);
        }
        finally
        {
            child.destroyForcibly();
            child.waitFor();
        }
        final long last = lastCompleteLine(Files.readAllBytes(stdout.toPath()), firstIndex - 1);
        if (last < firstIndex)
        {
            fail("the child printed nothing; exit " + child.exitValue() + ": " +
                new String(Files.readAllBytes(stderr.toPath()), StandardCharsets.UTF_8));
        }
        return last;
    }

    /**
     * The number on the last complete line: a line cut by the kill has no newline and is not
     * counted.
     */
    private static long lastCompleteLine(final byte[] output, final long none)
    {
        long last = none;
        long value = 0;
        for (final byte b : output)
        {
            if ('\n' == b)
            {
                last = value;
                value = 0;
            }
            else
            {
                value = value * 10 + (b - '0');
            }
        }
        return last;
    }

    /**
     * Opens the arena after a kill, checks the bytes past the committed length, replays every
     * record and returns how many there are.
     */
    private static long verify(final Path path, final String context)
    {
        try (MappedArena arena = MappedArena.open(path))
        {
            assertEquals(context, arena.committedLength(), arena.used());
            for (long offset = arena.committedLength(); offset < arena.committed(); offset++)
            {
                assertEquals(context + ": half-written byte at offset " + offset,
                    0, Memory.getByte(arena.region().address(offset)));
            }
        }
        long index = 0;
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            while (reader.next())
            {
                CheckedRecord.verify(reader.buffer(), reader.length(), index++);
            }
        }
        return index;
    }
}
