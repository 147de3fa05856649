package io.hoarfrost.journal;

import io.hoarfrost.memory.Crc32c;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.Platform;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;
import org.agrona.DirectBuffer;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import static io.hoarfrost.journal.JournalDescriptor.COMMIT_WORD_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.FRAME_CHECKSUM_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.INDEX_ENTRY_LENGTH;
import static io.hoarfrost.journal.JournalDescriptor.SEGMENT_HEADER_LENGTH;

/**
 * The writer of a journal: an append-only store of records numbered by sequence from 0, in a
 * directory of segment files rolled by size, read by {@link JournalReader}s in any thread or
 * process. Layout: {@link JournalDescriptor}.
 *
 * <pre>{@code
 * try (Journal journal = Journal.create(dir, JournalOptions.defaults()))
 * {
 *     long sequence = journal.append(buffer, 0, length);      // committed on return
 *     long next = journal.claim(64, claim);                     // or encode in place
 *     claim.buffer().putLong(claim.offset(), 42L);
 *     claim.commit();
 * }
 * }</pre>
 *
 * <p><b>Records and sequences.</b> Each record is a frame {@code [length (4) | bytes | pad to 4]}
 * in the current segment: a 64-byte record takes 68 bytes (with
 * {@link JournalOptions#withChecksums(boolean)}, {@code [length (4) | CRC32C (4) | bytes | pad]}:
 * 72 bytes, the CRC written at commit). Sequences count from 0 with no gaps,
 * across segments; {@link #append(DirectBuffer, int, int)} returns the record's sequence.
 * Every {@code 2^k}-th record's offset goes into the segment's sparse index
 * ({@link JournalOptions#withIndexShift(int)}), so a reader seeks to any sequence with a binary
 * search over the segments and at most {@code 2^k - 1} frames walked.
 *
 * <p><b>Commit and crash safety.</b> A record is published by one release store of the segment's
 * commit word (count and length in one 64-bit word), after the record's bytes and index entry. A
 * reader, or {@link #open(Path)} after the process was killed at any instruction, sees whole
 * records only, and every record whose {@code append} (or {@link JournalClaim#commit()})
 * returned. The page cache holds the data once written; surviving a power failure needs
 * {@code fsync}, which this version does not offer.
 *
 * <p><b>Rolling.</b> When a record does not fit the current segment, or, with
 * {@link JournalOptions#withDailyRoll(java.time.LocalTime)}, it is the first record after the daily
 * roll time (UTC), the writer gives the next segment its name (its first sequence), then seals the
 * current one; readers move on when they reach a sealed segment's end. A record longer than
 * {@link JournalDescriptor#maxRecordLength(int, boolean)} is refused.
 *
 * <p><b>Pretouching.</b> The first write to each fresh page of a segment costs a page fault (and
 * the file system's block allocation) in the appending thread; so does creating a segment file at
 * a roll. {@link #pretouch()}, called from a background thread or duty cycle every millisecond or
 * so, touches the pages ahead of the writer and prepares the next segment file, as Chronicle
 * Queue's pretoucher does; without it, the writer does both itself. Preparing a segment
 * allocates its blocks (zeros written through its channel), so a full disk is an
 * {@code UncheckedIOException} from {@code pretouch()} or the roll, not a {@code SIGBUS} in the
 * mapping; on copy-on-write or compressing file systems (btrfs, ZFS) that is not guaranteed.
 *
 * <p><b>Ownership and threading.</b> The journal owns its directory's writer lock, the current
 * segment's mapping, and the claim it hands out, until {@link #close()}. One writer per
 * directory: another process is refused by an exclusive {@code FileLock} on
 * {@code journal.lock} (which the OS releases when a writer dies, even by {@code kill -9}), another
 * in this JVM before it touches anything. The journal is confined to the thread that opened it
 * (checked mode enforces it), except {@link #pretouch()}, meant for one background thread,
 * concurrently with the writer; a call from a second thread at the same time is safe (see
 * {@link #pretouch()}).
 *
 * <p>{@link #append(DirectBuffer, int, int)}, {@link #claim(int, JournalClaim)} and
 * {@link JournalClaim#commit()} allocate no heap garbage (a roll does, once per segment).
 */
public final class Journal implements AutoCloseable
{
    /** Bytes {@link #pretouch()} touches ahead of the write position: 4 MiB. */
    public static final int PRETOUCH_AHEAD = 4 << 20;

