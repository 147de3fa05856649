package io.hoarfrost.arena;

import io.hoarfrost.memory.RecordFlyweight;
import org.agrona.MutableDirectBuffer;

/**
 * A test flyweight over a record holding one long.
 */
final class LongRecord implements RecordFlyweight
{
    static final int LENGTH = 8;

    private MutableDirectBuffer buffer;
    private int offset;

    @Override
    public void wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
    }

    long address()
    {
        return buffer.addressOffset() + offset;
    }

    long value()
    {
        return buffer.getLong(offset);
    }

    LongRecord value(final long value)
    {
        buffer.putLong(offset, value);
        return this;
    }
}
