package io.hoarfrost.examples;

/**
 * What a book is, shared by both handlers and the generator: each instrument's prices lie in a
 * window of {@link #LADDER} ticks starting at a multiple of {@link #LADDER}, bids in its lower
 * half and asks in its upper half, so a book never crosses and a price's level is
 * {@code price & (LADDER - 1)}. Readers see the top {@link #TOP} levels of each side.
 *
 * <p>The chain: every update of a book folds its version and best bid and ask (price and
 * quantity) into a running hash, so a snapshot's chain is a checksum of the best bid/ask of every
 * version the book went through, in order; readers checksum the chains they read.
 */
final class BookRules
{
    /** Ticks in an instrument's price window. */
    static final int LADDER = 64;
    /** Ticks per side. */
    static final int HALF = LADDER / 2;
    /** Levels per side in a snapshot. */
    static final int TOP = 5;
    /** Bytes of a symbol (SBE char[8], space padded). */
    static final int SYMBOL_LENGTH = 8;

    private BookRules()
    {
    }

    /**
     * The first price of an instrument's window.
     *
     * @param instrument the instrument id.
     * @return its base price, in ticks.
     */
    static long base(final int instrument)
    {
        return (long)LADDER * (16 + instrument);
    }

    /**
     * The chain after one more version.
     *
     * @param chain      the chain so far.
     * @param version    the book's new version.
     * @param bidPrice   best bid price, 0 if none.
     * @param bidQty     its quantity.
     * @param askPrice   best ask price, 0 if none.
     * @param askQty     its quantity.
     * @return the new chain.
     */
    static long chain(
        final long chain, final long version, final long bidPrice, final long bidQty, final long askPrice, final long askQty)
    {
        return Mix.mix(Mix.mix(Mix.mix(Mix.mix(Mix.mix(chain, version), bidPrice), bidQty), askPrice), askQty);
    }

    /**
     * The symbol of an instrument: {@code "I"} and its id, space padded to {@link #SYMBOL_LENGTH}.
     *
     * @param instrument the id.
     * @return its symbol.
     */
    static String symbol(final int instrument)
    {
        final StringBuilder sb = new StringBuilder("I").append(instrument);
        while (sb.length() < SYMBOL_LENGTH)
        {
            sb.append(' ');
        }
        return sb.toString();
    }
}
