package io.hoarfrost.examples;

/** A resting order, the heap way: one object per order, its symbol a {@code String}. */
final class HeapOrder
{
    final long orderId;
    final int instrument;
    final boolean bid;
    final String symbol;
    long price;
    long quantity;

    HeapOrder(final long orderId, final int instrument, final boolean bid, final String symbol, final long price,
        final long quantity)
    {
        this.orderId = orderId;
        this.instrument = instrument;
        this.bid = bid;
        this.symbol = symbol;
        this.price = price;
        this.quantity = quantity;
    }
}
