package io.hoarfrost.array;

/**
 * An action on one {@code char} element and its index (Rust's {@code iter().enumerate()}), used by
 * {@link AbstractLabeledArray#forEachCharIndexed(IndexedCharConsumer)} to pass each element without
 * boxing.
 */
@FunctionalInterface
public interface IndexedCharConsumer
{
    /**
     * Acts on one element.
     *
     * @param index the element's index, from 0.
     * @param value the element's value.
     */
    void accept(int index, char value);
}
