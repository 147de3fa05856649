package io.hoarfrost.array;

/**
 * A function from an index to a {@code byte}: the {@code byte} counterpart of
 * {@link java.util.function.IntToLongFunction}, which {@code java.util.function} lacks. Used by
 * the {@code ofBytes} factories to give element {@code i} its value without boxing.
 */
@FunctionalInterface
public interface IntToByteFunction
{
    /**
     * The value for one index.
     *
     * @param index the element's index.
     * @return its value.
     */
    byte applyAsByte(int index);
}
