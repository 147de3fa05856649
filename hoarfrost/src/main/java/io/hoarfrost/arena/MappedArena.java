package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.Platform;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.hoarfrost.arena.MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET;
import static io.hoarfrost.arena.MappedArenaDescriptor.FILE_HEADER_LENGTH;
import static io.hoarfrost.arena.RecordDescriptor.FRAME_ALIGNMENT;
import static io.hoarfrost.arena.RecordDescriptor.PADDING_TYPE;
import static io.hoarfrost.arena.RecordDescriptor.RECORD_TYPE;

/**
 * A lazily committed arena over a named file that survives the process: an append-only record
 * store for, say, a trading system's messages. Layouts: {@link MappedArenaDescriptor} (file) and
 * {@link RecordDescriptor} (frames).
 *
 * <p><b>Records.</b> Every allocation is a record: a frame header ({@code length}, {@code type})
 * followed by the record's bytes, addressed by its <em>offset</em> from the start of the arena,
 * which stays valid when the file is reopened at another base address ({@link #addressOf(long)}
 * translates). {@link #append(DirectBuffer, int, int)} copies a record in and commits it;
 * {@link #allocate(long, int)} places one to be written in place, made durable by
 * {@link #commit()}. {@link MappedArenaReader} replays committed records in order.
 *
 * <p><b>Commit and crash safety.</b> {@link #commit()} publishes everything allocated so far by
 * a release store of the committed length into the header, after the record bytes.
 * Nothing past the committed length is ever read: a reader, or {@link #open(Path)} after the
 * process was killed at any instruction, sees whole records only. Reopening also zeroes the
 * stale bytes just past the committed length. The page cache holds the data once written, so a
 * killed process loses nothing it committed; surviving a power failure needs {@link #force()}.
 *
 * <p><b>Memory.</b> As in {@link LazyArena}: the file is extended sparse to the reserve and
 * mapped in chunks; zeros are written into it a step ahead of allocation so the file system
 * allocates the blocks while it can still refuse ({@link #lastError()}); no record straddles two
 * chunks (a padding frame skips the tail of a chunk).
 *
 * <p><b>Ownership.</b> The arena owns the mapping and the file while open: one writer per file.
 * Another process's {@code open} is refused by an exclusive {@code FileLock}; another
 * {@code open} in this JVM is refused before it touches the file, and a {@link MappedArenaReader}
 * in this JVM reads through the writer's own channel. The lock is a POSIX record lock, which the
 * OS drops when the process closes <em>any</em> descriptor of the file: while a writer is open,
 * do not open and close its file by other means in the same process (a {@code Files.readAllBytes},
 * a second {@code RandomAccessFile}); use a {@link MappedArenaReader}.
 *
 * <p>{@link #append(DirectBuffer, int, int)}, {@link #allocate(long, int)} and {@link #commit()}
 * allocate no heap garbage.
 */
public final class MappedArena extends RegionArena
{
    /** The default chunk size: 1 GiB. */
    public static final long DEFAULT_CHUNK_SIZE = LazyArena.DEFAULT_CHUNK_SIZE;

    private static final String NAME = "MappedArena";

    private final Path path;
    private Object fileKey;
    private RandomAccessFile file;
    private FileLock lock;
    private MappedByteBuffer header;
    private long headerAddress;
    private long committedLength;

    private MappedArena(final Path path, final long reserved, final long chunkSize, final long committedLength)
    {
        super(reserved, chunkSize, committedLength);
        this.path = path;
        this.committedLength = committedLength;
    }

    /**
     * Creates a new arena file of {@code reserve} bytes (plus a 4 KiB header) in 1 GiB chunks.
     *
     * @param path    the file to create; it must not exist.
     * @param reserve arena bytes, positive; the file is sparse, so only what is committed uses
     *                disk or memory.
     * @return the open arena, owned by the caller, who closes it.
     * @throws IllegalArgumentException naming the value if the reserve is not positive or needs
     *                                  too many chunks.
     * @throws UncheckedIOException     with the OS's reason if the file exists or cannot be
     *                                  created, sized, locked or mapped (nothing is left behind).
     */
    public static MappedArena create(final Path path, final long reserve)
    {
        return create(path, reserve, DEFAULT_CHUNK_SIZE);
    }

