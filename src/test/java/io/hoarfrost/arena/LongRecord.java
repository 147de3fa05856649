package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;

/**
 * A test flyweight over a record holding one long.
 */
final class LongRecord implements RecordFlyweight
{
    static final int LENGTH = 8;

    private long address;

    @Override
    public void wrap(final long address)
    {
        this.address = address;
    }

    long address()
    {
        return address;
    }

    long value()
    {
        return Memory.getLong(address);
    }

    LongRecord value(final long value)
    {
        Memory.putLong(address, value);
        return this;
    }
}
