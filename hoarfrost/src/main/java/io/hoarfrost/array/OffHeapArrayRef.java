package io.hoarfrost.array;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.internal.Bounds;

import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * An {@link AtomicArrayRef} over 8 bytes inside any off-heap record: a flyweight that
 * {@link #wrap(long)} re-points without allocating, so one object serves every cell of a table.
 *
 * <p>The cell's memory belongs to the record and outlives nothing: the caller keeps it allocated
 * while the flyweight points at it. Not thread-safe as an object (keep one flyweight per thread);
 * the cell itself is, as {@link AtomicArrayRef} describes.
 */
public final class OffHeapArrayRef extends AtomicArrayRef
{
    /** Bytes of a cell: one {@code long}. */
    public static final int CELL_SIZE = SIZE_OF_LONG;

    /** Alignment of a cell: a {@code long}'s, for the CAS. */
    public static final int CELL_ALIGNMENT = SIZE_OF_LONG;

    private long cellAddress;

    OffHeapArrayRef(final ArrayLayout layout)
    {
        super(layout);
    }

    /**
     * Points this flyweight at another cell.
     *
     * @param cellAddress an 8-byte aligned address inside a record, borrowed; its 8 bytes hold
     *                    {@link #EMPTY} or a block of the layout.
     * @return this flyweight.
     * @throws IllegalArgumentException if the address is 0 or not 8-byte aligned; the flyweight is
     *                                  unchanged then.
     */
    public OffHeapArrayRef wrap(final long cellAddress)
    {
        this.cellAddress = Bounds.checkCellAddress(cellAddress);
        return this;
    }

    /**
     * The cell this flyweight points at.
     *
     * @return the cell's address, borrowed.
     */
    public long cellAddress()
    {
        return cellAddress;
    }

    /** {@inheritDoc} */
    @Override
    public long get()
    {
        return Memory.getLongVolatile(cellAddress);
    }

    /** {@inheritDoc} */
    @Override
    public void set(final long block)
    {
        Memory.putLongVolatile(cellAddress, block);
    }

    /** {@inheritDoc} */
    @Override
    public boolean compareAndSet(final long expected, final long update)
    {
        return Memory.compareAndSetLong(cellAddress, expected, update);
    }

    /** {@inheritDoc} */
    @Override
    public long getAndSet(final long block)
    {
        return Memory.getAndSetLong(cellAddress, block);
    }
}
