package io.hoarfrost.memory;

import org.agrona.MutableDirectBuffer;

/**
 * A flyweight over one fixed-size record, in the style of SBE's composite flyweights: whoever
 * holds the records (an array's elements or label, a {@code TypedArena}'s slots) points it at the
 * record's bytes with {@link #wrap(MutableDirectBuffer, int)}, and the record class reads and
 * writes its fields at fixed offsets. One interface for every container, so one record class
 * serves them all:
 *
 * <pre>{@code
 * final class Quote implements RecordFlyweight
 * {
 *     static final int PRICE_OFFSET = 0;
 *     static final int SIZE_OFFSET = 8;
 *     static final int LENGTH = 16;
 *
 *     private MutableDirectBuffer buffer;
 *     private int offset;
 *
 *     public void wrap(final MutableDirectBuffer buffer, final int offset)
 *     {
 *         this.buffer = buffer;
 *         this.offset = offset;
 *     }
 *
 *     long price() { return buffer.getLong(offset + PRICE_OFFSET); }
 *     void price(final long price) { buffer.putLong(offset + PRICE_OFFSET, price); }
 * }
 * }</pre>
 *
 * SBE-generated codecs need no adapter: wrap them over {@code AbstractLabeledArray.elements()} at
 * {@code AbstractLabeledArray.elementOffset(int)}.
 *
 * <p>Unlike the rest of the package, a flyweight is not thread-safe; keep one per thread and
 * re-point it, which allocates nothing.
 */
@FunctionalInterface
public interface RecordFlyweight
{
    /**
     * Points this flyweight at a record. Only assigns fields: no allocation, no check. The buffer
     * is borrowed from the container: valid while the container holds the record, and it may span
     * more than this record (all of an array's elements), so a record must keep to its own bytes
     * from {@code offset}.
     *
     * @param buffer a view that holds the record.
     * @param offset index of the record's first byte in {@code buffer}.
     */
    void wrap(MutableDirectBuffer buffer, int offset);
}
