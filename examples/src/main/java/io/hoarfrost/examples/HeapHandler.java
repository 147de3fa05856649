package io.hoarfrost.examples;

import io.hoarfrost.examples.sbe.AddOrderDecoder;
import io.hoarfrost.examples.sbe.DeleteOrderDecoder;
import io.hoarfrost.examples.sbe.MessageHeaderDecoder;
import io.hoarfrost.examples.sbe.ModifyOrderDecoder;
import io.hoarfrost.examples.sbe.Side;
import io.hoarfrost.examples.sbe.TradeDecoder;
import io.hoarfrost.journal.Journal;
import org.agrona.DirectBuffer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The same handler written the usual heap way: each message copied into a {@code byte[]} and
 * journalled from it, symbols decoded into {@code String}s, books in a {@code HashMap<String, HeapBook>},
 * an object per order in a {@code HashMap<Long, HeapOrder>}, levels in {@code TreeMap}s, and a new
 * {@code long[]} top of book per update published through an {@code AtomicReference}. Same rules,
 * same journal, same readers as {@link HoarfrostHandler}. Confined to the handler thread, except
 * the published tops.
 */
final class HeapHandler extends FeedHandler
{
    private final int instruments;
    private final Journal journal;
    private final Map<String, HeapBook> books = new HashMap<>();
    private final Map<Long, HeapOrder> orders = new HashMap<>();
    private final AtomicReferenceArray<HeapBook> published;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AddOrderDecoder add = new AddOrderDecoder();
    private final ModifyOrderDecoder modify = new ModifyOrderDecoder();
    private final DeleteOrderDecoder delete = new DeleteOrderDecoder();
    private final TradeDecoder trade = new TradeDecoder();

    HeapHandler(final int instruments, final Journal journal)
    {
        this.instruments = instruments;
        this.journal = journal;
        this.published = new AtomicReferenceArray<>(instruments);
    }

    @Override
    long handle(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] message = new byte[length];
        buffer.getBytes(offset, message);
        journal.append(message, 0, length);

        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final long sendTime;
        final HeapBook book;
        switch (header.templateId())
        {
            case AddOrderDecoder.TEMPLATE_ID:
            {
                add.wrap(buffer, body, blockLength, version);
                sendTime = add.sendTime();
                book = book(add.symbol(), add.instrumentId());
                final HeapOrder order = new HeapOrder(add.orderId(), add.instrumentId(), add.side() == Side.BID,
                    book.symbol, add.price(), add.quantity());
                orders.put(order.orderId, order);
                book.add(order.bid, order.price, order.quantity);
                book.orders++;
                break;
            }
            case ModifyOrderDecoder.TEMPLATE_ID:
            {
                modify.wrap(buffer, body, blockLength, version);
                sendTime = modify.sendTime();
                book = book(modify.symbol(), modify.instrumentId());
                final HeapOrder order = order(modify.orderId());
                book.add(order.bid, order.price, -order.quantity);
                order.price = modify.price();
                order.quantity = modify.quantity();
                book.add(order.bid, order.price, order.quantity);
                break;
            }
            case DeleteOrderDecoder.TEMPLATE_ID:
            {
                delete.wrap(buffer, body, blockLength, version);
                sendTime = delete.sendTime();
                book = book(delete.symbol(), delete.instrumentId());
                final HeapOrder order = order(delete.orderId());
                book.add(order.bid, order.price, -order.quantity);
                orders.remove(order.orderId);
                book.orders--;
                break;
            }
            case TradeDecoder.TEMPLATE_ID:
            {
                trade.wrap(buffer, body, blockLength, version);
                sendTime = trade.sendTime();
                book = book(trade.symbol(), trade.instrumentId());
                final HeapOrder order = order(trade.orderId());
                final long quantity = trade.quantity();
                book.add(order.bid, order.price, -quantity);
                book.lastTrade = trade.price();
                book.volume += quantity;
                order.quantity -= quantity;
                if (order.quantity == 0)
                {
                    orders.remove(order.orderId);
                    book.orders--;
                }
                break;
            }
            default:
                throw new IllegalStateException("unknown template " + header.templateId());
        }
        publish(book);
        return sendTime;
    }

    private HeapBook book(final String symbol, final int instrument)
    {
        HeapBook book = books.get(symbol);
        if (null == book)
        {
            book = new HeapBook(symbol, instrument);
            books.put(symbol, book);
            published.set(instrument, book);
        }
        return book;
    }

    private HeapOrder order(final long orderId)
    {
        final HeapOrder order = orders.get(orderId);
        if (null == order)
        {
            throw new IllegalStateException("no live order " + orderId);
        }
        return order;
    }

    private static void top(final Iterable<HeapBook.Level> side, final long[] values, final int prices, final int quantities)
    {
        int level = 0;
        for (final HeapBook.Level each : side)
        {
            if (level == BookRules.TOP)
            {
                break;
            }
            values[prices + level] = each.price;
            values[quantities + level++] = each.quantity;
        }
    }

    private void publish(final HeapBook book)
    {
        final long[] values = new long[Snapshot.LONGS];
        top(book.bids.values(), values, Snapshot.BID_PRICE, Snapshot.BID_QTY);
        top(book.asks.values(), values, Snapshot.ASK_PRICE, Snapshot.ASK_QTY);
        book.version++;
        book.chain = BookRules.chain(book.chain, book.version, values[Snapshot.BID_PRICE], values[Snapshot.BID_QTY],
            values[Snapshot.ASK_PRICE], values[Snapshot.ASK_QTY]);
        values[Snapshot.VERSION] = book.version;
        values[Snapshot.CHAIN] = book.chain;
        long check = 0;
        for (int i = 0; i < Snapshot.CHECK; i++)
        {
            check = Mix.mix(check, values[i]);
        }
        values[Snapshot.CHECK] = check;
        book.latest.set(values);
    }

    @Override
    long digest()
    {
        long digest = 0;
        for (int instrument = 0; instrument < instruments; instrument++)
        {
            digest = Mix.mix(digest, instrument);
            final HeapBook book = books.get(BookRules.symbol(instrument));
            if (null == book)
            {
                continue;
            }
            final long base = BookRules.base(instrument);
            digest = Digests.book(digest, book.version, book.chain, book.orders, book.lastTrade, book.volume);
            for (int tick = BookRules.HALF - 1; tick >= 0; tick--)
            {
                digest = Digests.level(digest, base + tick, book.quantity(true, base + tick));
            }
            for (int tick = BookRules.HALF; tick < BookRules.LADDER; tick++)
            {
                digest = Digests.level(digest, base + tick, book.quantity(false, base + tick));
            }
        }
        long orderSum = 0;
        for (final HeapOrder order : orders.values())
        {
            orderSum += Digests.order(order.orderId, order.quantity, order.price);
        }
        return Mix.mix(digest, orderSum);
    }

    @Override
    BookReader newReader()
    {
        return new BookReader(instruments)
        {
            @Override
            boolean sample(final int instrument)
            {
                final HeapBook book = published.get(instrument);
                final long[] top = null == book ? null : book.latest.get();
                if (null == top)
                {
                    return false;
                }
                System.arraycopy(top, 0, values, 0, Snapshot.LONGS);
                return true;
            }
        };
    }

    @Override
    void pretouch()
    {
        journal.pretouch();
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
