package io.hoarfrost.array;

/**
 * A function from an index to a {@code char}: the {@code char} counterpart of
 * {@link java.util.function.IntToLongFunction}, which {@code java.util.function} lacks. Used by
 * the {@code ofChars} factories to give element {@code i} its value without boxing.
 */
@FunctionalInterface
public interface IntToCharFunction
{
    /**
     * The value for one index.
     *
     * @param index the element's index.
     * @return its value.
     */
    char applyAsChar(int index);
}
