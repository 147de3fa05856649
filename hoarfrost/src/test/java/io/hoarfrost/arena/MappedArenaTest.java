package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * Persistence, records and offsets of {@link MappedArena}.
 */
public class MappedArenaTest
{
    private static final long MIB = 1L << 20;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String name)
    {
        return folder.getRoot().toPath().resolve(name);
    }

    static byte[] record(final int index)
    {
        final byte[] bytes = new byte[index * 37 % 301];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(index * 31 + i);
        }
        return bytes;
    }

    private static byte[] read(final MappedArena arena, final long offset)
    {
        final byte[] bytes = new byte[arena.recordLength(offset)];
        Memory.copy(arena.addressOf(offset), bytes, 0, bytes.length);
        return bytes;
    }

    @Test
    public void reopeningFindsEveryCommittedRecordAtTheSameOffset()
    {
        final Path path = file("store.arena");
        final long[] offsets = new long[500];
        try (MappedArena arena = MappedArena.create(path, 4 * MIB))
        {
            for (int i = 0; i < offsets.length; i++)
            {
                final byte[] bytes = record(i);
                offsets[i] = i % 2 == 0 ?
                    arena.append(bytes, 0, bytes.length) : arena.append(new UnsafeBuffer(bytes), 0, bytes.length);
                assertNotEquals(0, offsets[i]);
                assertEquals(arena.used(), arena.committedLength());
            }
        }
        try (MappedArena arena = MappedArena.open(path))
        {
            for (int i = 0; i < offsets.length; i++)
            {
                assertArrayEquals(record(i), read(arena, offsets[i]));
            }
            assertEquals(arena.committedLength(), arena.used());
            final long next = arena.append(record(7), 0, record(7).length);
            assertEquals(RecordDescriptor.nextFrame(offsets[offsets.length - 1], record(offsets.length - 1).length) +
                RecordDescriptor.FRAME_HEADER_LENGTH, next);
        }
    }

    @Test
    public void recordsAllocatedInPlaceAreAlignedAndDurableOnlyOnceCommitted()
    {
        final Path path = file("in-place.arena");
        final long kept;
        try (MappedArena arena = MappedArena.create(path, MIB))
        {
            arena.append(record(3), 0, 3);
            final long address = arena.allocate(16, 64);
            assertTrue(Alignment.isAligned(address, 64));
            Memory.putLong(address, 42);
            Memory.putLong(address + 8, 43);
            assertEquals(8 + 8, arena.committedLength());
            arena.commit();
            kept = arena.offsetOf(address);
            assertEquals(16, arena.recordLength(kept));
            Memory.putLong(arena.allocate(8, 8), 44);
        }
        try (MappedArena arena = MappedArena.open(path))
        {
            assertEquals(kept + 16, arena.committedLength());
            assertEquals(42, Memory.getLong(arena.addressOf(kept)));
            assertEquals(43, Memory.getLong(arena.addressOf(kept) + 8));
        }
    }

    @Test
    public void reopeningZeroesStaleBytesPastTheCommittedLength()
    {
        final Path path = file("stale.arena");
        try (MappedArena arena = MappedArena.create(path, MIB))
        {
            arena.append(record(5), 0, 5);
            Memory.fill(arena.allocate(1000, 8), 1000, (byte)0x5A);
        }
        try (MappedArena arena = MappedArena.open(path))
        {
            final long committedLength = arena.committedLength();
            assertTrue(arena.committed() > committedLength);
            for (long offset = committedLength; offset < arena.committed(); offset++)
            {
                assertEquals("offset " + offset, 0, Memory.getByte(arena.region().address(offset)));
            }
        }
    }

    @Test
    public void recordsNeverStraddleTwoChunks()
    {
        final long chunk = 4096;
        final Path path = file("chunks.arena");
        try (MappedArena arena = MappedArena.create(path, 8 * chunk, chunk))
        {
            for (int i = 0; i < 3; i++)
            {
                assertEquals(i * 1008L + 8, arena.append(new byte[1000], 0, 1000));
            }
            assertEquals(chunk + 8, arena.append(new byte[1100], 0, 1100));
            assertEquals(2 * chunk + 8, arena.append(new byte[(int)chunk - 8], 0, (int)chunk - 8));
            assertThat(assertThrows(IllegalArgumentException.class, () -> arena.append(new byte[4089], 0, 4089))
                .getMessage(), containsString("does not fit a chunk of 4096"));
            assertThrows(IllegalArgumentException.class, () -> arena.allocate(4081, 16));
            assertEquals(3 * chunk + 16, arena.offsetOf(arena.allocate(4080, 16)));
        }
        try (MappedArena arena = MappedArena.open(path))
        {
            assertEquals(chunk, arena.chunkSize());
            assertEquals(1100, arena.recordLength(chunk + 8));
        }
    }

    @Test
    public void emptyRecordsAreRecordsToo()
    {
        try (MappedArena arena = MappedArena.create(file("empty.arena"), MIB))
        {
            final long offset = arena.append(new byte[0], 0, 0);
            assertEquals(8, offset);
            assertEquals(0, arena.recordLength(offset));
            assertEquals(16, arena.append(new byte[0], 0, 0));
        }
    }

    @Test
    public void aFullArenaReturnsZeroAndChangesNothing()
    {
        try (MappedArena arena = MappedArena.create(file("full.arena"), 4096))
        {
            assertNotEquals(0, arena.append(new byte[4000], 0, 4000));
            final long used = arena.used();
            assertEquals(0, arena.append(new byte[100], 0, 100));
            assertEquals(used, arena.used());
            assertEquals(used, arena.committedLength());
        }
    }

    @Test
    public void resetTruncatesTheStore()
    {
        final Path path = file("reset.arena");
        try (MappedArena arena = MappedArena.create(path, MIB))
        {
            final long first = arena.append(record(9), 0, 9);
            arena.append(record(10), 0, 10);
            arena.reset();
            assertEquals(0, arena.committedLength());
            assertEquals(first, arena.append(record(11), 0, record(11).length));
            arena.force();
        }
        try (MappedArena arena = MappedArena.open(path))
        {
            assertEquals(RecordDescriptor.nextFrame(8, record(11).length), arena.committedLength());
            assertArrayEquals(record(11), read(arena, 8));
        }
    }

    @Test
    public void badOffsetsAndRangesAreRefused()
    {
        try (MappedArena arena = MappedArena.create(file("bad.arena"), MIB))
        {
            final long offset = arena.append(record(20), 0, 20);
            assertThrows(IllegalArgumentException.class, () -> arena.recordLength(offset + 8));
            assertThrows(IllegalArgumentException.class, () -> arena.recordLength(0));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.addressOf(arena.used() + 8));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.append(new byte[4], 2, 3));
            assertThrows(IllegalArgumentException.class, () -> arena.offsetOf(12345));
            assertEquals(offset, arena.offsetOf(arena.addressOf(offset)));
        }
    }

    @Test
    public void createRefusesAnExistingFileAndLeavesItAlone() throws Exception
    {
        final Path path = file("exists.arena");
        Files.write(path, new byte[]{ 1, 2, 3 });
        final UncheckedIOException ex = assertThrows(UncheckedIOException.class, () -> MappedArena.create(path, MIB));
        assertThat(ex.getMessage(), containsString("FileAlreadyExistsException"));
        assertArrayEquals(new byte[]{ 1, 2, 3 }, Files.readAllBytes(path));
    }

    @Test
    public void aSecondWriterIsRefused()
    {
        final Path path = file("locked.arena");
        try (MappedArena arena = MappedArena.create(path, MIB))
        {
            arena.append(record(1), 0, 1);
            assertThat(assertThrows(IllegalStateException.class, () -> MappedArena.open(path)).getMessage(),
                containsString("already open for writing"));
            assertEquals(24, arena.append(record(2), 0, 2));
        }
        try (MappedArena arena = MappedArena.open(path))
        {
            assertFalse(arena.isClosed());
        }
    }

    @Test
    public void creatingInAMissingDirectoryFailsWithTheOsReason()
    {
        final Path path = file("missing").resolve("x.arena");
        final UncheckedIOException ex = assertThrows(UncheckedIOException.class, () -> MappedArena.create(path, MIB));
        assertThat(ex.getMessage(), containsString(path.toString()));
    }
}
