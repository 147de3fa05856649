package io.hoarfrost.examples;

import io.hoarfrost.array.ArrayLayout;
import io.hoarfrost.array.ElementType;
import io.hoarfrost.box.SlimHandle;
import io.hoarfrost.examples.sbe.AddOrderDecoder;
import io.hoarfrost.examples.sbe.DeleteOrderDecoder;
import io.hoarfrost.examples.sbe.MessageHeaderDecoder;
import io.hoarfrost.examples.sbe.ModifyOrderDecoder;
import io.hoarfrost.examples.sbe.TradeDecoder;
import io.hoarfrost.journal.Journal;
import io.hoarfrost.journal.JournalClaim;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.pool.ConcurrentPool;
import io.hoarfrost.pool.Pool;
import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.OffHeapSnapshotCell;
import io.hoarfrost.rc.RimeLayout;
import io.hoarfrost.rc.SnapshotCell;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The market-data handler on Hoarfrost. Per message, with no heap allocation: the SBE message is
 * decoded in place from Aeron's buffer and copied once, straight into a {@link JournalClaim}; the
 * instrument's book is a label-headed array (the label below, then {@link BookRules#LADDER} longs:
 * the quantity at each tick of its price window); a new order is a 32-byte record from a
 * {@link Pool}, found by id through an Agrona {@code Long2LongHashMap}; the symbol is interned once
 * per instrument as a slim box (an 8-byte packed handle in the label); the book's top levels are
 * written into a counted block from a {@link ConcurrentPool} and published through the snapshot
 * cell in the label, which readers {@code acquire()}.
 * <pre>
 *   label (64 bytes)                          order record (32 bytes)
 *   0  instrument id                          0  order id
 *   8  symbol: packed slim handle             8  price
 *   16 version (updates)                      16 quantity
 *   24 chain                                  24 instrument (int)
 *   32 live orders                            28 side (int: 0 bid, 1 ask)
 *   40 last trade price
 *   48 traded volume
 *   56 snapshot cell (8 bytes)
 * </pre>
 * Confined to the handler thread (the pool, the journal), except the books' cells, which readers
 * share.
 */
final class HoarfrostHandler extends FeedHandler
{
    static final int INSTRUMENT_OFFSET = 0;
    static final int SYMBOL_OFFSET = 8;
    static final int VERSION_OFFSET = 16;
    static final int CHAIN_OFFSET = 24;
    static final int ORDERS_OFFSET = 32;
    static final int LAST_TRADE_OFFSET = 40;
    static final int VOLUME_OFFSET = 48;
    static final int CELL_OFFSET = 56;
    static final int LABEL_LENGTH = 64;

    static final int ORDER_ID_OFFSET = 0;
    static final int ORDER_PRICE_OFFSET = 8;
    static final int ORDER_QTY_OFFSET = 16;
    static final int ORDER_INSTRUMENT_OFFSET = 24;
    static final int ORDER_SIDE_OFFSET = 28;
    static final int ORDER_LENGTH = 32;

    private static final Counter SNAPSHOT_COUNTER = Counter.ATOMIC_U64;

    private final int instruments;
    private final ArrayLayout books = ArrayLayout.thin(ElementType.LONG).withLabel(LABEL_LENGTH);
    private final long[] bookOf;
    private final AtomicLongArray published;
    private final Pool orders;
    private final Long2LongHashMap orderIndex;
    private final ConcurrentPool snapshotPool;
    private final RimeLayout snapshots;
    private final Journal journal;
    private final JournalClaim claim = new JournalClaim();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AddOrderDecoder add = new AddOrderDecoder();
    private final ModifyOrderDecoder modify = new ModifyOrderDecoder();
    private final DeleteOrderDecoder delete = new DeleteOrderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private OffHeapSnapshotCell cell;

