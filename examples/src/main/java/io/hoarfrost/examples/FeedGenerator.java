package io.hoarfrost.examples;

import io.hoarfrost.examples.sbe.AddOrderEncoder;
import io.hoarfrost.examples.sbe.DeleteOrderEncoder;
import io.hoarfrost.examples.sbe.MessageHeaderEncoder;
import io.hoarfrost.examples.sbe.ModifyOrderEncoder;
import io.hoarfrost.examples.sbe.Side;
import io.hoarfrost.examples.sbe.TradeEncoder;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A seeded, replayable stream of order-book messages (add, modify, delete, trade) over a number of
 * instruments, SBE-encoded: the same seed gives the same messages, whoever consumes them. It keeps
 * its own model of the live orders (at most {@link #MAX_ORDERS} per instrument) so that every
 * modify, delete and trade names a live order. Allocates nothing after construction.
 * Single-threaded.
 */
final class FeedGenerator
{
    /** Live orders per instrument at most. */
    static final int MAX_ORDERS = 24;
    /** The longest message, header included. */
    static final int MAX_MESSAGE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + AddOrderEncoder.BLOCK_LENGTH;

    private final int instruments;
    private final SplittableRandom random;
    private final byte[][] symbols;
    private final int[] counts;
    private final long[] orderIds;
    private final long[] prices;
    private final long[] quantities;
    private final byte[] sides;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AddOrderEncoder add = new AddOrderEncoder();
    private final ModifyOrderEncoder modify = new ModifyOrderEncoder();
    private final DeleteOrderEncoder delete = new DeleteOrderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private long nextOrderId = 1;
    private long generated;

    /**
     * A stream over {@code instruments} instruments from {@code seed}.
     *
     * @param instruments how many, ids 0 to {@code instruments - 1}.
     * @param seed        the seed: equal seeds, equal streams.
     */
    FeedGenerator(final int instruments, final long seed)
    {
        this.instruments = instruments;
        this.random = new SplittableRandom(seed);
        this.symbols = new byte[instruments][];
        for (int i = 0; i < instruments; i++)
        {
            symbols[i] = BookRules.symbol(i).getBytes(StandardCharsets.US_ASCII);
        }
        this.counts = new int[instruments];
        this.orderIds = new long[instruments * MAX_ORDERS];
        this.prices = new long[instruments * MAX_ORDERS];
        this.quantities = new long[instruments * MAX_ORDERS];
        this.sides = new byte[instruments * MAX_ORDERS];
    }

    /**
     * Encodes the next message at {@code offset}.
     *
     * @param buffer   where to encode it (an Aeron claim, say).
     * @param offset   where it starts.
     * @param sendTime the intended send time to carry, ns.
     * @return its length, at most {@link #MAX_MESSAGE_LENGTH}.
     */
    int next(final MutableDirectBuffer buffer, final int offset, final long sendTime)
    {
        generated++;
        final int instrument = random.nextInt(instruments);
        final int count = counts[instrument];
        final int roll = random.nextInt(100);
        final int first = instrument * MAX_ORDERS;
        if (count == 0 || (count < MAX_ORDERS && roll < 40))
        {
            final int side = random.nextInt(2);
            final int slot = first + count;
            orderIds[slot] = nextOrderId++;
            sides[slot] = (byte)side;
            prices[slot] = price(instrument, side);
            quantities[slot] = 1 + random.nextInt(100);
            counts[instrument] = count + 1;
            add.wrapAndApplyHeader(buffer, offset, header)
                .sendTime(sendTime).instrumentId(instrument).side(side == 0 ? Side.BID : Side.ASK)
                .orderId(orderIds[slot]).price(prices[slot]).quantity(quantities[slot])
                .putSymbol(symbols[instrument], 0);
            return MessageHeaderEncoder.ENCODED_LENGTH + add.encodedLength();
        }
        final int slot = first + random.nextInt(count);
        if (roll < 65)
        {
            prices[slot] = price(instrument, sides[slot]);
            quantities[slot] = 1 + random.nextInt(100);
            modify.wrapAndApplyHeader(buffer, offset, header)
                .sendTime(sendTime).instrumentId(instrument).orderId(orderIds[slot])
                .price(prices[slot]).quantity(quantities[slot]).putSymbol(symbols[instrument], 0);
            return MessageHeaderEncoder.ENCODED_LENGTH + modify.encodedLength();
        }
        if (roll < 85)
        {
            delete.wrapAndApplyHeader(buffer, offset, header)
                .sendTime(sendTime).instrumentId(instrument).orderId(orderIds[slot]).putSymbol(symbols[instrument], 0);
            remove(instrument, slot);
            return MessageHeaderEncoder.ENCODED_LENGTH + delete.encodedLength();
        }
        final long quantity = 1 + random.nextInt((int)quantities[slot]);
        trade.wrapAndApplyHeader(buffer, offset, header)
            .sendTime(sendTime).instrumentId(instrument).orderId(orderIds[slot])
            .price(prices[slot]).quantity(quantity).putSymbol(symbols[instrument], 0);
        quantities[slot] -= quantity;
        if (quantities[slot] == 0)
        {
            remove(instrument, slot);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    /**
     * How many messages were generated.
     *
     * @return the count.
     */
    long generated()
    {
        return generated;
    }

    private long price(final int instrument, final int side)
    {
        return BookRules.base(instrument) + (side == 0 ? 0 : BookRules.HALF) + random.nextInt(BookRules.HALF);
    }

    private void remove(final int instrument, final int slot)
    {
        final int last = instrument * MAX_ORDERS + counts[instrument] - 1;
        orderIds[slot] = orderIds[last];
        prices[slot] = prices[last];
        quantities[slot] = quantities[last];
        sides[slot] = sides[last];
        counts[instrument]--;
    }
}