    /**
     * Creates a new arena file of {@code reserve} bytes (plus a 4 KiB header).
     *
     * @param path      the file to create; it must not exist.
     * @param reserve   arena bytes, positive.
     * @param chunkSize bytes per mapping, kept in the file: a power of two from 4 KiB to 1 GiB.
     *                  A record holds at most {@code chunkSize - 8} bytes.
     * @return the open arena, owned by the caller, who closes it.
     * @throws IllegalArgumentException naming the value if the reserve or chunk size is invalid.
     * @throws UncheckedIOException     with the OS's reason if the file exists or cannot be
     *                                  created, sized, locked or mapped (nothing is left behind).
     */
    public static MappedArena create(final Path path, final long reserve, final long chunkSize)
    {
        Platform.current().requireSupported();
        Bounds.checkPositiveSize(reserve);
        checkChunkSize(chunkSize);
        checkChunkCount(reserve, chunkSize);
        if (reserve > Long.MAX_VALUE - FILE_HEADER_LENGTH)
        {
            throw new IllegalArgumentException("reserve " + reserve + " plus the header overflows a long");
        }
        synchronized (WriterRegistry.LOCK)
        {
            try
            {
                Files.createFile(path);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot create MappedArena " + path + ": " + LazyRegion.reason(ex), ex);
            }
            final MappedArena arena = new MappedArena(path, reserve, chunkSize, 0);
            try
            {
                arena.fileKey = WriterRegistry.key(path);
                arena.file = new RandomAccessFile(path.toFile(), "rw");
                arena.lock(path);
                arena.file.setLength(FILE_HEADER_LENGTH + reserve);
                arena.file.write(MappedArenaHeader.encode(reserve, chunkSize));
                arena.map(0);
            }
            catch (final IOException | RuntimeException | Error ex)
            {
                arena.release();
                try
                {
                    Files.deleteIfExists(path);
                }
                catch (final IOException suppressed)
                {
                    ex.addSuppressed(suppressed);
                }
                throw failure("cannot create", path, ex);
            }
            WriterRegistry.add(arena.fileKey, arena);
            return arena;
        }
    }

    /**
     * Reopens an arena file with every committed record intact at the same offsets; allocation
     * continues after the last committed record. The header is validated before the file is
     * opened for writing, so an invalid file is never modified.
     *
     * @param path an arena file made by {@link #create(Path, long)}.
     * @return the open arena, owned by the caller, who closes it.
     * @throws IllegalStateException naming the file and the fault if it is not a Hoarfrost arena,
     *                               its header or committed length is corrupt or truncated, it is
     *                               shorter than its header says, another format version wrote it,
     *                               or another writer holds it open (in this JVM, or in another
     *                               process); the file is not modified.
     * @throws UncheckedIOException  with the OS's reason if it cannot be opened, locked or mapped.
     */
    public static MappedArena open(final Path path)
    {
        Platform.current().requireSupported();
        synchronized (WriterRegistry.LOCK)
        {
            final Object key;
            try
            {
                key = WriterRegistry.key(path);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot open MappedArena " + path + ": " + LazyRegion.reason(ex), ex);
            }
            final MappedArena writer = WriterRegistry.writer(key);
            if (null != writer)
            {
                throw new IllegalStateException("MappedArena file " + path + " is already open for writing in this JVM (" +
                    writer.path + "); the file was not touched");
            }
            final MappedArenaHeader valid = readHeader(path);
            final MappedArena arena = new MappedArena(path, valid.reserve, valid.chunkSize, valid.committedLength);
            arena.fileKey = key;
            try
            {
                arena.file = new RandomAccessFile(path.toFile(), "rw");
                arena.lock(path);
                arena.map(Math.min(Alignment.alignUp(valid.committedLength, Alignment.MAX_ALIGNMENT), valid.reserve));
                final long committed = MappedArenaHeader.committedLength(path, arena.headerAddress);
                if (committed != valid.committedLength)
                {
                    throw MappedArenaHeader.invalid(path, "changed while being opened: committed length " +
                        valid.committedLength + " became " + committed);
                }
                arena.region.mapping().fill(committed, arena.region.committed(), (byte)0);
            }
            catch (final IOException | RuntimeException | Error ex)
            {
                arena.release();
                throw failure("cannot open", path, ex);
            }
            WriterRegistry.add(key, arena);
            return arena;
        }
    }

