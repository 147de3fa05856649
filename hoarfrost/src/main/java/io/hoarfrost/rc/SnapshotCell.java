package io.hoarfrost.rc;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.internal.Checks;

import java.util.Objects;
import java.util.function.LongToIntFunction;

/**
 * A cell holding the latest counted block for many readers: a writer publishes a new block and
 * drops its old one, and any number of reader threads {@link #acquire()} the current one, each
 * getting a reference of its own, never a block whose count already reached zero, whatever the
 * writers do meanwhile. Lock-free for readers and writers; the cell is an on-heap object
 * ({@link #onHeap(RimeLayout, int)}) or 8 bytes inside any off-heap record
 * ({@link #offHeap(RimeLayout, int, long)}), like {@code io.hoarfrost.array.AtomicArrayRef}.
 * {@code io.hoarfrost.array.RcArrayCell} makes the same cell for counted thin arrays.
 *
 * <p><b>Why not {@code get()} then retain.</b> A reader that reads the cell and then retains
 * races with a writer that swaps the block out and releases it: if that release was the last,
 * the reader retains freed memory ({@code AtomicReference<ByteBuf>} with Netty's
 * {@code retain()} has the same hole). {@link #get()} is kept, documented as that race, for
 * readers that know no writer frees meanwhile.
 *
 * <p><b>How: a split reference count with pre-paid references</b> (folly's
 * {@code AtomicSharedPtr}; C++ {@code atomic<shared_ptr>} implementations). Blocks are user-space
 * addresses below 2<sup>48</sup>, so the cell word is the block in its low 48 bits and a ticket
 * count {@code t} in its high 16. When a block goes in, the cell adds a batch of {@code B}
 * references to its counter at once (the caller's reference is one of them), and owns the
 * {@code B - t} not yet handed out. {@link #acquire()} is one atomic add of a ticket:
 * the reader takes one pre-paid reference, which keeps the block alive whatever happens next, so
 * there is nothing to race with. A reader whose ticket is {@code B/2} or above tops the batch up
 * before it returns (adds {@code B/2} references, then takes {@code B/2} tickets back, or gives
 * the references back if another reader or a writer got there first): the reader holds a
 * reference, so the block is live while it does. A writer that swaps a block
 * out settles it: it drops the {@code B - t} references the cell still owned, one atomic add, and
 * the block is freed if that was the last. Readers in flight never block a writer. Chosen over
 * hazard slots and epochs because it needs no per-reader registration, no scan on the writer side,
 * and leaves every reference an ordinary one on the block's own counter: a reader releases with
 * {@link RimeLayout#release(long, int)} as it would any other. The batch {@code B} is
 * 2<sup>15</sup>, or a quarter of the counter's maximum for 8- and 16-bit counters; tickets reach
 * {@code B - 1} only if {@code B/2} readers are stopped between their ticket and their top-up, and
 * a reader that finds them there yields until one finishes.
 *
 * <p><b>Ownership.</b> The cell owns one reference to the block it holds. {@link #set(long)} and a
 * successful {@link #compareAndSet(long, long)} move the caller's reference into the cell;
 * {@link #getAndSet(long)} and a successful {@link #compareAndSet(long, long)} move the cell's
 * reference to the old block out to the caller; {@link #set(long)} and {@link #clear()} release it.
 * {@link #acquire()} gives the caller a new reference of its own; the caller releases it through
 * the layout (or a {@link Rime} handle, {@link #acquire(Rime)}).
 *
 * <p><b>Threading.</b> Unlike the rest of the package, thread-safe: every operation has volatile
 * semantics, and a reader sees every write made to a block before it was put in. Blocks need an
 * atomic counter.
 *
 * <p><b>Checked mode.</b> {@link #acquire()} of a block freed behind the cell's back (a user bug:
 * a reference released twice elsewhere) throws {@link IllegalStateException} naming the block and
 * where it was allocated and freed; a reader that never releases its block shows in
 * {@link MemoryChecks#leaks()} with the block's allocation site.
 */
public abstract class SnapshotCell implements AutoCloseable
{
    /** The content of an empty cell: no block. */
    public static final long EMPTY = 0;

    /** The highest block address a cell can hold: 48 bits. */
    public static final long MAX_BLOCK = (1L << 48) - 1;

    static final int TICKET_SHIFT = 48;
    static final long ONE_TICKET = 1L << TICKET_SHIFT;
    private static final long MAX_BATCH = 1L << 15;
    private static final String WHAT = "SnapshotCell's block";

    private final RimeLayout layout;
    private final LongToIntFunction dataLength;
    private final long batch;
    private final long half;

