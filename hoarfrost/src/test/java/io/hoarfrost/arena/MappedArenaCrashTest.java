package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
            final long printed = ChildJvm.startAndKill(folder.getRoot().toPath(), records, random.nextInt(30),
                MappedArenaChild.class, "append", path.toString(), String.valueOf(records));
            final String context = "kill " + kill + " (seed " + seed + "), last index printed " + printed;
            final long found = verify(path, context);
            assertTrue(context + ": found " + found + " records", found > printed);
            assertTrue(context + ": the child appended nothing", found > records);
            records = found;
        }
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
