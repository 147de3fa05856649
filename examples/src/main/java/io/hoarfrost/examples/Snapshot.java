package io.hoarfrost.examples;

/**
 * The top of one book as readers see it, the same 23 longs in both handlers (off heap in a
 * snapshot block, on the heap in a {@code long[]}):
 * <pre>
 *   0      version       the book's update count
 *   1      chain         see {@link BookRules}
 *   2..6   bid prices    best first; 0 where the side has fewer levels
 *   7..11  bid quantities
 *   12..16 ask prices    best first
 *   17..21 ask quantities
 *   22     check         {@link Mix} over longs 0..21: a torn or recycled snapshot fails it
 * </pre>
 */
final class Snapshot
{
    /** Index of the version. */
    static final int VERSION = 0;
    /** Index of the chain. */
    static final int CHAIN = 1;
    /** Index of the first bid price. */
    static final int BID_PRICE = 2;
    /** Index of the first bid quantity. */
    static final int BID_QTY = BID_PRICE + BookRules.TOP;
    /** Index of the first ask price. */
    static final int ASK_PRICE = BID_QTY + BookRules.TOP;
    /** Index of the first ask quantity. */
    static final int ASK_QTY = ASK_PRICE + BookRules.TOP;
    /** Index of the check. */
    static final int CHECK = ASK_QTY + BookRules.TOP;
    /** Longs in a snapshot. */
    static final int LONGS = CHECK + 1;
    /** Bytes in a snapshot. */
    static final int BYTES = LONGS * Long.BYTES;

    private Snapshot()
    {
    }
}
