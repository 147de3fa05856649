package io.hoarfrost.arena;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.zip.CRC32;

/**
 * Self-checking test records: {@code [index (8) | payload | CRC-32 of both (8)]}, the payload's
 * length and bytes derived from the index, so a reader can tell a whole record from a torn one.
 */
final class CheckedRecord
{
    static final int MAX_LENGTH = 16 + 240;

    private CheckedRecord()
    {
    }

    static int length(final long index)
    {
        return 16 + (int)(index * 7919 % 241);
    }

    /**
     * Writes record {@code index} at offset 0 and returns its length.
     */
    static int write(final MutableDirectBuffer buffer, final long index)
    {
        final int length = length(index);
        buffer.putLong(0, index);
        for (int i = 8; i < length - 8; i++)
        {
            buffer.putByte(i, (byte)(index * 31 + i));
        }
        buffer.putLong(length - 8, crc(buffer, length - 8));
        return length;
    }

    /**
     * Throws unless the buffer holds record {@code index}, whole.
     */
    static void verify(final DirectBuffer buffer, final int length, final long index)
    {
        if (length != length(index))
        {
            throw new AssertionError("record " + index + " has length " + length + ", expected " + length(index));
        }
        if (buffer.getLong(0) != index)
        {
            throw new AssertionError("record " + index + " holds index " + buffer.getLong(0));
        }
        if (buffer.getLong(length - 8) != crc(buffer, length - 8))
        {
            throw new AssertionError("record " + index + " fails its checksum");
        }
        for (int i = 8; i < length - 8; i++)
        {
            if (buffer.getByte(i) != (byte)(index * 31 + i))
            {
                throw new AssertionError("record " + index + " differs at byte " + i);
            }
        }
    }

    private static long crc(final DirectBuffer buffer, final int length)
    {
        final CRC32 crc = new CRC32();
        for (int i = 0; i < length; i++)
        {
            crc.update(buffer.getByte(i));
        }
        return crc.getValue();
    }
}
