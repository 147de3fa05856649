package io.hoarfrost.array;

/**
 * An action on one {@code char} element: the {@code char} counterpart of
 * {@link java.util.function.IntConsumer}, which {@code java.util.function} lacks. Used by
 * {@link AbstractLabeledArray#forEachChar(CharConsumer)} to pass each element without boxing.
 */
@FunctionalInterface
public interface CharConsumer
{
    /**
     * Acts on one element.
     *
     * @param value the element's value.
     */
    void accept(char value);
}
