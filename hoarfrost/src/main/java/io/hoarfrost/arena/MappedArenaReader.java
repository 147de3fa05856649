package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.Platform;
import io.hoarfrost.memory.internal.Checks;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.hoarfrost.arena.MappedArenaDescriptor.FILE_HEADER_LENGTH;
import static io.hoarfrost.arena.RecordDescriptor.FRAME_ALIGNMENT;
import static io.hoarfrost.arena.RecordDescriptor.PADDING_TYPE;
import static io.hoarfrost.arena.RecordDescriptor.RECORD_TYPE;

/**
 * Replays the committed records of a {@link MappedArena} file in order, by offset: a cursor over
 * its own read-only mapping, which may run in another thread or process while a writer appends.
 *
 * <pre>{@code
 * try (MappedArenaReader reader = MappedArenaReader.open(path))
 * {
 *     while (reader.next())
 *     {
 *         handle(reader.offset(), reader.buffer());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Consistency.</b> The reader reads the committed length with an acquire load
 * and never reads a frame past it, so it sees each record whole, exactly as the writer's
 * {@link MappedArena#commit()} published it. When it reaches the end, {@link #next()} looks at
 * the committed length again: polling it follows a live writer. A writer's
 * {@link MappedArena#reset()} while a reader follows is not supported.
 *
 * <p>The record views it hands out are borrowed until the next call to {@link #next()},
 * {@link #seek(long)} or {@link #close()}. The mapping is read-only: writing through an address
 * from it crashes the JVM. {@link #next()} allocates no heap garbage.
 */
public final class MappedArenaReader implements AutoCloseable
{
    private static final String NAME = "MappedArenaReader";

    private final Path path;
    private final long reserved;
    private final long chunkMask;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final Thread owner;
    private MappedByteBuffer header;
    private long headerAddress;
    private ChunkedMapping mapping;
    private long limit;
    private long position;
    private long recordOffset;
    private int recordLength;

    private MappedArenaReader(final Path path, final MappedArenaHeader valid)
    {
        this.path = path;
        this.reserved = valid.reserve;
        this.chunkMask = valid.chunkSize - 1;
        this.owner = Checks.ownerForNewObject();
    }

    /**
     * Opens a reader positioned before the first record. The header is validated first and the
     * file is opened read-only: it is never modified.
     *
     * @param path an arena file made by {@link MappedArena#create(Path, long)}.
     * @return the reader, owned by the caller, who closes it.
     * @throws IllegalStateException naming the file and the fault if it is not a Hoarfrost arena,
     *                               its header or committed length is truncated or corrupt, it is
     *                               shorter than its header says, or another format version wrote
     *                               it.
     * @throws UncheckedIOException  with the OS's reason if it cannot be opened or mapped.
     */
    public static MappedArenaReader open(final Path path)
    {
        Platform.current().requireSupported();
        synchronized (WriterRegistry.LOCK)
        {
            final MappedArena writer;
            try
            {
                writer = WriterRegistry.writer(WriterRegistry.key(path));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read MappedArena " + path + ": " + LazyRegion.reason(ex), ex);
            }
            if (null != writer)
            {
                return map(path, writer.channel());
            }
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r"))
            {
                return map(path, file.getChannel());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(
                    "cannot open MappedArena " + path + " for reading: " + LazyRegion.reason(ex), ex);
            }
        }
    }

    /**
     * Validates the header and maps the file read-only through a channel that stays open.
     */
    private static MappedArenaReader map(final Path path, final FileChannel channel)
    {
        final MappedArenaHeader valid = MappedArenaHeader.read(path, channel);
        final MappedArenaReader reader = new MappedArenaReader(path, valid);
        try
        {
            reader.header = channel.map(FileChannel.MapMode.READ_ONLY, 0, FILE_HEADER_LENGTH);
            reader.headerAddress = BufferUtil.address(reader.header);
            reader.mapping = ChunkedMapping.map(
                channel, FileChannel.MapMode.READ_ONLY, FILE_HEADER_LENGTH, valid.reserve, valid.chunkShift);
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            reader.close();
            if (ex instanceof RuntimeException)
            {
                throw (RuntimeException)ex;
            }
            if (ex instanceof Error)
            {
                throw (Error)ex;
            }
            throw new UncheckedIOException(
                "cannot open MappedArena " + path + " for reading: " + LazyRegion.reason(ex), (IOException)ex);
        }
        return reader;
    }

