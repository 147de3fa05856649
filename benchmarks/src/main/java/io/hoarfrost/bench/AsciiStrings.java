package io.hoarfrost.bench;

/**
 * The input of the SlimBox footprint and store benchmarks: {@value #COUNT} ASCII strings of 8 to
 * 24 bytes (string {@code i} has {@code 8 + i % 17} bytes, mean 16.0), lower-case letters from a
 * fixed-seed xorshift, laid back to back in one {@code byte[]} pool, as if just received. Every
 * representation is built from the same pool.
 *
 * <p>The footprint scaling takes other counts ({@link #pool(int)}): the strings of a smaller pool
 * are the first strings of a larger one, byte for byte.
 */
final class AsciiStrings
{
    /** How many strings. */
    static final int COUNT = 1_000_000;

    /** The shortest string. */
    static final int MIN_LENGTH = 8;

    /** The longest string. */
    static final int MAX_LENGTH = 24;

    /** The most strings a pool can hold: its bytes must fit in one array. */
    static final int MAX_COUNT = Integer.MAX_VALUE / MAX_LENGTH;

    private static final int LENGTHS = MAX_LENGTH - MIN_LENGTH + 1;
    private static final long SEED = 0x9E3779B97F4A7C15L;

    private AsciiStrings()
    {
    }

    /**
     * The length of string {@code i}.
     *
     * @param i from 0 to the string count &minus; 1.
     * @return 8 to 24.
     */
    static int length(final int i)
    {
        return MIN_LENGTH + i % LENGTHS;
    }

    /**
     * The bytes of all {@value #COUNT} strings together.
     *
     * @return the sum of {@link #length(int)} over all strings.
     */
    static int totalLength()
    {
        return totalLength(COUNT);
    }

    /**
     * The bytes of the first {@code count} strings together.
     *
     * @param count how many strings, from 0 to {@link #MAX_COUNT}.
     * @return the sum of {@link #length(int)} over them.
     * @throws IllegalArgumentException naming the count if it is out of range.
     */
    static int totalLength(final int count)
    {
        if (count < 0 || count > MAX_COUNT)
        {
            throw new IllegalArgumentException("string count " + count + " must be from 0 to " + MAX_COUNT);
        }
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            total += length(i);
        }
        return total;
    }

    /**
     * Generates the pool of all {@value #COUNT} strings.
     *
     * @return a new array of {@link #totalLength()} bytes; the caller owns it.
     */
    static byte[] pool()
    {
        return pool(COUNT);
    }

    /**
     * Generates the pool of the first {@code count} strings: string {@code i} starts where string
     * {@code i - 1} ends.
     *
     * @param count how many strings, from 0 to {@link #MAX_COUNT}.
     * @return a new array of {@link #totalLength(int)} bytes; the caller owns it.
     * @throws IllegalArgumentException naming the count if it is out of range.
     */
    static byte[] pool(final int count)
    {
        final byte[] pool = new byte[totalLength(count)];
        long x = SEED;
        for (int i = 0; i < pool.length; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            pool[i] = (byte)('a' + (int)((x >>> 33) % 26));
        }
        return pool;
    }
}
