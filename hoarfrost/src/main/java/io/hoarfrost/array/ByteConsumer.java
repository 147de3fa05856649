package io.hoarfrost.array;

/**
 * An action on one {@code byte} element: the {@code byte} counterpart of
 * {@link java.util.function.IntConsumer}, which {@code java.util.function} lacks. Used by
 * {@link AbstractLabeledArray#forEachByte(ByteConsumer)} to pass each element without boxing.
 */
@FunctionalInterface
public interface ByteConsumer
{
    /**
     * Acts on one element.
     *
     * @param value the element's value.
     */
    void accept(byte value);
}
