package io.hoarfrost.array;

/**
 * A re-pointable flyweight over a label-headed array block it does not own: the zero-garbage way
 * to read and write arrays held as {@code long} handles (in another off-heap record, an
 * {@link AtomicArrayRef}, a queue). {@link #wrap(ArrayLayout, long)} only reassigns fields and
 * re-wraps the views handed out before, so one view per thread serves any number of blocks. The
 * view never frees; the block must outlive the time the view is pointed at it.
 */
public final class LabeledArrayView extends AbstractLabeledArray
{
    /** A view pointed at nothing: every access throws until {@link #wrap(ArrayLayout, long)}. */
    public LabeledArrayView()
    {
    }

    /**
     * Points this view at a thin block, reading its length from the block.
     *
     * @param layout the thin layout the block was allocated with.
     * @param block  the block's address, borrowed.
     * @return this view.
     * @throws IllegalArgumentException if the block is 0.
     * @throws IllegalStateException    if the layout is fat, or in checked mode if the block is not
     *                                  live; the view is unchanged then.
     */
    public LabeledArrayView wrap(final ArrayLayout layout, final long block)
    {
        point(layout, block, layout.length(block));
        return this;
    }

    /**
     * Points this view at a block whose length the caller knows (the fat form's handle).
     *
     * @param layout the layout the block was allocated with.
     * @param block  the block's address, borrowed.
     * @param length its length.
     * @return this view.
     * @throws IllegalArgumentException if the block is 0 or the length invalid.
     * @throws IllegalStateException    in checked mode, if the block is not live; the view is
     *                                  unchanged then.
     */
    public LabeledArrayView wrap(final ArrayLayout layout, final long block, final int length)
    {
        layout.checkBlock(block);
        layout.elementBytes(length);
        point(layout, block, length);
        return this;
    }

    /**
     * Points this view at the block another handle holds, borrowing it from that handle.
     *
     * @param array a handle holding a block.
     * @return this view.
     * @throws IllegalStateException if {@code array} holds no block.
     */
    public LabeledArrayView wrap(final AbstractLabeledArray array)
    {
        point(array.layout(), array.requireBlock(), array.length());
        return this;
    }

    /** Points this view at nothing, detaching the views it handed out. */
    public void unwrap()
    {
        detach();
    }

    @Override
    void letGo()
    {
        detach();
    }

    @Override
    String noBlockState()
    {
        return "not wrapped";
    }
}
