package io.hoarfrost.box;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * How many bytes a {@link SlimBox}'s length takes where it is stored: 1, 2, 4 or 8. The width
 * bounds the value's length and sets the size of a record handle ({@code 8 + width} bytes).
 *
 * <p>Lengths are read and written in native byte order. Immutable and thread-safe.
 *
 * <p>Ported from slimmer_box's {@code SlimmerMetadata} ({@code u8} .. {@code u64}).
 */
public enum LengthWidth
{
    /** 1-byte length: values up to 255 bytes; record handle 9 bytes, packed handle 8. */
    U8(1, 0xFFL),
    /** 2-byte length: values up to 65 535 bytes; record handle 10 bytes, packed handle 8. */
    U16(2, 0xFFFFL),
    /** 4-byte length: values up to 2<sup>32</sup>&minus;1 bytes (in Java, up to
     * {@link Integer#MAX_VALUE}: views are int-indexed); record handle 12 bytes. */
    U32(4, 0xFFFF_FFFFL),
    /** 8-byte length: any length (in Java, up to {@link Integer#MAX_VALUE}); record handle 16 bytes. */
    U64(8, Long.MAX_VALUE);

    private final int bytes;
    private final long maxLength;

    LengthWidth(final int bytes, final long maxLength)
    {
        this.bytes = bytes;
        this.maxLength = maxLength;
    }

    /**
     * Bytes the length takes.
     *
     * @return 1, 2, 4 or 8.
     */
    public int bytes()
    {
        return bytes;
    }

    /**
     * The longest value the width can describe.
     *
     * @return 255, 65 535, 2<sup>32</sup>&minus;1 or 2<sup>63</sup>&minus;1.
     */
    public long maxLength()
    {
        return maxLength;
    }

    /**
     * Bytes of a record handle with this width: an 8-byte address and the length.
     *
     * @return 9, 10, 12 or 16.
     */
    public int recordHandleBytes()
    {
        return Long.BYTES + bytes;
    }

    /**
     * Checks that a value of {@code length} bytes fits this width.
     *
     * @param length the value's length.
     * @return the length as an {@code int}, for chaining.
     * @throws IllegalArgumentException naming the length and the width if it is negative, longer
     *                                  than the width allows, or longer than
     *                                  {@link Integer#MAX_VALUE}.
     */
    public int checkLength(final long length)
    {
        if (length < 0 || length > maxLength || length > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("length " + length + " does not fit a " + this + " length (maximum " +
                Math.min(maxLength, Integer.MAX_VALUE) + ")");
        }
        return (int)length;
    }

    /**
     * Writes a length of this width.
     *
     * @param buffer where to write.
     * @param index  first byte.
     * @param length a length that {@link #checkLength(long) fits}.
     */
    public void putLength(final MutableDirectBuffer buffer, final int index, final long length)
    {
        switch (bytes)
        {
            case 1:
                buffer.putByte(index, (byte)length);
                break;
            case 2:
                buffer.putShort(index, (short)length);
                break;
            case 4:
                buffer.putInt(index, (int)length);
                break;
            default:
                buffer.putLong(index, length);
                break;
        }
    }

    /**
     * Reads a length of this width.
     *
     * @param buffer where to read.
     * @param index  first byte.
     * @return the length, unsigned.
     */
    public long getLength(final DirectBuffer buffer, final int index)
    {
        switch (bytes)
        {
            case 1:
                return buffer.getByte(index) & 0xFFL;
            case 2:
                return buffer.getShort(index) & 0xFFFFL;
            case 4:
                return buffer.getInt(index) & 0xFFFF_FFFFL;
            default:
                return buffer.getLong(index);
        }
    }
}
