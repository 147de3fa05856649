package io.hoarfrost.memory;

/**
 * Alignment arithmetic shared by every allocator: validation of alignments and overflow-safe
 * rounding of sizes and addresses.
 */
public final class Alignment
{
    /** The smallest alignment: bytes packed with no padding. */
    public static final int MIN_ALIGNMENT = 1;

    /** The largest alignment any allocator of ours honours: one 4 KiB page. */
    public static final int MAX_ALIGNMENT = 4096;

    /** The alignment native blocks start at when no other is asked for. */
    public static final int DEFAULT_ALIGNMENT = 8;

    private Alignment()
    {
    }

    /**
     * Whether {@code alignment} is a power of two from {@link #MIN_ALIGNMENT} to
     * {@link #MAX_ALIGNMENT}.
     *
     * @param alignment the alignment to test.
     * @return true if it is valid.
     */
    public static boolean isValid(final int alignment)
    {
        return alignment >= MIN_ALIGNMENT && alignment <= MAX_ALIGNMENT && (alignment & (alignment - 1)) == 0;
    }

    /**
     * Checks an alignment.
     *
     * @param alignment the alignment to check.
     * @return the alignment, for chaining.
     * @throws IllegalArgumentException naming the alignment if it is not a power of two from 1 to 4096.
     */
    public static int check(final int alignment)
    {
        if (!isValid(alignment))
        {
            throw new IllegalArgumentException(
                "alignment " + alignment + " is not a power of two from " + MIN_ALIGNMENT + " to " + MAX_ALIGNMENT);
        }
        return alignment;
    }

    /**
     * Rounds {@code value} up to a multiple of {@code alignment}.
     *
     * @param value     a non-negative value.
     * @param alignment a valid alignment (see {@link #isValid(int)}); not checked here.
     * @return the smallest multiple of {@code alignment} not below {@code value}.
     * @throws IllegalArgumentException naming the value if rounding would overflow a {@code long}.
     */
    public static long alignUp(final long value, final int alignment)
    {
        final long mask = alignment - 1L;
        if (value > Long.MAX_VALUE - mask)
        {
            throw new IllegalArgumentException(
                "value " + value + " padded to alignment " + alignment + " overflows a long");
        }
        return (value + mask) & ~mask;
    }

    /**
     * Whether {@code address} is a multiple of {@code alignment}.
     *
     * @param address   an address or offset.
     * @param alignment a valid alignment; not checked here.
     * @return true if aligned.
     */
    public static boolean isAligned(final long address, final int alignment)
    {
        return (address & (alignment - 1L)) == 0;
    }
}
