package io.hoarfrost.array;

/**
 * An action on one {@code long} element and its index (Rust's {@code iter().enumerate()}), used by
 * {@link AbstractLabeledArray#forEachLongIndexed(IndexedLongConsumer)} to pass each element without
 * boxing.
 */
@FunctionalInterface
public interface IndexedLongConsumer
{
    /**
     * Acts on one element.
     *
     * @param index the element's index, from 0.
     * @param value the element's value.
     */
    void accept(int index, long value);
}
