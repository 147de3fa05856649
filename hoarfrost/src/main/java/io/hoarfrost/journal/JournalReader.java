package io.hoarfrost.journal;

import io.hoarfrost.memory.Crc32c;
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
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import static io.hoarfrost.journal.JournalDescriptor.FRAME_CHECKSUM_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.READER_POSITION_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.SEGMENT_HEADER_LENGTH;

/**
 * Reads a journal's committed records in sequence order, across its segment files: a cursor over
 * read-only mappings, in this process or another, while a {@link Journal} appends or after it
 * closed. It never writes to the journal's files.
 *
 * <pre>{@code
 * try (JournalReader reader = JournalReader.open(dir))
 * {
 *     reader.seek(1_000);                  // or toStart(), toEnd()
 *     while (reader.next())
 *     {
 *         handle(reader.sequence(), reader.buffer());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Consistency.</b> The reader reads a segment's commit word with an acquire load and never
 * reads a frame or index entry beyond it, so it sees each record whole, exactly as committed.
 * When it has read everything, {@link #next()} reads the commit word again: polling it follows a
 * live writer. At the end of a sealed segment it moves to the next segment file.
 *
 * <p><b>Seeking.</b> {@link #seek(long)} finds the segment by binary search over the segments it
 * knows (O(log segments)), reads one index entry, and walks at most {@code 2^k - 1} frames, where
 * {@code k} is the journal's index shift (63 frames by default).
 *
 * <p><b>Damage.</b> A frame whose length does not fit what was committed, or, in a journal with
 * checksums, whose record fails its CRC32C, is reported as an {@code IllegalStateException} naming
 * the sequence, segment file and offset, never handed out.
 * A segment file truncated under the reader gives an {@code IllegalStateException} naming the
 * file and both lengths where the reader's own reads fault. The JVM reports such a fault
 * asynchronously (on JDK 8, and in compiled code on later JDKs), so it may surface at the reader's
 * next call rather than the one whose read faulted: after this exception, treat the record read
 * just before it as lost. Reads the caller makes through {@link #buffer()} of a truncated file
 * fault in the caller's code, where the reader cannot convert them; and since the JVM delivers the
 * fault at its next safepoint poll, an {@code InternalError} can occasionally surface in the
 * caller's code between two calls to the reader even so (the next call then reports the
 * truncation). In a journal with checksums the reader computes each record's CRC32C in Java
 * ({@link Crc32c#computeOverMapping(long, int)}), not with the JDK's intrinsic: a fault inside
 * the intrinsic's native stub cannot be turned into an exception and would kill the JVM.
 *
 * <p><b>Ownership and threading.</b> The reader owns its mappings until {@link #close()}; the
 * record view from {@link #buffer()} is borrowed until the next move or close. Confined to the
 * thread that opened it (checked mode enforces it); use one reader per thread.
 * {@link #next()} allocates no heap garbage (moving to another segment does, once per segment).
 */
public final class JournalReader implements AutoCloseable
{
    private static final String NAME = "JournalReader";
    private static final Pattern READER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path dir;
    private final JournalMeta meta;
    private final int segmentSize;
    private final int indexShift;
    private final int indexMask;
    private final boolean checksums;
    private final int frameHeaderLength;
    private final Thread owner;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private long[] firsts;
    private int known;
    private int slot;
    private Segment current;
    private Segment tail;
    private Path segmentPath;
    private long address;
    private long segmentFirst;
    private int position;
    private int index;
    private int limitCount;
    private int limitLength;
    private long sequence = -1;
    private int recordOffset;
    private int recordLength;
    private Object readerKey;
    private RandomAccessFile positionFile;
    private FileLock positionLock;
    private MappedByteBuffer positionBuffer;
    private long positionAddress;

