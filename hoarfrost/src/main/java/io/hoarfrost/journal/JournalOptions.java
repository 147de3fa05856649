package io.hoarfrost.journal;

import java.time.LocalTime;

import static io.hoarfrost.journal.JournalDescriptor.MAX_INDEX_SHIFT;
import static io.hoarfrost.journal.JournalDescriptor.MAX_SEGMENT_SIZE;
import static io.hoarfrost.journal.JournalDescriptor.MIN_SEGMENT_SIZE;

/**
 * How a new {@link Journal} is laid out: an immutable value, each {@code with...} method returning
 * a copy. The segment size and index shift are written into {@code journal.meta} at creation and
 * fixed for the journal's life; group access applies to the files this process creates.
 *
 * <pre>{@code
 * JournalOptions options = JournalOptions.defaults().withSegmentSize(1 << 26).withIndexShift(6);
 * }</pre>
 *
 * <p>Thread-safe (immutable).
 */
public final class JournalOptions
{
    /** The default segment size: 64 MiB. */
    public static final int DEFAULT_SEGMENT_SIZE = 1 << 26;

    /** The default index shift: an index entry per 64 records, so a seek walks at most 63 frames. */
    public static final int DEFAULT_INDEX_SHIFT = 6;

    private static final JournalOptions DEFAULTS =
        new JournalOptions(DEFAULT_SEGMENT_SIZE, DEFAULT_INDEX_SHIFT, false, null, false);

    private final int segmentSize;
    private final int indexShift;
    private final boolean groupAccess;
    private final LocalTime dailyRoll;
    private final boolean checksums;

    private JournalOptions(
        final int segmentSize, final int indexShift, final boolean groupAccess, final LocalTime dailyRoll,
        final boolean checksums)
    {
        this.checksums = checksums;
        this.segmentSize = segmentSize;
        this.indexShift = indexShift;
        this.groupAccess = groupAccess;
        this.dailyRoll = dailyRoll;
    }

    /**
     * The defaults: 64 MiB segments, an index entry per 64 records, owner-only permissions.
     *
     * @return the shared default options.
     */
    public static JournalOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * A copy with another segment size: the length of every segment file. A record holds at most
     * {@code segmentSize - 4104} bytes ({@link JournalDescriptor#maxRecordLength(int)}).
     *
     * @param segmentSize a power of two from 64 KiB to 1 GiB.
     * @return the copy.
     * @throws IllegalArgumentException naming the value and the limits if it is not one.
     */
    public JournalOptions withSegmentSize(final int segmentSize)
    {
        checkSegmentSize(segmentSize);
        return new JournalOptions(segmentSize, indexShift, groupAccess, dailyRoll, checksums);
    }

    /**
     * A copy with another index shift {@code k}: an index entry (4 bytes) per {@code 2^k} records,
     * so that a seek walks at most {@code 2^k - 1} frames after one index lookup.
     *
     * @param indexShift from 0 to 20.
     * @return the copy.
     * @throws IllegalArgumentException naming the value and the limits if it is out of range.
     */
    public JournalOptions withIndexShift(final int indexShift)
    {
        checkIndexShift(indexShift);
        return new JournalOptions(segmentSize, indexShift, groupAccess, dailyRoll, checksums);
    }

    /**
     * A copy that also lets the owner's group read the journal: directory {@code rwxr-x---}
     * (0750) and files {@code rw-r-----} (0640) instead of 0700 and 0600. Where the file system
     * has no POSIX permissions, both are ignored.
     *
     * @param groupAccess whether the group may read.
     * @return the copy.
     */
    public JournalOptions withGroupAccess(final boolean groupAccess)
    {
        return new JournalOptions(segmentSize, indexShift, groupAccess, dailyRoll, checksums);
    }

    /**
     * A copy that also rolls daily: the first record appended at or after this UTC time of day
     * starts a new segment (as Chronicle Queue's daily cycle), besides rolling by size. Kept in
     * {@code journal.meta}, so every writer of the journal rolls at the same time. Whole seconds:
     * fractions are dropped.
     *
     * @param utcTime the time of day, UTC; null for no daily roll (the default).
     * @return the copy.
     */
    public JournalOptions withDailyRoll(final LocalTime utcTime)
    {
        return new JournalOptions(segmentSize, indexShift, groupAccess, null == utcTime ? null : utcTime.withNano(0),
            checksums);
    }

    /**
     * A copy with or without a CRC32C per record: written by the writer at commit (4 more bytes per
     * frame: a 64-byte record takes 72), checked by readers before they hand a record out, so a
     * damaged record is reported with its sequence, segment and offset instead of read as good
     * data. Kept in {@code journal.meta}.
     *
     * @param checksums whether frames carry a CRC32C (off by default).
     * @return the copy.
     */
    public JournalOptions withChecksums(final boolean checksums)
    {
        return new JournalOptions(segmentSize, indexShift, groupAccess, dailyRoll, checksums);
    }

    /**
     * Whether frames carry a CRC32C.
     *
     * @return true with checksums.
     */
    public boolean checksums()
    {
        return checksums;
    }

    /**
     * The daily roll time.
     *
     * @return the UTC time of day, or null for none.
     */
    public LocalTime dailyRoll()
    {
        return dailyRoll;
    }

    /**
     * The segment size.
     *
     * @return bytes per segment file.
     */
    public int segmentSize()
    {
        return segmentSize;
    }

    /**
     * The index shift.
     *
     * @return {@code k}: an index entry per {@code 2^k} records.
     */
    public int indexShift()
    {
        return indexShift;
    }

    /**
     * Whether the group may read the files created.
     *
     * @return true for 0750/0640, false for 0700/0600.
     */
    public boolean groupAccess()
    {
        return groupAccess;
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "JournalOptions{segmentSize=" + segmentSize + ", indexShift=" + indexShift + ", groupAccess=" + groupAccess +
            ", dailyRoll=" + dailyRoll + ", checksums=" + checksums + '}';
    }

    static void checkSegmentSize(final long segmentSize)
    {
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE || 0 != (segmentSize & (segmentSize - 1)))
        {
            throw new IllegalArgumentException("segment size " + segmentSize + " is not a power of two from " +
                MIN_SEGMENT_SIZE + " to " + MAX_SEGMENT_SIZE);
        }
    }

    static void checkIndexShift(final long indexShift)
    {
        if (indexShift < 0 || indexShift > MAX_INDEX_SHIFT)
        {
            throw new IllegalArgumentException("index shift " + indexShift + " is not from 0 to " + MAX_INDEX_SHIFT);
        }
    }
}
