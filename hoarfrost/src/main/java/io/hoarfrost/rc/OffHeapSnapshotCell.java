package io.hoarfrost.rc;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.internal.Bounds;

import java.util.function.LongToIntFunction;

import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * A {@link SnapshotCell} over 8 bytes of off-heap memory: a re-pointable flyweight, so one object
 * can serve the cells of many records (an order book per instrument in one mapped region).
 * Every flyweight over the same 8 bytes sees the same cell; the bytes must start as
 * {@link SnapshotCell#EMPTY} and are owned by the caller, the block in them by the cell.
 */
public final class OffHeapSnapshotCell extends SnapshotCell
{
    /** Bytes a cell takes in a record. */
    public static final int CELL_SIZE = SIZE_OF_LONG;

    /** The alignment a cell's address needs (atomic 8-byte access). */
    public static final int CELL_ALIGNMENT = SIZE_OF_LONG;

    private long cellAddress;

    OffHeapSnapshotCell(final RimeLayout layout, final LongToIntFunction dataLength)
    {
        super(layout, dataLength);
    }

    /**
     * Re-points this flyweight at another cell; allocates nothing. The cell it leaves keeps its
     * block.
     *
     * @param cellAddress the cell: an 8-byte aligned address inside a record, borrowed.
     * @return this flyweight.
     * @throws IllegalArgumentException if the address is 0 or not 8-byte aligned.
     */
    public OffHeapSnapshotCell wrap(final long cellAddress)
    {
        this.cellAddress = Bounds.checkCellAddress(cellAddress);
        return this;
    }

    /**
     * The address of the cell this flyweight is over.
     *
     * @return the address, borrowed.
     */
    public long cellAddress()
    {
        return cellAddress;
    }

    @Override
    long word()
    {
        return Memory.getLongVolatile(cellAddress);
    }

    @Override
    boolean compareAndSetWord(final long expected, final long update)
    {
        return Memory.compareAndSetLong(cellAddress, expected, update);
    }

    @Override
    long getAndSetWord(final long update)
    {
        return Memory.getAndSetLong(cellAddress, update);
    }

    @Override
    long getAndAddWord(final long delta)
    {
        return Memory.getAndAddLong(cellAddress, delta);
    }
}
