package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * Replaying a {@link MappedArena} with {@link MappedArenaReader}, including while a writer in
 * another thread appends.
 */
public class MappedArenaReaderTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String name)
    {
        return folder.getRoot().toPath().resolve(name);
    }

    @Test
    public void replaysCommittedRecordsInOrderSkippingPadding()
    {
        final Path path = file("replay.arena");
        final List<Long> offsets = new ArrayList<>();
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CheckedRecord.MAX_LENGTH]);
        try (MappedArena arena = MappedArena.create(path, 64 * 1024, 4096))
        {
            for (int i = 0; i < 200; i++)
            {
                final int length = CheckedRecord.write(scratch, i);
                if (i % 10 == 3)
                {
                    final long address = arena.allocate(length, 256);
                    Memory.copy(scratch, 0, address, length);
                    arena.commit();
                    offsets.add(arena.offsetOf(address));
                }
                else
                {
                    offsets.add(arena.append(scratch, 0, length));
                }
            }
            arena.allocate(100, 8);
        }
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            for (int i = 0; i < 200; i++)
            {
                assertTrue(reader.next());
                assertEquals(offsets.get(i).longValue(), reader.offset());
                CheckedRecord.verify(reader.buffer(), reader.length(), i);
                assertEquals(i, Memory.getLong(reader.address()));
            }
            assertFalse(reader.next());
            assertEquals(reader.committedLength(), reader.position());
        }
    }

    @Test
    public void seekResumesAReplayAtASavedPosition()
    {
        final Path path = file("seek.arena");
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CheckedRecord.MAX_LENGTH]);
        try (MappedArena arena = MappedArena.create(path, 64 * 1024))
        {
            for (int i = 0; i < 10; i++)
            {
                arena.append(scratch, 0, CheckedRecord.write(scratch, i));
            }
        }
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            for (int i = 0; i < 4; i++)
            {
                reader.next();
            }
            final long saved = reader.position();
            reader.seek(0);
            assertTrue(reader.next());
            CheckedRecord.verify(reader.buffer(), reader.length(), 0);
            reader.seek(saved);
            assertTrue(reader.next());
            CheckedRecord.verify(reader.buffer(), reader.length(), 4);
            assertThrows(IllegalArgumentException.class, () -> reader.seek(3));
            assertThrows(IllegalArgumentException.class, () -> reader.seek(reader.committedLength() + 8));
        }
    }

    @Test
    public void followsAWriterInTheSameThread()
    {
        final Path path = file("follow.arena");
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CheckedRecord.MAX_LENGTH]);
        try (MappedArena arena = MappedArena.create(path, 64 * 1024);
            MappedArenaReader reader = MappedArenaReader.open(path))
        {
            assertFalse(reader.next());
            arena.append(scratch, 0, CheckedRecord.write(scratch, 0));
            arena.allocate(50, 8);
            assertTrue(reader.next());
            CheckedRecord.verify(reader.buffer(), reader.length(), 0);
            assertFalse(reader.next());
            arena.commit();
            assertTrue(reader.next());
            assertEquals(50, reader.length());
        }
    }

    @Test
    public void aReaderInAnotherThreadNeverSeesATornRecord() throws Exception
    {
        final Path path = file("concurrent.arena");
        final int records = 50_000;
        final CountDownLatch created = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CheckedRecord.MAX_LENGTH]);
            try (MappedArena arena = MappedArena.create(path, 32L << 20, 1L << 16))
            {
                created.countDown();
                for (int i = 0; i < records; i++)
                {
                    if (0 == arena.append(scratch, 0, CheckedRecord.write(scratch, i)))
                    {
                        throw new AssertionError("arena full at record " + i);
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
                created.countDown();
            }
        }, "writer");
        writer.start();
        assertTrue(created.await(10, TimeUnit.SECONDS));
        assertNull(failure.get());
        int read = 0;
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            while (read < records && (writer.isAlive() || reader.committedLength() > reader.position()))
            {
                while (reader.next())
                {
                    CheckedRecord.verify(reader.buffer(), reader.length(), read++);
                }
            }
        }
        writer.join();
        assertNull(failure.get());
        assertEquals(records, read);
    }

    @Test
    public void corruptFramesAreReportedWithTheirOffset()
    {
        final Path path = file("corrupt.arena");
        try (MappedArena arena = MappedArena.create(path, 64 * 1024))
        {
            final long offset = arena.append(new byte[16], 0, 16);
            Memory.putInt(arena.addressOf(offset) - RecordDescriptor.FRAME_HEADER_LENGTH + RecordDescriptor.TYPE_OFFSET, 77);
        }
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            assertThat(assertThrows(IllegalStateException.class, reader::next).getMessage(),
                containsString("corrupt frame at offset 0"));
        }
    }

    @Test
    public void aClosedReaderThrows()
    {
        final Path path = file("closed.arena");
        MappedArena.create(path, 4096).close();
        final MappedArenaReader reader = MappedArenaReader.open(path);
        reader.close();
        reader.close();
        assertThrows(IllegalStateException.class, reader::next);
        assertThrows(IllegalStateException.class, reader::committedLength);
    }

    @Test
    public void aReaderIsConfinedToItsThreadInCheckedMode() throws Exception
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        final Path path = file("confined.arena");
        MappedArena.create(path, 4096).close();
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final Thread other = new Thread(() ->
            {
                try
                {
                    reader.next();
                }
                catch (final Throwable ex)
                {
                    thrown.set(ex);
                }
            });
            other.start();
            other.join();
            assertTrue(thrown.get() instanceof IllegalStateException);
        }
    }
}
