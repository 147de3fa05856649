package io.hoarfrost.array;

import org.agrona.MutableDirectBuffer;

/**
 * A flyweight over one fixed-size record: an array element of a record {@link ElementType}, or an
 * array's label. {@link AbstractLabeledArray#record(int, RecordFlyweight)} and
 * {@link AbstractLabeledArray#label(RecordFlyweight)} point it at the record's bytes, in the style
 * of SBE's composite flyweights, so a record class reads and writes its fields at fixed offsets:
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
 * SBE-generated codecs need no adapter: wrap them over {@link AbstractLabeledArray#elements()} at
 * {@link AbstractLabeledArray#elementOffset(int)}.
 *
 * <p>A flyweight is not thread-safe; keep one per thread and re-point it, which allocates nothing.
 */
@FunctionalInterface
public interface RecordFlyweight
{
    /**
     * Points this flyweight at a record. The buffer is borrowed from the array handle: valid while
     * the handle holds its block, and it spans the whole label or all elements, so a record must
     * keep to its own bytes from {@code offset}.
     *
     * @param buffer the label view or the elements view of the array.
     * @param offset index of the record's first byte in {@code buffer}.
     */
    void wrap(MutableDirectBuffer buffer, int offset);
}