    /**
     * Moves to the next committed record, skipping padding frames.
     *
     * @return true if there is one: {@link #offset()}, {@link #address()}, {@link #length()} and
     * {@link #buffer()} now describe it; false if every committed record has been read (call again
     * later to follow a live writer).
     * @throws IllegalStateException naming the position if a frame or the committed length is
     *                               corrupt, naming the lengths if the file was truncated behind the
     *                               reader, or if the reader is closed; in checked mode also if used
     *                               from another thread.
     */
    public boolean next()
    {
        checkUsable();
        try
        {
            return advance();
        }
        catch (final InternalError ex)
        {
            throw truncated(ex);
        }
    }

    private boolean advance()
    {
        long frame = position;
        if (frame >= limit)
        {
            limit = MappedArenaHeader.committedLength(path, headerAddress);
        }
        while (frame < limit)
        {
            final int length = Memory.getInt(mapping.address(RecordDescriptor.lengthOffset(frame)));
            final int type = Memory.getInt(mapping.address(RecordDescriptor.typeOffset(frame)));
            final long next = RecordDescriptor.frameEnd(frame, type, length);
            if (!validFrame(frame, type, length, next, limit))
            {
                throw new IllegalStateException("corrupt frame at offset " + frame + " of MappedArena " + path +
                    ": type " + type + ", length " + length + ", committed length " + limit);
            }
            if (RECORD_TYPE == type)
            {
                position = next;
                recordOffset = RecordDescriptor.recordOffset(frame);
                recordLength = length;
                return true;
            }
            frame = next;
        }
        position = frame;
        return false;
    }

    /**
     * Whether a frame header read at {@code frame} can be a frame: a known type, a length that
     * ends it aligned, within the committed length and within the chunk it starts in.
     */
    private boolean validFrame(final long frame, final int type, final int length, final long next, final long committed)
    {
        return (RECORD_TYPE == type || PADDING_TYPE == type) && length >= 0 && next <= committed &&
            0 == (next & (FRAME_ALIGNMENT - 1)) && (frame & ~chunkMask) == ((next - 1) & ~chunkMask);
    }

    /**
     * What an access fault while reading frames means: if the file is now shorter than its header
     * says, it was truncated behind the reader; anything else is rethrown as it is.
     */
    private RuntimeException truncated(final InternalError fault)
    {
        final long expected = FILE_HEADER_LENGTH + reserved;
        long size = -1;
        try
        {
            size = Files.size(path);
        }
        catch (final IOException ex)
        {
            fault.addSuppressed(ex);
        }
        if (size >= expected)
        {
            throw fault;
        }
        return new IllegalStateException("MappedArena file " + path + " was truncated behind the reader: it is " +
            (size < 0 ? "gone" : size + " bytes") + ", its header says " + expected + "; the reader was at offset " +
            position + " of committed length " + limit, fault);
    }

    /**
     * The offset of the current record, as {@link MappedArena#append(DirectBuffer, int, int)}
     * returned it.
     *
     * @return the record's offset; 0 before the first {@link #next()}.
     */
    public long offset()
    {
        return recordOffset;
    }

    /**
     * The address of the current record's first byte in this reader's read-only mapping.
     *
     * @return the address, borrowed until the next move or close; never write through it.
     * @throws IllegalStateException if the reader is closed.
     */
    public long address()
    {
        return openMapping().address(recordOffset);
    }

    /**
     * The length of the current record.
     *
     * @return its length in bytes.
     */
    public int length()
    {
        return recordLength;
    }

