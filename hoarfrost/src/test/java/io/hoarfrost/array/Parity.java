package io.hoarfrost.array;

import io.hoarfrost.memory.RecordFlyweight;
import org.agrona.MutableDirectBuffer;

/** heaparray's doc-example label {@code MyLabel { even, odd }}, as a record flyweight. */
final class Parity implements RecordFlyweight
{
    static final int EVEN_OFFSET = 0;
    static final int ODD_OFFSET = 8;
    static final int LENGTH = 16;

    private MutableDirectBuffer buffer;
    private int offset;

    @Override
    public void wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
    }

    long even()
    {
        return buffer.getLong(offset + EVEN_OFFSET);
    }

    void even(final long even)
    {
        buffer.putLong(offset + EVEN_OFFSET, even);
    }

    long odd()
    {
        return buffer.getLong(offset + ODD_OFFSET);
    }

    void odd(final long odd)
    {
        buffer.putLong(offset + ODD_OFFSET, odd);
    }
}