    /**
     * A handler for {@code instruments} instruments, journalling into {@code journal}; create it on
     * the thread that will handle the messages.
     */
    HoarfrostHandler(final int instruments, final Journal journal)
    {
        this.instruments = instruments;
        this.journal = journal;
        this.bookOf = new long[instruments];
        this.published = new AtomicLongArray(instruments);
        final int maxOrders = instruments * FeedGenerator.MAX_ORDERS;
        this.orders = Pool.create(ORDER_LENGTH, maxOrders);
        this.orderIndex = new Long2LongHashMap(maxOrders * 2, 0.65f, 0L);
        final RimeLayout shape = RimeLayout.of(NativeAllocator.INSTANCE, SNAPSHOT_COUNTER, 0, Long.BYTES);
        this.snapshotPool = ConcurrentPool.create((int)shape.blockSize(Snapshot.BYTES), shape.blockAlignment());
        this.snapshots = shape.withAllocator(snapshotPool);
    }

    @Override
    long handle(final DirectBuffer buffer, final int offset, final int length)
    {
        journal.claim(length, claim);
        claim.buffer().putBytes(claim.offset(), buffer, offset, length);
        claim.commit();

        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final long sendTime;
        final long book;
        switch (header.templateId())
        {
            case AddOrderDecoder.TEMPLATE_ID:
            {
                add.wrap(buffer, body, blockLength, version);
                sendTime = add.sendTime();
                book = book(add.instrumentId(), buffer, body + AddOrderDecoder.symbolEncodingOffset());
                final long order = orders.allocate();
                Memory.putLong(order + ORDER_ID_OFFSET, add.orderId());
                Memory.putLong(order + ORDER_PRICE_OFFSET, add.price());
                Memory.putLong(order + ORDER_QTY_OFFSET, add.quantity());
                Memory.putInt(order + ORDER_INSTRUMENT_OFFSET, add.instrumentId());
                Memory.putInt(order + ORDER_SIDE_OFFSET, add.sideRaw());
                orderIndex.put(add.orderId(), order);
                addLevel(book, add.price(), add.quantity());
                addLong(books.labelAddress(book) + ORDERS_OFFSET, 1);
                break;
            }
            case ModifyOrderDecoder.TEMPLATE_ID:
            {
                modify.wrap(buffer, body, blockLength, version);
                sendTime = modify.sendTime();
                book = book(modify.instrumentId(), buffer, body + ModifyOrderDecoder.symbolEncodingOffset());
                final long order = order(modify.orderId());
                addLevel(book, Memory.getLong(order + ORDER_PRICE_OFFSET), -Memory.getLong(order + ORDER_QTY_OFFSET));
                Memory.putLong(order + ORDER_PRICE_OFFSET, modify.price());
                Memory.putLong(order + ORDER_QTY_OFFSET, modify.quantity());
                addLevel(book, modify.price(), modify.quantity());
                break;
            }
            case DeleteOrderDecoder.TEMPLATE_ID:
            {
                delete.wrap(buffer, body, blockLength, version);
                sendTime = delete.sendTime();
                book = book(delete.instrumentId(), buffer, body + DeleteOrderDecoder.symbolEncodingOffset());
                final long order = order(delete.orderId());
                addLevel(book, Memory.getLong(order + ORDER_PRICE_OFFSET), -Memory.getLong(order + ORDER_QTY_OFFSET));
                removeOrder(book, delete.orderId(), order);
                break;
            }
            case TradeDecoder.TEMPLATE_ID:
            {
                trade.wrap(buffer, body, blockLength, version);
                sendTime = trade.sendTime();
                book = book(trade.instrumentId(), buffer, body + TradeDecoder.symbolEncodingOffset());
                final long order = order(trade.orderId());
                final long quantity = trade.quantity();
                addLevel(book, Memory.getLong(order + ORDER_PRICE_OFFSET), -quantity);
                final long label = books.labelAddress(book);
                Memory.putLong(label + LAST_TRADE_OFFSET, trade.price());
                addLong(label + VOLUME_OFFSET, quantity);
                final long left = Memory.getLong(order + ORDER_QTY_OFFSET) - quantity;
                Memory.putLong(order + ORDER_QTY_OFFSET, left);
                if (left == 0)
                {
                    removeOrder(book, trade.orderId(), order);
                }
                break;
            }
            default:
                throw new IllegalStateException("unknown template " + header.templateId());
        }
        publish(book);
        return sendTime;
    }

