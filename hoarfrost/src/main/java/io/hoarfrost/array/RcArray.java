package io.hoarfrost.array;

import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.internal.CountedCore;
import org.agrona.DirectBuffer;

import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * A reference-counted label-headed array, thin or fat: one block
 * {@code [counter | label | (length) | elements]} shared by any number of handles, each owning one
 * reference. The layout must be {@link ArrayLayout#counted(Counter) counted}; the counter is
 * Rime's, and so is the counting: {@code RcArray}, {@code Rime} and {@code PoolRef} delegate to
 * one state machine. {@link #makeMutable()} copies on write when the block is shared;
 * {@link #tryUnwrap()} ends counting for the sole reference and hands the block to the caller
 * (who may take it over as a {@link LabeledArray}); {@link #unwrapOrCopy()} does so for a shared
 * block too, by copying it. {@link #equals(Object)} compares contents;
 * {@link #refEquals(RcArray)} compares blocks.
 *
 * <p>Ported from heaparray's {@code RcArray} and {@code ArcArray} (a plain and an atomic
 * {@link Counter}); {@link #retain()} is their {@code clone} and allocates no native memory.
 */
public final class RcArray extends AbstractLabeledArray implements AutoCloseable
{
    private static final String NAME = "RcArray";

    private int dataLength;
    private Thread owner;

    private RcArray()
    {
    }

    private static RcArray first(final ArrayLayout layout, final long block, final int length)
    {
        final RcArray array = new RcArray();
        array.dataLength = layout.elementBytes(length);
        array.owner = CountedCore.ownerOf(layout.rimeLayout());
        array.point(layout, block, length);
        return array;
    }

    /**
     * Allocates a counted array of {@code length} elements, count 1, uninitialised: label and
     * elements hold whatever the memory held (poison in checked mode, for a pool); see
     * {@link #allocateZeroed(ArrayLayout, int)}.
     *
     * @param layout a counted layout.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length if it is
     *                                  negative or too long; nothing is allocated then.
     */
    public static RcArray allocate(final ArrayLayout layout, final int length)
    {
        return first(layout, checkCounted(layout).allocate(length), length);
    }

    /**
     * Allocates a counted array of uninitialised elements whose label is a copy of {@code label},
     * count 1.
     *
     * @param layout a counted layout.
     * @param label  the label bytes: the first {@code layout.labelLength()} are copied.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @return a handle owning the one reference.
     * @throws IndexOutOfBoundsException if {@code label} is shorter than the label.
     * @throws IllegalArgumentException  if the layout is not counted, or naming the length if it is
     *                                   negative or too long; nothing is allocated then.
     */
    public static RcArray allocate(final ArrayLayout layout, final DirectBuffer label, final int length)
    {
        return first(layout, checkCounted(layout).allocate(label, length), length);
    }

    /**
     * Allocates a counted array of {@code length} zeroed elements with a zeroed label, count 1.
     *
     * @param layout a counted layout.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length if it is
     *                                  negative or too long; nothing is allocated then.
     */
    public static RcArray allocateZeroed(final ArrayLayout layout, final int length)
    {
        return first(layout, checkCounted(layout).allocateZeroed(length), length);
    }

    /**
     * Allocates a counted array of zeroed elements whose label is a copy of {@code label}, count 1.
     *
     * @param layout a counted layout.
     * @param label  the label bytes: the first {@code layout.labelLength()} are copied.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @return a handle owning the one reference.
     * @throws IndexOutOfBoundsException if {@code label} is shorter than the label.
     * @throws IllegalArgumentException  if the layout is not counted, or naming the length if it is
     *                                   negative or too long; nothing is allocated then.
     */
    public static RcArray allocateZeroed(final ArrayLayout layout, final DirectBuffer label, final int length)
    {
        return first(layout, checkCounted(layout).allocateZeroed(label, length), length);
    }

    /**
     * Allocates a counted array of 8-byte elements, element {@code i} set to
     * {@code init.applyAsLong(i)}, count 1.
     *
     * @param layout a counted layout of 8-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length.
     * @throws IllegalStateException    if the elements are not 8 bytes wide.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static RcArray ofLongs(final ArrayLayout layout, final int length, final IntToLongFunction init)
    {
        return first(layout, checkCounted(layout).allocateLongs(length, init), length);
    }

    /**
     * Allocates a counted array of 4-byte elements, element {@code i} set to
     * {@code init.applyAsInt(i)}, count 1.
     *
     * @param layout a counted layout of 4-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length.
     * @throws IllegalStateException    if the elements are not 4 bytes wide.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static RcArray ofInts(final ArrayLayout layout, final int length, final IntUnaryOperator init)
    {
        return first(layout, checkCounted(layout).allocateInts(length, init), length);
    }

    /**
     * Allocates a counted array of 8-byte elements, element {@code i} set to
     * {@code init.applyAsDouble(i)}, count 1.
     *
     * @param layout a counted layout of 8-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length.
     * @throws IllegalStateException    if the elements are not 8 bytes wide.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static RcArray ofDoubles(final ArrayLayout layout, final int length, final IntToDoubleFunction init)
    {
        return first(layout, checkCounted(layout).allocateDoubles(length, init), length);
    }

    /**
     * Allocates a counted array of 1-byte elements, element {@code i} set to
     * {@code init.applyAsByte(i)}, count 1.
     *
     * @param layout a counted layout of 1-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length.
     * @throws IllegalStateException    if the elements are not 1 byte wide, naming the element type.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static RcArray ofBytes(final ArrayLayout layout, final int length, final IntToByteFunction init)
    {
        return first(layout, checkCounted(layout).allocateBytes(length, init), length);
    }

    /**
     * Allocates a counted array of 2-byte elements, element {@code i} set to
     * {@code init.applyAsShort(i)}, count 1.
     *
     * @param layout a counted layout of 2-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length.
     * @throws IllegalStateException    if the elements are not 2 bytes wide, naming the element type.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static RcArray ofShorts(final ArrayLayout layout, final int length, final IntToShortFunction init)
    {
        return first(layout, checkCounted(layout).allocateShorts(length, init), length);
    }

    /**
     * Allocates a counted array of 2-byte elements, element {@code i} set to
     * {@code init.applyAsChar(i)}, count 1.
     *
     * @param layout a counted layout of 2-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length.
     * @throws IllegalStateException    if the elements are not 2 bytes wide, naming the element type.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static RcArray ofChars(final ArrayLayout layout, final int length, final IntToCharFunction init)
    {
        return first(layout, checkCounted(layout).allocateChars(length, init), length);
    }

    /**
     * Allocates a counted array of 4-byte elements, element {@code i} set to
     * {@code init.applyAsFloat(i)}, count 1.
     *
     * @param layout a counted layout of 4-byte elements.
     * @param length elements, from 0 to {@code layout.maxLength()}.
     * @param init   the value of each element, called in index order.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length.
     * @throws IllegalStateException    if the elements are not 4 bytes wide, naming the element type.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public static RcArray ofFloats(final ArrayLayout layout, final int length, final IntToFloatFunction init)
    {
        return first(layout, checkCounted(layout).allocateFloats(length, init), length);
    }

    /**
     * Allocates a counted array with a zeroed label and runs {@code initialiser} over every index,
     * which writes the elements and may update the label (heaparray's {@code with_label}).
     *
     * @param layout      a counted layout.
     * @param length      elements, from 0 to {@code layout.maxLength()}.
     * @param initialiser writes element {@code i} and may update the label; called in index order.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the layout is not counted, or naming the length.
     * @throws RuntimeException         whatever {@code initialiser} throws, after the block is freed.
     */
    public static RcArray withLabel(final ArrayLayout layout, final int length, final ArrayInitialiser initialiser)
    {
        final RcArray array = allocateZeroed(layout, length);
        array.initialiseAll(initialiser);
        return array;
    }

    /**
     * Allocates a counted array whose label starts as a copy of {@code label}, and runs
     * {@code initialiser} over every index, which writes the elements and may update the label.
     *
     * @param layout      a counted layout.
     * @param label       the initial label: its first {@code layout.labelLength()} bytes are copied.
     * @param length      elements, from 0 to {@code layout.maxLength()}.
     * @param initialiser writes element {@code i} and may update the label; called in index order.
     * @return a handle owning the one reference.
     * @throws IndexOutOfBoundsException if {@code label} is shorter than the label.
     * @throws IllegalArgumentException  if the layout is not counted, or naming the length.
     * @throws RuntimeException          whatever {@code initialiser} throws, after the block is freed.
     */
    public static RcArray withLabel(
        final ArrayLayout layout, final DirectBuffer label, final int length, final ArrayInitialiser initialiser)
    {
        final RcArray array = allocateZeroed(layout, label, length);
        array.initialiseAll(initialiser);
        return array;
    }

    /**
     * Takes ownership of one reference to a raw thin counted block (made with the
     * {@code long}-handle API, taken out of an {@link AtomicArrayRef}, or from
     * {@link #intoRaw()}) as a new handle: the caller's reference moves into it, the count is
     * unchanged.
     *
     * @param layout the thin counted layout the block was allocated with.
     * @param block  the block's address, with a reference the caller owns until this call.
     * @return a handle owning that reference; the caller releases it.
     * @throws IllegalArgumentException if the layout is not counted or the block is 0.
     * @throws IllegalStateException    if the layout is fat, or in checked mode if the block is not
     *                                  live.
     */
    public static RcArray fromRaw(final ArrayLayout layout, final long block)
    {
        return first(layout, block, checkCounted(layout).length(block));
    }

    /**
     * Takes ownership of one reference to a raw counted block, thin or fat, as a new handle: the
     * caller's reference moves into it, the count is unchanged.
     *
     * @param layout the counted layout the block was allocated with.
     * @param block  the block's address, with a reference the caller owns until this call.
     * @param length its length.
     * @return a handle owning that reference; the caller releases it.
     * @throws IllegalArgumentException if the layout is not counted, the block is 0 or the length
     *                                  invalid.
     * @throws IllegalStateException    in checked mode, if the block is not live.
     */
    public static RcArray fromRaw(final ArrayLayout layout, final long block, final int length)
    {
        checkCounted(layout).checkBlock(block);
        layout.elementBytes(length);
        return first(layout, block, length);
    }

    private static ArrayLayout checkCounted(final ArrayLayout layout)
    {
        if (!layout.isCounted())
        {
            throw new IllegalArgumentException("an RcArray needs a counted layout (ArrayLayout.counted): " + layout);
        }
        return layout;
    }


    /**
     * Adds a reference and returns a new handle owning it; both handles share the block. Allocates
     * no native memory.
     *
     * @return the new handle.
     * @throws IllegalStateException if this handle was released, the count is at its maximum
     *                               (nothing changes then), or in checked mode when a plain-counted
     *                               array is used from a second thread.
     */
    public RcArray retain()
    {
        final long block = countable();
        layout().rimeLayout().retain(block);
        final RcArray copy = new RcArray();
        copy.dataLength = dataLength;
        copy.owner = owner;
        copy.point(layout(), block, length());
        return copy;
    }

    /**
     * Drops this handle's reference; the last reference frees the block. Detaches this handle's
     * views.
     *
     * @return true if this release freed the block.
     * @throws IllegalStateException if this handle was already released, or in checked mode when a
     *                               plain-counted array is used from a second thread.
     */
    public boolean release()
    {
        final boolean freed = layout().rimeLayout().release(countable(), dataLength);
        clear();
        return freed;
    }

    /**
     * Releases this handle's reference if it still holds one; idempotent.
     *
     * @throws IllegalStateException as {@link #release()}, when a reference is held.
     */
    @Override
    public void close()
    {
        if (blockOrZero() != 0)
        {
            release();
        }
    }

    /**
     * Whether this handle has released its reference (or handed it over).
     *
     * @return true once it holds no reference.
     */
    public boolean isReleased()
    {
        return blockOrZero() == 0;
    }

    /**
     * The number of references to the block, across all handles: a volatile read for atomic
     * counters.
     *
     * @return the count.
     * @throws IllegalStateException if this handle was released, or in checked mode when a
     *                               plain-counted array is used from a second thread.
     */
    public long refCount()
    {
        return layout().rimeLayout().refCount(countable());
    }

    /**
     * Whether this handle holds the only reference, so writes are seen by no other handle.
     *
     * @return true when {@link #refCount()} is 1.
     * @throws IllegalStateException as {@link #refCount()}.
     */
    public boolean isExclusive()
    {
        return refCount() == 1;
    }

    /**
     * Makes this handle the only reference to its block, for writing: free when it already is;
     * otherwise copies the block (label, length, elements) into a new one with count 1, releases
     * this handle's reference to the old block and points this handle (and its views) at the copy.
     * Other handles keep the old block. The documented way to write: a shared block is read-only.
     *
     * @return this handle, now exclusive.
     * @throws IllegalStateException if this handle was released, the allocator has no room
     *                               (nothing changes then), or in checked mode when a
     *                               plain-counted array is used from a second thread.
     */
    public RcArray makeMutable()
    {
        final long block = countable();
        final long mutable = layout().rimeLayout().makeMutable(block, dataLength);
        if (mutable != block)
        {
            owner = CountedCore.ownerOf(layout().rimeLayout());
            point(layout(), mutable, length());
        }
        return this;
    }

    /**
     * Ends counting if this handle holds the only reference (Rust's {@code Rc::try_unwrap}): the
     * block is handed to the caller, not freed, and this handle becomes empty. Otherwise nothing
     * changes. The block keeps its counter (at 1): take it over as an owned array with
     * {@code LabeledArray.fromRaw(layout, block, length)} (or {@code LabeledArray.fromRaw(layout,
     * block)} for a thin layout), whose close frees it; or free it with
     * {@code layout.free(block, length)}.
     *
     * @return the block, now owned by the caller; or 0 when the block is shared.
     * @throws IllegalStateException if this handle was released, or in checked mode when a
     *                               plain-counted array is used from a second thread.
     */
    public long tryUnwrap()
    {
        final long block = CountedCore.exclusiveOrZero(layout().rimeLayout(), countable());
        if (block != 0)
        {
            clear();
        }
        return block;
    }

    /**
     * Ends counting, copying when shared (refpool's {@code unwrap_or_clone}): when exclusive,
     * {@link #tryUnwrap()}; when shared, a copy (label, length, elements) in a new block of the same
     * layout, and this handle's reference to the shared block is released. Either way this handle
     * becomes empty and the caller owns a block with count 1, taken over or freed as
     * {@link #tryUnwrap()}'s.
     *
     * @return the block, owned by the caller.
     * @throws IllegalStateException if this handle was released, the allocator has no room
     *                               (nothing changes then), or in checked mode when a
     *                               plain-counted array is used from a second thread.
     */
    public long unwrapOrCopy()
    {
        makeMutable();
        final long block = blockOrZero();
        clear();
        return block;
    }

    /**
     * Whether two handles share one block (Rust's {@code Rc::ptr_eq}).
     *
     * @param other another handle.
     * @return true if both hold references to the same block.
     * @throws IllegalStateException if either handle was released.
     */
    public boolean refEquals(final RcArray other)
    {
        return CountedCore.checkHeld(NAME, blockOrZero()) == CountedCore.checkHeld(NAME, other.blockOrZero());
    }

    /**
     * Hands this handle's reference to the caller as a {@code long} (to store in a record or an
     * {@link AtomicArrayRef}); this handle is released without touching the count.
     *
     * @return the block, with one reference now owned by the caller.
     * @throws IllegalStateException if this handle was released.
     */
    public long intoRaw()
    {
        final long block = CountedCore.checkHeld(NAME, blockOrZero());
        clear();
        return block;
    }

    @Override
    void letGo()
    {
        close();
    }

    @Override
    String noBlockState()
    {
        return "released";
    }

    @Override
    IllegalStateException noBlock()
    {
        return CountedCore.emptyException(NAME);
    }

    @Override
    void checkWritable(final String operation)
    {
        CountedCore.checkWritable(NAME, layout().rimeLayout(), blockOrZero(), operation);
    }

    private long countable()
    {
        return CountedCore.checkCountable(NAME, blockOrZero(), owner);
    }

    private void clear()
    {
        detach();
        dataLength = 0;
        owner = null;
    }
}
