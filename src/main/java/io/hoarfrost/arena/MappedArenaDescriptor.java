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
 *  |      Committed Length: arena bytes published (64, ordered)    |
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
 * the committed length changes afterwards, always with an ordered (release) store after the
 * bytes it publishes, and sits on its own cache line. Arena offsets count from the end of the
 * header, so a record's offset does not depend on where the file is mapped.
 */
public final class MappedArenaDescriptor
{
    /** {@code "HOARFRST"} in ASCII, read as a little-endian long. */
    public static final long MAGIC = 0x5453524652414F48L;

    /** The format version this library writes, and the newest it reads. */
    public static final int VERSION = 1;

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

    /** Offset of the committed length, on its own 64-byte cache line. */
    public static final int COMMITTED_LENGTH_OFFSET = 64;

    /** Bytes of header before the arena: one page, so arena offset 0 is page-aligned. */
    public static final int HEADER_LENGTH = 4096;

    private MappedArenaDescriptor()
    {
    }
}
