package io.hoarfrost.journal;

import io.hoarfrost.memory.Memory;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.hoarfrost.journal.JournalDescriptor.CHECKSUM_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.COMMIT_WORD_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.CREATED_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.FIRST_SEQUENCE_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.FLAGS_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.INDEX_ENTRY_LENGTH;
import static io.hoarfrost.journal.JournalDescriptor.INDEX_SHIFT_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.JOURNAL_ID_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.LENGTH_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.MAGIC_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.SEALED_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.SEGMENT_HEADER_LENGTH;
import static io.hoarfrost.journal.JournalDescriptor.SEGMENT_MAGIC;
import static io.hoarfrost.journal.JournalDescriptor.SEGMENT_SIZE_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.VERSION;
import static io.hoarfrost.journal.JournalDescriptor.VERSION_OFFSET;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * One segment file, mapped whole (a segment is at most 1 GiB, one {@code FileChannel.map}): read
 * and write access to its header words, and the hand-over between the writer, which retires a
 * segment when it rolls or closes, and a pretoucher thread, which may be touching its pages at
 * that moment. The descriptor used to map it is closed at once: the mapping does not need it.
 *
 * <p><b>A full disk.</b> A prepared segment's blocks are allocated by writing zeros through its
 * channel before it is mapped, so that a full disk fails the preparation (an {@code IOException}
 * in {@code pretouch()} or at the roll) rather than the writer's first store to a page, where the
 * kernel could only send {@code SIGBUS}. On copy-on-write or compressing file systems (btrfs,
 * ZFS), which allocate at every write, a full disk can still fault a store into the mapping.
 *
 * <p>{@link #state} makes the unmapping safe: the pretoucher touches only after moving it from
 * {@link #IDLE} to {@link #TOUCHING}; the writer unmaps only from {@link #IDLE}, and otherwise
 * leaves {@link #RETIRE_PENDING} for the pretoucher to unmap when it finishes. Unmapping hands
 * the mapping to the {@link Unmapper}'s background thread.
 */
final class Segment
{
    static final int IDLE = 0;
    static final int TOUCHING = 1;
    static final int RETIRE_PENDING = 2;
    static final int RETIRED = 3;

    /** 64 KiB of zeros (the smallest segment), shared read-only through duplicates. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 16).asReadOnlyBuffer();

    /** Numbers the temporary names of prepared segments in this JVM. */
    private static final AtomicLong PREPARED = new AtomicLong();

    final int size;
    final long address;
    final AtomicInteger state = new AtomicInteger(IDLE);
    Path path;
    long firstSequence;
    /** How far the pretoucher has touched: a file offset; guarded by {@link #state}. */
    int touchedTo = SEGMENT_HEADER_LENGTH;
    /** How far down the pretoucher has touched the index: a file offset; guarded by {@link #state}. */
    int indexTouchedTo;
    private MappedByteBuffer buffer;

    private Segment(final Path path, final long firstSequence, final int size, final MappedByteBuffer buffer)
    {
        this.path = path;
        this.firstSequence = firstSequence;
        this.size = size;
        this.buffer = buffer;
        this.address = BufferUtil.address(buffer);
        this.indexTouchedTo = size;
    }

    /**
     * The header page of a new segment; its first sequence and checksum are filled in by
     * {@link #assign(long, Path, long)} (or here, if known).
     */
    private static byte[] header(final JournalMeta meta, final long firstSequence)
    {
        final byte[] bytes = new byte[SEGMENT_HEADER_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putLong(MAGIC_OFFSET, SEGMENT_MAGIC);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putInt(LENGTH_OFFSET, SEGMENT_HEADER_LENGTH);
        buffer.putLong(JOURNAL_ID_OFFSET, meta.idHigh);
        buffer.putLong(JOURNAL_ID_OFFSET + SIZE_OF_LONG, meta.idLow);
        buffer.putLong(FIRST_SEQUENCE_OFFSET, firstSequence);
        buffer.putInt(SEGMENT_SIZE_OFFSET, meta.segmentSize);
        buffer.putInt(INDEX_SHIFT_OFFSET, meta.indexShift);
        buffer.putInt(FLAGS_OFFSET, meta.flags);
        buffer.putInt(CHECKSUM_OFFSET, JournalMeta.crc(bytes, CHECKSUM_OFFSET));
        return bytes;
    }

    /**
     * Creates a segment under a temporary name (readers look only at {@code *.hfj} names), sized
     * and mapped for writing; {@link #assign(long, Path, long)} gives it its first sequence and final
     * name. On failure nothing is left behind.
     */
    static Segment prepare(final Path dir, final JournalMeta meta, final Set<PosixFilePermission> permissions)
        throws IOException
    {
        final Path path = createPrepared(dir, permissions);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
        {
            file.setLength(meta.segmentSize);
            allocate(file.getChannel(), meta.segmentSize);
            file.write(header(meta, -1));
            return new Segment(path, -1, meta.segmentSize, file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0,
                meta.segmentSize));
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            try
            {
                Files.deleteIfExists(path);
            }
            catch (final IOException suppressed)
            {
                ex.addSuppressed(suppressed);
            }
            throw ex;
        }
    }

    /**
     * Writes zeros over the whole file through the channel (positional writes: the file pointer
     * stays at 0), so that the file system allocates its blocks now: a full disk is then an
     * {@code IOException} here, in {@code pretouch()} or at the roll, instead of a {@code SIGBUS}
     * at the first write to a page of the mapping. File systems that allocate on every write
     * (copy-on-write: btrfs, ZFS) or compress zeros give no such guarantee.
     */
    private static void allocate(final FileChannel channel, final int size) throws IOException
    {
        final ByteBuffer zeros = ZEROS.duplicate();
        for (long position = 0; position < size; )
        {
            ((Buffer)zeros).clear();
            if (size - position < zeros.capacity())
            {
                ((Buffer)zeros).limit((int)(size - position));
            }
            while (zeros.hasRemaining())
            {
                position += channel.write(zeros, position);
            }
        }
    }

    /**
     * Creates an empty file under a new temporary name: a per-JVM counter (the pretoucher and the
     * writer may prepare at the same moment) after the clock (a name left by a killed writer is not
     * reused soon), created exclusively, so two preparations can never share a file.
     */
    private static Path createPrepared(final Path dir, final Set<PosixFilePermission> permissions) throws IOException
    {
        for (int attempt = 1; ; attempt++)
        {
            final Path path = dir.resolve(JournalFiles.PREPARING_PREFIX + Long.toHexString(System.currentTimeMillis()) + '-' +
                PREPARED.incrementAndGet() + JournalFiles.PREPARING_SUFFIX);
            try
            {
                JournalFiles.createFile(path, permissions);
                return path;
            }
            catch (final FileAlreadyExistsException ex)
            {
                if (attempt == 16)
                {
                    throw ex;
                }
            }
        }
    }

    /**
     * Writes the first sequence and the header's checksum of a prepared segment, then renames it
     * to its final name, atomically: a reader sees it whole or not at all.
     */
    void assign(final long firstSequence, final Path finalPath, final long createdMillis) throws IOException
    {
        Memory.putLong(address + CREATED_OFFSET, createdMillis);
        final byte[] bytes = new byte[CHECKSUM_OFFSET];
        Memory.copy(address, bytes, 0, CHECKSUM_OFFSET);
        new UnsafeBuffer(bytes).putLong(FIRST_SEQUENCE_OFFSET, firstSequence);
        Memory.putLong(address + FIRST_SEQUENCE_OFFSET, firstSequence);
        Memory.putInt(address + CHECKSUM_OFFSET, JournalMeta.crc(bytes, CHECKSUM_OFFSET));
        Files.move(path, finalPath, StandardCopyOption.ATOMIC_MOVE);
        this.path = finalPath;
        this.firstSequence = firstSequence;
    }

    /**
     * Validates a segment file's header through positional reads, then maps it.
     *
     * @throws IllegalStateException naming the file and the fault if it is not a segment of this
     *                               journal, is damaged, truncated, or from a newer version; the
     *                               file is not modified.
     * @throws UncheckedIOException  with the OS's reason if it cannot be read or mapped.
     */
    static Segment map(final Path path, final JournalMeta meta, final long firstSequence, final boolean write)
    {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), write ? "rw" : "r"))
        {
            final FileChannel channel = file.getChannel();
            final long fileLength = channel.size();
            final byte[] bytes = new byte[(int)Math.min(fileLength, SEGMENT_HEADER_LENGTH)];
            JournalMeta.readFully(channel, bytes, bytes.length);
            validate(path, meta, firstSequence, fileLength, bytes);
            return new Segment(path, firstSequence, meta.segmentSize,
                channel.map(write ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0, meta.segmentSize));
        }
        catch (final FileNotFoundException ex)
        {
            if (!Files.exists(path))
            {
                throw new SegmentGoneException(path);
            }
            throw new UncheckedIOException("cannot open journal segment " + path + ": " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot map journal segment " + path + ": " + ex, ex);
        }
    }

    private static void validate(
        final Path path, final JournalMeta meta, final long firstSequence, final long fileLength, final byte[] bytes)
    {
        final UnsafeBuffer header = new UnsafeBuffer(bytes);
        if (bytes.length < SIZE_OF_LONG || header.getLong(MAGIC_OFFSET) != SEGMENT_MAGIC)
        {
            throw JournalMeta.invalid(path, "is not a journal segment: it does not start with the magic \"HFJRNLSG\"");
        }
        final int version = bytes.length >= VERSION_OFFSET + 4 ? header.getInt(VERSION_OFFSET) : -1;
        if (version > VERSION)
        {
            throw JournalMeta.invalid(path, "was written by a newer format version " + version +
                "; this library reads up to version " + VERSION);
        }
        if (bytes.length < SEGMENT_HEADER_LENGTH)
        {
            throw JournalMeta.invalid(path, "is truncated: " + fileLength + " bytes, its header alone has " +
                SEGMENT_HEADER_LENGTH);
        }
        final int checksum = header.getInt(CHECKSUM_OFFSET);
        final int expected = JournalMeta.crc(bytes, CHECKSUM_OFFSET);
        if (checksum != expected || version < 1 || header.getInt(LENGTH_OFFSET) != SEGMENT_HEADER_LENGTH)
        {
            throw JournalMeta.invalid(path, "has a damaged header: checksum 0x" + Integer.toHexString(checksum) +
                ", computed 0x" + Integer.toHexString(expected) + ", version " + version);
        }
        final long idHigh = header.getLong(JOURNAL_ID_OFFSET);
        final long idLow = header.getLong(JOURNAL_ID_OFFSET + SIZE_OF_LONG);
        if (idHigh != meta.idHigh || idLow != meta.idLow)
        {
            throw JournalMeta.invalid(path, "belongs to another journal: its id is " + JournalMeta.hex(idHigh) +
                JournalMeta.hex(idLow) + ", this journal's is " + meta.id());
        }
        final long first = header.getLong(FIRST_SEQUENCE_OFFSET);
        final int size = header.getInt(SEGMENT_SIZE_OFFSET);
        final int shift = header.getInt(INDEX_SHIFT_OFFSET);
        final int flags = header.getInt(FLAGS_OFFSET);
        if (first != firstSequence || size != meta.segmentSize || shift != meta.indexShift || flags != meta.flags)
        {
            throw JournalMeta.invalid(path, "does not match its name or journal: first sequence " + first + " (name says " +
                firstSequence + "), segment size " + size + " (journal says " + meta.segmentSize + "), index shift " +
                shift + " (" + meta.indexShift + "), flags " + flags + " (" + meta.flags + ')');
        }
        if (fileLength != size)
        {
            throw JournalMeta.invalid(path, "is truncated: " + fileLength + " bytes, its header says " + size);
        }
        final long word = header.getLong(COMMIT_WORD_OFFSET);
        final String fault = commitFault(word, size, shift, JournalDescriptor.frameHeaderLength(meta.checksums()));
        if (null != fault)
        {
            throw JournalMeta.invalid(path, "has a damaged commit word 0x" + Long.toHexString(word) + ": " + fault);
        }
    }

    /**
     * What is wrong with a commit word, or null: the bytes must be 4-aligned, leave room for the
     * index entries of the count, and hold at least a frame header per record.
     */
    static String commitFault(final long word, final int size, final int indexShift, final int frameHeaderLength)
    {
        final int count = JournalDescriptor.committedCount(word);
        final int length = JournalDescriptor.committedLength(word);
        if (count < 0 || length < 0 || 0 != (length & 3))
        {
            return "count " + count + ", length " + length;
        }
        final long entries = 0 == count ? 0 : (((long)count - 1) >> indexShift) + 1;
        if (SEGMENT_HEADER_LENGTH + (long)length > size - INDEX_ENTRY_LENGTH * entries)
        {
            return "length " + length + " and " + entries + " index entries do not fit a segment of " + size + " bytes";
        }
        if ((long)count * frameHeaderLength > length)
        {
            return count + " records cannot fit " + length + " bytes";
        }
        return null;
    }

    long createdMillis()
    {
        return Memory.getLong(address + CREATED_OFFSET);
    }

    long commitWordAcquire()
    {
        return Memory.getLongAcquire(address + COMMIT_WORD_OFFSET);
    }

    void publish(final long commitWord)
    {
        Memory.putLongRelease(address + COMMIT_WORD_OFFSET, commitWord);
    }

    boolean sealedAcquire()
    {
        return 0 != Memory.getIntAcquire(address + SEALED_OFFSET);
    }

    void seal()
    {
        Memory.putIntRelease(address + SEALED_OFFSET, 1);
    }

    /**
     * Touches the pages of {@code [from, to)} (file offsets) for writing, without changing a byte:
     * a compare-and-set of 0 to 0 on an int of each page (a byte the writer wrote is not 0, and the
     * CAS then writes nothing). Call from the pretoucher, in state {@link #TOUCHING}.
     */
    void touch(final int from, final int to)
    {
        for (long offset = from & ~4095L; offset < to; offset += 4096)
        {
            Memory.compareAndSetInt(address + offset, 0, 0);
        }
    }

    /**
     * Unmaps the segment unless a pretoucher is touching it; then the pretoucher unmaps it when it
     * is done. Call from the writer (or a reader, for its own mapping); a second call does nothing.
     */
    void retire()
    {
        while (true)
        {
            final int now = state.get();
            if (now >= RETIRE_PENDING)
            {
                return;
            }
            if (IDLE == now && state.compareAndSet(IDLE, RETIRED))
            {
                unmap();
                return;
            }
            if (TOUCHING == now && state.compareAndSet(TOUCHING, RETIRE_PENDING))
            {
                return;
            }
        }
    }

    /** Starts touching: false if the segment is retired or another thread is touching it. */
    boolean beginTouch()
    {
        return state.compareAndSet(IDLE, TOUCHING);
    }

    /** Ends touching, unmapping the segment if the writer retired it meanwhile. */
    void endTouch()
    {
        if (!state.compareAndSet(TOUCHING, IDLE))
        {
            unmap();
            state.set(RETIRED);
        }
    }

    /**
     * Hands the mapping to the {@link Unmapper}'s background thread (close and roll do not wait for
     * the page tables' teardown). Called once nothing can reach the memory: the writer or reader
     * has dropped the address, and {@link #state} is {@link #RETIRED}.
     */
    void unmap()
    {
        final MappedByteBuffer mine = buffer;
        if (null != mine)
        {
            buffer = null;
            Unmapper.unmapLater(mine);
        }
    }

    /**
     * Deletes a prepared segment that was never assigned, then unmaps it. In that order: while the
     * mapping holds the file, the delete only drops its name, and the background unmap frees its
     * blocks (a tmpfs file's pages, say); the other way round the delete would free them here.
     */
    void discard()
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignore)
        {
            // left for the next writer's open, which deletes prepared segments
        }
        retire();
    }

    @Override
    public String toString()
    {
        return "Segment{" + path + ", first " + firstSequence + '}';
    }

    /** A segment file that no longer exists (deleted by retention, or by hand). */
    static final class SegmentGoneException extends IllegalStateException
    {
        private static final long serialVersionUID = 1L;

        SegmentGoneException(final Path path)
        {
            super("journal segment " + path + " does not exist");
        }
    }
}
