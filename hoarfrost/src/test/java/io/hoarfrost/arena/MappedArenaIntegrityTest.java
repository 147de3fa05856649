package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * The store-integrity promises of {@link MappedArena} and {@link MappedArenaReader} within one
 * JVM: one writer per file whatever else the process opens, no crash from a stale view or a
 * truncated file, checked seeks, and sizes after close. The two-JVM cases are in
 * {@link MappedArenaWriterLockTest}.
 */
public class MappedArenaIntegrityTest
{
    private static final long RESERVE = 1L << 20;
    private static final long CHUNK = 1L << 16;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String name)
    {
        return folder.getRoot().toPath().resolve(name);
    }

    private static void appendRecords(final MappedArena arena, final int first, final int count)
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CheckedRecord.MAX_LENGTH]);
        for (int i = first; i < first + count; i++)
        {
            assertTrue(0 != arena.append(scratch, 0, CheckedRecord.write(scratch, i)));
        }
    }

    private static int replay(final Path path)
    {
        int index = 0;
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            while (reader.next())
            {
                CheckedRecord.verify(reader.buffer(), reader.length(), index++);
            }
        }
        return index;
    }

    @Test
    public void aSecondWriterInTheSameJvmIsRefusedBeforeTheFileIsTouched() throws Exception
    {
        final Path path = file("one-writer.arena");
        final Path link = file("link.arena");
        try (MappedArena arena = MappedArena.create(path, RESERVE, CHUNK))
        {
            appendRecords(arena, 0, 3);
            Files.createLink(link, path);
            for (final Path other : new Path[]{ path, link, path.getParent().resolve(".").resolve(path.getFileName()) })
            {
                assertThat(assertThrows(IllegalStateException.class, () -> MappedArena.open(other)).getMessage(),
                    containsString("already open for writing in this JVM"));
            }
            appendRecords(arena, 3, 2);
        }
        assertEquals(5, replay(path));
        MappedArena.open(link).close();
    }

    @Test
    public void aReaderInTheWritersJvmReadsThroughTheWritersChannel()
    {
        final Path path = file("shared.arena");
        try (MappedArena arena = MappedArena.create(path, RESERVE, CHUNK))
        {
            appendRecords(arena, 0, 4);
            assertEquals(4, replay(path));
            try (MappedArenaReader reader = MappedArenaReader.open(path))
            {
                appendRecords(arena, 4, 1);
                for (int i = 0; i < 5; i++)
                {
                    assertTrue(reader.next());
                    CheckedRecord.verify(reader.buffer(), reader.length(), i);
                }
            }
            appendRecords(arena, 5, 1);
            assertEquals(arena.committedLength(), arena.used());
        }
        assertEquals(6, replay(path));
    }

    @Test
    public void aViewReadAfterCloseThrowsInsteadOfCrashing()
    {
        final Path path = file("stale.arena");
        try (MappedArena arena = MappedArena.create(path, RESERVE, CHUNK))
        {
            appendRecords(arena, 0, 2);
        }
        final MappedArenaReader reader = MappedArenaReader.open(path);
        assertTrue(reader.next());
        final DirectBuffer view = reader.buffer();
        assertTrue(view.capacity() > 0);
        reader.close();
        assertEquals(0, view.capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> view.getByte(0));
        assertThrows(IndexOutOfBoundsException.class, () -> view.getLong(0));
        assertThat(assertThrows(IllegalStateException.class, reader::buffer).getMessage(),
            containsString("used after close"));
        assertThat(assertThrows(IllegalStateException.class, reader::address).getMessage(),
            containsString("used after close"));
    }

    @Test
    public void seekDetachesTheViewAndChecksTheFrameHeader()
    {
        final Path path = file("seek.arena");
        final long second;
        try (MappedArena arena = MappedArena.create(path, RESERVE, CHUNK))
        {
            final byte[] payload = new byte[64];
            for (int i = 0; i < payload.length; i++)
            {
                payload[i] = (byte)(0x70 + i);
            }
            arena.append(payload, 0, payload.length);
            second = arena.append(payload, 0, payload.length) - RecordDescriptor.FRAME_HEADER_LENGTH;
        }
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            assertTrue(reader.next());
            final DirectBuffer view = reader.buffer();
            reader.seek(second);
            assertEquals(0, view.capacity());
            assertTrue(reader.next());
            assertEquals(second + RecordDescriptor.FRAME_HEADER_LENGTH, reader.offset());
            for (long inside = RecordDescriptor.FRAME_HEADER_LENGTH; inside < second; inside += RecordDescriptor.FRAME_ALIGNMENT)
            {
                final long position = inside;
                assertThat(assertThrows(IllegalArgumentException.class, () -> reader.seek(position)).getMessage(),
                    containsString("position " + position + " is not a frame boundary"));
            }
            assertThat(assertThrows(IllegalArgumentException.class, () -> reader.seek(12)).getMessage(),
                containsString("8-byte aligned"));
            reader.seek(0);
            assertTrue(reader.next());
            assertEquals(RecordDescriptor.FRAME_HEADER_LENGTH, reader.offset());
        }
    }

    @Test
    public void aFileTruncatedBehindTheReaderIsAnIllegalStateException() throws Exception
    {
        final Path path = file("truncated.arena");
        try (MappedArena arena = MappedArena.create(path, RESERVE, CHUNK))
        {
            appendRecords(arena, 0, 2_000);
        }
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            assertTrue(reader.next());
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
            {
                file.setLength(MappedArenaDescriptor.FILE_HEADER_LENGTH + 4096);
            }
            final IllegalStateException thrown = assertThrows(IllegalStateException.class, () ->
            {
                while (reader.next())
                {
                    reader.length();
                }
            });
            assertThat(thrown.getMessage(), containsString("was truncated behind the reader"));
            assertThat(thrown.getMessage(), containsString(path.toString()));
            assertThat(thrown.getMessage(), containsString((MappedArenaDescriptor.FILE_HEADER_LENGTH + 4096) + " bytes"));
        }
    }

    @Test
    public void aDamagedCommittedLengthStopsAFollowingReader()
    {
        final Path path = file("damaged.arena");
        try (MappedArena arena = MappedArena.create(path, RESERVE, CHUNK);
             MappedArenaReader reader = MappedArenaReader.open(path))
        {
            appendRecords(arena, 0, 2);
            assertTrue(reader.next());
            assertTrue(reader.next());
            final long header = arena.headerAddress();
            final long word = Memory.getLong(header + MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET);
            Memory.putLong(header + MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET, word ^ (1L << 40));
            assertThat(assertThrows(IllegalStateException.class, reader::next).getMessage(),
                containsString("corrupt committed length"));
            Memory.putLong(header + MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET, word);
            assertFalse(reader.next());
        }
    }

    @Test
    public void remainingIsZeroAfterCloseLikeCapacity()
    {
        final MappedArena mapped = MappedArena.create(file("closed.arena"), RESERVE, CHUNK);
        final LazyArena lazy = new LazyArena(RESERVE, folder.getRoot().toPath(), CHUNK);
        mapped.close();
        lazy.close();
        assertEquals(0, mapped.capacity());
        assertEquals(0, lazy.capacity());
        if (MemoryChecks.ENABLED)
        {
            assertThrows(IllegalStateException.class, mapped::remaining);
            assertThrows(IllegalStateException.class, lazy::remaining);
        }
        else
        {
            assertEquals(0, mapped.remaining());
            assertEquals(0, lazy.remaining());
        }
    }
}