    SnapshotCell(final RimeLayout layout, final LongToIntFunction dataLength)
    {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(dataLength, "dataLength");
        if (!layout.counter().isAtomic())
        {
            throw new IllegalArgumentException(
                "a SnapshotCell is read from many threads, so its blocks need an atomic counter, not " +
                layout.counter());
        }
        this.layout = layout;
        this.dataLength = dataLength;
        this.batch = Math.min(MAX_BATCH, layout.counter().max() / 4);
        this.half = batch / 2;
    }

    /**
     * An empty cell on the Java heap for blocks of one data length.
     *
     * @param layout     the layout of the blocks (its counter must be atomic).
     * @param dataLength the data length every block the cell holds was allocated with.
     * @return the cell; the caller owns it and {@link #close() closes} it when done.
     * @throws IllegalArgumentException if the counter is not atomic or the length negative.
     */
    public static SnapshotCell onHeap(final RimeLayout layout, final int dataLength)
    {
        return new HeapSnapshotCell(layout, fixedLength(dataLength));
    }

    /**
     * An empty cell on the Java heap for blocks whose data length the block itself tells (it is
     * needed to free a block).
     *
     * @param layout             the layout of the blocks (its counter must be atomic).
     * @param dataLengthOfBlock  a block's data length, from the block; called on the thread that
     *                           drops the cell's reference, it must not allocate to stay garbage
     *                           free.
     * @return the cell; the caller owns it and {@link #close() closes} it when done.
     * @throws IllegalArgumentException if the counter is not atomic.
     */
    public static SnapshotCell onHeap(final RimeLayout layout, final LongToIntFunction dataLengthOfBlock)
    {
        return new HeapSnapshotCell(layout, dataLengthOfBlock);
    }

    /**
     * A cell over 8 bytes of off-heap memory, for blocks of one data length. The caller owns the
     * 8 bytes and must have set them to {@link #EMPTY} before the first cell over them; after
     * that, every flyweight over the same 8 bytes sees the same cell.
     *
     * @param layout      the layout of the blocks (its counter must be atomic).
     * @param dataLength  the data length every block the cell holds was allocated with.
     * @param cellAddress the cell: an 8-byte aligned address inside a record, borrowed.
     * @return a flyweight over the cell; re-point it with {@link OffHeapSnapshotCell#wrap(long)}.
     * @throws IllegalArgumentException if the counter is not atomic, the length negative, or the
     *                                  address 0 or not 8-byte aligned.
     */
    public static OffHeapSnapshotCell offHeap(final RimeLayout layout, final int dataLength, final long cellAddress)
    {
        return new OffHeapSnapshotCell(layout, fixedLength(dataLength)).wrap(cellAddress);
    }

    /**
     * A cell over 8 bytes of off-heap memory for blocks whose data length the block tells; see
     * {@link #offHeap(RimeLayout, int, long)} and {@link #onHeap(RimeLayout, LongToIntFunction)}.
     *
     * @param layout            the layout of the blocks (its counter must be atomic).
     * @param dataLengthOfBlock a block's data length, from the block.
     * @param cellAddress       the cell: an 8-byte aligned address, borrowed, set to {@link #EMPTY}.
     * @return a flyweight over the cell.
     * @throws IllegalArgumentException if the counter is not atomic, or the address 0 or not
     *                                  8-byte aligned.
     */
    public static OffHeapSnapshotCell offHeap(
        final RimeLayout layout, final LongToIntFunction dataLengthOfBlock, final long cellAddress)
    {
        return new OffHeapSnapshotCell(layout, dataLengthOfBlock).wrap(cellAddress);
    }

    /**
     * The layout of the blocks the cell holds.
     *
     * @return the layout.
     */
    public final RimeLayout layout()
    {
        return layout;
    }

    /**
     * The pre-paid batch: how many references the cell adds to a block's counter when the block
     * goes in. A block in the cell shows a count up to this much above its holders.
     *
     * @return the batch size.
     */
    public final long batch()
    {
        return batch;
    }

    // ---------------------------------------------------------------------------------------------
    // Readers
    // ---------------------------------------------------------------------------------------------