    /**
     * Appends a record copied from a buffer and commits it.
     *
     * @param source the record's bytes (any Agrona buffer: heap or direct).
     * @param index  the first byte to copy.
     * @param length bytes to copy, from 0 to {@code chunkSize() - 8}.
     * @return the record's offset, never 0; or {@code 0} if the arena is full or committing the
     * pages failed ({@link #lastError()} says why), and then nothing changed.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer.
     * @throws IllegalArgumentException  naming the length if no chunk can hold it.
     * @throws IllegalStateException     in checked mode, if the arena is closed or used from a
     *                                   thread other than its owner.
     */
    public long append(final DirectBuffer source, final int index, final int length)
    {
        Bounds.checkRange(index, length, source.capacity());
        final long offset = allocateRecord(length, FRAME_ALIGNMENT);
        if (0 != offset)
        {
            Memory.copy(source, index, region.address(offset), length);
            commit();
        }
        return offset;
    }

    /**
     * Appends a record copied from an array and commits it.
     *
     * @param source the record's bytes.
     * @param index  the first byte to copy.
     * @param length bytes to copy, from 0 to {@code chunkSize() - 8}.
     * @return the record's offset, never 0; or {@code 0} if the arena is full or committing the
     * pages failed ({@link #lastError()} says why), and then nothing changed.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the array.
     * @throws IllegalArgumentException  naming the length if no chunk can hold it.
     * @throws IllegalStateException     in checked mode, if the arena is closed or used from a
     *                                   thread other than its owner.
     */
    public long append(final byte[] source, final int index, final int length)
    {
        Bounds.checkRange(index, length, source.length);
        final long offset = allocateRecord(length, FRAME_ALIGNMENT);
        if (0 != offset)
        {
            Memory.copy(source, index, region.address(offset), length);
            commit();
        }
        return offset;
    }

    /**
     * Places a record of {@code size} bytes, to be written in place, and returns its address. It
     * is not durable until {@link #commit()}: a crash or a {@link #close()} before that loses it.
     * Unlike the other arenas, a size of 0 places an empty record and advances by one frame
     * header.
     *
     * @throws IllegalArgumentException naming the values also if no chunk can hold {@code size}
     *                                  at {@code alignment} ({@code chunkSize - max(8, alignment)}
     *                                  bytes at most).
     */
    @Override
    public long allocate(final long size, final int alignment)
    {
        final long offset = allocateRecord(size, alignment);
        return 0 == offset ? 0 : region.address(offset);
    }

