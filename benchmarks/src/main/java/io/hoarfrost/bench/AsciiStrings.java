package io.hoarfrost.bench;

/**
 * The input of the SlimBox footprint and store benchmarks: {@value #COUNT} ASCII strings of 8 to
 * 24 bytes (string {@code i} has {@code 8 + i % 17} bytes, mean 16.0), lower-case letters from a
 * fixed-seed xorshift, laid back to back in one {@code byte[]} pool, as if just received. Every
 * representation is built from the same pool.
 */
final class AsciiStrings
{
    /** How many strings. */
    static final int COUNT = 1_000_000;

    /** The shortest string. */
    static final int MIN_LENGTH = 8;

    /** The longest string. */
    static final int MAX_LENGTH = 24;

    private static final int LENGTHS = MAX_LENGTH - MIN_LENGTH + 1;
    private static final long SEED = 0x9E3779B97F4A7C15L;

    private AsciiStrings()
    {
    }

    /**
     * The length of string {@code i}.
     *
     * @param i from 0 to {@value #COUNT} &minus; 1.
     * @return 8 to 24.
     */
    static int length(final int i)
    {
        return MIN_LENGTH + i % LENGTHS;
    }

    /**
     * The bytes of all strings together.
     *
     * @return the sum of {@link #length(int)} over all strings.
     */
    static int totalLength()
    {
        int total = 0;
        for (int i = 0; i < COUNT; i++)
        {
            total += length(i);
        }
        return total;
    }

    /**
     * Generates the pool: string {@code i} starts where string {@code i - 1} ends.
     *
     * @return a new array of {@link #totalLength()} bytes; the caller owns it.
     */
    static byte[] pool()
    {
        final byte[] pool = new byte[totalLength()];
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