    /**
     * The current block with a new reference that the caller owns: one atomic add, no
     * allocation. The block stays live until the caller releases that reference, whatever writers
     * do meanwhile.
     *
     * @return the block (the caller releases it through {@link #layout()}), or {@link #EMPTY}.
     * @throws IllegalStateException if the block's counter is too close to its maximum to take the
     *                               cell's next pre-paid batch (nothing is acquired then), or in
     *                               checked mode if the block was freed behind the cell's back.
     */
    public final long acquire()
    {
        while (true)
        {
            // An atomic add, not a compare-and-set loop: readers never retry on each other.
            final long word = getAndAddWord(ONE_TICKET);
            final long block = word & MAX_BLOCK;
            if (block == EMPTY)
            {
                // A ticket on an empty word stands for nothing; the next block put in replaces it.
                return EMPTY;
            }
            final long taken = (word >>> TICKET_SHIFT) + 1;
            if (taken >= batch)
            {
                // The batch is spent until a top-up in flight lands: not ours to keep.
                giveBack(block);
                Thread.yield();
                continue;
            }
            if (MemoryChecks.ENABLED && layout.checksLiveness())
            {
                // After the ticket: before it, a writer may have swapped the block out and freed it.
                Checks.checkLive(block, WHAT);
            }
            if (taken >= half)
            {
                refill(block);
            }
            return block;
        }
    }

    /**
     * {@link #acquire()} into an empty {@link Rime} handle, which then owns the reference: no
     * allocation.
     *
     * @param target an empty handle, re-pointed at the block.
     * @return true, or false if the cell is empty (the handle stays empty).
     * @throws IllegalStateException if {@code target} still holds a block (nothing is acquired
     *                               then), or as {@link #acquire()}.
     */
    public final boolean acquire(final Rime target)
    {
        target.checkEmpty();
        final long block = acquire();
        if (block == EMPTY)
        {
            return false;
        }
        target.point(layout, block, dataLength.applyAsInt(block));
        return true;
    }

    /**
     * The current block, lent and racy: another thread may swap it out and free it at any moment,
     * so use it only when no writer can free it meanwhile; {@link #acquire()} otherwise.
     *
     * @return the block, not a reference, or {@link #EMPTY}.
     */
    public final long get()
    {
        return word() & MAX_BLOCK;
    }

    /**
     * Whether the cell holds no block.
     *
     * @return true when empty.
     */
    public final boolean isEmpty()
    {
        return get() == EMPTY;
    }

    // ---------------------------------------------------------------------------------------------
    // Writers
    // ---------------------------------------------------------------------------------------------

    /**
     * Puts a block in and releases the cell's reference to the previous one (the last release
     * frees it).
     *
     * @param block the block, whose reference the caller owned and the cell now owns; or
     *              {@link #EMPTY}.
     * @throws IllegalArgumentException if the block is above {@link #MAX_BLOCK}.
     * @throws IllegalStateException    if the block's count cannot take the pre-paid batch, or in
     *                                  checked mode if it is not live; the cell is unchanged and
     *                                  the caller still owns its reference then.
     */
    public final void set(final long block)
    {
        prepay(block);
        settle(getAndSetWord(block), 0);
    }

    /**
     * Puts a block in and moves the cell's reference to the previous one out to the caller.
     *
     * @param block the block, whose reference moves into the cell; or {@link #EMPTY}.
     * @return the previous block, whose reference the caller now owns, or {@link #EMPTY}.
     * @throws IllegalArgumentException if the block is above {@link #MAX_BLOCK}.
     * @throws IllegalStateException    as {@link #set(long)}; nothing changes then.
     */
    public final long getAndSet(final long block)
    {
        prepay(block);
        final long previous = getAndSetWord(block);
        settle(previous, 1);
        return previous & MAX_BLOCK;
    }

    /**
     * Puts {@code update} in if the cell holds {@code expected}; see
     * {@link #compareAndExchange(long, long)}.
     *
     * @param expected the block the caller believes the cell holds (or {@link #EMPTY}).
     * @param update   the block to put in, whose reference the caller owns.
     * @return true if it was put in.
     * @throws IllegalArgumentException as {@link #set(long)}.
     * @throws IllegalStateException    as {@link #set(long)}.
     */
    public final boolean compareAndSet(final long expected, final long update)
    {
        return compareAndExchange(expected, update) == expected;
    }

