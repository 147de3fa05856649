package io.hoarfrost.examples;

/**
 * The final-state digest both handlers compute, spelled once: per instrument its counters and
 * every level (bids best first, then asks best first, empty levels included as zero), then the
 * sum over live orders (so the orders' order does not matter).
 */
final class Digests
{
    private Digests()
    {
    }

    static long book(
        final long digest, final long version, final long chain, final long orders, final long lastTrade, final long volume)
    {
        return Mix.mix(Mix.mix(Mix.mix(Mix.mix(Mix.mix(digest, version), chain), orders), lastTrade), volume);
    }

    static long level(final long digest, final long price, final long quantity)
    {
        return Mix.mix(Mix.mix(digest, price), quantity);
    }

    static long order(final long orderId, final long quantity, final long price)
    {
        return Mix.mix(Mix.mix(Mix.mix(0, orderId), quantity), price);
    }
}