    /** The instrument's book; made, with its symbol interned, on its first message. */
    private long book(final int instrument, final DirectBuffer buffer, final int symbolOffset)
    {
        final long book = bookOf[instrument];
        if (book != 0)
        {
            final long symbol = Memory.getLong(books.labelAddress(book) + SYMBOL_OFFSET);
            if (!SlimHandle.packedEquals(symbol, buffer, symbolOffset, BookRules.SYMBOL_LENGTH))
            {
                throw new IllegalStateException("instrument " + instrument + " changed its symbol");
            }
            return book;
        }
        final long made = books.allocateZeroed(BookRules.LADDER);
        final long label = books.labelAddress(made);
        Memory.putLong(label + INSTRUMENT_OFFSET, instrument);
        Memory.putLong(label + SYMBOL_OFFSET,
            SlimHandle.copyPacked(NativeAllocator.INSTANCE, buffer, symbolOffset, BookRules.SYMBOL_LENGTH));
        if (null == cell)
        {
            cell = SnapshotCell.offHeap(snapshots, Snapshot.BYTES, label + CELL_OFFSET);
        }
        bookOf[instrument] = made;
        published.set(instrument, made);
        return made;
    }

    private long order(final long orderId)
    {
        final long order = orderIndex.get(orderId);
        if (order == 0)
        {
            throw new IllegalStateException("no live order " + orderId);
        }
        return order;
    }

    private void removeOrder(final long book, final long orderId, final long order)
    {
        orderIndex.remove(orderId);
        orders.free(order);
        addLong(books.labelAddress(book) + ORDERS_OFFSET, -1);
    }

    private void addLevel(final long book, final long price, final long quantity)
    {
        addLong(books.elementsAddress(book) + (price & (BookRules.LADDER - 1)) * Long.BYTES, quantity);
    }

    private static void addLong(final long address, final long delta)
    {
        Memory.putLong(address, Memory.getLong(address) + delta);
    }

    /** Writes the book's top levels into a new snapshot block and publishes it in the book's cell. */
    private void publish(final long book)
    {
        final long label = books.labelAddress(book);
        final long ladder = books.elementsAddress(book);
        final long base = BookRules.base((int)Memory.getLong(label + INSTRUMENT_OFFSET));
        final long version = Memory.getLong(label + VERSION_OFFSET) + 1;
        final long block = snapshots.allocate(Snapshot.BYTES);
        final long data = snapshots.dataAddress(block);
        int level = 0;
        for (int tick = BookRules.HALF - 1; tick >= 0 && level < BookRules.TOP; tick--)
        {
            final long quantity = Memory.getLong(ladder + (long)tick * Long.BYTES);
            if (quantity != 0)
            {
                put(data, Snapshot.BID_PRICE + level, base + tick);
                put(data, Snapshot.BID_QTY + level++, quantity);
            }
        }
        for (; level < BookRules.TOP; level++)
        {
            put(data, Snapshot.BID_PRICE + level, 0);
            put(data, Snapshot.BID_QTY + level, 0);
        }
        level = 0;
        for (int tick = BookRules.HALF; tick < BookRules.LADDER && level < BookRules.TOP; tick++)
        {
            final long quantity = Memory.getLong(ladder + (long)tick * Long.BYTES);
            if (quantity != 0)
            {
                put(data, Snapshot.ASK_PRICE + level, base + tick);
                put(data, Snapshot.ASK_QTY + level++, quantity);
            }
        }
        for (; level < BookRules.TOP; level++)
        {
            put(data, Snapshot.ASK_PRICE + level, 0);
            put(data, Snapshot.ASK_QTY + level, 0);
        }
        final long chain = BookRules.chain(Memory.getLong(label + CHAIN_OFFSET), version,
            get(data, Snapshot.BID_PRICE), get(data, Snapshot.BID_QTY),
            get(data, Snapshot.ASK_PRICE), get(data, Snapshot.ASK_QTY));
        Memory.putLong(label + VERSION_OFFSET, version);
        Memory.putLong(label + CHAIN_OFFSET, chain);
        put(data, Snapshot.VERSION, version);
        put(data, Snapshot.CHAIN, chain);
        long check = 0;
        for (int i = 0; i < Snapshot.CHECK; i++)
        {
            check = Mix.mix(check, get(data, i));
        }
        put(data, Snapshot.CHECK, check);
        cell.wrap(label + CELL_OFFSET).set(block);
    }

