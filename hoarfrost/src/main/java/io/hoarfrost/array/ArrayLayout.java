package io.hoarfrost.array;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;
import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.RimeLayout;
import org.agrona.DirectBuffer;

import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_CHAR;
import static org.agrona.BitUtil.SIZE_OF_DOUBLE;
import static org.agrona.BitUtil.SIZE_OF_FLOAT;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * The layout of a label-headed array block, and the zero-garbage {@code long}-handle API over it.
 *
 * <pre>
 * thin:  0                                lengthOffset()          elementsOffset()
 *        +-------------------+-----+-------------+-----+----------------------------------+
 *        | label (L bytes)   | pad | length (4B) | pad | elements (length x size bytes)   |
 *        +-------------------+-----+-------------+-----+----------------------------------+
 * fat:   +-------------------+-----+----------------------------------+
 *        | label (L bytes)   | pad | elements (length x size bytes)   |   the handle keeps the length
 *        +-------------------+-----+----------------------------------+
 * counted (thin or fat): the same after a counter at COUNTER_OFFSET, as a Rime block whose
 * metadata is [label | pad | (length)] and whose data is the elements:
 *        +---------+-----+-------+-----+----------+-----+------------+
 *        | counter | pad | label | pad | (length) | pad | elements   |
 *        +---------+-----+-------+-----+----------+-----+------------+
 *        COUNTER_OFFSET    labelOffset()                 elementsOffset()
 * </pre>
 *
 * <ul>
 *   <li><b>Thin</b> ({@link #thin(ElementType)}): the length is stored in the block at
 *       {@link #lengthOffset()} as a 4-byte {@code int}, so the handle is one {@code long} (the block
 *       address) that fits in another off-heap record or an {@link AtomicArrayRef}.</li>
 *   <li><b>Fat</b> ({@link #fat(ElementType)}): no length header; the handle is the address plus the
 *       length, which every call taking a fat block asks for.</li>
 *   <li>The label starts at a multiple of its alignment and is padded so the elements start at a
 *       multiple of the element alignment. In a counted layout the elements start at a multiple of
 *       the block alignment (the largest of counter, label, length and element alignments), as
 *       {@link RimeLayout} places its data.</li>
 *   <li>Elements take at most {@link #MAX_ELEMENT_BYTES} bytes, so they are viewable as one Agrona
 *       {@code UnsafeBuffer}; a longer array is refused with {@link IllegalArgumentException}
 *       before anything is allocated.</li>
 *   <li>An array of 200 longs with no label and no counter takes 8 + 1600 bytes thin (4 bytes of
 *       length, 4 of padding) and exactly 1600 fat.</li>
 * </ul>
 *
 * <p><b>Counting.</b> A layout made with {@link #counted(Counter)} is a {@link RimeLayout} underneath:
 * its counter code (retain, release, never-wrapping limits, checked-mode liveness) is Rime's, not a
 * copy. Such blocks start with a count of 1.
 *
 * <p><b>Initialisation.</b> {@link #allocate(int)} writes only the counter (counted layouts) and
 * the length (thin layouts). {@link #allocateZeroed(int)} zeroes label and elements too.
 *
 * <p><b>{@code long} handles.</b> {@link #free(long, int)} gives a block back, and for a counted
 * layout requires the caller to hold the only reference; {@link #release(long, int)} drops one
 * reference and frees on the last. Keep one layout per kind of array in a {@code static final} so
 * the JIT folds its offsets. What may be done to a block concurrently is the counter's business
 * (atomic counters: retain and release from any thread) and the allocator's
 * ({@link NativeAllocator}: free on any thread).
 *
 * <p>Ported from heaparray's {@code MemBlock}.
 */
public final class ArrayLayout
{
    /** Offset of the counter in a counted block: Rime's. */
    public static final int COUNTER_OFFSET = RimeLayout.COUNTER_OFFSET;

    /** Bytes of the length header of a thin block: an {@code int}. */
    public static final int LENGTH_SIZE = SIZE_OF_INT;

    /** Alignment of the length header. */
    public static final int LENGTH_ALIGNMENT = SIZE_OF_INT;

    /** The most bytes of elements an array holds: they must fit one {@code UnsafeBuffer}. */
    public static final int MAX_ELEMENT_BYTES = Integer.MAX_VALUE;

    /** The largest label alignment {@link #withLabel(int)} chooses on its own. */
    public static final int MAX_DEFAULT_LABEL_ALIGNMENT = SIZE_OF_LONG;

    private static final String WHAT = "array block";

    private final boolean thin;
    private final ElementType elementType;
    private final int elementSize;
    private final int labelLength;
    private final int labelAlignment;
    private final Counter counter;
    private final Allocator allocator;
    private final RimeLayout rime;
    private final int labelOffset;
    private final int lengthOffset;
    private final int elementsOffset;
    private final int blockAlignment;
    private final int maxLength;
    private final boolean checkLiveness;

    private ArrayLayout(
        final boolean thin,
        final ElementType elementType,
        final int labelLength,
        final int labelAlignment,
        final Counter counter,
        final Allocator allocator)
    {
        if (null == elementType || null == allocator)
        {
            throw new NullPointerException(null == elementType ? "elementType" : "allocator");
        }
        if (labelLength < 0)
        {
            throw new IllegalArgumentException("label length " + labelLength + " must not be negative");
        }
        Alignment.check(labelAlignment);

        final int counterWidth = null == counter ? 0 : counter.width();
        final long labelStart = labelLength == 0 ? counterWidth : Alignment.alignUp(counterWidth, labelAlignment);
        final long labelEnd = labelStart + labelLength;
        final long lengthStart = thin ? Alignment.alignUp(labelEnd, LENGTH_ALIGNMENT) : -1;
        final long headerEnd = thin ? lengthStart + LENGTH_SIZE : labelEnd;

        int alignment = elementType.alignment();
        if (labelLength > 0)
        {
            alignment = Math.max(alignment, labelAlignment);
        }
        if (thin)
        {
            alignment = Math.max(alignment, LENGTH_ALIGNMENT);
        }

        final long elementsStart;
        if (null == counter)
        {
            elementsStart = Alignment.alignUp(headerEnd, elementType.alignment());
            this.rime = null;
        }
        else
        {
            alignment = Math.max(alignment, counter.blockAlignment());
            elementsStart = Alignment.alignUp(headerEnd, alignment);
            if (elementsStart > Integer.MAX_VALUE)
            {
                throw headerTooLong(labelLength);
            }
            this.rime = RimeLayout.of(allocator, counter, (int)(headerEnd - counterWidth), alignment);
        }
        if (elementsStart > Integer.MAX_VALUE)
        {
            throw headerTooLong(labelLength);
        }

        this.thin = thin;
        this.elementType = elementType;
        this.elementSize = elementType.size();
        this.labelLength = labelLength;
        this.labelAlignment = labelAlignment;
        this.counter = counter;
        this.allocator = allocator;
        this.labelOffset = (int)labelStart;
        this.lengthOffset = (int)lengthStart;
        this.elementsOffset = (int)elementsStart;
        this.blockAlignment = null == rime ? alignment : rime.blockAlignment();
        this.maxLength = MAX_ELEMENT_BYTES / elementSize;
        this.checkLiveness = allocator.freesIndividually();
    }

    private static IllegalArgumentException headerTooLong(final int labelLength)
    {
        return new IllegalArgumentException(
            "label length " + labelLength + " puts the elements past offset " + Integer.MAX_VALUE);
    }

    // ---------------------------------------------------------------------------------------------
    // Making layouts
    // ---------------------------------------------------------------------------------------------

    /**
     * A thin layout: length stored in the block, handle one {@code long}. No label, no counter,
     * native heap.
     *
     * @param elementType the elements.
     * @return the layout.
     */
    public static ArrayLayout thin(final ElementType elementType)
    {
        return new ArrayLayout(true, elementType, 0, Alignment.MIN_ALIGNMENT, null, NativeAllocator.INSTANCE);
    }

    /**
     * A fat layout: no length header, the handle keeps the length. No label, no counter, native
     * heap.
     *
     * @param elementType the elements.
     * @return the layout.
     */
    public static ArrayLayout fat(final ElementType elementType)
    {
        return new ArrayLayout(false, elementType, 0, Alignment.MIN_ALIGNMENT, null, NativeAllocator.INSTANCE);
    }

    /**
     * This layout with a label of {@code labelLength} bytes, aligned to the largest power of two
     * that divides the length, up to {@link #MAX_DEFAULT_LABEL_ALIGNMENT}: enough for any record of
     * that size built from primitives (a struct's size is a multiple of its alignment).
     *
     * @param labelLength bytes of label, not negative; 0 for none.
     * @return a new layout; this one is unchanged.
     * @throws IllegalArgumentException naming the length if it is negative or too long.
     */
    public ArrayLayout withLabel(final int labelLength)
    {
        final int alignment = labelLength <= 0 ?
            Alignment.MIN_ALIGNMENT : Math.min(Integer.lowestOneBit(labelLength), MAX_DEFAULT_LABEL_ALIGNMENT);
        return withLabel(labelLength, alignment);
    }

    /**
     * This layout with a label of {@code labelLength} bytes starting at a multiple of
     * {@code labelAlignment}.
     *
     * @param labelLength    bytes of label, not negative; 0 for none.
     * @param labelAlignment a power of two from 1 to 4096.
     * @return a new layout; this one is unchanged.
     * @throws IllegalArgumentException naming the value if the length is negative or too long, or
     *                                  the alignment is invalid.
     */
    public ArrayLayout withLabel(final int labelLength, final int labelAlignment)
    {
        return new ArrayLayout(thin, elementType, labelLength, labelAlignment, counter, allocator);
    }

    /**
     * This layout with a reference counter in front, for {@link RcArray}s.
     *
     * @param counter the counter kind (plain for one thread, atomic for several).
     * @return a new layout; this one is unchanged.
     */
    public ArrayLayout counted(final Counter counter)
    {
        if (null == counter)
        {
            throw new NullPointerException("counter");
        }
        return new ArrayLayout(thin, elementType, labelLength, labelAlignment, counter, allocator);
    }

    /**
     * This layout placed by another allocator (a pool, an arena).
     *
     * @param allocator where blocks come from and go back to.
     * @return a new layout; this one is unchanged.
     */
    public ArrayLayout withAllocator(final Allocator allocator)
    {
        return new ArrayLayout(thin, elementType, labelLength, labelAlignment, counter, allocator);
    }

    // ---------------------------------------------------------------------------------------------
    // Geometry
    // ---------------------------------------------------------------------------------------------

    /**
     * Whether the length is stored in the block.
     *
     * @return true for the thin form, false for the fat one.
     */
    public boolean isThin()
    {
        return thin;
    }

    /**
     * Whether blocks start with a reference counter.
     *
     * @return true for layouts made by {@link #counted(Counter)}.
     */
    public boolean isCounted()
    {
        return null != counter;
    }

    /**
     * The counter kind.
     *
     * @return the counter, or null for a layout without one.
     */
    public Counter counter()
    {
        return counter;
    }

    /**
     * The element type.
     *
     * @return the elements' type.
     */
    public ElementType elementType()
    {
        return elementType;
    }

    /**
     * Bytes of label per block.
     *
     * @return the label length, 0 for none.
     */
    public int labelLength()
    {
        return labelLength;
    }

    /**
     * Alignment of the label within the block.
     *
     * @return a power of two.
     */
    public int labelAlignment()
    {
        return labelAlignment;
    }

    /**
     * Where blocks come from.
     *
     * @return the allocator.
     */
    public Allocator allocator()
    {
        return allocator;
    }

    /**
     * Offset of the label: 0, or after the counter in a counted layout.
     *
     * @return the label offset.
     */
    public int labelOffset()
    {
        return labelOffset;
    }

    /**
     * Offset of the thin form's {@code int} length.
     *
     * @return the length offset, or -1 in the fat form.
     */
    public int lengthOffset()
    {
        return lengthOffset;
    }

    /**
     * Offset of element 0.
     *
     * @return the elements offset.
     */
    public int elementsOffset()
    {
        return elementsOffset;
    }

    /**
     * The alignment blocks are allocated with: enough for every field.
     *
     * @return a power of two.
     */
    public int blockAlignment()
    {
        return blockAlignment;
    }

    /**
     * The longest array this layout holds: {@link #MAX_ELEMENT_BYTES} / element size.
     *
     * @return the maximum length.
     */
    public int maxLength()
    {
        return maxLength;
    }

    /**
     * Bytes of a block holding {@code length} elements: header, elements and the allocator's
     * minimum (1 byte; a counter's word for counted layouts).
     *
     * @param length elements.
     * @return the block size.
     * @throws IllegalArgumentException naming the length if it is negative or above
     *                                  {@link #maxLength()}.
     */
    public long blockSize(final int length)
    {
        return blockSizeOf(elementBytes(length));
    }

    private long blockSizeOf(final int elementBytes)
    {
        return null == rime ? Math.max(1L, (long)elementsOffset + elementBytes) : rime.blockSize(elementBytes);
    }

    /**
     * Bytes taken by {@code length} elements, checked.
     *
     * @param length elements.
     * @return {@code length * elementType().size()}.
     * @throws IllegalArgumentException naming the length if it is negative, or if it is above
     *                                  {@link #maxLength()} (naming the bytes it would need).
     */
    public int elementBytes(final int length)
    {
        Bounds.checkNonNegative(length);
        if (length > maxLength)
        {
            throw new IllegalArgumentException(
                "length " + length + " of " + elementType + " elements needs " + (long)length * elementSize +
                " bytes: an array holds at most " + MAX_ELEMENT_BYTES + " bytes of elements (length " + maxLength + ")");
        }
        return length * elementSize;
    }

    // ---------------------------------------------------------------------------------------------
    // Allocation: the long-handle API
    // ---------------------------------------------------------------------------------------------

    /**
     * Allocates a block of {@code length} elements, uninitialised: only the count (1, for a
     * counted layout) and the length (thin layout) are written; label and elements hold whatever
     * the memory held (poison in checked mode, for a pool). See {@link #allocateZeroed(int)}.
     *
     * @param length elements, from 0 to {@link #maxLength()}.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IllegalArgumentException naming the length if it is negative or too long; nothing is
     *                                  allocated then.
     * @throws IllegalStateException    if the allocator has no room (returned 0), naming the size.
     * @throws OutOfMemoryError         if native memory runs out.
     */
    public long allocate(final int length)
    {
        final int bytes = elementBytes(length);
        return allocateWithLength(length, bytes);
    }

    /**
     * Allocates a block of {@code length} elements with label and elements zeroed (heaparray's
     * {@code with_len} with a zero label). Count 1 for a counted layout.
     *
     * @param length elements, from 0 to {@link #maxLength()}.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IllegalArgumentException naming the length if it is negative or too long; nothing is
     *                                  allocated then.
     * @throws IllegalStateException    if the allocator has no room (returned 0), naming the size.
     * @throws OutOfMemoryError         if native memory runs out.
     */
    public long allocateZeroed(final int length)
    {
        final int bytes = elementBytes(length);
        final long block = allocateWithHeader(length, bytes);
        Memory.fill(block + elementsOffset, bytes, (byte)0);
        return block;
    }

    /**
     * Allocates a block of {@code length} uninitialised elements whose label is a copy of the
     * first {@link #labelLength()} bytes of {@code label}; see {@link #allocate(int)}.
     *
     * @param label  the label bytes; not retained.
     * @param length elements, from 0 to {@link #maxLength()}.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IndexOutOfBoundsException naming the values if {@code label} is shorter than the
     *                                   label; nothing is allocated then.
     * @throws IllegalArgumentException  naming the length if it is negative or too long; nothing
     *                                   is allocated then.
     * @throws IllegalStateException     if the allocator has no room.
     */
    public long allocate(final DirectBuffer label, final int length)
    {
        Bounds.checkRange(0, labelLength, label.capacity());
        final long block = allocate(length);
        Memory.copy(label, 0, block + labelOffset, labelLength);
        return block;
    }

    /**
     * Allocates a block of {@code length} zeroed elements whose label is a copy of the first
     * {@link #labelLength()} bytes of {@code label} (heaparray's {@code with_len}).
     *
     * @param label  the label bytes; not retained.
     * @param length elements, from 0 to {@link #maxLength()}.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IndexOutOfBoundsException naming the values if {@code label} is shorter than the
     *                                   label; nothing is allocated then.
     * @throws IllegalArgumentException  naming the length if it is negative or too long; nothing
     *                                   is allocated then.
     * @throws IllegalStateException     if the allocator has no room.
     */
    public long allocateZeroed(final DirectBuffer label, final int length)
    {
        Bounds.checkRange(0, labelLength, label.capacity());
        final long block = allocateZeroed(length);
        Memory.copy(label, 0, block + labelOffset, labelLength);
        return block;
    }

    /**
     * Allocates a block of 8-byte elements, element {@code i} set to {@code init.applyAsLong(i)} in
     * index order (heaparray's {@code new(len, |i|)}); the label is zeroed. A non-capturing lambda
     * keeps the call free of heap garbage.
     *
     * @param length elements, from 0 to {@link #maxLength()}.
     * @param init   the value of each element.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IllegalStateException    if the elements are not 8 bytes wide (nothing is allocated), or
     *                                  the allocator has no room.
     * @throws IllegalArgumentException naming the length if it is negative or too long; nothing is
     *                                  allocated then.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated then.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public long allocateLongs(final int length, final IntToLongFunction init)
    {
        checkWidth(SIZE_OF_LONG, "allocateLongs");
        Objects.requireNonNull(init, "init");
        final int bytes = elementBytes(length);
        final long block = allocateWithHeader(length, bytes);
        final long elements = block + elementsOffset;
        try
        {
            for (int i = 0; i < length; i++)
            {
                Memory.putLong(elements + ((long)i << 3), init.applyAsLong(i));
            }
        }
        catch (final Throwable ex)
        {
            freeBlock(block, bytes);
            throw ex;
        }
        return block;
    }

    /**
     * Allocates a block of 4-byte elements, element {@code i} set to {@code init.applyAsInt(i)} in
     * index order; the label is zeroed.
     *
     * @param length elements, from 0 to {@link #maxLength()}.
     * @param init   the value of each element.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IllegalStateException    if the elements are not 4 bytes wide (nothing is allocated), or
     *                                  the allocator has no room.
     * @throws IllegalArgumentException naming the length if it is negative or too long; nothing is
     *                                  allocated then.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated then.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public long allocateInts(final int length, final IntUnaryOperator init)
    {
        checkWidth(SIZE_OF_INT, "allocateInts");
        Objects.requireNonNull(init, "init");
        final int bytes = elementBytes(length);
        final long block = allocateWithHeader(length, bytes);
        final long elements = block + elementsOffset;
        try
        {
            for (int i = 0; i < length; i++)
            {
                Memory.putInt(elements + ((long)i << 2), init.applyAsInt(i));
            }
        }
        catch (final Throwable ex)
        {
            freeBlock(block, bytes);
            throw ex;
        }
        return block;
    }

    /**
     * Allocates a block of 8-byte elements, element {@code i} set to {@code init.applyAsDouble(i)}
     * in index order; the label is zeroed.
     *
     * @param length elements, from 0 to {@link #maxLength()}.
     * @param init   the value of each element.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IllegalStateException    if the elements are not 8 bytes wide (nothing is allocated), or
     *                                  the allocator has no room.
     * @throws IllegalArgumentException naming the length if it is negative or too long; nothing is
     *                                  allocated then.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated then.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public long allocateDoubles(final int length, final IntToDoubleFunction init)
    {
        checkWidth(SIZE_OF_DOUBLE, "allocateDoubles");
        Objects.requireNonNull(init, "init");
        final int bytes = elementBytes(length);
        final long block = allocateWithHeader(length, bytes);
        final long elements = block + elementsOffset;
        try
        {
            for (int i = 0; i < length; i++)
            {
                Memory.putDouble(elements + ((long)i << 3), init.applyAsDouble(i));
            }
        }
        catch (final Throwable ex)
        {
            freeBlock(block, bytes);
            throw ex;
        }
        return block;
    }

    /**
     * Allocates a block of 1-byte elements, element {@code i} set to
     * {@code init.applyAsByte(i)} in index order, as {@link #allocateLongs(int, IntToLongFunction)};
     * the label is zeroed.
     *
     * @param length elements, from 0 to {@link #maxLength()}.
     * @param init   the value of each element.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IllegalStateException    if the elements are not 1 byte wide (nothing is allocated), or
     *                                  the allocator has no room.
     * @throws IllegalArgumentException naming the length if it is negative or too long; nothing is
     *                                  allocated then.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated then.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public long allocateBytes(final int length, final IntToByteFunction init)
    {
        checkWidth(SIZE_OF_BYTE, "allocateBytes");
        Objects.requireNonNull(init, "init");
        final int bytes = elementBytes(length);
        final long block = allocateWithHeader(length, bytes);
        final long elements = block + elementsOffset;
        try
        {
            for (int i = 0; i < length; i++)
            {
                Memory.putByte(elements + i, init.applyAsByte(i));
            }
        }
        catch (final Throwable ex)
        {
            freeBlock(block, bytes);
            throw ex;
        }
        return block;
    }

    /**
     * Allocates a block of 2-byte elements, element {@code i} set to
     * {@code init.applyAsShort(i)} in index order, as {@link #allocateLongs(int, IntToLongFunction)};
     * the label is zeroed.
     *
     * @param length elements, from 0 to {@link #maxLength()}.
     * @param init   the value of each element.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IllegalStateException    if the elements are not 2 bytes wide (nothing is allocated), or
     *                                  the allocator has no room.
     * @throws IllegalArgumentException naming the length if it is negative or too long; nothing is
     *                                  allocated then.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated then.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public long allocateShorts(final int length, final IntToShortFunction init)
    {
        checkWidth(SIZE_OF_SHORT, "allocateShorts");
        Objects.requireNonNull(init, "init");
        final int bytes = elementBytes(length);
        final long block = allocateWithHeader(length, bytes);
        final long elements = block + elementsOffset;
        try
        {
            for (int i = 0; i < length; i++)
            {
                Memory.putShort(elements + ((long)i << 1), init.applyAsShort(i));
            }
        }
        catch (final Throwable ex)
        {
            freeBlock(block, bytes);
            throw ex;
        }
        return block;
    }

    /**
     * Allocates a block of 2-byte elements, element {@code i} set to
     * {@code init.applyAsChar(i)} in index order, as {@link #allocateLongs(int, IntToLongFunction)};
     * the label is zeroed.
     *
     * @param length elements, from 0 to {@link #maxLength()}.
     * @param init   the value of each element.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IllegalStateException    if the elements are not 2 bytes wide (nothing is allocated), or
     *                                  the allocator has no room.
     * @throws IllegalArgumentException naming the length if it is negative or too long; nothing is
     *                                  allocated then.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated then.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public long allocateChars(final int length, final IntToCharFunction init)
    {
        checkWidth(SIZE_OF_CHAR, "allocateChars");
        Objects.requireNonNull(init, "init");
        final int bytes = elementBytes(length);
        final long block = allocateWithHeader(length, bytes);
        final long elements = block + elementsOffset;
        try
        {
            for (int i = 0; i < length; i++)
            {
                Memory.putChar(elements + ((long)i << 1), init.applyAsChar(i));
            }
        }
        catch (final Throwable ex)
        {
            freeBlock(block, bytes);
            throw ex;
        }
        return block;
    }

    /**
     * Allocates a block of 4-byte elements, element {@code i} set to
     * {@code init.applyAsFloat(i)} in index order, as {@link #allocateLongs(int, IntToLongFunction)};
     * the label is zeroed.
     *
     * @param length elements, from 0 to {@link #maxLength()}.
     * @param init   the value of each element.
     * @return the block's address; the caller owns it (its one reference).
     * @throws IllegalStateException    if the elements are not 4 bytes wide (nothing is allocated), or
     *                                  the allocator has no room.
     * @throws IllegalArgumentException naming the length if it is negative or too long; nothing is
     *                                  allocated then.
     * @throws NullPointerException     if {@code init} is null; nothing is allocated then.
     * @throws RuntimeException         whatever {@code init} throws, after the block is freed.
     */
    public long allocateFloats(final int length, final IntToFloatFunction init)
    {
        checkWidth(SIZE_OF_FLOAT, "allocateFloats");
        Objects.requireNonNull(init, "init");
        final int bytes = elementBytes(length);
        final long block = allocateWithHeader(length, bytes);
        final long elements = block + elementsOffset;
        try
        {
            for (int i = 0; i < length; i++)
            {
                Memory.putFloat(elements + ((long)i << 2), init.applyAsFloat(i));
            }
        }
        catch (final Throwable ex)
        {
            freeBlock(block, bytes);
            throw ex;
        }
        return block;
    }

    /**
     * Allocates a new block with the same label, length and elements as {@code block}; count 1 for
     * a counted layout. The source is unchanged.
     *
     * @param block  a live block of this layout.
     * @param length its length.
     * @return the copy's address; the caller owns it.
     * @throws IllegalArgumentException if the block is 0 or the length invalid.
     * @throws IllegalStateException    if the allocator has no room, or in checked mode if the
     *                                  block is not live.
     */
    public long copy(final long block, final int length)
    {
        checkBlock(block);
        final int bytes = elementBytes(length);
        final long copy = allocateBlock(bytes);
        Memory.copy(block + labelOffset, copy + labelOffset, (long)elementsOffset - labelOffset + bytes);
        return copy;
    }

    /**
     * Frees a block. For a counted layout the caller must hold its only reference (count 1).
     *
     * @param block  a live block of this layout, owned by the caller.
     * @param length its length.
     * @throws IllegalArgumentException if the block is 0 or the length invalid.
     * @throws IllegalStateException    if the block is counted and shared (nothing changes then), or
     *                                  in checked mode on a double free or a foreign address.
     */
    public void free(final long block, final int length)
    {
        checkBlock(block);
        final int bytes = elementBytes(length);
        if (null != rime)
        {
            final long count = rime.refCount(block);
            if (count != 1)
            {
                throw new IllegalStateException(
                    "free of a counted array block at 0x" + Long.toHexString(block) + " with count " + count +
                    ": only the sole reference may free it; release instead");
            }
        }
        freeBlock(block, bytes);
    }

    /**
     * Frees a thin block, reading its length from the block.
     *
     * @param block a live thin block of this layout, owned by the caller.
     * @throws IllegalArgumentException if the block is 0.
     * @throws IllegalStateException    if the layout is fat, if the block is counted and shared, or
     *                                  in checked mode on a double free or a foreign address.
     */
    public void free(final long block)
    {
        free(block, length(block));
    }

    // ---------------------------------------------------------------------------------------------
    // Counting: Rime's counter code
    // ---------------------------------------------------------------------------------------------

    /**
     * Adds a reference to a counted block.
     *
     * @param block a live block of this counted layout.
     * @return the count after the retain.
     * @throws IllegalArgumentException if the block is 0.
     * @throws IllegalStateException    if the layout is not counted, the count is at its maximum
     *                                  (unchanged then), or in checked mode if the block is not live.
     */
    public long retain(final long block)
    {
        checkBlock(block);
        return counted("retain").retain(block);
    }

    /**
     * Drops a reference to a counted block; the last one frees it. The caller's reference is gone
     * either way.
     *
     * @param block  a live block of this counted layout.
     * @param length its length.
     * @return true if this release freed the block.
     * @throws IllegalArgumentException if the block is 0 or the length invalid.
     * @throws IllegalStateException    if the layout is not counted, the count is already 0, or in
     *                                  checked mode if the block is not live.
     */
    public boolean release(final long block, final int length)
    {
        checkBlock(block);
        final RimeLayout rime = counted("release");
        return rime.release(block, elementBytes(length));
    }

    /**
     * Drops a reference to a thin counted block, reading its length from the block.
     *
     * @param block a live thin block of this counted layout.
     * @return true if this release freed the block.
     * @throws IllegalArgumentException if the block is 0.
     * @throws IllegalStateException    if the layout is fat or not counted, the count is already 0,
     *                                  or in checked mode if the block is not live.
     */
    public boolean release(final long block)
    {
        counted("release");
        return release(block, length(block));
    }

    /**
     * The number of references to a counted block: a volatile read for atomic counters.
     *
     * @param block a live block of this counted layout.
     * @return the count.
     * @throws IllegalArgumentException if the block is 0.
     * @throws IllegalStateException    if the layout is not counted, or in checked mode if the block
     *                                  is not live.
     */
    public long refCount(final long block)
    {
        checkBlock(block);
        return counted("refCount").refCount(block);
    }

    // ---------------------------------------------------------------------------------------------
    // Addresses
    // ---------------------------------------------------------------------------------------------

    /**
     * The length stored in a thin block.
     *
     * @param block a live thin block of this layout.
     * @return its length.
     * @throws IllegalArgumentException if the block is 0.
     * @throws IllegalStateException    if the layout is fat (it has no length to read), or in checked
     *                                  mode if the block is not live.
     */
    public int length(final long block)
    {
        if (!thin)
        {
            throw new IllegalStateException("a fat array block does not store its length: " + this);
        }
        checkBlock(block);
        return Memory.getInt(block + lengthOffset);
    }

    /**
     * Address of a block's label.
     *
     * @param block a block of this layout.
     * @return {@code block + labelOffset()}, borrowed.
     */
    public long labelAddress(final long block)
    {
        return block + labelOffset;
    }

    /**
     * Address of a block's element 0.
     *
     * @param block a block of this layout.
     * @return {@code block + elementsOffset()}, borrowed.
     */
    public long elementsAddress(final long block)
    {
        return block + elementsOffset;
    }

    /**
     * Address of element {@code index}, bounds-checked.
     *
     * @param block  a block of this layout.
     * @param length its length.
     * @param index  the element, from 0 to {@code length - 1}.
     * @return the element's address, borrowed.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     */
    public long elementAddress(final long block, final int length, final int index)
    {
        Bounds.checkIndex(index, length);
        return block + elementsOffset + (long)index * elementSize;
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "ArrayLayout{" + (thin ? "thin" : "fat") + ", elements=" + elementType + ", labelLength=" + labelLength +
            ", labelAlignment=" + labelAlignment + ", counter=" + (null == counter ? "none" : counter.toString()) +
            ", elementsOffset=" + elementsOffset + ", blockAlignment=" + blockAlignment + ", allocator=" + allocator + '}';
    }

    // ---------------------------------------------------------------------------------------------
    // Internals shared with the handle classes
    // ---------------------------------------------------------------------------------------------

    int elementSize()
    {
        return elementSize;
    }

    boolean checkLiveness()
    {
        return checkLiveness;
    }

    void checkWidth(final int width, final String operation)
    {
        if (width != elementSize)
        {
            throw widthMismatch(width, operation);
        }
    }

    IllegalStateException widthMismatch(final int width, final String operation)
    {
        return new IllegalStateException(
            operation + " needs " + width + "-byte elements; this array holds " + elementType + " (" + elementSize +
            " bytes)");
    }

    /** The counted block's layout as a Rime block (label and length are its metadata), or null. */
    RimeLayout rimeLayout()
    {
        return rime;
    }

    private RimeLayout counted(final String operation)
    {
        if (null == rime)
        {
            throw new IllegalStateException(operation + " of a block of a layout without a counter: " + this);
        }
        return rime;
    }

    void checkBlock(final long block)
    {
        if (block == 0)
        {
            throw new IllegalArgumentException("block 0 is not an array block");
        }
        if (MemoryChecks.ENABLED && checkLiveness)
        {
            Checks.checkLive(block, WHAT);
        }
    }

    /** Allocates a block with count 1 (counted), zeroes the header after the counter and stores the length. */
    private long allocateWithHeader(final int length, final int elementBytes)
    {
        final long block = allocateBlock(elementBytes);
        Memory.fill(block + labelOffset, elementsOffset - labelOffset, (byte)0);
        if (thin)
        {
            Memory.putInt(block + lengthOffset, length);
        }
        return block;
    }

    /** Allocates a block with count 1 (counted) and stores the length (thin); nothing else is written. */
    private long allocateWithLength(final int length, final int elementBytes)
    {
        final long block = allocateBlock(elementBytes);
        if (thin)
        {
            Memory.putInt(block + lengthOffset, length);
        }
        return block;
    }

    private long allocateBlock(final int elementBytes)
    {
        if (null != rime)
        {
            return rime.allocate(elementBytes);
        }
        final long size = blockSizeOf(elementBytes);
        final long block = allocator.allocate(size, blockAlignment);
        if (block == 0)
        {
            throw new IllegalStateException(allocator + " has no room for an array block of " + size + " bytes");
        }
        return block;
    }

    private void freeBlock(final long block, final int elementBytes)
    {
        if (null != rime)
        {
            rime.release(block, elementBytes);
        }
        else
        {
            allocator.free(block, blockSizeOf(elementBytes), blockAlignment);
        }
    }
}
