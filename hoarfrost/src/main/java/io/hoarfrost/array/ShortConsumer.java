package io.hoarfrost.array;

/**
 * An action on one {@code short} element: the {@code short} counterpart of
 * {@link java.util.function.IntConsumer}, which {@code java.util.function} lacks. Used by
 * {@link AbstractLabeledArray#forEachShort(ShortConsumer)} to pass each element without boxing.
 */
@FunctionalInterface
public interface ShortConsumer
{
    /**
     * Acts on one element.
     *
     * @param value the element's value.
     */
    void accept(short value);
}
