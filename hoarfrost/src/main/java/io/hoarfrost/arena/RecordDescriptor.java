package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;

import static org.agrona.BitUtil.SIZE_OF_INT;

/**
 * The layout of a frame in a {@link MappedArena}: every allocation is a record frame, preceded
 * if needed by a padding frame. Frames start at 8-byte aligned offsets and never straddle two
 * chunks.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |   Length (32): record bytes, or padding bytes after the header |
 *  +---------------------------------------------------------------+  4
 *  |   Type (32): RECORD_TYPE or PADDING_TYPE                       |
 *  +---------------------------------------------------------------+  8
 *  |   Record bytes (the record's offset is here) ...               |
 *  |   ... then zero to seven bytes up to the next 8-byte boundary  |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A padding frame fills the gap before a record whose alignment is above 8, and the tail of a
 * chunk a record does not fit in; the next frame starts {@code FRAME_HEADER_LENGTH + length} bytes
 * after it. The header of a record sits just before its bytes, so a record's offset locates it.
 */
public final class RecordDescriptor
{
    /** Offset of the length within a frame header. */
    public static final int LENGTH_OFFSET = 0;

    /** Offset of the type within a frame header. */
    public static final int TYPE_OFFSET = LENGTH_OFFSET + SIZE_OF_INT;

    /** Bytes of frame header before a record's bytes. */
    public static final int FRAME_HEADER_LENGTH = TYPE_OFFSET + SIZE_OF_INT;

    /** Every frame starts at a multiple of this. */
    public static final int FRAME_ALIGNMENT = 8;

    /** The type of a frame holding a record. */
    public static final int RECORD_TYPE = 1;

    /** The type of a frame to skip. */
    public static final int PADDING_TYPE = -1;

    private RecordDescriptor()
    {
    }

    /**
     * Where the frame after a record starts.
     *
     * @param recordOffset the record's offset (just past its frame header).
     * @param length       the record's length in bytes.
     * @return the offset of the next frame.
     */
    public static long nextFrame(final long recordOffset, final long length)
    {
        return Alignment.alignUp(recordOffset + length, FRAME_ALIGNMENT);
    }

    /**
     * Where the length field of a frame is.
     *
     * @param frameOffset the frame's offset.
     * @return the offset of its length field.
     */
    public static long lengthOffset(final long frameOffset)
    {
        return frameOffset + LENGTH_OFFSET;
    }

    /**
     * Where the type field of a frame is.
     *
     * @param frameOffset the frame's offset.
     * @return the offset of its type field.
     */
    public static long typeOffset(final long frameOffset)
    {
        return frameOffset + TYPE_OFFSET;
    }

    /**
     * The frame that holds a record: its header is just before the record's bytes.
     *
     * @param recordOffset a record's offset.
     * @return the offset of its frame.
     */
    public static long frameOffset(final long recordOffset)
    {
        return recordOffset - FRAME_HEADER_LENGTH;
    }

    /**
     * The record a record frame holds.
     *
     * @param frameOffset a record frame's offset.
     * @return the offset of the record's first byte.
     */
    public static long recordOffset(final long frameOffset)
    {
        return frameOffset + FRAME_HEADER_LENGTH;
    }

    /**
     * Whether a frame's type marks padding, to be skipped.
     *
     * @param type a frame's type field.
     * @return true for {@link #PADDING_TYPE}.
     */
    public static boolean isPadding(final int type)
    {
        return PADDING_TYPE == type;
    }

    /**
     * Where a frame read as {@code type} and {@code length} at {@code frame} ends: a record ends at
     * the next 8-byte boundary after its bytes, a padding frame exactly after its length.
     *
     * @param frame  the frame's offset.
     * @param type   its type field.
     * @param length its length field (a negative length is treated as 0 for a record).
     * @return the offset of the frame after it.
     */
    public static long frameEnd(final long frame, final int type, final int length)
    {
        return RECORD_TYPE == type ?
            nextFrame(frame + FRAME_HEADER_LENGTH, Math.max(length, 0)) : frame + FRAME_HEADER_LENGTH + length;
    }

    /**
     * Where the header of a record aligned to {@code alignment} goes, if the previous frame ends at
     * {@code position}: the gap between them becomes a padding frame.
     *
     * @param position  an 8-byte aligned offset.
     * @param alignment the record's alignment, a power of two from 1 to 4096.
     * @return the offset of the record's frame header, not below {@code position}.
     */
    public static long recordHeader(final long position, final int alignment)
    {
        return alignment <= FRAME_ALIGNMENT ?
            position : Alignment.alignUp(position + FRAME_HEADER_LENGTH, alignment) - FRAME_HEADER_LENGTH;
    }
}
