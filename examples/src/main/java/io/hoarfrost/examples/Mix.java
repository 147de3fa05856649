package io.hoarfrost.examples;

/**
 * The one hash both handlers and their readers use for checksums and digests, so that equal states
 * give equal numbers: a 64-bit mix (the finaliser of SplitMix64) folded over a sequence of longs.
 */
final class Mix
{
    private Mix()
    {
    }

    /**
     * Folds {@code value} into {@code hash}.
     *
     * @param hash  the hash so far.
     * @param value the next value.
     * @return the new hash.
     */
    static long mix(final long hash, final long value)
    {
        long z = (hash ^ value) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
