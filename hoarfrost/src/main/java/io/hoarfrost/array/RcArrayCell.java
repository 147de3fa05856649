package io.hoarfrost.array;

import io.hoarfrost.rc.OffHeapSnapshotCell;
import io.hoarfrost.rc.SnapshotCell;

import java.util.function.LongToIntFunction;

/**
 * {@link SnapshotCell}s for counted thin arrays: the latest array for many readers, each of which
 * {@link SnapshotCell#acquire() acquires} a reference of its own and releases it with
 * {@link ArrayLayout#release(long)}. The cell reads each block's data length from the block, so
 * arrays of any length can follow each other. Readers read through a borrowing view
 * ({@link LabeledArrayView#wrap(ArrayLayout, long)}) or take the reference into an
 * {@link RcArray} ({@link RcArray#fromRaw(ArrayLayout, long)}).
 */
public final class RcArrayCell
{
    private RcArrayCell()
    {
    }

    /**
     * An empty cell on the Java heap for arrays of one layout.
     *
     * @param layout a thin, counted layout with an atomic counter.
     * @return the cell; the caller owns it and closes it when done.
     * @throws IllegalArgumentException if the layout is fat, not counted, or its counter not atomic.
     */
    public static SnapshotCell onHeap(final ArrayLayout layout)
    {
        return SnapshotCell.onHeap(check(layout).rimeLayout(), dataLengthOf(layout));
    }

    /**
     * A cell over 8 bytes of off-heap memory (set to {@link SnapshotCell#EMPTY} by the caller, who
     * owns them) for arrays of one layout.
     *
     * @param layout      a thin, counted layout with an atomic counter.
     * @param cellAddress the cell: an 8-byte aligned address inside a record, borrowed.
     * @return a re-pointable flyweight over the cell.
     * @throws IllegalArgumentException if the layout is fat, not counted, or its counter not atomic,
     *                                  or the address is 0 or not 8-byte aligned.
     */
    public static OffHeapSnapshotCell offHeap(final ArrayLayout layout, final long cellAddress)
    {
        return SnapshotCell.offHeap(check(layout).rimeLayout(), dataLengthOf(layout), cellAddress);
    }

    private static ArrayLayout check(final ArrayLayout layout)
    {
        if (!layout.isThin() || !layout.isCounted())
        {
            throw new IllegalArgumentException(
                "an RcArrayCell holds one long per array, so its layout must be thin and counted: " + layout);
        }
        return layout;
    }

    private static LongToIntFunction dataLengthOf(final ArrayLayout layout)
    {
        return block -> layout.elementBytes(layout.length(block));
    }
}
