package io.hoarfrost.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Test records derived from their sequence: {@code [sequence (8) | bytes]}, length and bytes a
 * function of the sequence, so a reader can check each record is the one with that sequence,
 * whole.
 */
final class JournalRecords
{
    static final int MAX_LENGTH = 8 + 120;

    private JournalRecords()
    {
    }

    static int length(final long sequence)
    {
        return 8 + (int)(sequence * 7919 % 121);
    }

    /** Writes record {@code sequence} at {@code offset} and returns its length. */
    static int write(final MutableDirectBuffer buffer, final int offset, final long sequence)
    {
        final int length = length(sequence);
        buffer.putLong(offset, sequence);
        for (int i = 8; i < length; i++)
        {
            buffer.putByte(offset + i, (byte)(sequence * 31 + i));
        }
        return length;
    }

    /** Throws unless the buffer holds record {@code sequence}, whole. */
    static void verify(final DirectBuffer buffer, final int length, final long sequence)
    {
        if (length != length(sequence))
        {
            throw new AssertionError("record " + sequence + " has length " + length + ", expected " + length(sequence));
        }
        if (buffer.getLong(0) != sequence)
        {
            throw new AssertionError("record " + sequence + " holds sequence " + buffer.getLong(0));
        }
        for (int i = 8; i < length; i++)
        {
            if (buffer.getByte(i) != (byte)(sequence * 31 + i))
            {
                throw new AssertionError("record " + sequence + " differs at byte " + i);
            }
        }
    }

    /** Reads every record from the reader's position on, checking each; returns how many. */
    static long verifyAll(final JournalReader reader, final long firstSequence)
    {
        long expected = firstSequence;
        while (reader.next())
        {
            if (reader.sequence() != expected)
            {
                throw new AssertionError("read sequence " + reader.sequence() + ", expected " + expected);
            }
            verify(reader.buffer(), reader.length(), expected);
            expected++;
        }
        return expected - firstSequence;
    }
}