    private JournalReader(final Path dir, final JournalMeta meta, final long[] firsts)
    {
        this.dir = dir;
        this.meta = meta;
        this.segmentSize = meta.segmentSize;
        this.indexShift = meta.indexShift;
        this.indexMask = (1 << meta.indexShift) - 1;
        this.checksums = meta.checksums();
        this.frameHeaderLength = JournalDescriptor.frameHeaderLength(checksums);
        this.firsts = firsts;
        this.known = firsts.length;
        this.owner = Checks.ownerForNewObject();
    }

    /**
     * Opens a reader positioned before the journal's first record. Reads {@code journal.meta},
     * lists the segment files and maps the first and last; opens files read-only and never
     * modifies them.
     *
     * @param dir a journal directory, written by a live {@link Journal} or not.
     * @return the reader, owned by the caller, who closes it.
     * @throws IllegalStateException naming the directory or file and the fault if it is not a
     *                               journal, has no segments, or a file is damaged, truncated, from
     *                               a newer format version or from another journal.
     * @throws UncheckedIOException  with the OS's reason if a file cannot be read or mapped.
     */
    public static JournalReader open(final Path dir)
    {
        Platform.current().requireSupported();
        final JournalMeta meta = JournalMeta.read(dir);
        for (int attempt = 1; ; attempt++)
        {
            final long[] firsts = JournalFiles.listSegments(dir);
            if (0 == firsts.length)
            {
                throw new IllegalStateException("journal " + dir + " has no segment files");
            }
            final JournalReader reader = new JournalReader(dir, meta, firsts);
            try
            {
                reader.tail = reader.map(firsts[firsts.length - 1], firsts[firsts.length - 1]);
                reader.enter(0, reader.map(firsts[0], firsts[0]));
                return reader;
            }
            catch (final RuntimeException | Error ex)
            {
                reader.close();
                // retention may delete the oldest segment between the listing and the mapping: list again
                if (!(ex.getCause() instanceof Segment.SegmentGoneException) || attempt == 3)
                {
                    throw ex;
                }
            }
        }
    }

    /**
     * Opens a named reader: one whose position persists in {@code <dir>/<name>.reader} (created
     * 0600, or like {@code journal.meta}'s permissions), so that a reader reopened under the same
     * name, in this process or another, after a close or a crash, resumes where it left off. A new
     * name starts at the journal's first record, and so does a name whose file is empty (a process
     * killed between creating the file and writing its header leaves one; under the lock nothing
     * else can).
     *
     * <p>The position saved is the first record not yet acknowledged; a record is acknowledged
     * when the reader is asked for the next one ({@link #next()}), moved ({@link #seek(long)},
     * {@link #toStart()}, {@link #toEnd()}) or closed. So a process killed while handling a
     * record gets it again (at least once). Saving is a release store into the mapped file: no
     * system call, no garbage. One reader per name: another open of the name, in this JVM or
     * another process (an exclusive lock on its file), is refused. The reader writes its own file
     * only, never the journal's, and needs write access to the directory for a new name.
     *
     * @param dir  a journal directory.
     * @param name the reader's name: 1 to 64 letters, digits, {@code '_'} or {@code '-'}.
     * @return the reader, positioned at its saved position, owned by the caller, who closes it.
     * @throws IllegalArgumentException naming the name if it is not one.
     * @throws IllegalStateException    as {@link #open(Path)}; naming the reader if it is open
     *                                  elsewhere, or its file is damaged (length, version, magic
     *                                  or a negative position) or another journal's; and
     *                                  naming the sequence if its saved position was deleted by
     *                                  retention. Nothing is modified.
     * @throws UncheckedIOException     with the OS's reason if its file cannot be created, locked
     *                                  or mapped.
     */
    public static JournalReader open(final Path dir, final String name)
    {
        if (null == name || !READER_NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("reader name '" + name + "' is not 1 to 64 letters, digits, '_' or '-'");
        }
        final JournalReader reader = open(dir);
        try
        {
            reader.attach(name);
        }
        catch (final RuntimeException | Error ex)
        {
            reader.close();
            throw ex;
        }
        return reader;
    }