    private static final String NAME = "Journal";
    private static final String META_TEMP = "journal.meta.tmp";

    private final Path dir;
    private final JournalMeta meta;
    private final Set<PosixFilePermission> permissions;
    private final int segmentSize;
    private final int indexShift;
    private final int indexMask;
    private final int maxRecordLength;
    private final boolean checksums;
    private final int frameHeaderLength;
    private final int dailyRoll;
    private final Thread owner;
    private final AtomicReference<Segment> prepared = new AtomicReference<>();
    private Object registryKey;
    private RandomAccessFile lockFile;
    private FileLock lock;
    private volatile Segment segment;
    private volatile boolean closed;
    private long address;
    private long segmentFirst;
    private int length;
    private int count;
    private int claimOffset = -1;
    private int claimLength;
    private JournalClaim pending;
    private long nextRollMillis = Long.MAX_VALUE;
    private final Object retentionLock = new Object();
    private volatile int retainSegments;
    private volatile Consumer<Path> onRetired;
    /** The first sequence of the segment the pretoucher last saw: retention at a roll out of it is the pretoucher's. */
    private volatile long pretouchedFirst = -1;
    private long retainedAt = -1;
    private LongSupplier clock = System::currentTimeMillis;

    private Journal(final Path dir, final JournalMeta meta, final Set<PosixFilePermission> permissions)
    {
        this.dir = dir;
        this.meta = meta;
        this.permissions = permissions;
        this.segmentSize = meta.segmentSize;
        this.indexShift = meta.indexShift;
        this.indexMask = (1 << meta.indexShift) - 1;
        this.checksums = meta.checksums();
        this.frameHeaderLength = JournalDescriptor.frameHeaderLength(checksums);
        this.maxRecordLength = JournalDescriptor.maxRecordLength(meta.segmentSize, checksums);
        this.dailyRoll = meta.dailyRoll;
        this.owner = Checks.ownerForNewObject();
    }

    /**
     * Creates a new, empty journal: the directory (0700, or 0750 with group access), its
     * {@code journal.lock}, its first segment and, last, its {@code journal.meta} (files 0600 or
     * 0640), and opens it for writing. Permissions are set as each file is created; where the file
     * system has none (not POSIX), they are not set.
     *
     * @param dir     the directory to create; it must not exist, its parent must.
     * @param options the layout: segment size, index shift, group access.
     * @return the open journal, owned by the caller, who closes it.
     * @throws IllegalStateException naming the directory if it already exists.
     * @throws UncheckedIOException  with the OS's reason if a file cannot be created, locked or
     *                               mapped (what was created is deleted again).
     */
    public static Journal create(final Path dir, final JournalOptions options)
    {
        Objects.requireNonNull(options, "options");
        return create(dir, options, JournalMeta.create(options));
    }

    /**
     * Creates a new, empty journal as {@link #create(Path, JournalOptions)} does, but with a given
     * journal id instead of a random one: the local copy of another journal (a replica), which
     * then receives that journal's records at the same sequences. Readers, {@link #open(Path)} and
     * replication check the id, so only the one history with this id belongs in it.
     *
     * @param dir     the directory to create; it must not exist, its parent must.
     * @param options the layout: segment size, index shift, group access, checksums.
     * @param idHigh  the high 64 bits of the journal id, as {@link #idHigh()} of the original.
     * @param idLow   the low 64 bits of the journal id, as {@link #idLow()} of the original.
     * @return the open journal, owned by the caller, who closes it.
     * @throws IllegalStateException naming the directory if it already exists.
     * @throws UncheckedIOException  with the OS's reason if a file cannot be created, locked or
     *                               mapped (what was created is deleted again).
     */
    public static Journal createReplica(final Path dir, final JournalOptions options, final long idHigh, final long idLow)
    {
        Objects.requireNonNull(options, "options");
        return create(dir, options, JournalMeta.create(options, idHigh, idLow));
    }