    /**
     * Puts {@code update} in if the cell holds {@code expected}. On success the caller's reference
     * to {@code update} moves into the cell and the cell's reference to {@code expected} moves out
     * to the caller; on failure nothing moves and the caller keeps its reference to
     * {@code update}.
     *
     * @param expected the block the caller believes the cell holds (or {@link #EMPTY}).
     * @param update   the block to put in.
     * @return the block the cell held: {@code expected} on success; on failure the witness, lent
     *         (not a reference, only for comparing).
     * @throws IllegalArgumentException as {@link #set(long)}.
     * @throws IllegalStateException    as {@link #set(long)}.
     */
    public final long compareAndExchange(final long expected, final long update)
    {
        boolean prepaid = false;
        try
        {
            while (true)
            {
                final long word = word();
                final long witness = word & MAX_BLOCK;
                if (witness != expected)
                {
                    return witness;
                }
                if (!prepaid)
                {
                    prepay(update);
                    prepaid = true;
                    continue;
                }
                if (compareAndSetWord(word, update))
                {
                    prepaid = false;
                    settle(word, 1);
                    return expected;
                }
            }
        }
        finally
        {
            if (prepaid)
            {
                unprepay(update);
            }
        }
    }

    /**
     * Empties the cell and releases its reference to the block it held (the last release frees
     * it). Readers that acquired the block keep it.
     */
    public final void clear()
    {
        settle(getAndSetWord(EMPTY), 0);
    }

    /** {@link #clear()}: the cell lets go of its block. */
    @Override
    public final void close()
    {
        clear();
    }

    /**
     * The block the cell holds, the tickets handed out of its current batch and the layout.
     *
     * @return a description.
     */
    @Override
    public String toString()
    {
        final long word = word();
        return getClass().getSimpleName() + " { block: 0x" + Long.toHexString(word & MAX_BLOCK) +
            ", tickets: " + (word >>> TICKET_SHIFT) + " of " + batch + ", layout: " + layout + " }";
    }

    // ---------------------------------------------------------------------------------------------
    // The split count
    // ---------------------------------------------------------------------------------------------

    /** Turns the caller's one reference to {@code block} into the cell's batch. */
    private void prepay(final long block)
    {
        if (block == EMPTY)
        {
            return;
        }
        if (block < 0 || block > MAX_BLOCK)
        {
            throw new IllegalArgumentException(
                "block 0x" + Long.toHexString(block) + " is above a SnapshotCell's 48-bit limit 0x" +
                Long.toHexString(MAX_BLOCK));
        }
        layout.retainMany(block, batch - 1);
    }

    /** Undoes {@link #prepay(long)} when the block did not go in; the caller keeps one reference. */
    private void unprepay(final long block)
    {
        if (block != EMPTY)
        {
            layout.releaseMany(block, batch - 1, dataLength.applyAsInt(block));
        }
    }

    /**
     * Settles a block the cell no longer holds: drops the references of its batch no reader took,
     * keeping {@code kept} of them for the caller.
     */
    private void settle(final long word, final long kept)
    {
        final long block = word & MAX_BLOCK;
        if (block != EMPTY)
        {
            layout.releaseMany(block, batch - (word >>> TICKET_SHIFT) - kept, dataLength.applyAsInt(block));
        }
    }

    /**
     * Tops the batch up; the caller holds a reference, so the block is live throughout. If the
     * block's counter cannot take another half batch, the caller's ticket goes back and the
     * acquire fails, as a retain past the counter's maximum does.
     */
    private void refill(final long block)
    {
        try
        {
            layout.retainMany(block, half);
        }
        catch (final IllegalStateException ex)
        {
            giveBack(block);
            throw new IllegalStateException(
                "acquire of block 0x" + Long.toHexString(block) + " refused: its " + layout.counter() +
                " counter cannot take the cell's next " + half + " pre-paid references; release some, or use " +
                "a wider counter", ex);
        }
        while (true)
        {
            final long word = word();
            if ((word & MAX_BLOCK) != block || (word >>> TICKET_SHIFT) < half)
            {
                // Swapped out (the writer settled without these) or topped up by another reader.
                layout.releaseMany(block, half, dataLength.applyAsInt(block));
                return;
            }
            if (compareAndSetWord(word, word - half * ONE_TICKET))
            {
                return;
            }
        }
    }

    /** Returns the caller's ticket to the cell, or releases it if the block has left the cell. */
    private void giveBack(final long block)
    {
        while (true)
        {
            final long word = word();
            if ((word & MAX_BLOCK) != block || (word >>> TICKET_SHIFT) == 0)
            {
                layout.release(block, dataLength.applyAsInt(block));
                return;
            }
            if (compareAndSetWord(word, word - ONE_TICKET))
            {
                return;
            }
        }
    }

    private static LongToIntFunction fixedLength(final int dataLength)
    {
        if (dataLength < 0)
        {
            throw new IllegalArgumentException("dataLength " + dataLength + " is negative");
        }
        return block -> dataLength;
    }

    abstract long word();

    abstract boolean compareAndSetWord(long expected, long update);

    abstract long getAndSetWord(long update);

    abstract long getAndAddWord(long delta);
}