    /**
     * Opens (or creates) the named reader's file, locks it and moves to the position it holds;
     * the position is saved from then on only.
     */
    private void attach(final String name)
    {
        final Path file = dir.resolve(name + JournalDescriptor.READER_SUFFIX);
        readerKey = JournalFiles.registerReader(dir, name, this);
        boolean created = false;
        try
        {
            try
            {
                JournalFiles.createFile(file, JournalFiles.filePermissionsLike(dir.resolve(JournalMeta.META_FILE)));
                created = true;
            }
            catch (final FileAlreadyExistsException exists)
            {
                created = false;
            }
            positionFile = new RandomAccessFile(file.toFile(), "rw");
            try
            {
                positionLock = positionFile.getChannel().tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                positionLock = null;
            }
            if (null == positionLock)
            {
                throw new IllegalStateException("named reader '" + name + "' of journal " + dir +
                    " is already open in another process (it holds the lock on " + file + "); nothing was modified");
            }
            // A new file is created empty, then its header written: a process killed in between leaves 0 bytes, which
            // under the lock can only be such a leftover, so it is taken as new (and the header written now).
            if (created || 0 == positionFile.getChannel().size())
            {
                created = true;
                positionFile.write(readerHeader(segmentFirst + index));
            }
            else
            {
                validateReaderFile(file);
            }
            final MappedByteBuffer mapped = positionFile.getChannel().map(
                FileChannel.MapMode.READ_WRITE, 0, JournalDescriptor.READER_LENGTH);
            positionBuffer = mapped;
            final long saved = Memory.getLongAcquire(BufferUtil.address(mapped) + READER_POSITION_OFFSET);
            seek(saved);
            positionAddress = BufferUtil.address(mapped);
        }
        catch (final IOException ex)
        {
            detach();
            deleteIfCreated(created, file, ex);
            throw new UncheckedIOException("cannot open named reader " + file + ": " + ex, ex);
        }
        catch (final RuntimeException | Error ex)
        {
            detach();
            deleteIfCreated(created, file, ex);
            throw ex;
        }
    }

    private byte[] readerHeader(final long position)
    {
        final byte[] bytes = new byte[JournalDescriptor.READER_LENGTH];
        final UnsafeBuffer header = new UnsafeBuffer(bytes);
        header.putLong(JournalDescriptor.MAGIC_OFFSET, JournalDescriptor.READER_MAGIC);
        header.putInt(JournalDescriptor.VERSION_OFFSET, JournalDescriptor.VERSION);
        header.putInt(JournalDescriptor.LENGTH_OFFSET, JournalDescriptor.READER_LENGTH);
        header.putLong(JournalDescriptor.JOURNAL_ID_OFFSET, meta.idHigh);
        header.putLong(JournalDescriptor.JOURNAL_ID_OFFSET + 8, meta.idLow);
        header.putLong(READER_POSITION_OFFSET, position);
        return bytes;
    }

    private void validateReaderFile(final Path file) throws IOException
    {
        final FileChannel channel = positionFile.getChannel();
        final long size = channel.size();
        final byte[] bytes = new byte[JournalDescriptor.READER_LENGTH];
        if (size != JournalDescriptor.READER_LENGTH)
        {
            throw JournalMeta.invalid(file, "is not a named reader's file: " + size + " bytes, one has " +
                JournalDescriptor.READER_LENGTH);
        }
        JournalMeta.readFully(channel, bytes, bytes.length);
        final UnsafeBuffer header = new UnsafeBuffer(bytes);
        if (header.getLong(JournalDescriptor.MAGIC_OFFSET) != JournalDescriptor.READER_MAGIC)
        {
            throw JournalMeta.invalid(file, "is not a named reader's file: it does not start with the magic \"HFJRNLRD\"");
        }
        final int version = header.getInt(JournalDescriptor.VERSION_OFFSET);
        if (version > JournalDescriptor.VERSION)
        {
            throw JournalMeta.invalid(file, "was written by a newer format version " + version +
                "; this library reads up to version " + JournalDescriptor.VERSION);
        }
        final int length = header.getInt(JournalDescriptor.LENGTH_OFFSET);
        if (version < 1 || length != JournalDescriptor.READER_LENGTH)
        {
            throw JournalMeta.invalid(file, "is damaged: version " + version + ", length field " + length +
                " (a named reader's file has version 1 to " + JournalDescriptor.VERSION + " and length " +
                JournalDescriptor.READER_LENGTH + ')');
        }
        if (header.getLong(JournalDescriptor.JOURNAL_ID_OFFSET) != meta.idHigh ||
            header.getLong(JournalDescriptor.JOURNAL_ID_OFFSET + 8) != meta.idLow)
        {
            throw JournalMeta.invalid(file, "belongs to another journal: this journal's id is " + meta.id());
        }
        final long saved = header.getLong(READER_POSITION_OFFSET);
        if (saved < 0)
        {
            throw JournalMeta.invalid(file, "is damaged: its saved position is " + saved + ", a sequence is not negative");
        }
    }

