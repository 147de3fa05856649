package io.hoarfrost.examples;

import java.util.Collections;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An instrument's book, the heap way: price levels as objects in two {@code TreeMap}s (bids best
 * first, asks best first), counters as fields, and the latest top of book for readers in an
 * {@code AtomicReference} (a new immutable {@code long[]} per update).
 */
final class HeapBook
{
    final String symbol;
    final int instrument;
    final TreeMap<Long, Level> bids = new TreeMap<>(Collections.reverseOrder());
    final TreeMap<Long, Level> asks = new TreeMap<>();
    final AtomicReference<long[]> latest = new AtomicReference<>();
    long version;
    long chain;
    long orders;
    long lastTrade;
    long volume;

    HeapBook(final String symbol, final int instrument)
    {
        this.symbol = symbol;
        this.instrument = instrument;
    }

    /** Adds {@code quantity} (negative to take away) at a price; an emptied level goes. */
    void add(final boolean bid, final long price, final long quantity)
    {
        final TreeMap<Long, Level> side = bid ? bids : asks;
        Level level = side.get(price);
        if (null == level)
        {
            level = new Level(price);
            side.put(price, level);
        }
        level.quantity += quantity;
        if (level.quantity == 0)
        {
            side.remove(price);
        }
    }

    /** The quantity at a price, 0 if no level. */
    long quantity(final boolean bid, final long price)
    {
        final Level level = (bid ? bids : asks).get(price);
        return null == level ? 0 : level.quantity;
    }

    /** One price level. */
    static final class Level
    {
        final long price;
        long quantity;

        Level(final long price)
        {
            this.price = price;
        }
    }
}
