package io.hoarfrost.array;

import io.hoarfrost.memory.RecordFlyweight;
import org.agrona.MutableDirectBuffer;

/** A 16-byte record element: a price and a quantity. */
final class Quote implements RecordFlyweight
{
    static final int PRICE_OFFSET = 0;
    static final int SIZE_OFFSET = 8;
    static final int LENGTH = 16;
    static final ElementType TYPE = ElementType.record(LENGTH, 8);

    private MutableDirectBuffer buffer;
    private int offset;

    @Override
    public void wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
    }

    long price()
    {
        return buffer.getLong(offset + PRICE_OFFSET);
    }

    Quote price(final long price)
    {
        buffer.putLong(offset + PRICE_OFFSET, price);
        return this;
    }

    int size()
    {
        return buffer.getInt(offset + SIZE_OFFSET);
    }

    Quote size(final int size)
    {
        buffer.putInt(offset + SIZE_OFFSET, size);
        return this;
    }
}
