package io.hoarfrost.array;

import org.agrona.DirectBuffer;

import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * An owned label-headed array {@code [label | (length) | elements]}, freed by {@link #close()}.
 * Element access, label and equality are those of {@link AbstractLabeledArray}. After close every
 * access throws {@link IllegalStateException}, in every mode.
 *
 * <p><b>Zero garbage.</b> This object is the one allocation of the Java heap per array. Paths that
 * must not allocate use the {@code long}-handle API of {@link ArrayLayout} and re-point a
 * {@link LabeledArrayView} for access.
 *
 * <p>Ported from heaparray's {@code HeapArray} (fat layout) and {@code ThinPtrArray} (thin).
 */
public final class LabeledArray extends AbstractLabeledArray implements AutoCloseable
{
    private LabeledArray(final ArrayLayout layout, final long block, final int length)
    {
        point(layout, block, length);
    }

    /**
     * Allocates an array of {@code length} elements, uninitialised: label and elements hold
     * whatever the memory held (poison in checked mode, for a pool); write what you read, or use
     * {@link #allocateZeroed(ArrayLayout, int)}.
     *
     * @param layout the layout (form, label, elements, allocator).
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalArgumentException naming the length if it is negative or too long (the block
     *                                  size would overflow); nothing is allocated then.
     */
    public static LabeledArray allocate(final ArrayLayout layout, final int length)
    {
        return new LabeledArray(layout, layout.allocate(length), length);
    }

    /**
     * Allocates an array of {@code length} uninitialised elements whose label is a copy of the
     * first {@code layout.labelLength()} bytes of {@code label}.
     *
     * @param layout the layout.
     * @param label  the label bytes; not retained.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @return an array owning its block; the caller closes it.
     * @throws IndexOutOfBoundsException if {@code label} is shorter than the label; nothing is
     *                                   allocated then.
     * @throws IllegalArgumentException  naming the length if it is negative or too long.
     */
    public static LabeledArray allocate(final ArrayLayout layout, final DirectBuffer label, final int length)
    {
        return new LabeledArray(layout, layout.allocate(label, length), length);
    }

    /**
     * Allocates an array of {@code length} zeroed elements with a zeroed label.
     *
     * @param layout the layout (form, label, elements, allocator).
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalArgumentException naming the length if it is negative or too long (the block
     *                                  size would overflow); nothing is allocated then.
     */
    public static LabeledArray allocateZeroed(final ArrayLayout layout, final int length)
    {
        return new LabeledArray(layout, layout.allocateZeroed(length), length);
    }

    /**
     * Allocates an array of {@code length} zeroed elements whose label is a copy of the first
     * {@code layout.labelLength()} bytes of {@code label} (heaparray's {@code with_len}).
     *
     * @param layout the layout.
     * @param label  the label bytes; not retained.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @return an array owning its block; the caller closes it.
     * @throws IndexOutOfBoundsException if {@code label} is shorter than the label; nothing is
     *                                   allocated then.
     * @throws IllegalArgumentException  naming the length if it is negative or too long.
     */
    public static LabeledArray allocateZeroed(final ArrayLayout layout, final DirectBuffer label, final int length)
    {
        return new LabeledArray(layout, layout.allocateZeroed(label, length), length);
    }

    /**
     * Allocates an array of 8-byte elements, element {@code i} set to {@code init.applyAsLong(i)}
     * (heaparray's {@code new(len, |i| ...)}); the label is zeroed.
     *
     * @param layout a layout of 8-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalStateException    if the elements are not 8 bytes wide; nothing is allocated.
     * @throws IllegalArgumentException naming the length if it is negative or too long.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static LabeledArray ofLongs(final ArrayLayout layout, final int length, final IntToLongFunction init)
    {
        return new LabeledArray(layout, layout.allocateLongs(length, init), length);
    }

    /**
     * Allocates an array of 4-byte elements, element {@code i} set to {@code init.applyAsInt(i)};
     * the label is zeroed.
     *
     * @param layout a layout of 4-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalStateException    if the elements are not 4 bytes wide; nothing is allocated.
     * @throws IllegalArgumentException naming the length if it is negative or too long.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static LabeledArray ofInts(final ArrayLayout layout, final int length, final IntUnaryOperator init)
    {
        return new LabeledArray(layout, layout.allocateInts(length, init), length);
    }

    /**
     * Allocates an array of 8-byte elements, element {@code i} set to
     * {@code init.applyAsDouble(i)}; the label is zeroed.
     *
     * @param layout a layout of 8-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalStateException    if the elements are not 8 bytes wide; nothing is allocated.
     * @throws IllegalArgumentException naming the length if it is negative or too long.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static LabeledArray ofDoubles(final ArrayLayout layout, final int length, final IntToDoubleFunction init)
    {
        return new LabeledArray(layout, layout.allocateDoubles(length, init), length);
    }

    /**
     * Allocates an array of 1-byte elements, element {@code i} set to
     * {@code init.applyAsByte(i)}; the label is zeroed.
     *
     * @param layout a layout of 1-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalStateException    if the elements are not 1 byte wide, naming the element type;
     *                                  nothing is allocated.
     * @throws IllegalArgumentException naming the length if it is negative or too long.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static LabeledArray ofBytes(final ArrayLayout layout, final int length, final IntToByteFunction init)
    {
        return new LabeledArray(layout, layout.allocateBytes(length, init), length);
    }

    /**
     * Allocates an array of 2-byte elements, element {@code i} set to
     * {@code init.applyAsShort(i)}; the label is zeroed.
     *
     * @param layout a layout of 2-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalStateException    if the elements are not 2 bytes wide, naming the element type;
     *                                  nothing is allocated.
     * @throws IllegalArgumentException naming the length if it is negative or too long.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static LabeledArray ofShorts(final ArrayLayout layout, final int length, final IntToShortFunction init)
    {
        return new LabeledArray(layout, layout.allocateShorts(length, init), length);
    }

    /**
     * Allocates an array of 2-byte elements, element {@code i} set to
     * {@code init.applyAsChar(i)}; the label is zeroed.
     *
     * @param layout a layout of 2-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalStateException    if the elements are not 2 bytes wide, naming the element type;
     *                                  nothing is allocated.
     * @throws IllegalArgumentException naming the length if it is negative or too long.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static LabeledArray ofChars(final ArrayLayout layout, final int length, final IntToCharFunction init)
    {
        return new LabeledArray(layout, layout.allocateChars(length, init), length);
    }

    /**
     * Allocates an array of 4-byte elements, element {@code i} set to
     * {@code init.applyAsFloat(i)}; the label is zeroed.
     *
     * @param layout a layout of 4-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalStateException    if the elements are not 4 bytes wide, naming the element type;
     *                                  nothing is allocated.
     * @throws IllegalArgumentException naming the length if it is negative or too long.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static LabeledArray ofFloats(final ArrayLayout layout, final int length, final IntToFloatFunction init)
    {
        return new LabeledArray(layout, layout.allocateFloats(length, init), length);
    }

    /**
     * Allocates an array with a zeroed label and runs {@code initialiser} over every index, which
     * writes the elements and may update the label as it goes (heaparray's {@code with_label}).
     *
     * @param layout      the layout.
     * @param length      elements, from 0 to {@code layout.maxLength()}.
     * @param initialiser writes element {@code i} and may update the label; called in index order.
     * @return an array owning its block; the caller closes it.
     * @throws IllegalArgumentException naming the length if it is negative or too long.
     * @throws RuntimeException         whatever {@code initialiser} throws, after the block is freed.
     */
    public static LabeledArray withLabel(final ArrayLayout layout, final int length, final ArrayInitialiser initialiser)
    {
        final LabeledArray array = allocateZeroed(layout, length);
        array.initialiseAll(initialiser);
        return array;
    }

    /**
     * Allocates an array whose label starts as a copy of {@code label}, and runs
     * {@code initialiser} over every index, which writes the elements and may update the label as
     * it goes (heaparray's {@code with_label(label, len, |&mut L, i| ...)}).
     *
     * @param layout      the layout.
     * @param label       the initial label: its first {@code layout.labelLength()} bytes are copied.
     * @param length      elements, from 0 to {@code layout.maxLength()}.
     * @param initialiser writes element {@code i} and may update the label; called in index order.
     * @return an array owning its block; the caller closes it.
     * @throws IndexOutOfBoundsException if {@code label} is shorter than the label; nothing is
     *                                   allocated then.
     * @throws IllegalArgumentException  naming the length if it is negative or too long.
     * @throws RuntimeException          whatever {@code initialiser} throws, after the block is freed.
     */
    public static LabeledArray withLabel(
        final ArrayLayout layout, final DirectBuffer label, final int length, final ArrayInitialiser initialiser)
    {
        final LabeledArray array = allocateZeroed(layout, label, length);
        array.initialiseAll(initialiser);
        return array;
    }

    /**
     * Takes ownership of a thin block made with the {@code long}-handle API, reading its length.
     * The block may be of a counted layout if the caller holds its only reference (as
     * {@link RcArray#tryUnwrap()} returns it): close then frees it, and throws if the count is no
     * longer 1.
     *
     * @param layout the thin layout it was allocated with.
     * @param block  the block's address, owned by the caller until this call.
     * @return an array owning the block.
     * @throws IllegalArgumentException if the block is 0.
     * @throws IllegalStateException    if the layout is fat, or in checked mode if the block is not
     *                                  live.
     */
    public static LabeledArray fromRaw(final ArrayLayout layout, final long block)
    {
        return new LabeledArray(layout, block, layout.length(block));
    }

    /**
     * Takes ownership of a block made with the {@code long}-handle API.
     *
     * @param layout the layout it was allocated with.
     * @param block  the block's address, owned by the caller until this call.
     * @param length its length.
     * @return an array owning the block.
     * @throws IllegalArgumentException if the block is 0 or the length invalid.
     * @throws IllegalStateException    in checked mode, if the block is not live.
     */
    public static LabeledArray fromRaw(final ArrayLayout layout, final long block, final int length)
    {
        layout.checkBlock(block);
        layout.elementBytes(length);
        return new LabeledArray(layout, block, length);
    }


    /**
     * A new array with the same layout, label, length and elements, in a block of its own.
     *
     * @return a copy the caller owns and closes.
     * @throws IllegalStateException if this array is closed.
     */
    public LabeledArray copy()
    {
        final ArrayLayout layout = layout();
        final int length = length();
        return new LabeledArray(layout, layout.copy(requireBlock(), length), length);
    }

    /**
     * Hands the block to the caller without freeing it, and closes this array. Free it with
     * {@code layout().free(block, length)} (the length is in the block for a thin layout).
     *
     * @return the block's address, now owned by the caller.
     * @throws IllegalStateException if this array is closed.
     */
    public long intoRaw()
    {
        final long block = requireBlock();
        detach();
        return block;
    }

    /**
     * Whether two arrays hold the same block; contents are not compared (that is
     * {@link #equals(Object)}).
     *
     * @param other another array.
     * @return true if both hold the same block.
     * @throws IllegalStateException if either array is closed.
     */
    public boolean refEquals(final LabeledArray other)
    {
        return requireBlock() == other.requireBlock();
    }

    /**
     * Whether this array has been closed (or handed over by {@link #intoRaw()}).
     *
     * @return true once it holds no block.
     */
    public boolean isClosed()
    {
        return blockOrZero() == 0;
    }

    /**
     * Frees the block and detaches the views. Idempotent: a second close does nothing.
     *
     * @throws IllegalStateException in checked mode, if the block was freed behind this array's
     *                               back (a double free); the array stays as it was then.
     */
    @Override
    public void close()
    {
        final long block = blockOrZero();
        if (block != 0)
        {
            layout().free(block, length());
            detach();
        }
    }

    @Override
    void letGo()
    {
        close();
    }

    @Override
    String noBlockState()
    {
        return "closed";
    }
}