    private static Journal create(final Path dir, final JournalOptions options, final JournalMeta meta)
    {
        Platform.current().requireSupported();
        try
        {
            JournalFiles.createDirectory(dir, options.groupAccess());
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new IllegalStateException("journal directory " + dir + " already exists: create makes a new journal, " +
                "open opens one; nothing was modified");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal directory " + dir + ": " + ex, ex);
        }
        Journal journal = null;
        try
        {
            journal = new Journal(dir, meta, JournalFiles.filePermissions(dir, options.groupAccess()));
            journal.registryKey = JournalFiles.register(dir, journal);
            JournalFiles.createFile(dir.resolve(JournalMeta.LOCK_FILE), journal.permissions);
            journal.lock();
            final Segment first = Segment.prepare(dir, meta, journal.permissions);
            try
            {
                first.assign(0, dir.resolve(JournalDescriptor.segmentName(0)), System.currentTimeMillis());
            }
            catch (final IOException | RuntimeException | Error ex)
            {
                first.discard();
                throw ex;
            }
            journal.start(first);
            final Path temp = dir.resolve(META_TEMP);
            JournalFiles.createFile(temp, journal.permissions);
            Files.write(temp, meta.encode());
            Files.move(temp, dir.resolve(JournalMeta.META_FILE), StandardCopyOption.ATOMIC_MOVE);
            return journal;
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            if (null != journal)
            {
                journal.release();
            }
            deleteCreated(dir, ex);
            if (ex instanceof IOException)
            {
                throw new UncheckedIOException("cannot create journal " + dir + ": " + ex, (IOException)ex);
            }
            if (ex instanceof Error)
            {
                throw (Error)ex;
            }
            throw (RuntimeException)ex;
        }
    }

