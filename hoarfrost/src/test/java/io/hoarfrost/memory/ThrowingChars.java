package io.hoarfrost.memory;

/**
 * ASCII text whose {@link #charAt(int)} throws an {@link Error} on its {@code n}th call (counting
 * from 1): the seam for an {@code Error} in the middle of a UTF-8 encode. The measuring pass calls
 * {@code charAt} once per char, so {@code failAt = length + k} fails on the {@code k}th char of the
 * encoding pass, after the block is allocated.
 */
public final class ThrowingChars implements CharSequence
{
    /** The error thrown. */
    public static final class Boom extends Error
    {
        private static final long serialVersionUID = 1L;

        Boom()
        {
            super("charAt failed mid-encode");
        }
    }

    private final int length;
    private final int failAt;
    private int calls;

    /**
     * @param length the number of chars ('x').
     * @param failAt the {@code charAt} call that throws, from 1.
     */
    public ThrowingChars(final int length, final int failAt)
    {
        this.length = length;
        this.failAt = failAt;
    }

    /**
     * Text that fails half-way through the encoding pass, after the measuring pass succeeded.
     *
     * @param length the number of chars, at least 2.
     * @return the text.
     */
    public static ThrowingChars midEncode(final int length)
    {
        return new ThrowingChars(length, length + length / 2);
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public char charAt(final int index)
    {
        if (++calls == failAt)
        {
            throw new Boom();
        }
        return 'x';
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            sb.append('x');
        }
        return sb.toString();
    }
}
