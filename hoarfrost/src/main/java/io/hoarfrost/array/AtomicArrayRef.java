package io.hoarfrost.array;

/**
 * A cell holding one thin array handle (a block address), swapped atomically. The cell is either
 * an on-heap object ({@link #onHeap(ArrayLayout)}) or 8 bytes inside any off-heap record
 * ({@link #offHeap(ArrayLayout, long)}, a re-pointable flyweight); both have the same operations.
 * {@link #EMPTY} (0) means the cell holds nothing.
 *
 * <p><b>Thin arrays only.</b> The handle must fit the cell's 8 bytes, so the layout must be thin
 * (its blocks store their length); plain and counted thin layouts both work.
 *
 * <p><b>Ownership.</b> The cell owns the array it holds. {@link #set(long)},
 * {@link #initialize(long)} and a successful {@link #compareAndSet(long, long)} move the caller's
 * block (for a counted layout, the caller's reference) into the cell; {@link #getAndSet(long)} and
 * a successful {@link #compareAndSet(long, long)} move the previous one out to the caller, who
 * then frees or releases it. {@link #set(long)} overwrites without freeing: use it only when the
 * previous content is owned elsewhere. {@link #clear()} empties the cell and frees what it held.
 *
 * <p><b>Reading.</b> {@link #get()} lends the array without taking it out: the block may be freed
 * as soon as another thread swaps it out, so a reader must know by other means that no one frees
 * it meanwhile (a single writer that frees only after readers are done, arrays retired through a
 * quiescence scheme). Swaps themselves are safe from any number of threads: every block taken out
 * of the cell is taken out exactly once.
 *
 * <p><b>Threading.</b> Unlike the rest of the package, thread-safe. Every operation has volatile
 * semantics: a thread that reads a block from the cell sees every write made to it before it was
 * put in.
 *
 * <p>Ported from heaparray's {@code AtomicPtrArray}.
 */
public abstract class AtomicArrayRef implements AutoCloseable
{
    /** The content of an empty cell: no block. */
    public static final long EMPTY = 0;

    private final ArrayLayout layout;

    AtomicArrayRef(final ArrayLayout layout)
    {
        if (!layout.isThin())
        {
            throw new IllegalArgumentException(
                "an AtomicArrayRef holds one long, so its arrays must be thin (store their length): " + layout);
        }
        this.layout = layout;
    }

    /**
     * An empty cell on the Java heap.
     *
     * @param layout the thin layout of the arrays the cell will hold.
     * @return the cell; the caller owns it and {@link #clear() clears} it when done.
     * @throws IllegalArgumentException if the layout is fat.
     */
    public static AtomicArrayRef onHeap(final ArrayLayout layout)
    {
        return new HeapArrayRef(layout);
    }

    /**
     * A cell over 8 bytes of off-heap memory, which the caller owns and must have initialised (to
     * {@link #EMPTY} or to a block the cell then owns). Re-point it with
     * {@link OffHeapArrayRef#wrap(long)}.
     *
     * @param layout      the thin layout of the arrays the cell holds.
     * @param cellAddress the cell: an 8-byte aligned address inside a record, borrowed.
     * @return a flyweight over the cell.
     * @throws IllegalArgumentException if the layout is fat, or the address is 0 or not 8-byte
     *                                  aligned.
     */
    public static OffHeapArrayRef offHeap(final ArrayLayout layout, final long cellAddress)
    {
        return new OffHeapArrayRef(layout).wrap(cellAddress);
    }

    /**
     * The layout of the arrays the cell holds.
     *
     * @return the thin layout.
     */
    public final ArrayLayout layout()
    {
        return layout;
    }

    /**
     * Volatile read of the block the cell holds. Borrowed: see the class documentation.
     *
     * @return the block, or {@link #EMPTY}.
     */
    public abstract long get();

    /**
     * Volatile write: the cell now holds {@code block}, which the caller hands over. What the cell
     * held before is not freed.
     *
     * @param block a live block of the layout, or {@link #EMPTY}.
     */
    public abstract void set(long block);

    /**
     * Atomically replaces {@code expected} with {@code update} if the cell holds {@code expected}.
     * On success {@code update} moves into the cell and {@code expected} out to the caller; on
     * failure nothing moves.
     *
     * @param expected the block the cell must hold (or {@link #EMPTY}).
     * @param update   the block to put in (or {@link #EMPTY}).
     * @return true if the swap happened.
     */
    public abstract boolean compareAndSet(long expected, long update);

    /**
     * Atomically replaces {@code expected} with {@code update} if the cell holds {@code expected},
     * and returns what it held: the witness ({@code VarHandle.compareAndExchange}), so a failed
     * attempt needs no second read. The swap happened if and only if the result is
     * {@code expected}; ownership moves as for {@link #compareAndSet(long, long)}. Java 8 has no
     * such instruction in {@code Unsafe}: this is a volatile read and a CAS, retried only when
     * the cell changed to {@code expected} between them.
     *
     * @param expected the block the cell must hold (or {@link #EMPTY}).
     * @param update   the block to put in (or {@link #EMPTY}).
     * @return the block the cell held: {@code expected} on success, the current block otherwise.
     */
    public final long compareAndExchange(final long expected, final long update)
    {
        while (true)
        {
            final long witness = get();
            if (witness != expected)
            {
                return witness;
            }
            if (compareAndSet(expected, update))
            {
                return expected;
            }
        }
    }

    /**
     * Atomically puts {@code block} in and takes the previous block out.
     *
     * @param block the block to put in, handed over by the caller (or {@link #EMPTY}).
     * @return the block the cell held, now owned by the caller, or {@link #EMPTY}.
     */
    public abstract long getAndSet(long block);

    /**
     * Whether the cell holds nothing (a volatile read).
     *
     * @return true if {@link #get()} is {@link #EMPTY}.
     */
    public final boolean isEmpty()
    {
        return get() == EMPTY;
    }

    /**
     * Puts {@code block} in if the cell is empty: a CAS from {@link #EMPTY}, so of racing
     * initialisers exactly one wins.
     *
     * @param block the block to put in.
     * @return true if the cell took the block; false if it already held one, and the caller keeps
     * {@code block}.
     * @throws IllegalArgumentException if {@code block} is {@link #EMPTY}.
     */
    public final boolean initialize(final long block)
    {
        if (block == EMPTY)
        {
            throw new IllegalArgumentException("cannot initialize an AtomicArrayRef with the empty block 0");
        }
        return compareAndSet(EMPTY, block);
    }

    /**
     * Empties the cell and frees the array it held (releases the cell's reference, for a counted
     * layout). Does nothing on an empty cell.
     *
     * @throws IllegalStateException in checked mode, if the block had been freed already.
     */
    public final void clear()
    {
        final long block = getAndSet(EMPTY);
        if (block != EMPTY)
        {
            if (layout.isCounted())
            {
                layout.release(block);
            }
            else
            {
                layout.free(block);
            }
        }
    }

    /** Same as {@link #clear()}, for try-with-resources. */
    @Override
    public final void close()
    {
        clear();
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        final long block = get();
        return getClass().getSimpleName() + "{" + (block == EMPTY ? "empty" : "0x" + Long.toHexString(block)) + '}';
    }
}
