package io.hoarfrost.arena;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * The layout of a {@link MappedArena} file: one page of header, then the arena's bytes.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                     Magic "HOARFRST" (64)                      |
 *  |                                                               |
 *  +---------------------------------------------------------------+  8
 *  |                        Version (32)                           |
 *  +---------------------------------------------------------------+ 12
 *  |                     Header Length (32)                        |
 *  +---------------------------------------------------------------+ 16
 *  |                  Reserve: arena bytes (64)                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 24
 *  |                  Chunk Size: bytes per mapping (64)           |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 32
 *  |            Checksum: CRC-32 of bytes 0 to 31 (32)             |
 *  +---------------------------------------------------------------+ 36
 *  |                     Unused, zero ...                          |
 *  +---------------------------------------------------------------+ 64
 *  |   Committed Word (64, release): length / 8 (44) | check (20)  |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 72
 *  |                     Unused, zero ...                          |
 *  +---------------------------------------------------------------+ 4096
 *  |     Arena bytes: frames (see RecordDescriptor) ...            |
 *  +---------------------------------------------------------------+ 4096 + Reserve
 * </pre>
 *
 * <p>Fields are in native byte order, as everywhere in Hoarfrost: a file written on a machine of
 * the other byte order fails the magic check. Bytes 0 to 35 are written once, at creation; only
 * the committed word changes afterwards, always with one release store after the bytes
 * it publishes, and sits on its own cache line. Arena offsets count from the end of the header, so
 * a record's offset does not depend on where the file is mapped.
 *
 * <p><b>The committed word</b> carries its own check, so that damage to it is refused rather than
 * trusted (a smaller length would make {@code open} zero committed records; a larger one would
 * expose garbage): the committed length divided by 8 in the top 44 bits, and in the low 20 bits
 * the low 20 bits of the CRC-32 ({@link java.util.zip.CRC32}) of that quotient's 6 low bytes in
 * little-endian order. One store still publishes it, so a crash never leaves it half written.
 * Every damage of one, two or three bits is detected (the check is linear, and the test proves it
 * over all such patterns); other damage escapes with a chance of 1 in 2^20. An all-zero word is
 * invalid. See {@link #committedWord(long)} and {@link #committedLength(long)}.
 */
public final class MappedArenaDescriptor
{
    /** {@code "HOARFRST"} in ASCII, read as a little-endian long. */
    public static final long MAGIC = 0x5453524652414F48L;

    /**
     * The format version this library writes, and the only one it reads. Version 1 (before 0.1.0)
     * stored the committed length without a check and is refused.
     */
    public static final int VERSION = 2;

    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;

    /** Offset of the format version. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_LONG;

    /** Offset of the header length, which the file repeats to detect a mismatched reader. */
    public static final int HEADER_LENGTH_OFFSET = VERSION_OFFSET + SIZE_OF_INT;

    /** Offset of the reserve: how many arena bytes follow the header. */
    public static final int RESERVE_OFFSET = HEADER_LENGTH_OFFSET + SIZE_OF_INT;

    /** Offset of the chunk size: bytes per mapping, which decides where records may lie. */
    public static final int CHUNK_SIZE_OFFSET = RESERVE_OFFSET + SIZE_OF_LONG;

    /** Offset of the CRC-32 of the bytes before it. */
    public static final int CHECKSUM_OFFSET = CHUNK_SIZE_OFFSET + SIZE_OF_LONG;

    /** How many leading bytes the checksum covers. */
    public static final int CHECKSUMMED_LENGTH = CHECKSUM_OFFSET;

    /** Offset of the committed word (the committed length and its check), on its own cache line. */
    public static final int COMMITTED_LENGTH_OFFSET = 64;

    /** Low bits of the committed word that hold the check. */
    public static final int COMMITTED_CHECK_BITS = 20;

    /** The largest committed length the word can hold: 2^47 - 8 bytes (128 TiB). */
    public static final long MAX_COMMITTED_LENGTH = ((1L << (Long.SIZE - COMMITTED_CHECK_BITS)) - 1) << 3;

    private static final int CHECK_MASK = (1 << COMMITTED_CHECK_BITS) - 1;
    private static final int CHECKED_BYTES = 6;
    private static final int[] CHECK_TABLE = checkTable();
    private static final int CHECK_OF_ZERO = checkOfZero();

    /** Bytes of header before the arena: one page, so arena offset 0 is page-aligned. */
    public static final int FILE_HEADER_LENGTH = 4096;

    private MappedArenaDescriptor()
    {
    }

    /**
     * The committed word that publishes a committed length: what {@link MappedArena#commit()}
     * stores. Allocates nothing.
     *
     * @param committedLength a multiple of 8 from 0 to {@link #MAX_COMMITTED_LENGTH}.
     * @return the word: {@code committedLength / 8} above its 20-bit check.
     * @throws IllegalArgumentException naming the length if it is negative, unaligned or too large.
     */
    public static long committedWord(final long committedLength)
    {
        if (committedLength < 0 || committedLength > MAX_COMMITTED_LENGTH || 0 != (committedLength & 7))
        {
            throw new IllegalArgumentException("committed length " + committedLength + " is not a multiple of 8 from 0 to " +
                MAX_COMMITTED_LENGTH);
        }
        final long units = committedLength >>> 3;
        return (units << COMMITTED_CHECK_BITS) | check(units);
    }

    /**
     * The committed length a committed word publishes, if its check holds.
     *
     * @param word a committed word as read from the header.
     * @return the committed length in bytes, or -1 if the word is damaged (its check fails).
     */
    public static long committedLength(final long word)
    {
        final long units = word >>> COMMITTED_CHECK_BITS;
        return (word & CHECK_MASK) == check(units) ? units << 3 : -1;
    }

    /**
     * The low 20 bits of the CRC-32 of the 6 low bytes of {@code units}, little-endian: a constant
     * for the CRC's initial and final values, then one lookup per byte position (the CRC is linear
     * in the bytes, so the positions are looked up independently, not one after another).
     */
    private static int check(final long units)
    {
        final int[] table = CHECK_TABLE;
        final int low = (int)units;
        final int high = (int)(units >>> 32);
        return CHECK_OF_ZERO ^
            table[low & 0xFF] ^
            table[256 | ((low >>> 8) & 0xFF)] ^
            table[512 | ((low >>> 16) & 0xFF)] ^
            table[768 | (low >>> 24)] ^
            table[1024 | (high & 0xFF)] ^
            table[1280 | ((high >>> 8) & 0xFF)];
    }

    /** One flat table, 256 entries per byte position: one array, no row loads. */
    private static int[] checkTable()
    {
        final int[] table = new int[CHECKED_BYTES * 256];
        for (int position = 0; position < CHECKED_BYTES; position++)
        {
            for (int value = 0; value < 256; value++)
            {
                table[(position << 8) | value] = rawCrc(((long)value) << (8 * position), 0) & CHECK_MASK;
            }
        }
        return table;
    }

    private static int checkOfZero()
    {
        return ~rawCrc(0, -1) & CHECK_MASK;
    }

    /** The reflected CRC-32 register after the 6 low bytes of {@code units}, from {@code initial}. */
    private static int rawCrc(final long units, final int initial)
    {
        int crc = initial;
        for (int i = 0; i < CHECKED_BYTES; i++)
        {
            crc ^= (int)(units >>> (8 * i)) & 0xFF;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = 0 != (crc & 1) ? (crc >>> 1) ^ 0xEDB88320 : crc >>> 1;
            }
        }
        return crc;
    }
}