    /**
     * Opens an existing journal for writing: appending continues after its last committed
     * record, at {@link #lastSequence()} + 1. Reads {@code journal.meta} and the last segment's
     * header only (and lists the directory's file names), so it takes the same time whatever the
     * journal's size. Everything is validated before anything is written, and a failed open
     * leaves the directory as it was ({@code journal.lock} is created only if it is missing, and
     * deleted again); a writer killed while rolling leaves a segment unsealed, which this seals
     * once everything else has succeeded.
     *
     * @param dir a directory made by {@link #create(Path, JournalOptions)}.
     * @return the open journal, owned by the caller, who closes it.
     * @throws IllegalStateException naming the directory or file and the fault if it is not a
     *                               journal, a file is damaged, truncated, from a newer format
     *                               version or from another journal, or another writer has it open
     *                               (in this JVM or another process); nothing is modified.
     * @throws UncheckedIOException  with the OS's reason if a file cannot be opened, locked or
     *                               mapped.
     */
    public static Journal open(final Path dir)
    {
        Platform.current().requireSupported();
        final JournalMeta meta = JournalMeta.read(dir);
        final Journal journal;
        try
        {
            journal = new Journal(dir, meta, JournalFiles.filePermissionsLike(dir.resolve(JournalMeta.META_FILE)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal " + dir + ": " + ex, ex);
        }
        journal.registryKey = JournalFiles.register(dir, journal);
        final Path lockPath = dir.resolve(JournalMeta.LOCK_FILE);
        boolean lockCreated = false;
        try
        {
            // journal.lock is created only if it is missing, and deleted again if the open then fails
            try
            {
                // asked first: the exception's stack trace is most of the cost when the file exists, as it does
                if (!Files.exists(lockPath))
                {
                    JournalFiles.createFile(lockPath, journal.permissions);
                    lockCreated = true;
                }
            }
            catch (final FileAlreadyExistsException exists)
            {
                lockCreated = false;
            }
            journal.lockFile = new RandomAccessFile(lockPath.toFile(), "rw");
            journal.lock();
            final List<Path> leftovers = new ArrayList<>();
            final long[] firsts = JournalFiles.listSegments(dir, leftovers);
            if (0 == firsts.length)
            {
                throw new IllegalStateException("journal " + dir + " has no segment files; nothing was modified");
            }
            final long last = firsts[firsts.length - 1];
            // owned by the journal from here: release() retires it on any failure below
            journal.start(Segment.map(dir.resolve(JournalDescriptor.segmentName(last)), meta, last, true));
            final Segment segment = journal.segment;
            Segment previous = null;
            try
            {
                if (0 == JournalDescriptor.committedCount(segment.commitWordAcquire()) && firsts.length > 1)
                {
                    final long before = firsts[firsts.length - 2];
                    previous = Segment.map(dir.resolve(JournalDescriptor.segmentName(before)), meta, before, true);
                    final long end = before + JournalDescriptor.committedCount(previous.commitWordAcquire());
                    if (end != last)
                    {
                        throw new IllegalStateException("journal " + dir + " is inconsistent: segment " + previous.path +
                            " ends before sequence " + end + " but the next segment starts at " + last +
                            "; nothing was modified");
                    }
                }
                // the leftovers of a killed writer's pretoucher go before anything is modified
                for (final Path leftover : leftovers)
                {
                    Files.deleteIfExists(leftover);
                }
                if (null != previous && !previous.sealedAcquire())
                {
                    previous.seal();
                }
            }
            finally
            {
                if (null != previous)
                {
                    previous.retire();
                }
            }
            if (segment.sealedAcquire())
            {
                // its successor was deleted by hand: appending here would hide records from readers that moved on
                journal.roll();
            }
            return journal;
        }
        catch (final FileNotFoundException ex)
        {
            failedOpen(journal, lockPath, lockCreated, ex);
            throw new UncheckedIOException("cannot open journal " + dir + " for writing: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            failedOpen(journal, lockPath, lockCreated, ex);
            throw new UncheckedIOException("cannot open journal " + dir + " for writing: " + ex, ex);
        }
        catch (final RuntimeException | Error ex)
        {
            failedOpen(journal, lockPath, lockCreated, ex);
            throw ex;
        }
    }

    /**
     * Releases a journal whose open failed; deletes {@code journal.lock} if this open created it
     * and held its lock (while it still holds it: a file another writer locked is left alone).
     */
    private static void failedOpen(final Journal journal, final Path lockPath, final boolean lockCreated,
        final Throwable failure)
    {
        if (lockCreated && null != journal.lock)
        {
            try
            {
                Files.deleteIfExists(lockPath);
            }
            catch (final IOException ex)
            {
                failure.addSuppressed(ex);
            }
        }
        journal.release();
    }

    /**
     * Appends a record copied from a buffer and commits it: readers see it, and it survives the
     * process, from the return on. May roll to a new segment first.
     *
     * @param source the record's bytes (any Agrona buffer: heap or direct); not retained.
     * @param index  the first byte to copy.
     * @param length bytes to copy, from 0 to {@link JournalDescriptor#maxRecordLength(int, boolean)}.
     * @return the record's sequence.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer.
     * @throws IllegalArgumentException  naming the length and the limit if no segment holds it.
     * @throws IllegalStateException     if the journal is closed, a claim is pending, or (in
     *                                   checked mode) it is used from another thread.
     * @throws UncheckedIOException      if a roll fails to create the next segment (nothing was
     *                                   appended); never for retention, whose failures
     *                                   {@link #pretouch()} and {@link #retain(int, Consumer)}
     *                                   report.
     */
    public long append(final DirectBuffer source, final int index, final int length)
    {
        checkWritable();
        Bounds.checkRange(index, length, source.capacity());
        final int offset = place(length);
        Memory.copy(source, index, address + offset + frameHeaderLength, length);
        return publish(offset, length);
    }

    /**
     * Appends a record copied from an array and commits it.
     *
     * @param source the record's bytes; not retained.
     * @param index  the first byte to copy.
     * @param length bytes to copy, from 0 to {@link JournalDescriptor#maxRecordLength(int, boolean)}.
     * @return the record's sequence.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the array.
     * @throws IllegalArgumentException  naming the length and the limit if no segment holds it.
     * @throws IllegalStateException     if the journal is closed, a claim is pending, or (in
     *                                   checked mode) it is used from another thread.
     * @throws UncheckedIOException      if a roll fails to create the next segment (nothing was
     *                                   appended); never for retention, as
     *                                   {@link #append(DirectBuffer, int, int)}.
     */
    public long append(final byte[] source, final int index, final int length)
    {
        checkWritable();
        Bounds.checkRange(index, length, source.length);
        final int offset = place(length);
        Memory.copy(source, index, address + offset + frameHeaderLength, length);
        return publish(offset, length);
    }

    /**
     * Claims space for a record of {@code length} bytes, to be encoded in place (zero copy), as
     * Aeron's {@code tryClaim}: {@code claim} is re-pointed at the space. Nothing is visible to
     * readers until {@link JournalClaim#commit()}; {@link JournalClaim#abort()} leaves no record
     * and the sequence is not consumed. Until one of them, no other record may be appended.
     *
     * @param length the record's length, from 0 to {@link JournalDescriptor#maxRecordLength(int, boolean)}.
     * @param claim  the caller's flyweight, re-pointed (no garbage); its buffer is borrowed until
     *               commit or abort.
     * @return the sequence the record will have once committed.
     * @throws IllegalArgumentException naming the length and the limit if it is negative or no
     *                                  segment holds it.
     * @throws IllegalStateException    if the journal is closed, a claim is pending, or (in
     *                                  checked mode) it is used from another thread.
     * @throws UncheckedIOException     if a roll fails to create the next segment (nothing was
     *                                  claimed); never for retention, as
     *                                  {@link #append(DirectBuffer, int, int)}.
     */
    public long claim(final int length, final JournalClaim claim)
    {
        checkWritable();
        Objects.requireNonNull(claim, "claim");
        final int offset = place(length);
        claimOffset = offset;
        claimLength = length;
        pending = claim;
        final long sequence = segmentFirst + count;
        claim.wrap(this, address + offset + frameHeaderLength, length, sequence);
        return sequence;
    }

    void commitClaim(final JournalClaim claim)
    {
        checkClaim(claim);
        final int offset = claimOffset;
        claimOffset = -1;
        pending = null;
        publish(offset, claimLength);
    }

    void abortClaim(final JournalClaim claim)
    {
        checkClaim(claim);
        claimOffset = -1;
        pending = null;
    }

    /**
     * The sequence of the last committed record.
     *
     * @return it, or -1 if the journal is empty.
     * @throws IllegalStateException if the journal is closed.
     */
    public long lastSequence()
    {
        checkOpen();
        return segmentFirst + count - 1;
    }

    /**
     * The journal's directory.
     *
     * @return the path given to {@code create} or {@code open}.
     */
    public Path directory()
    {
        return dir;
    }

    /**
     * Keeps at most {@code segments} segment files, the current one included: after each roll,
     * older sealed segments are deleted, oldest first, or handed to {@code onRetired} instead (to
     * archive or delete them itself). Done by {@link #pretouch()} when a background thread calls
     * it, otherwise by the appending thread at the roll (also after a pretoucher stopped: from the
     * roll after its last call). A failed delete, or an {@code onRetired} that throws, is tried
     * again at the next roll or {@code pretouch()}: {@code pretouch()} and {@code retain} throw the
     * failure, but an append never does (its roll succeeded; the record is appended). A reader
     * that has a deleted segment mapped reads on to its end; a seek into it throws
     * {@code IllegalStateException} naming the sequence, and {@link JournalReader#toStart()}
     * starts at the oldest segment left. Every segment file is the segment size long, so a limit
     * in bytes is a count: bytes divided by the segment size.
     *
     * @param segments  how many segment files to keep, at least 1; 0 keeps every segment (the
     *                  default).
     * @param onRetired receives each segment file past the limit, which it then owns (it must
     *                  delete or move it); null to have the writer delete them. Called from the
     *                  thread that applies retention.
     * @throws IllegalArgumentException naming the count if it is negative.
     * @throws IllegalStateException    if the journal is closed; in checked mode also if used from
     *                                  another thread.
     */
    public void retain(final int segments, final Consumer<Path> onRetired)
    {
        checkOpen();
        if (segments < 0)
        {
            throw new IllegalArgumentException("a journal cannot keep " + segments + " segments: 0 (all) or more");
        }
        this.onRetired = onRetired;
        this.retainSegments = segments;
        applyRetention(segmentFirst);
    }

    /**
     * Deletes (or hands over) the sealed segments beyond the retention count, once per segment
     * the writer moves to.
     */
    private void applyRetention(final long currentFirst)
    {
        synchronized (retentionLock)
        {
            final int keep = retainSegments;
            // closed: a pretoucher that passed its check before close() must not delete files after close returns
            if (closed || 0 == keep || retainedAt == currentFirst)
            {
                return;
            }
            final List<Path> leftovers = new ArrayList<>();
            final long[] firsts = JournalFiles.listSegments(dir, leftovers);
            final Consumer<Path> handler = onRetired;
            for (int i = 0; i < firsts.length - keep && firsts[i] < currentFirst; i++)
            {
                final Path file = dir.resolve(JournalDescriptor.segmentName(firsts[i]));
                if (null != handler)
                {
                    handler.accept(file);
                }
                else
                {
                    try
                    {
                        Files.deleteIfExists(file);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException("cannot delete journal segment " + file + ": " + ex, ex);
                    }
                }
            }
            // only once every segment past the limit is gone: a failed delete is tried again
            retainedAt = currentFirst;
        }
    }

    /**
     * The high 64 bits of the journal's 128-bit id: random at {@link #create(Path, JournalOptions)},
     * given at {@link #createReplica(Path, JournalOptions, long, long)}, kept in
     * {@code journal.meta} and every segment header.
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
     * Touches the pages ahead of the write position of the current segment (up to
     * {@link #PRETOUCH_AHEAD} bytes, and the next page of its index) so that the appending thread
     * does not take their page faults, and, once the current segment is half full, prepares the
     * next segment file (created, sized, mapped and its first pages touched) for the next roll.
     * Touching writes nothing: a compare-and-set of 0 to 0 per page.
     *
     * <p>Call it from a background thread or duty cycle (every millisecond or so is plenty), not
     * from the appending thread: it is the one method that may run concurrently with the writer.
     * One background thread is meant to call it; a call from a second thread at the same time is
     * safe: it skips the pages the first is touching, waits for its retention, and a second
     * prepared segment is discarded. After {@link #close()} it does nothing.
     *
     * @return the number of pages touched (0 if there was nothing to do).
     * @throws UncheckedIOException with the OS's reason if the next segment cannot be prepared
     *                              (the writer will try again at the roll), or an old segment
     *                              cannot be deleted under {@link #retain(int, Consumer)} (tried
     *                              again at the next call); what {@code onRetired} throws,
     *                              likewise.
     */
    public int pretouch()
    {
        if (closed)
        {
            return 0;
        }
        int pages = 0;
        final Segment current = segment;
        int front = 0;
        if (null != current)
        {
            pretouchedFirst = current.firstSequence;
        }
        if (null != current && 0 != retainSegments)
        {
            applyRetention(current.firstSequence);
        }
        if (null != current && current.beginTouch())
        {
            try
            {
                final long word = current.commitWordAcquire();
                front = SEGMENT_HEADER_LENGTH + JournalDescriptor.committedLength(word);
                final int records = JournalDescriptor.committedCount(word);
                final int indexFront = segmentSize - INDEX_ENTRY_LENGTH * ((records >> indexShift) + 1);
                final int from = Math.max(current.touchedTo, (front + 4095) & ~4095);
                final int to = (int)Math.min((long)front + PRETOUCH_AHEAD, indexFront);
                if (to > from)
                {
                    current.touch(from, to);
                    pages += (to - from + 4095) >>> 12;
                    current.touchedTo = (to + 4095) & ~4095;
                }
                final int indexLow = Math.max(current.touchedTo, indexFront - 4096) & ~4095;
                if (indexLow < current.indexTouchedTo)
                {
                    current.touch(indexLow, current.indexTouchedTo);
                    pages += (current.indexTouchedTo - indexLow) >>> 12;
                    current.indexTouchedTo = indexLow;
                }
            }
            finally
            {
                current.endTouch();
            }
        }
        if (null != current && front > segmentSize / 2 && null == prepared.get())
        {
            pages += prepareNext();
        }
        return pages;
    }

    private int prepareNext()
    {
        final Segment next;
        try
        {
            next = Segment.prepare(dir, meta, permissions);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot prepare the next segment of journal " + dir + ": " + ex, ex);
        }
        final int to = Math.min(SEGMENT_HEADER_LENGTH + PRETOUCH_AHEAD, segmentSize - 4096);
        next.touch(SEGMENT_HEADER_LENGTH, to);
        next.touchedTo = to;
        next.touch(segmentSize - 4096, segmentSize);
        next.indexTouchedTo = segmentSize - 4096;
        if (!prepared.compareAndSet(null, next))
        {
            next.discard();
            return 0;
        }
        if (closed)
        {
            final Segment mine = prepared.getAndSet(null);
            if (null != mine)
            {
                mine.discard();
            }
        }
        return (to - SEGMENT_HEADER_LENGTH) / 4096 + 1;
    }

    /**
     * Closes the journal: deletes a prepared next segment, releases the writer lock (a reopen,
     * here or in another process, may follow at once), and hands the mappings to a background
     * daemon thread that unmaps them within milliseconds, so that close takes microseconds, not
     * the tens of milliseconds a large touched mapping takes to unmap. Nothing can reach them
     * after close: every call but {@link #pretouch()} (which does nothing) and {@code close} throws
     * {@code IllegalStateException}, and a pending claim's view is detached (the claim is
     * discarded, as an abort). Committed records stay, and no file changes after close returns.
     * Idempotent.
     *
     * @throws IllegalStateException in checked mode, if called from another thread.
     */
    @Override
    public void close()
    {
        Checks.checkOwner(owner, NAME);
        if (!closed)
        {
            release();
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "Journal{" + dir + ", lastSequence=" + (segmentFirst + count - 1) + ", closed=" + closed + '}';
    }

    private void start(final Segment first)
    {
        final long word = first.commitWordAcquire();
        nextRollMillis = nextDailyRoll(first.createdMillis());
        segment = first;
        address = first.address;
        segmentFirst = first.firstSequence;
        count = JournalDescriptor.committedCount(word);
        length = JournalDescriptor.committedLength(word);
    }

    /**
     * Writes the frame header (and index entry) of a record of {@code recordLength} bytes at the
     * write position, rolling first if it does not fit, and returns the frame's file offset.
     */
    private int place(final int recordLength)
    {
        if (recordLength < 0 || recordLength > maxRecordLength)
        {
            throw new IllegalArgumentException("a record of " + recordLength + " bytes does not fit a journal segment of " +
                segmentSize + " bytes: at most " + maxRecordLength + " bytes");
        }
        final int frame = JournalDescriptor.frameLength(recordLength, checksums);
        int n = count;
        int offset = SEGMENT_HEADER_LENGTH + length;
        if (offset + frame > segmentSize - INDEX_ENTRY_LENGTH * ((n >> indexShift) + 1) || (0 != dailyRoll && dailyRollDue()))
        {
            roll();
            n = 0;
            offset = SEGMENT_HEADER_LENGTH;
        }
        Memory.putInt(address + offset, recordLength);
        if (0 == (n & indexMask))
        {
            Memory.putInt(address + JournalDescriptor.indexEntryOffset(segmentSize, n >> indexShift),
                offset - SEGMENT_HEADER_LENGTH);
        }
        return offset;
    }

    /**
     * Whether the daily roll time has passed since the current segment was named, and it holds a
     * record (an empty segment is not rolled: it moves its roll time on instead).
     */
    private boolean dailyRollDue()
    {
        final long now = clock.getAsLong();
        if (now < nextRollMillis)
        {
            return false;
        }
        if (0 == count)
        {
            nextRollMillis = nextDailyRoll(now);
            return false;
        }
        return true;
    }

    /**
     * The first daily roll time strictly after {@code millis}, or {@code Long.MAX_VALUE} without a
     * daily roll.
     */
    private long nextDailyRoll(final long millis)
    {
        if (0 == dailyRoll)
        {
            return Long.MAX_VALUE;
        }
        final long day = 86_400_000L;
        final long at = Math.floorDiv(millis, day) * day + (dailyRoll - 1) * 1000L;
        return at > millis ? at : at + day;
    }

    /**
     * For tests: the clock that decides daily rolls, milliseconds since the epoch. The next roll is
     * computed again from the earlier of the current segment's creation and the clock's now, so a
     * test does not depend on the real time at which {@code create} or {@code open} ran.
     */
    void clock(final LongSupplier clock)
    {
        this.clock = clock;
        final Segment current = segment;
        if (null != current)
        {
            nextRollMillis = nextDailyRoll(Math.min(current.createdMillis(), clock.getAsLong()));
        }
    }

    private long publish(final int offset, final int recordLength)
    {
        if (checksums)
        {
            // The JDK intrinsic, unlike the reader: it reads bytes this thread (or the claimant) has just written into
            // the writer's own mapping, so a page that cannot be backed (a full disk) faults at that write, not here.
            Memory.putInt(address + offset + FRAME_CHECKSUM_OFFSET,
                Crc32c.compute(address + offset + frameHeaderLength, recordLength));
        }
        final int end = offset - SEGMENT_HEADER_LENGTH + JournalDescriptor.frameLength(recordLength, checksums);
        final int records = count + 1;
        Memory.putLongRelease(address + COMMIT_WORD_OFFSET, JournalDescriptor.commitWord(records, end));
        length = end;
        count = records;
        return segmentFirst + records - 1;
    }

    /**
     * Names the next segment (prepared by {@link #pretouch()}, or created now), then seals the
     * current one and moves to the next. On failure nothing changed.
     */
    private void roll()
    {
        final long oldFirst = segmentFirst;
        final long nextFirst = segmentFirst + count;
        Segment next = prepared.getAndSet(null);
        try
        {
            if (null == next)
            {
                next = Segment.prepare(dir, meta, permissions);
            }
            next.assign(nextFirst, dir.resolve(JournalDescriptor.segmentName(nextFirst)), clock.getAsLong());
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            // whatever failed, the prepared mapping and its file go: nothing changed
            if (null != next)
            {
                next.discard();
            }
            if (ex instanceof IOException)
            {
                throw new UncheckedIOException("cannot roll journal " + dir + " to a segment at sequence " + nextFirst +
                    ": " + ex, (IOException)ex);
            }
            if (ex instanceof Error)
            {
                throw (Error)ex;
            }
            throw (RuntimeException)ex;
        }
        final Segment old = segment;
        old.seal();
        segment = next;
        address = next.address;
        segmentFirst = nextFirst;
        length = 0;
        count = 0;
        nextRollMillis = nextDailyRoll(next.createdMillis());
        old.retire();
        // Retention is the pretoucher's if it ran while the old segment was current, else the writer's; a pretoucher
        // that stops (or ran once to warm up) leaves it to the writer from the next roll on.
        if (0 != retainSegments && pretouchedFirst != oldFirst)
        {
            try
            {
                applyRetention(nextFirst);
            }
            catch (final RuntimeException ex)
            {
                // the roll succeeded and the record goes in: a failed delete (or onRetired) is not a failed append.
                // Nothing was marked done, so the next roll, pretouch() or retain() tries again, and the latter two throw.
            }
        }
    }

    private void lock() throws IOException
    {
        if (null == lockFile)
        {
            lockFile = new RandomAccessFile(dir.resolve(JournalMeta.LOCK_FILE).toFile(), "rw");
        }
        try
        {
            lock = lockFile.getChannel().tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            lock = null;
        }
        if (null == lock)
        {
            throw new IllegalStateException("journal " + dir + " is already open for writing by another process " +
                "(it holds the lock on " + JournalMeta.LOCK_FILE + "); nothing was modified");
        }
    }

    /**
     * Unmaps, unlocks and closes whatever is open; safe on a half-built journal.
     */
    private void release()
    {
        synchronized (retentionLock)
        {
            // waits out a retention pass the pretoucher is in; none starts after this
            closed = true;
        }
        claimOffset = -1;
        if (null != pending)
        {
            pending.reset();
            pending = null;
        }
        final Segment mine = prepared.getAndSet(null);
        if (null != mine)
        {
            mine.discard();
        }
        final Segment current = segment;
        if (null != current)
        {
            segment = null;
            address = 0;
            current.retire();
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
        if (null != lockFile)
        {
            try
            {
                lockFile.close();
            }
            catch (final IOException ignore)
            {
                // the lock is released with the descriptor
            }
            lockFile = null;
        }
        if (null != registryKey)
        {
            JournalFiles.unregister(registryKey, this);
            registryKey = null;
        }
    }

    private static void deleteCreated(final Path dir, final Throwable failure)
    {
        try
        {
            JournalFiles.deletePrepared(dir);
            for (final String name : new String[]{ META_TEMP, JournalMeta.META_FILE, JournalMeta.LOCK_FILE,
                JournalDescriptor.segmentName(0) })
            {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.deleteIfExists(dir);
        }
        catch (final IOException ex)
        {
            failure.addSuppressed(ex);
        }
    }

    private void checkOpen()
    {
        Checks.checkOwner(owner, NAME);
        if (closed)
        {
            throw new IllegalStateException(NAME + ' ' + dir + " used after close");
        }
    }

    private void checkWritable()
    {
        checkOpen();
        if (claimOffset >= 0)
        {
            throw new IllegalStateException("a claim of sequence " + (segmentFirst + count) + " on journal " + dir +
                " is pending: commit or abort it first");
        }
    }

    private void checkClaim(final JournalClaim claim)
    {
        checkOpen();
        if (claimOffset < 0 || claim != pending)
        {
            throw new IllegalStateException("no claim of sequence " + claim.sequence() + " is pending on journal " + dir);
        }
    }
}