    /**
     * A view of the current record: the reader's one flyweight, re-pointed without allocating.
     *
     * @return the view, borrowed until the next move or close; read-only. {@link #seek(long)} and
     * {@link #close()} detach it (a read through it then throws {@code IndexOutOfBoundsException}
     * instead of touching unmapped memory).
     * @throws IllegalStateException if the reader is closed.
     */
    public DirectBuffer buffer()
    {
        view.wrap(openMapping().address(recordOffset), recordLength);
        return view;
    }

    /**
     * Where the next frame starts: save it to resume a replay later with {@link #seek(long)}.
     *
     * @return an offset at a frame boundary.
     */
    public long position()
    {
        return position;
    }

    /**
     * Resumes reading at a frame boundary, such as one {@link #position()} returned or 0.
     *
     * <p>What is checked: the position is 8-byte aligned, from 0 to the committed length, and,
     * below the committed length, the 8 bytes there form a valid frame header (a record or padding
     * type, with a length that ends the frame aligned, within the committed length and within its
     * chunk). A position inside a record whose bytes happen to look like a frame header cannot be
     * told apart without reading from the start of its chunk: seek only to positions this API
     * returned.
     *
     * @param position an 8-byte aligned offset from 0 to {@link #committedLength()}.
     * @throws IllegalArgumentException naming the position and what failed if it is misaligned,
     *                                  past the committed length, or not at a valid frame header.
     * @throws IllegalStateException    if the reader is closed; in checked mode also if used
     *                                  from another thread.
     */
    public void seek(final long position)
    {
        checkUsable();
        final long committed = committedLength();
        if (position < 0 || position > committed || 0 != (position & (FRAME_ALIGNMENT - 1)))
        {
            throw new IllegalArgumentException("position " + position + " is not an 8-byte aligned offset from 0 to the " +
                "committed length " + committed);
        }
        if (position < committed)
        {
            final int length;
            final int type;
            try
            {
                length = Memory.getInt(mapping.address(RecordDescriptor.lengthOffset(position)));
                type = Memory.getInt(mapping.address(RecordDescriptor.typeOffset(position)));
            }
            catch (final InternalError ex)
            {
                throw truncated(ex);
            }
            if (!validFrame(position, type, length, RecordDescriptor.frameEnd(position, type, length), committed))
            {
                throw new IllegalArgumentException("position " + position + " is not a frame boundary: the bytes there " +
                    "are not a valid frame header (type " + type + ", length " + length + ", committed length " +
                    committed + ")");
            }
        }
        this.position = position;
        this.limit = committed;
        this.recordOffset = 0;
        this.recordLength = 0;
        view.wrap(0L, 0);
    }

    /**
     * The writer's committed length now, read with an acquire load.
     *
     * @return arena bytes published so far.
     * @throws IllegalStateException if the reader is closed; in checked mode also if used from
     *                               another thread.
     */
    public long committedLength()
    {
        checkUsable();
        return MappedArenaHeader.committedLength(path, headerAddress);
    }

    /**
     * The arena's reserve, from its header.
     *
     * @return arena bytes in the file.
     */
    public long reserved()
    {
        return reserved;
    }

    /**
     * Unmaps the file. Idempotent.
     *
     * @throws IllegalStateException in checked mode, if called from another thread.
     */
    @Override
    public void close()
    {
        Checks.checkOwner(owner, NAME);
        view.wrap(0L, 0);
        if (null != mapping)
        {
            mapping.unmap();
            mapping = null;
        }
        if (null != header)
        {
            IoUtil.unmap(header);
            header = null;
            headerAddress = 0;
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "MappedArenaReader{path=" + path + ", position=" + position + ", closed=" + (null == mapping) + '}';
    }

    /** The mapping, or an {@code IllegalStateException} once closed (never a crash). */
    private ChunkedMapping openMapping()
    {
        final ChunkedMapping open = mapping;
        if (null == open)
        {
            throw new IllegalStateException(NAME + ' ' + path + " used after close");
        }
        return open;
    }

    /**
     * Always checks for close (reading an unmapped header would crash the JVM); checks the owner
     * in checked mode only.
     */
    private void checkUsable()
    {
        Checks.checkOwner(owner, NAME);
        if (null == mapping)
        {
            throw new IllegalStateException(NAME + ' ' + path + " used after close");
        }
    }
}
