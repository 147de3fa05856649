package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The README's arena example, compiled and run (only the path differs).
 */
public class ArenaReadmeExampleTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theReadmeExampleRuns()
    {
        final Path path = folder.getRoot().toPath().resolve("orders.arena");
        // README example begins
        try (BumpArena scratch = new BumpArena(1 << 20);
            MappedArena store = MappedArena.create(path, 1L << 30))
        {
            final long order = scratch.allocate(32, 8);          // 0 when full
            Memory.putLong(order, 42L);
            final long offset = store.append(new UnsafeBuffer(order, 32), 0, 32); // committed on return
            scratch.reset();                                     // frees everything at once
        }
        try (MappedArenaReader replay = MappedArenaReader.open(path))
        {
            while (replay.next())
            {
                System.out.println(replay.offset() + ": " + replay.buffer().getLong(0));
            }
        }
        // README example ends
        try (MappedArenaReader replay = MappedArenaReader.open(path))
        {
            assertTrue(replay.next());
            assertEquals(8, replay.offset());
            assertEquals(42L, replay.buffer().getLong(0));
            assertFalse(replay.next());
        }
    }
}