    /**
     * Publishes every record allocated so far: a release store of the committed length into the
     * header, after their bytes. Readers and a later {@link #open(Path)} see them from then on.
     *
     * @throws IllegalStateException in checked mode, if the arena is closed or used from a thread
     *                               other than its owner.
     */
    public void commit()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        final long end = position;
        if (end != committedLength)
        {
            Memory.putLongRelease(headerAddress + COMMITTED_LENGTH_OFFSET, MappedArenaDescriptor.committedWord(end));
            committedLength = end;
        }
    }

    /**
     * Writes the committed records, then the header, from the page cache to the storage device
     * ({@code msync}), so they survive a power failure as well as a crash of the process. Slow:
     * call it at checkpoints, not per record.
     *
     * @throws IllegalStateException if the arena is closed; in checked mode also if it is used from a
     *                               thread other than its owner.
     */
    public void force()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        openRegion().mapping().force(0, committedLength);
        header.force();
    }

    /**
     * The address of a record (or any offset up to {@link #used()}) in this mapping.
     *
     * @param offset an offset from {@link #append(DirectBuffer, int, int)},
     *               {@link #offsetOf(long)} or a {@link MappedArenaReader}.
     * @return its address, borrowed until {@link #reset()} or {@link #close()}.
     * @throws IndexOutOfBoundsException naming the offset if it is beyond {@link #used()}.
     * @throws IllegalStateException     if the arena is closed; in checked mode also if it is used
     *                                   from a thread other than its owner.
     */
    public long addressOf(final long offset)
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        final LazyRegion open = openRegion();
        Bounds.checkRange(offset, 0, position);
        return open.address(offset);
    }

    /**
     * The length of the record at an offset.
     *
     * @param offset a record's offset.
     * @return its length in bytes.
     * @throws IllegalArgumentException naming the offset if no record starts there.
     * @throws IllegalStateException    in checked mode, if the arena is closed or used from a
     *                                  thread other than its owner.
     */
    public int recordLength(final long offset)
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        if (offset < RecordDescriptor.FRAME_HEADER_LENGTH || offset > position || 0 != (offset & (FRAME_ALIGNMENT - 1)) ||
            RECORD_TYPE != Memory.getInt(region.address(RecordDescriptor.typeOffset(RecordDescriptor.frameOffset(offset)))))
        {
            throw new IllegalArgumentException("no record at offset " + offset + " of " + this);
        }
        return Memory.getInt(region.address(RecordDescriptor.lengthOffset(RecordDescriptor.frameOffset(offset))));
    }

    /**
     * Arena bytes published by {@link #commit()}: what survives a crash and what readers see.
     *
     * @return the committed length, up to {@link #used()}; 0 once closed.
     */
    public long committedLength()
    {
        return committedLength;
    }

    /**
     * The file this arena lives in.
     *
     * @return the path given to {@code create} or {@code open}.
     */
    public Path path()
    {
        return path;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Truncates the store: the committed length becomes 0 (a release store), so every record
     * is gone for readers and for {@link #open(Path)}, and later records overwrite them.
     */
    @Override
    public void reset()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        if (null == region)
        {
            return;
        }
        Memory.putLongRelease(headerAddress + COMMITTED_LENGTH_OFFSET, MappedArenaDescriptor.committedWord(0));
        if (MemoryChecks.ENABLED)
        {
            region.mapping().fill(0, position, MemoryChecks.POISON);
        }
        committedLength = 0;
        position = 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Records allocated since the last {@link #commit()} are discarded, as a crash would; the
     * file and its committed records stay. Unmaps the file and releases its lock.
     */
    @Override
    public void close()
    {
        Checks.checkOwner(owner, describe());
        if (null != region)
        {
            synchronized (WriterRegistry.LOCK)
            {
                release();
                WriterRegistry.remove(fileKey, this);
            }
        }
    }

    @Override
    String describe()
    {
        return NAME + ' ' + path;
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "MappedArena{path=" + path + ", used=" + position + ", committedLength=" + committedLength +
            ", reserved=" + reserved + ", closed=" + isClosed() + '}';
    }

    /**
     * The mapped header's address, for tests that damage it; 0 once closed.
     */
    long headerAddress()
    {
        return headerAddress;
    }

    /**
     * The writer's own channel, through which a reader in this JVM reads and maps the file (a
     * descriptor of its own, once closed, would release this writer's lock). Call holding
     * {@link WriterRegistry#LOCK}, while the arena is open.
     */
    FileChannel channel()
    {
        return file.getChannel();
    }

    /**
     * Reads and validates a header through a descriptor of its own, closed at once; call holding
     * {@link WriterRegistry#LOCK} when no writer of the file is open in this JVM.
     */
    static MappedArenaHeader readHeader(final Path path)
    {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r"))
        {
            return MappedArenaHeader.read(path, file.getChannel());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read MappedArena " + path + ": " + LazyRegion.reason(ex), ex);
        }
    }

    private long allocateRecord(final long size, final int alignment)
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        Bounds.checkNonNegative(size);
        Alignment.check(alignment);
        if (size > chunkSize - Math.max(RecordDescriptor.FRAME_HEADER_LENGTH, alignment))
        {
            throw new IllegalArgumentException(
                "a record of " + size + " bytes aligned to " + alignment + " does not fit a chunk of " + chunkSize +
                " bytes with its frame header");
        }
        final long from = position;
        final long headerHere = RecordDescriptor.recordHeader(from, alignment);
        final long endHere = RecordDescriptor.nextFrame(headerHere + RecordDescriptor.FRAME_HEADER_LENGTH, size);
        final boolean fitsHere = (from >>> chunkShift) == ((endHere - 1) >>> chunkShift);
        final long chunkStart = fitsHere ? from : ((from >>> chunkShift) + 1) << chunkShift;
        final long header = fitsHere ? headerHere : RecordDescriptor.recordHeader(chunkStart, alignment);
        final long end = fitsHere ? endHere : RecordDescriptor.nextFrame(header + RecordDescriptor.FRAME_HEADER_LENGTH, size);
        if (end > limit)
        {
            return 0;
        }
        if (end > region.committed() && !region.commit(end))
        {
            return 0;
        }
        if (chunkStart > from)
        {
            putFrame(from, (int)(chunkStart - from - RecordDescriptor.FRAME_HEADER_LENGTH), PADDING_TYPE);
        }
        if (header > chunkStart)
        {
            putFrame(chunkStart, (int)(header - chunkStart - RecordDescriptor.FRAME_HEADER_LENGTH), PADDING_TYPE);
        }
        putFrame(header, (int)size, RECORD_TYPE);
        position = end;
        return RecordDescriptor.recordOffset(header);
    }

    private void putFrame(final long offset, final int length, final int type)
    {
        Memory.putInt(region.address(RecordDescriptor.lengthOffset(offset)), length);
        Memory.putInt(region.address(RecordDescriptor.typeOffset(offset)), type);
    }

    private void lock(final Path path) throws IOException
    {
        try
        {
            lock = file.getChannel().tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            lock = null;
        }
        if (null == lock)
        {
            throw new IllegalStateException("MappedArena file " + path + " is already open for writing");
        }
    }

    private void map(final long committed) throws IOException
    {
        header = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, FILE_HEADER_LENGTH);
        headerAddress = BufferUtil.address(header);
        region = LazyRegion.map(file, FILE_HEADER_LENGTH, reserved, chunkShift, committed);
    }

    /**
     * Unmaps, unlocks and closes whatever is open; safe on a half-built arena.
     */
    private void release()
    {
        markClosed();
        committedLength = 0;
        if (null != header)
        {
            IoUtil.unmap(header);
            header = null;
            headerAddress = 0;
        }
        if (null != lock)
        {
            try
            {
                lock.release();
            }
            catch (final IOException ignore)
            {
                // closing the file below releases it too
            }
            lock = null;
        }
        if (null != region)
        {
            region.close();
            region = null;
        }
        else if (null != file)
        {
            try
            {
                file.close();
            }
            catch (final IOException ignore)
            {
                // nothing was mapped; the failure being reported matters more
            }
        }
        file = null;
    }

    /**
     * What to throw when creating or opening fails: state and argument faults and errors as they
     * are, I/O failures as an {@link UncheckedIOException} naming the file and the OS's reason.
     */
    private static RuntimeException failure(final String what, final Path path, final Throwable ex)
    {
        if (ex instanceof Error)
        {
            throw (Error)ex;
        }
        if (ex instanceof IllegalStateException || ex instanceof IllegalArgumentException)
        {
            return (RuntimeException)ex;
        }
        final IOException io = ex instanceof IOException ? (IOException)ex : new IOException(ex);
        return new UncheckedIOException(what + " MappedArena " + path + ": " + LazyRegion.reason(ex), io);
    }
}
