package io.hoarfrost.jcstress;

import io.hoarfrost.arena.MappedArena;
import io.hoarfrost.arena.MappedArenaReader;
import io.hoarfrost.memory.Memory;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link MappedArena} and one {@link MappedArenaReader} over it, shared by up to
 * {@link #STATES} states of a {@link MappedArenaPublication} test. Making a file and four mappings
 * per state would cost more than the race it tests, and jcstress makes states by the thousand
 * before it runs them; so states take turns on an epoch: the writer actor appends one record per
 * state and the reader actor reads the next committed record, so the reader runs at the writer's
 * heels. An epoch is closed once its last state's arbiter has run. The file is deleted as soon as
 * both are open (the mappings keep it alive).
 *
 * <p>A record is 16 bytes: a sequence number {@code v > 0} and {@code ~v}. A reader that sees the
 * committed length but not the record's bytes finds zeros there (the file is sparse, and the arena
 * fills pages with zeros ahead of allocation).
 */
final class ArenaEpoch
{
    /** States per epoch. */
    static final int STATES = 65_536;
    /** Bytes of a record. */
    static final int RECORD_LENGTH = 16;

    private static final long CHUNK_SIZE = 1L << 20;
    private static final long RESERVE = 4L << 20;
    private static final Path DIRECTORY = directory();

    final MappedArena arena;
    final MappedArenaReader reader;
    final UnsafeBuffer scratch = new UnsafeBuffer(new byte[RECORD_LENGTH]);
    private final AtomicInteger finished = new AtomicInteger();
    private int handedOut;
    private long sequence;

    private ArenaEpoch()
    {
        try
        {
            final Path file = Files.createTempFile(DIRECTORY, "hoarfrost-jcstress-", ".arena");
            Files.delete(file);
            arena = MappedArena.create(file, RESERVE, CHUNK_SIZE);
            reader = MappedArenaReader.open(file);
            Files.delete(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Hands out epochs, a new one every {@link #STATES} states. */
    static final class Source
    {
        private ArenaEpoch current;

        synchronized ArenaEpoch next()
        {
            if (null == current || current.handedOut == STATES)
            {
                current = new ArenaEpoch();
            }
            current.handedOut++;
            return current;
        }
    }

    /** Writer actor: appends a record by copy, committed on return. */
    void append()
    {
        final long v = ++sequence;
        scratch.putLong(0, v);
        scratch.putLong(8, ~v);
        if (0 == arena.append(scratch, 0, RECORD_LENGTH))
        {
            throw new IllegalStateException("epoch arena full: " + arena);
        }
    }

    /** Writer actor: places a record, writes it in place, then commits. */
    void allocateAndCommit()
    {
        final long v = ++sequence;
        final long address = arena.allocate(RECORD_LENGTH, 8);
        if (0 == address)
        {
            throw new IllegalStateException("epoch arena full: " + arena);
        }
        Memory.putLong(address, v);
        Memory.putLong(address + 8, ~v);
        arena.commit();
    }

    /**
     * Reader actor: reads the next committed record. Returns 0 if there was none, 1 if its bytes
     * were all there, -1 if the committed length covered bytes not yet visible.
     */
    int readNext()
    {
        if (!reader.next())
        {
            return 0;
        }
        if (reader.length() != RECORD_LENGTH)
        {
            return -1;
        }
        final long v = Memory.getLong(reader.address());
        final long check = Memory.getLong(reader.address() + 8);
        return v > 0 && check == ~v ? 1 : -1;
    }

    /** Arbiter: the last state of a full epoch closes it. */
    void finished()
    {
        if (finished.incrementAndGet() == STATES)
        {
            reader.close();
            arena.close();
        }
    }

    private static Path directory()
    {
        final Path shm = Paths.get("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
    }
}
