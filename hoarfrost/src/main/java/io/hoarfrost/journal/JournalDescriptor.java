package io.hoarfrost.journal;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * The layouts of a {@link Journal} directory: the {@code journal.meta} file, a segment file's
 * header page, its frames and its sparse index. Fields are in native byte order, as everywhere in
 * Hoarfrost (a journal written on a machine of the other byte order fails the magic check).
 *
 * <p><b>{@code journal.meta}</b>: written once, at creation, then only read.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                   Magic "HFJRNLMT" (64)                        |
 *  +---------------------------------------------------------------+  8
 *  |                        Version (32)                           |
 *  +---------------------------------------------------------------+ 12
 *  |                   Meta Length: 64 (32)                        |
 *  +---------------------------------------------------------------+ 16
 *  |                  Journal Id: random (128)                     |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 32
 *  |                 Segment Size: bytes per file (32)             |
 *  +---------------------------------------------------------------+ 36
 *  |                Index Shift: k, an entry per 2^k records (32)  |
 *  +---------------------------------------------------------------+ 40
 *  |                         Flags (32)                            |
 *  +---------------------------------------------------------------+ 44
 *  |     Daily Roll: UTC second of the day + 1, or 0 for none (32) |
 *  +---------------------------------------------------------------+ 48
 *  |              Created: ms since the epoch, UTC (64)            |
 *  +---------------------------------------------------------------+ 56
 *  |            Checksum: CRC-32 of bytes 0 to 55 (32)             |
 *  +---------------------------------------------------------------+ 60
 *  |                     Unused, zero (32)                         |
 *  +---------------------------------------------------------------+ 64
 * </pre>
 *
 * <p><b>A segment file</b>, named by its first sequence ({@code 00000000000000000000.hfj}), is
 * {@code Segment Size} bytes long: a header page, frames growing from the front, and the sparse
 * index growing from the back.
 * <pre>
 *  +---------------------------------------------------------------+  0
 *  |                   Magic "HFJRNLSG" (64)                        |
 *  +---------------------------------------------------------------+  8
 *  |                        Version (32)                           |
 *  +---------------------------------------------------------------+ 12
 *  |                 Header Length: 4096 (32)                      |
 *  +---------------------------------------------------------------+ 16
 *  |                     Journal Id (128)                          |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 32
 *  |                  First Sequence (64)                          |
 *  +---------------------------------------------------------------+ 40
 *  |   Segment Size (32)   |   Index Shift (32)   |   Flags (32)   |
 *  +---------------------------------------------------------------+ 52
 *  |            Checksum: CRC-32 of bytes 0 to 51 (32)             |
 *  +---------------------------------------------------------------+ 56
 *  |     Created: ms since the epoch, when named (64, unchecked)   |
 *  +---------------------------------------------------------------+ 64
 *  |   Commit Word (64, release): record count (32) | bytes (32)   |
 *  +---------------------------------------------------------------+ 72
 *  |                     Unused, zero ...                          |
 *  +---------------------------------------------------------------+ 128
 *  |        Sealed (32, release): 1 once the writer moved on       |
 *  +---------------------------------------------------------------+ 132
 *  |                     Unused, zero ...                          |
 *  +---------------------------------------------------------------+ 4096
 *  |  Frames: [length (32) | CRC32C (32), if checksums | record     |
 *  |          bytes | pad to 4] ...  -&gt;                           |
 *  |                                                               |
 *  |             ...  &lt;- Index: entry j (32) at Size - 4(j + 1)   |
 *  +---------------------------------------------------------------+ Segment Size
 * </pre>
 *
 * <p><b>Checksums</b> ({@link #FLAG_CHECKSUMS}, {@link JournalOptions#withChecksums(boolean)}): each
 * frame header carries the CRC32C of the record's bytes, written by the writer before the commit
 * and checked by the reader before it hands the record out.
 *
 * <p><b>The commit word</b> is the only field that changes while a segment is written: the
 * count of committed records in its high 32 bits and the bytes of frames they fill (from the end
 * of the header) in its low 32 bits, published by one release store after the frames and index
 * entries it covers. A crash therefore never leaves count and length inconsistent, nor a record or
 * index entry half written inside them. Bytes past the committed length, and index entries past
 * the committed count, are never read.
 *
 * <p><b>The index</b> holds, for every {@code 2^k}-th record of the segment (record {@code j * 2^k}
 * counting from 0), the offset of its frame from the end of the header. A seek reads one entry and
 * walks at most {@code 2^k - 1} frames.
 *
 * <p><b>Sealed</b> is set, with a release store, after the segment's last commit, once the next
 * segment file exists under its final name; a reader that has read every committed record of a
 * sealed segment moves on to the next file.
 */
public final class JournalDescriptor
{
    /** {@code "HFJRNLMT"} in ASCII, read as a little-endian long: the magic of {@code journal.meta}. */
    public static final long META_MAGIC = 0x544D4C4E524A4648L;

    /** {@code "HFJRNLSG"} in ASCII, read as a little-endian long: the magic of a segment file. */
    public static final long SEGMENT_MAGIC = 0x47534C4E524A4648L;

    /** The format version this library writes, and the newest it reads, of both files. */
    public static final int VERSION = 1;

    /** Offset of the magic, in both files. */
    public static final int MAGIC_OFFSET = 0;

    /** Offset of the format version, in both files. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_LONG;

    /** Offset of the length of the header (or of the meta file), in both files. */
    public static final int LENGTH_OFFSET = VERSION_OFFSET + SIZE_OF_INT;

    /** Offset of the 128-bit journal id (two longs), in both files. */
    public static final int JOURNAL_ID_OFFSET = LENGTH_OFFSET + SIZE_OF_INT;

    /** Offset of the meta file's segment size. */
    public static final int META_SEGMENT_SIZE_OFFSET = JOURNAL_ID_OFFSET + 2 * SIZE_OF_LONG;

    /** Offset of the meta file's index shift. */
    public static final int META_INDEX_SHIFT_OFFSET = META_SEGMENT_SIZE_OFFSET + SIZE_OF_INT;

    /** Offset of the meta file's flags. */
    public static final int META_FLAGS_OFFSET = META_INDEX_SHIFT_OFFSET + SIZE_OF_INT;

    /**
     * Offset of the meta file's daily roll time: the UTC second of the day at which the writer
     * starts a new segment, plus one; 0 for none.
     */
    public static final int META_DAILY_ROLL_OFFSET = META_FLAGS_OFFSET + SIZE_OF_INT;

    /** Offset of the meta file's creation time, milliseconds since the epoch. */
    public static final int META_CREATED_OFFSET = META_DAILY_ROLL_OFFSET + SIZE_OF_INT;

    /** Offset of the meta file's CRC-32 of the bytes before it. */
    public static final int META_CHECKSUM_OFFSET = META_CREATED_OFFSET + SIZE_OF_LONG;

    /** Length of {@code journal.meta}. */
    public static final int META_LENGTH = 64;

    /** Offset of a segment's first sequence. */
    public static final int FIRST_SEQUENCE_OFFSET = JOURNAL_ID_OFFSET + 2 * SIZE_OF_LONG;

    /** Offset of a segment's size. */
    public static final int SEGMENT_SIZE_OFFSET = FIRST_SEQUENCE_OFFSET + SIZE_OF_LONG;

    /** Offset of a segment's index shift. */
    public static final int INDEX_SHIFT_OFFSET = SEGMENT_SIZE_OFFSET + SIZE_OF_INT;

    /** Offset of a segment's flags. */
    public static final int FLAGS_OFFSET = INDEX_SHIFT_OFFSET + SIZE_OF_INT;

    /** Offset of a segment header's CRC-32 of the bytes before it. */
    public static final int CHECKSUM_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;

    /**
     * Offset of the time a segment was given its name, milliseconds since the epoch (outside the
     * checksum; it only decides the next daily roll).
     */
    public static final int CREATED_OFFSET = 56;

    /** Offset of the commit word, on its own cache line. */
    public static final int COMMIT_WORD_OFFSET = 64;

    /** Offset of the sealed flag, on its own cache line. */
    public static final int SEALED_OFFSET = 128;

    /** Bytes of header before a segment's first frame: one page. */
    public static final int SEGMENT_HEADER_LENGTH = 4096;

    /** Bytes of a frame header: the record's length. */
    public static final int FRAME_HEADER_LENGTH = SIZE_OF_INT;

    /** Bytes of a frame header with checksums: the record's length, then its CRC32C. */
    public static final int CHECKSUMMED_FRAME_HEADER_LENGTH = 2 * SIZE_OF_INT;

    /** Offset of the CRC32C in a frame header, with checksums. */
    public static final int FRAME_CHECKSUM_OFFSET = SIZE_OF_INT;

    /** The flag of a journal whose frames carry a CRC32C of their record. */
    public static final int FLAG_CHECKSUMS = 1;

    /** Frames start and end at multiples of this. */
    public static final int FRAME_ALIGNMENT = SIZE_OF_INT;

    /** Bytes of an index entry. */
    public static final int INDEX_ENTRY_LENGTH = SIZE_OF_INT;

    /** The smallest segment size: 64 KiB. */
    public static final int MIN_SEGMENT_SIZE = 1 << 16;

    /** The largest segment size: 1 GiB, so that every offset in a segment fits an int. */
    public static final int MAX_SEGMENT_SIZE = 1 << 30;

    /** The largest index shift: an entry per 2^20 records. */
    public static final int MAX_INDEX_SHIFT = 20;

    /** {@code "HFJRNLRD"} in ASCII, read as a little-endian long: the magic of a named reader's file. */
    public static final long READER_MAGIC = 0x44524C4E524A4648L;

    /**
     * Offset of a named reader's position in its file ({@code <name>.reader}: magic, version,
     * length and journal id as in {@code journal.meta}, then this): the sequence of the first
     * record it has not acknowledged, stored with a release store.
     */
    public static final int READER_POSITION_OFFSET = JOURNAL_ID_OFFSET + 2 * SIZE_OF_LONG;

    /** Length of a named reader's file. */
    public static final int READER_LENGTH = 64;

    /** The file extension of a named reader's file. */
    public static final String READER_SUFFIX = ".reader";

    /** The file extension of segment files. */
    public static final String SEGMENT_SUFFIX = ".hfj";

    private JournalDescriptor()
    {
    }

    /**
     * The bytes a record of {@code length} bytes takes in a segment: its frame, 4-byte aligned.
     *
     * @param length the record's length.
     * @return {@code length + 4}, rounded up to a multiple of 4 (68 for 64).
     */
    public static int frameLength(final int length)
    {
        return (FRAME_HEADER_LENGTH + length + FRAME_ALIGNMENT - 1) & -FRAME_ALIGNMENT;
    }

    /**
     * The bytes a record of {@code length} bytes takes in a segment of a journal with checksums or
     * without.
     *
     * @param length    the record's length.
     * @param checksums whether frames carry a CRC32C.
     * @return {@code length + 8} (with) or {@code length + 4} (without), rounded up to a multiple
     * of 4: 72 or 68 for 64.
     */
    public static int frameLength(final int length, final boolean checksums)
    {
        return (frameHeaderLength(checksums) + length + FRAME_ALIGNMENT - 1) & -FRAME_ALIGNMENT;
    }

    /**
     * The frame header's length.
     *
     * @param checksums whether frames carry a CRC32C.
     * @return 8 with checksums, 4 without.
     */
    public static int frameHeaderLength(final boolean checksums)
    {
        return checksums ? CHECKSUMMED_FRAME_HEADER_LENGTH : FRAME_HEADER_LENGTH;
    }

    /**
     * The longest record a segment of {@code segmentSize} bytes holds: what is left after the
     * header, the frame header and the index entry of its first record.
     *
     * @param segmentSize a valid segment size.
     * @return {@code segmentSize - 4096 - 4 - 4}.
     */
    public static int maxRecordLength(final int segmentSize)
    {
        return maxRecordLength(segmentSize, false);
    }

    /**
     * The longest record a segment of {@code segmentSize} bytes holds, with checksums or without.
     *
     * @param segmentSize a valid segment size.
     * @param checksums   whether frames carry a CRC32C.
     * @return {@code segmentSize - 4096 - 4 - 8} (with) or {@code segmentSize - 4096 - 4 - 4}.
     */
    public static int maxRecordLength(final int segmentSize, final boolean checksums)
    {
        return segmentSize - SEGMENT_HEADER_LENGTH - INDEX_ENTRY_LENGTH - frameHeaderLength(checksums);
    }

    /**
     * The commit word that publishes {@code count} records filling {@code length} bytes.
     *
     * @param count  committed records.
     * @param length committed bytes of frames.
     * @return the word.
     */
    public static long commitWord(final int count, final int length)
    {
        return ((long)count << 32) | (length & 0xFFFF_FFFFL);
    }

    /**
     * The record count a commit word publishes.
     *
     * @param word a commit word.
     * @return its high 32 bits.
     */
    public static int committedCount(final long word)
    {
        return (int)(word >>> 32);
    }

    /**
     * The byte length a commit word publishes.
     *
     * @param word a commit word.
     * @return its low 32 bits.
     */
    public static int committedLength(final long word)
    {
        return (int)word;
    }

    /**
     * The file offset of index entry {@code entry} in a segment.
     *
     * @param segmentSize the segment's size.
     * @param entry       the entry's number: the one of record {@code entry << indexShift}.
     * @return {@code segmentSize - 4 * (entry + 1)}.
     */
    public static int indexEntryOffset(final int segmentSize, final int entry)
    {
        return segmentSize - INDEX_ENTRY_LENGTH * (entry + 1);
    }

    /**
     * The name of the segment file whose first record has sequence {@code firstSequence}.
     *
     * @param firstSequence a sequence, not negative.
     * @return twenty digits and {@code .hfj}, e.g. {@code 00000000000000000000.hfj}.
     */
    public static String segmentName(final long firstSequence)
    {
        final String digits = Long.toString(firstSequence);
        final StringBuilder sb = new StringBuilder(24);
        for (int i = digits.length(); i < 20; i++)
        {
            sb.append('0');
        }
        return sb.append(digits).append(SEGMENT_SUFFIX).toString();
    }

    /**
     * The first sequence a segment file's name stands for.
     *
     * @param name a file name.
     * @return the sequence, or -1 if the name is not twenty digits and {@code .hfj}.
     */
    public static long firstSequenceOf(final String name)
    {
        if (name.length() != 20 + SEGMENT_SUFFIX.length() || !name.endsWith(SEGMENT_SUFFIX))
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < 20; i++)
        {
            final char c = name.charAt(i);
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - 9) / 10)
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
