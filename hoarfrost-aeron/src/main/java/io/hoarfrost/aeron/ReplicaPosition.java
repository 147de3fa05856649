package io.hoarfrost.aeron;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * A replica's saved place in the leader's recording: the recording (its id and start time, since
 * a new archive numbers its recordings from 0 again), the last sequence appended and the stream
 * position just after it, in a small mapped file next to the journal's segments
 * ({@value #FILE_NAME} in the journal's directory).
 *
 * <pre>
 *  0  magic "HFAERPOS" (8) | 8 version (4), unused (4) | 16 recording id (8)
 *  24 last sequence (8)    | 32 position after it (8)  | 40 recording start time, ms (8) | 48 .. 64 unused
 * </pre>
 *
 * <p>The replica stores the sequence and then the position (release stores, no system call)
 * <em>after</em> the journal's append has returned, so the saved position never runs ahead of the
 * journal: a crash between the two leaves it one record behind, and the replay from there
 * redelivers a record the replica skips by sequence. Confined to the replica's thread.
 */
final class ReplicaPosition implements AutoCloseable
{
    static final String FILE_NAME = "aeron-replica.position";
    static final long MAGIC = 0x534f505245414648L;
    static final int VERSION = 1;
    static final int LENGTH = 64;
    static final int VERSION_OFFSET = SIZE_OF_LONG;
    static final int RECORDING_ID_OFFSET = 2 * SIZE_OF_LONG;
    static final int SEQUENCE_OFFSET = 3 * SIZE_OF_LONG;
    static final int POSITION_OFFSET = 4 * SIZE_OF_LONG;
    static final int START_TIMESTAMP_OFFSET = 5 * SIZE_OF_LONG;

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private ReplicaPosition(final Path path, final MappedByteBuffer mapped)
    {
        this.path = path;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Opens the position file of the journal in {@code dir}, creating it (recording -1, sequence -1,
     * position -1) if it is missing or empty.
     *
     * @throws IllegalStateException naming the file if it exists and is not a replica position file.
     */
    static ReplicaPosition open(final Path dir)
    {
        final Path path = dir.resolve(FILE_NAME);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
        {
            final long size = file.length();
            if (0 != size && LENGTH != size)
            {
                throw new IllegalStateException("replica position file " + path + " is " + size + " bytes, not " + LENGTH +
                    ": not a replica position file; nothing was modified");
            }
            final boolean fresh = 0 == size;
            if (fresh)
            {
                file.setLength(LENGTH);
            }
            final MappedByteBuffer mapped = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, LENGTH);
            final ReplicaPosition position = new ReplicaPosition(path, mapped);
            if (fresh)
            {
                position.buffer.putLong(RECORDING_ID_OFFSET, -1L);
                position.buffer.putLong(SEQUENCE_OFFSET, -1L);
                position.buffer.putLong(POSITION_OFFSET, -1L);
                position.buffer.putInt(VERSION_OFFSET, VERSION);
                position.buffer.putLongOrdered(0, MAGIC);
            }
            else if (MAGIC != position.buffer.getLong(0) || VERSION != position.buffer.getInt(VERSION_OFFSET))
            {
                IoUtil.unmap(mapped);
                throw new IllegalStateException("replica position file " + path + " does not start with the magic " +
                    "\"HFAERPOS\" and version " + VERSION + ": not a replica position file; nothing was modified");
            }
            return position;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open replica position file " + path + ": " + ex, ex);
        }
    }

    static boolean exists(final Path dir)
    {
        return Files.exists(dir.resolve(FILE_NAME));
    }

    long recordingId()
    {
        return buffer.getLongVolatile(RECORDING_ID_OFFSET);
    }

    long startTimestamp()
    {
        return buffer.getLongVolatile(START_TIMESTAMP_OFFSET);
    }

    long sequence()
    {
        return buffer.getLongVolatile(SEQUENCE_OFFSET);
    }

    long position()
    {
        return buffer.getLongVolatile(POSITION_OFFSET);
    }

    /** Starts over in another recording, at a position where the replay will begin. */
    void recording(final long recordingId, final long startTimestamp, final long position)
    {
        buffer.putLongOrdered(POSITION_OFFSET, -1L);
        buffer.putLongOrdered(RECORDING_ID_OFFSET, recordingId);
        buffer.putLongOrdered(START_TIMESTAMP_OFFSET, startTimestamp);
        buffer.putLongOrdered(POSITION_OFFSET, position);
    }

    /** After an append (or a skipped duplicate): the last sequence held and the position after its message. */
    void store(final long sequence, final long position)
    {
        buffer.putLongOrdered(SEQUENCE_OFFSET, sequence);
        buffer.putLongOrdered(POSITION_OFFSET, position);
    }

    Path path()
    {
        return path;
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
