package io.hoarfrost.array;

/**
 * A function from an index to a {@code short}: the {@code short} counterpart of
 * {@link java.util.function.IntToLongFunction}, which {@code java.util.function} lacks. Used by
 * the {@code ofShorts} factories to give element {@code i} its value without boxing.
 */
@FunctionalInterface
public interface IntToShortFunction
{
    /**
     * The value for one index.
     *
     * @param index the element's index.
     * @return its value.
     */
    short applyAsShort(int index);
}
