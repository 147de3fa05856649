package io.hoarfrost.array;

/**
 * An action on one {@code float} element: the {@code float} counterpart of
 * {@link java.util.function.IntConsumer}, which {@code java.util.function} lacks. Used by
 * {@link AbstractLabeledArray#forEachFloat(FloatConsumer)} to pass each element without boxing.
 */
@FunctionalInterface
public interface FloatConsumer
{
    /**
     * Acts on one element.
     *
     * @param value the element's value.
     */
    void accept(float value);
}