    private static void put(final long data, final int index, final long value)
    {
        Memory.putLong(data + (long)index * Long.BYTES, value);
    }

    private static long get(final long data, final int index)
    {
        return Memory.getLong(data + (long)index * Long.BYTES);
    }

    @Override
    long digest()
    {
        long digest = 0;
        for (int instrument = 0; instrument < instruments; instrument++)
        {
            digest = Mix.mix(digest, instrument);
            final long book = bookOf[instrument];
            if (book == 0)
            {
                continue;
            }
            final long label = books.labelAddress(book);
            final long ladder = books.elementsAddress(book);
            final long base = BookRules.base(instrument);
            digest = Digests.book(digest, Memory.getLong(label + VERSION_OFFSET), Memory.getLong(label + CHAIN_OFFSET),
                Memory.getLong(label + ORDERS_OFFSET), Memory.getLong(label + LAST_TRADE_OFFSET),
                Memory.getLong(label + VOLUME_OFFSET));
            for (int tick = BookRules.HALF - 1; tick >= 0; tick--)
            {
                digest = Digests.level(digest, base + tick, Memory.getLong(ladder + (long)tick * Long.BYTES));
            }
            for (int tick = BookRules.HALF; tick < BookRules.LADDER; tick++)
            {
                digest = Digests.level(digest, base + tick, Memory.getLong(ladder + (long)tick * Long.BYTES));
            }
        }
        long orderSum = 0;
        for (final Map.Entry<Long, Long> entry : orderIndex.entrySet())
        {
            orderSum += Digests.order(entry.getKey(), Memory.getLong(entry.getValue() + ORDER_QTY_OFFSET),
                Memory.getLong(entry.getValue() + ORDER_PRICE_OFFSET));
        }
        return Mix.mix(digest, orderSum);
    }

    @Override
    BookReader newReader()
    {
        return new BookReader(instruments)
        {
            private OffHeapSnapshotCell readerCell;

            @Override
            boolean sample(final int instrument)
            {
                final long book = published.get(instrument);
                if (book == 0)
                {
                    return false;
                }
                final long cellAddress = books.labelAddress(book) + CELL_OFFSET;
                if (null == readerCell)
                {
                    readerCell = SnapshotCell.offHeap(snapshots, Snapshot.BYTES, cellAddress);
                }
                final long block = readerCell.wrap(cellAddress).acquire();
                if (block == SnapshotCell.EMPTY)
                {
                    return false;
                }
                try
                {
                    final long data = snapshots.dataAddress(block);
                    for (int i = 0; i < Snapshot.LONGS; i++)
                    {
                        values[i] = get(data, i);
                    }
                }
                finally
                {
                    snapshots.release(block, Snapshot.BYTES);
                }
                return true;
            }

            @Override
            void onExit()
            {
                snapshotPool.releaseThreadCache();
            }
        };
    }

    @Override
    void pretouch()
    {
        journal.pretouch();
    }

    /** Frees every book, symbol, order and snapshot; the readers must have ended. */
    @Override
    public void close()
    {
        for (int instrument = 0; instrument < instruments; instrument++)
        {
            final long book = bookOf[instrument];
            if (book != 0)
            {
                final long label = books.labelAddress(book);
                cell.wrap(label + CELL_OFFSET).clear();
                SlimHandle.freePacked(NativeAllocator.INSTANCE, Memory.getLong(label + SYMBOL_OFFSET));
                published.set(instrument, 0);
                bookOf[instrument] = 0;
                books.free(book);
            }
        }
        for (final long order : orderIndex.values())
        {
            orders.free(order);
        }
        orderIndex.clear();
        orders.close();
        snapshotPool.releaseThreadCache();
        snapshotPool.close();
        journal.close();
    }
}
