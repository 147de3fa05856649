package io.hoarfrost.array;

/**
 * A function from an index to a {@code float}: the {@code float} counterpart of
 * {@link java.util.function.IntToLongFunction}, which {@code java.util.function} lacks. Used by
 * the {@code ofFloats} factories to give element {@code i} its value without boxing.
 */
@FunctionalInterface
public interface IntToFloatFunction
{
    /**
     * The value for one index.
     *
     * @param index the element's index.
     * @return its value.
     */
    float applyAsFloat(int index);
}
