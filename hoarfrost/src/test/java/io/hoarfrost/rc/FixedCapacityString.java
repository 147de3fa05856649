package io.hoarfrost.rc;

import io.hoarfrost.memory.Memory;

import java.nio.charset.StandardCharsets;

/**
 * kroos's fixed-capacity string example: the length lives in the metadata ({@code int} at offset
 * 0), the bytes in the data, and edits happen in place within the capacity.
 */
final class FixedCapacityString implements AutoCloseable
{
    private static final int LENGTH_OFFSET = 0;

    private final Rime rime;
    private final int capacity;

    FixedCapacityString(final Counter counter, final int capacity)
    {
        this.rime = Rime.allocateZeroed(counter, Integer.BYTES, capacity);
        this.capacity = capacity;
    }

    Rime rime()
    {
        return rime;
    }

    void set(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        checkCapacity(bytes.length);
        Memory.copy(bytes, 0, rime.dataAddress(), bytes.length);
        rime.metadata().putInt(LENGTH_OFFSET, bytes.length);
    }

    void append(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final int length = rime.metadata().getInt(LENGTH_OFFSET);
        checkCapacity((long)length + bytes.length);
        Memory.copy(bytes, 0, rime.dataAddress() + length, bytes.length);
        rime.metadata().putInt(LENGTH_OFFSET, length + bytes.length);
    }

    private void checkCapacity(final long length)
    {
        if (length > capacity)
        {
            throw new IllegalArgumentException("length " + length + " exceeds capacity " + capacity);
        }
    }

    @Override
    public String toString()
    {
        return rime.data().getStringWithoutLengthUtf8(0, rime.metadata().getInt(LENGTH_OFFSET));
    }

    @Override
    public void close()
    {
        rime.close();
    }
}
