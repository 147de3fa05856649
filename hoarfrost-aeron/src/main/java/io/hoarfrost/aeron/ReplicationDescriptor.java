package io.hoarfrost.aeron;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * The layout of one replicated record as an Aeron message: a 32-byte header, then the record's
 * bytes exactly as the journal holds them.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic "HFRP" (int)                        |
 *  +---------------------------------------------------------------+
 *  |                       Version (int)                           |
 *  +---------------------------------------------------------------+
 *  |                   Sequence (long, 8 bytes)                    |
 *  +---------------------------------------------------------------+
 *  |               Journal id, high 64 bits (long)                 |
 *  +---------------------------------------------------------------+
 *  |               Journal id, low 64 bits (long)                  |
 *  +---------------------------------------------------------------+
 *  |                  Record bytes (length - 32)                  ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Little-endian, as Aeron and Agrona write. With Aeron's 32-byte frame header, a 64-byte record
 * takes a 128-byte frame and a 256-byte record a 320-byte frame: the same as with no header,
 * since frames are padded to 32 bytes.
 */
public final class ReplicationDescriptor
{
    /** The magic, "HFRP" read as a little-endian int. */
    public static final int MAGIC = 0x50524648;

    /** The version of this layout. */
    public static final int VERSION = 1;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;

    /** Offset of the version. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;

    /** Offset of the record's sequence in the leader's journal. */
    public static final int SEQUENCE_OFFSET = VERSION_OFFSET + SIZE_OF_INT;

    /** Offset of the high half of the leader journal's id. */
    public static final int ID_HIGH_OFFSET = SEQUENCE_OFFSET + SIZE_OF_LONG;

    /** Offset of the low half of the leader journal's id. */
    public static final int ID_LOW_OFFSET = ID_HIGH_OFFSET + SIZE_OF_LONG;

    /** The header's length: the record's bytes start here. */
    public static final int HEADER_LENGTH = ID_LOW_OFFSET + SIZE_OF_LONG;

    /** The alias prefix the publisher puts on its channel, followed by the journal id in 32 hex digits. */
    public static final String ALIAS_PREFIX = "hoarfrost-journal-";

    private ReplicationDescriptor()
    {
    }

    /**
     * Writes a header's fixed part (magic, version, journal id) into {@code buffer} at 0.
     *
     * @param buffer a buffer of at least {@link #HEADER_LENGTH} bytes, owned by the caller.
     * @param idHigh the high half of the journal id.
     * @param idLow  the low half of the journal id.
     */
    public static void writeHeader(final MutableDirectBuffer buffer, final long idHigh, final long idLow)
    {
        buffer.putInt(MAGIC_OFFSET, MAGIC);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putLong(SEQUENCE_OFFSET, -1L);
        buffer.putLong(ID_HIGH_OFFSET, idHigh);
        buffer.putLong(ID_LOW_OFFSET, idLow);
    }

    /**
     * Whether a message starts with this layout's header (magic and version).
     *
     * @param buffer the message's buffer, borrowed for the call.
     * @param offset where the message starts.
     * @param length the message's length.
     * @return true if it is at least a header long and has the magic and version.
     */
    public static boolean isRecord(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= HEADER_LENGTH && MAGIC == buffer.getInt(offset + MAGIC_OFFSET) &&
            VERSION == buffer.getInt(offset + VERSION_OFFSET);
    }

    /**
     * The journal id as 32 hex digits, high half first, as errors and the channel alias spell it.
     *
     * @param idHigh the high half.
     * @param idLow  the low half.
     * @return 32 lowercase hex digits.
     */
    public static String idString(final long idHigh, final long idLow)
    {
        return hex(idHigh) + hex(idLow);
    }

    /**
     * The alias of a journal's publication channel: {@link #ALIAS_PREFIX} and the id.
     *
     * @param idHigh the high half of the journal id.
     * @param idLow  the low half of the journal id.
     * @return the alias.
     */
    public static String alias(final long idHigh, final long idLow)
    {
        return ALIAS_PREFIX + idString(idHigh, idLow);
    }

    private static String hex(final long value)
    {
        final String digits = Long.toHexString(value);
        final StringBuilder sb = new StringBuilder(16);
        for (int i = digits.length(); i < 16; i++)
        {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }
}