    /** Saves the position: the first record not acknowledged (a release store into the reader's file). */
    private void save()
    {
        if (0 != positionAddress)
        {
            Memory.putLongRelease(positionAddress + READER_POSITION_OFFSET, segmentFirst + index);
        }
    }

    /** Unmaps, unlocks and closes the named reader's file; safe when half attached. */
    private void detach()
    {
        positionAddress = 0;
        if (null != positionBuffer)
        {
            IoUtil.unmap(positionBuffer);
            positionBuffer = null;
        }
        if (null != positionLock)
        {
            try
            {
                positionLock.release();
            }
            catch (final IOException ignore)
            {
                // closing the file releases it too
            }
            positionLock = null;
        }
        if (null != positionFile)
        {
            try
            {
                positionFile.close();
            }
            catch (final IOException ignore)
            {
                // nothing was written through the descriptor since the header
            }
            positionFile = null;
        }
        if (null != readerKey)
        {
            JournalFiles.unregisterReader(readerKey, this);
            readerKey = null;
        }
    }

    private static void deleteIfCreated(final boolean created, final Path file, final Throwable failure)
    {
        if (created)
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ex)
            {
                failure.addSuppressed(ex);
            }
        }
    }

    /**
     * Moves to the next committed record, across segments.
     *
     * @return true if there is one: {@link #sequence()}, {@link #buffer()} and {@link #length()}
     * now describe it; false if every committed record has been read (call again later to follow
     * a live writer).
     * @throws IllegalStateException naming the sequence, segment file and offset if a frame is
     *                               damaged; naming the sequence if the next segment file was
     *                               deleted; naming the file and lengths if it was truncated; if
     *                               the reader is closed; in checked mode also if used from
     *                               another thread.
     */
    public boolean next()
    {
        try
        {
            checkUsable();
            save();
            return advance();
        }
        catch (final InternalError ex)
        {
            throw truncated(ex);
        }
    }

    private boolean advance()
    {
        if (index >= limitCount)
        {
            refresh();
            if (index >= limitCount)
            {
                if (!current.sealedAcquire() && slot == known - 1)
                {
                    return false;
                }
                refresh();
                if (index >= limitCount)
                {
                    moveToNext();
                    if (index >= limitCount)
                    {
                        return false;
                    }
                }
            }
        }
        final int frame = SEGMENT_HEADER_LENGTH + position;
        final int length = Memory.getInt(address + frame);
        if (length < 0 || length > limitLength - position - frameHeaderLength)
        {
            throw damaged(frame, "its length " + length + " overruns the committed " + limitLength + " bytes");
        }
        final int end = position + JournalDescriptor.frameLength(length, checksums);
        if (index + 1 == limitCount && end != limitLength)
        {
            throw damaged(frame, "the last committed record ends at " + end + ", the commit word says " + limitLength);
        }
        if (checksums)
        {
            final int stored = Memory.getInt(address + frame + FRAME_CHECKSUM_OFFSET);
            // not the JDK intrinsic: a fault in its stub (the file truncated under the reader) kills the JVM
            final int computed = Crc32c.computeOverMapping(address + frame + frameHeaderLength, length);
            if (stored != computed)
            {
                throw damaged(frame, "its CRC32C is 0x" + Integer.toHexString(computed) + " but the frame says 0x" +
                    Integer.toHexString(stored) + " (length " + length + ")");
            }
        }
        recordOffset = frame + frameHeaderLength;
        recordLength = length;
        sequence = segmentFirst + index;
        index++;
        position = end;
        return true;
    }

    /**
     * Positions the reader so that the next {@link #next()} reads record {@code sequence}; a
     * sequence one past the last positions it at the end, to follow the writer from there.
     *
     * @param sequence from the first sequence still in the journal to {@link #lastSequence()} + 1.
     * @throws IndexOutOfBoundsException naming the sequence and {@code lastSequence() + 1} if it is
     *                                   negative or past the end.
     * @throws IllegalStateException     naming the sequence if its segment was deleted; naming the
     *                                   sequence, segment and offset if the index or a frame is
     *                                   damaged; if the reader is closed; in checked mode also if
     *                                   used from another thread.
     */
    public void seek(final long sequence)
    {
        try
        {
            checkUsable();
            final long end = tailEnd();
            if (sequence < 0 || sequence > end)
            {
                throw new IndexOutOfBoundsException("sequence " + sequence + " is outside journal " + dir +
                    ": it holds sequences up to " + (end - 1) + ", so a seek may go from 0 to " + end);
            }
            int found = Arrays.binarySearch(firsts, 0, known, sequence);
            found = found >= 0 ? found : -found - 2;
            if (found < 0)
            {
                throw new IllegalStateException("sequence " + sequence + " of journal " + dir + " is in a segment that was " +
                    "deleted: the earliest segment starts at sequence " + firsts[0]);
            }
            if (found != slot)
            {
                enter(found, map(firsts[found], sequence));
            }
            else
            {
                refresh();
            }
            locate((int)(sequence - segmentFirst), sequence);
            save();
        }
        catch (final InternalError ex)
        {
            throw truncated(ex);
        }
    }

    private void locate(final int n, final long wanted)
    {
        if (n > limitCount)
        {
            throw new IllegalStateException("journal segment " + current.path + " holds " + limitCount +
                " records, fewer than the sequence " + wanted + " needs: the journal is inconsistent");
        }
        int offset;
        if (n == limitCount)
        {
            offset = limitLength;
        }
        else
        {
            final int entryOffset = JournalDescriptor.indexEntryOffset(segmentSize, n >> indexShift);
            offset = Memory.getInt(address + entryOffset);
            if (offset < 0 || offset >= limitLength || 0 != (offset & 3))
            {
                throw damaged(entryOffset, "the index entry for sequence " + (segmentFirst + (n & ~indexMask)) + " is " +
                    offset + ", outside the committed " + limitLength + " bytes");
            }
            for (int walked = n & indexMask; walked > 0; walked--)
            {
                final int length = Memory.getInt(address + SEGMENT_HEADER_LENGTH + offset);
                if (length < 0 || length > limitLength - offset - frameHeaderLength)
                {
                    throw damaged(SEGMENT_HEADER_LENGTH + offset, "its length " + length + " overruns the committed " +
                        limitLength + " bytes");
                }
                offset += JournalDescriptor.frameLength(length, checksums);
            }
        }
        position = offset;
        index = n;
        sequence = -1;
        recordLength = 0;
        view.wrap(0, 0);
    }

    /**
     * Positions the reader before the first record still in the journal (listing the directory
     * again, in case old segments were deleted).
     *
     * @throws IllegalStateException if the journal has no segments left, if the reader is closed;
     *                               in checked mode also if used from another thread.
     */
    public void toStart()
    {
        checkUsable();
        final long[] listed = JournalFiles.listSegments(dir);
        if (0 == listed.length)
        {
            throw new IllegalStateException("journal " + dir + " has no segment files");
        }
        firsts = listed;
        known = listed.length;
        final int at = Arrays.binarySearch(firsts, 0, known, segmentFirst);
        slot = at >= 0 ? at : -1;
        seek(firsts[0]);
    }

    /**
     * Positions the reader after the last committed record: {@link #next()} returns false until
     * the writer appends another.
     *
     * @throws IllegalStateException if the reader is closed; in checked mode also if used from
     *                               another thread.
     */
    public void toEnd()
    {
        checkUsable();
        seek(tailEnd());
    }

    /**
     * The sequence of the last committed record in the journal, read now (following the writer's
     * rolls through the segments' sealed flags).
     *
     * @return it, or -1 if the journal is empty.
     * @throws IllegalStateException if the reader is closed; in checked mode also if used from
     *                               another thread.
     */
    public long lastSequence()
    {
        try
        {
            checkUsable();
            return tailEnd() - 1;
        }
        catch (final InternalError ex)
        {
            throw truncated(ex);
        }
    }

    /**
     * The current record's sequence.
     *
     * @return it, or -1 before the first {@link #next()} and after a seek.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * The current record's length.
     *
     * @return bytes; 0 when there is no current record.
     */
    public int length()
    {
        return recordLength;
    }

    /**
     * A view of the current record in place (zero copy): the reader's one flyweight, re-pointed.
     *
     * <p><b>Read only.</b> The view is an Agrona {@code UnsafeBuffer}, typed as a
     * {@code DirectBuffer}, over a {@code READ_ONLY} mapping: do not write through it (after a
     * cast). The OS refuses the write with a fault that crashes the JVM, or at best surfaces as an
     * {@code InternalError}; it never reaches the file.
     *
     * <p><b>Stale views.</b> Seeks and close detach it (address 0, capacity 0). A stale access
     * then throws {@code IndexOutOfBoundsException} only while Agrona's bounds checks are on (the
     * default); with {@code -Dagrona.disable.bounds.checks=true} there is no check, and it reads
     * address 0 plus the index, which crashes the JVM. Do not keep the view past the next move.
     *
     * @return the view, borrowed until the next move or close.
     * @throws IllegalStateException if the reader is closed.
     */
    public DirectBuffer buffer()
    {
        if (null == current)
        {
            throw new IllegalStateException(NAME + ' ' + dir + " used after close");
        }
        view.wrap(address + recordOffset, recordLength);
        return view;
    }

    /**
     * The high 64 bits of the journal's 128-bit id, as {@link Journal#idHigh()}: read from
     * {@code journal.meta} at open, checked against every segment header the reader maps.
     *
     * @return the high half of the id; readable after close.
     */
    public long idHigh()
    {
        return meta.idHigh;
    }

    /**
     * The low 64 bits of the journal's 128-bit id (see {@link #idHigh()}).
     *
     * @return the low half of the id; readable after close.
     */
    public long idLow()
    {
        return meta.idLow;
    }

    /**
     * The journal's directory.
     *
     * @return the path given to {@link #open(Path)}.
     */
    public Path directory()
    {
        return dir;
    }

    /**
     * Closes the reader: a named reader saves its position (acknowledging the current record) and
     * releases its file; the record view is detached, and the segments' mappings are handed to a
     * background daemon thread that unmaps them within milliseconds (close does not wait for
     * the unmapping of what a replay touched). Every call but {@code close}, {@link #sequence()},
     * {@link #length()} and {@link #directory()} then throws {@code IllegalStateException}.
     * Idempotent.
     *
     * @throws IllegalStateException in checked mode, if called from another thread.
     */
    @Override
    public void close()
    {
        Checks.checkOwner(owner, NAME);
        if (null != current)
        {
            save();
        }
        detach();
        view.wrap(0, 0);
        if (null != current)
        {
            current.retire();
            current = null;
            address = 0;
        }
        if (null != tail)
        {
            tail.retire();
            tail = null;
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "JournalReader{" + dir + ", sequence=" + sequence + ", closed=" + (null == current) + '}';
    }

    /**
     * Re-reads the current segment's commit word (acquire) and checks it against the mapping (a
     * few compares, no allocation unless it is damaged): a damaged word must not let a read run
     * past the mapping.
     *
     * @throws IllegalStateException naming the file, the word and the limit if it is damaged.
     */
    private void refresh()
    {
        final long word = commitWord(current);
        limitCount = JournalDescriptor.committedCount(word);
        limitLength = JournalDescriptor.committedLength(word);
    }

    /**
     * A segment's commit word (acquire), checked against the mapping.
     *
     * @throws IllegalStateException naming the file, the word and the limit if it is damaged.
     */
    private long commitWord(final Segment segment)
    {
        final long word = segment.commitWordAcquire();
        final String fault = Segment.commitFault(word, segmentSize, indexShift, frameHeaderLength);
        if (null != fault)
        {
            throw new IllegalStateException("journal segment " + segment.path + " has a damaged commit word 0x" +
                Long.toHexString(word) + ": " + fault + " (the segment is mapped " + segmentSize + " bytes, a header of " +
                SEGMENT_HEADER_LENGTH + " bytes, then records up to its index)");
        }
        return word;
    }

    /** Makes {@code segment}, at {@code newSlot} of the known segments, the current one. */
    private void enter(final int newSlot, final Segment segment)
    {
        if (null != current)
        {
            current.retire();
        }
        current = segment;
        segmentPath = segment.path;
        slot = newSlot;
        address = segment.address;
        segmentFirst = segment.firstSequence;
        position = 0;
        index = 0;
        sequence = -1;
        recordLength = 0;
        view.wrap(0, 0);
        refresh();
    }

    /** Moves from the end of a finished segment to the next segment file. */
    private void moveToNext()
    {
        final long nextFirst = segmentFirst + limitCount;
        if (slot + 1 < known && firsts[slot + 1] != nextFirst)
        {
            if (nextFirst < firsts[slot + 1] && !Files.exists(dir.resolve(JournalDescriptor.segmentName(nextFirst))))
            {
                throw new IllegalStateException("journal " + dir + ": sequence " + nextFirst + " is in a segment that was " +
                    "deleted (the next segment left starts at " + firsts[slot + 1] + ')');
            }
            throw new IllegalStateException("journal " + dir + " is inconsistent: segment " + current.path + " ends before " +
                "sequence " + nextFirst + " but the next segment starts at " + firsts[slot + 1]);
        }
        learn(nextFirst);
        enter(slot + 1, map(nextFirst, nextFirst));
    }

    /** Adds a segment found by following seals to the known list, if it is new. */
    private void learn(final long first)
    {
        if (first > firsts[known - 1])
        {
            if (known == firsts.length)
            {
                firsts = Arrays.copyOf(firsts, known * 2);
            }
            firsts[known++] = first;
        }
    }

    /**
     * One past the last committed sequence: the tail segment's end, after following its seals to
     * the newest segment. Starts from the later of the tail and the current segment; where a
     * sealed segment's successor is gone (deleted by retention: the writer names the next segment
     * before it seals), lists the directory again and jumps to the newest segment.
     */
    private long tailEnd()
    {
        if (current.firstSequence > tail.firstSequence && !moveTail(current.firstSequence))
        {
            jumpToNewest();
        }
        while (tail.sealedAcquire())
        {
            final long nextFirst = tail.firstSequence + JournalDescriptor.committedCount(commitWord(tail));
            if (Files.exists(dir.resolve(JournalDescriptor.segmentName(nextFirst))) && moveTail(nextFirst))
            {
                learn(nextFirst);
            }
            else if (!jumpToNewest())
            {
                break;
            }
        }
        return tail.firstSequence + JournalDescriptor.committedCount(commitWord(tail));
    }

    /** Maps the segment at {@code first} as the tail: false if its file is gone. */
    private boolean moveTail(final long first)
    {
        final Segment next;
        try
        {
            next = Segment.map(dir.resolve(JournalDescriptor.segmentName(first)), meta, first, false);
        }
        catch (final Segment.SegmentGoneException ex)
        {
            return false;
        }
        tail.retire();
        tail = next;
        return true;
    }

    /**
     * Lists the directory again (the known segments become those listed, the current one kept
     * first if it was deleted) and maps the newest segment as the tail.
     *
     * @return false if there is no segment newer than the tail.
     */
    private boolean jumpToNewest()
    {
        for (int attempt = 1; ; attempt++)
        {
            final long[] listed = JournalFiles.listSegments(dir);
            if (0 == listed.length)
            {
                throw new IllegalStateException("journal " + dir + " has no segment files");
            }
            final int at = Arrays.binarySearch(listed, segmentFirst);
            if (at >= 0)
            {
                firsts = listed;
                known = listed.length;
                slot = at;
            }
            else
            {
                // the current segment was deleted; the reader reads on to its end, then finds its successor gone
                final long[] merged = new long[listed.length + 1];
                merged[0] = segmentFirst;
                System.arraycopy(listed, 0, merged, 1, listed.length);
                Arrays.sort(merged);
                firsts = merged;
                known = merged.length;
                slot = Arrays.binarySearch(merged, segmentFirst);
            }
            final long newest = listed[listed.length - 1];
            if (newest <= tail.firstSequence)
            {
                return false;
            }
            if (moveTail(newest))
            {
                return true;
            }
            if (attempt == 3)
            {
                throw new IllegalStateException("journal " + dir + ": its newest segment " +
                    JournalDescriptor.segmentName(newest) + " was deleted while the reader looked for the end");
            }
        }
    }

    /**
     * Maps the segment starting at {@code first}, for a move to sequence {@code wanted}.
     *
     * @throws IllegalStateException naming the wanted sequence if the segment file was deleted.
     */
    private Segment map(final long first, final long wanted)
    {
        try
        {
            return Segment.map(dir.resolve(JournalDescriptor.segmentName(first)), meta, first, false);
        }
        catch (final Segment.SegmentGoneException ex)
        {
            throw new IllegalStateException("journal " + dir + ": sequence " + wanted + " is in a segment that was " +
                "deleted (" + ex.getMessage() + ')', ex);
        }
    }

    /**
     * A damaged frame or index entry; or, if the segment file is now shorter than a segment, the
     * truncation that made the bytes read look damaged (a faulting read returns garbage before the
     * JVM reports the fault).
     */
    private IllegalStateException damaged(final int fileOffset, final String fault)
    {
        final long size = sizeNow(current.path);
        if (size < segmentSize)
        {
            return truncation(current.path, size, null);
        }
        return new IllegalStateException("journal record at sequence " + (segmentFirst + index) + " is damaged: segment " +
            current.path + ", offset " + fileOffset + ": " + fault);
    }

    private static long sizeNow(final Path path)
    {
        try
        {
            return Files.size(path);
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private IllegalStateException truncation(final Path path, final long size, final Throwable fault)
    {
        return new IllegalStateException("journal segment " + path + " was truncated under the reader: it is " +
            (size < 0 ? "gone" : size + " bytes") + ", a segment is " + segmentSize + " bytes; the reader was at sequence " +
            (segmentFirst + index), fault);
    }

    /**
     * What an access fault means: if the current segment file is now shorter than a segment, it
     * was truncated under the reader; anything else is rethrown as it is.
     */
    private RuntimeException truncated(final InternalError fault)
    {
        final Path path = segmentPath;
        if (null == path)
        {
            throw fault;
        }
        final long size = sizeNow(path);
        if (size >= segmentSize)
        {
            throw fault;
        }
        return truncation(path, size, fault);
    }

    private void checkUsable()
    {
        Checks.checkOwner(owner, NAME);
        if (null == current)
        {
            throw new IllegalStateException(NAME + ' ' + dir + " used after close");
        }
    }
}
