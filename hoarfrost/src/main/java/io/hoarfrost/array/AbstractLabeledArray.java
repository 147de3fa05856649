package io.hoarfrost.array;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.RecordFlyweight;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_CHAR;
import static org.agrona.BitUtil.SIZE_OF_DOUBLE;
import static org.agrona.BitUtil.SIZE_OF_FLOAT;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * What every handle to a label-headed array block can do: element access by index, the label,
 * equality and printing. {@link LabeledArray} owns its block, {@link RcArray} holds one counted
 * reference, {@link LabeledArrayView} borrows.
 *
 * <p><b>Element access</b> is by width, in plain (unordered) memory order: {@code getLong},
 * {@code putLong} and {@code replaceLong} work on any 8-byte element type ({@code long},
 * {@code double}, an 8-byte record), {@code getInt} on any 4-byte one, and so on; a width that
 * does not match the element size throws {@link IllegalStateException}. An index that is
 * negative or not below {@link #length()} throws {@link IndexOutOfBoundsException} naming the
 * index and the length. Both checks are always on and cost one compare each. Records are read and
 * written through a {@link RecordFlyweight}, or any codec over {@link #elements()}.
 *
 * <p><b>Iteration</b> ({@code forEachLong}, {@code forEachIntIndexed}, ... one pair per primitive,
 * and {@link #forEachRecord(RecordFlyweight, java.util.function.Consumer)}) visits every element in
 * index order with no boxing and no iterator object: {@code java.util.function}'s
 * {@code IntConsumer}, {@code LongConsumer} and {@code DoubleConsumer} where they exist, and this
 * package's {@link ByteConsumer}, {@link ShortConsumer}, {@link CharConsumer} and
 * {@link FloatConsumer} (exact types, so a {@code char} arrives as a {@code char}) and
 * {@code Indexed*Consumer}s otherwise. The element width is checked as {@code get} checks it.
 */
public abstract class AbstractLabeledArray
{
    /** How many elements {@link #toString()} prints before it truncates. */
    public static final int MAX_ELEMENTS_SHOWN = 16;

    /** How many label bytes {@link #toString()} prints before it truncates. */
    public static final int MAX_LABEL_BYTES_SHOWN = 32;

    private static final String WHAT = "array block";

    private ArrayLayout layout;
    private long block;
    private long elementsAddress;
    private int length;
    private int elementSize;
    private boolean checkLiveness;
    private UnsafeBuffer labelView;
    private UnsafeBuffer elementsView;

    AbstractLabeledArray()
    {
    }

    // ---------------------------------------------------------------------------------------------
    // Shape
    // ---------------------------------------------------------------------------------------------

    /**
     * The number of elements.
     *
     * @return the length; 0 once this handle has let go of its block.
     */
    public final int length()
    {
        return length;
    }

    /**
     * The layout of the block.
     *
     * @return the layout, or null for a view that was never wrapped.
     */
    public final ArrayLayout layout()
    {
        return layout;
    }

    /**
     * The block's address: the {@code long} handle. Borrowed: this handle still owns (or borrows)
     * it.
     *
     * @return the block address.
     * @throws IllegalStateException if this handle holds no block.
     */
    public final long block()
    {
        return requireBlock();
    }

    /**
     * Address of the label, borrowed.
     *
     * @return the label address.
     * @throws IllegalStateException if this handle holds no block.
     */
    public final long labelAddress()
    {
        return layout.labelAddress(requireBlock());
    }

    /**
     * Address of element 0, borrowed.
     *
     * @return the elements' address.
     * @throws IllegalStateException if this handle holds no block.
     */
    public final long elementsAddress()
    {
        requireBlock();
        return elementsAddress;
    }

    /**
     * Address of element {@code index}, for {@link Memory}'s acquire, release, volatile and atomic accessors.
     * Borrowed.
     *
     * @param index the element, from 0 to {@code length() - 1}.
     * @return its address.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if this handle holds no block.
     */
    public final long elementAddress(final int index)
    {
        requireBlock();
        Bounds.checkIndex(index, length);
        return elementsAddress + (long)index * elementSize;
    }

    /**
     * Offset of element {@code index} within {@link #elements()}, for SBE codecs and other
     * flyweights over the elements view.
     *
     * @param index the element, from 0 to {@code length() - 1}.
     * @return {@code index * elementType().size()}.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if this handle holds no block.
     */
    public final int elementOffset(final int index)
    {
        requireBlock();
        Bounds.checkIndex(index, length);
        return index * elementSize;
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /**
     * A view over the label, borrowed; writable. The same object on every call.
     *
     * @return the label view, of capacity {@code layout().labelLength()}.
     * @throws IllegalStateException if this handle holds no block.
     */
    public final UnsafeBuffer label()
    {
        final long block = requireLiveBlock();
        if (null == labelView)
        {
            labelView = new UnsafeBuffer(layout.labelAddress(block), layout.labelLength());
        }
        return labelView;
    }

    /**
     * Points a flyweight at the label.
     *
     * @param flyweight the label's flyweight.
     * @param <R>       its type.
     * @return {@code flyweight}, wrapped over {@link #label()} at offset 0.
     * @throws IllegalStateException if this handle holds no block.
     */
    public final <R extends RecordFlyweight> R label(final R flyweight)
    {
        flyweight.wrap(label(), 0);
        return flyweight;
    }

    /**
     * A view over all elements, borrowed; writable. The same object on every call.
     *
     * @return the elements view, of capacity {@code length() * elementType().size()}.
     * @throws IllegalStateException if this handle holds no block.
     */
    public final UnsafeBuffer elements()
    {
        requireLiveBlock();
        if (null == elementsView)
        {
            elementsView = new UnsafeBuffer(elementsAddress, length * elementSize);
        }
        return elementsView;
    }

    /**
     * Points a flyweight at element {@code index}.
     *
     * @param index     the element, from 0 to {@code length() - 1}.
     * @param flyweight the record flyweight.
     * @param <R>       its type.
     * @return {@code flyweight}, wrapped over {@link #elements()} at {@link #elementOffset(int)}.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if this handle holds no block.
     */
    public final <R extends RecordFlyweight> R record(final int index, final R flyweight)
    {
        final int offset = elementOffset(index);
        flyweight.wrap(elements(), offset);
        return flyweight;
    }

    // ---------------------------------------------------------------------------------------------
    // Element access by width
    // ---------------------------------------------------------------------------------------------

    /**
     * Reads a 1-byte element.
     *
     * @param index the element.
     * @return its value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 1 byte wide or there is no block.
     */
    public final byte getByte(final int index)
    {
        return Memory.getByte(addressOf(index, SIZE_OF_BYTE, "getByte"));
    }

    /**
     * Writes a 1-byte element.
     *
     * @param index the element.
     * @param value its new value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 1 byte wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final void putByte(final int index, final byte value)
    {
        Memory.putByte(writeAddressOf(index, SIZE_OF_BYTE, "putByte"), value);
    }

    /**
     * Writes a 1-byte element and returns the value it replaced (heaparray's {@code insert}).
     *
     * @param index the element.
     * @param value its new value.
     * @return the previous value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 1 byte wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final byte replaceByte(final int index, final byte value)
    {
        final long address = writeAddressOf(index, SIZE_OF_BYTE, "replaceByte");
        final byte previous = Memory.getByte(address);
        Memory.putByte(address, value);
        return previous;
    }

    /**
     * Reads a 2-byte element as a {@code short}.
     *
     * @param index the element.
     * @return its value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 2 bytes wide or there is no block.
     */
    public final short getShort(final int index)
    {
        return Memory.getShort(addressOf(index, SIZE_OF_SHORT, "getShort"));
    }

    /**
     * Writes a 2-byte element as a {@code short}.
     *
     * @param index the element.
     * @param value its new value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 2 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final void putShort(final int index, final short value)
    {
        Memory.putShort(writeAddressOf(index, SIZE_OF_SHORT, "putShort"), value);
    }

    /**
     * Writes a 2-byte element as a {@code short} and returns the value it replaced.
     *
     * @param index the element.
     * @param value its new value.
     * @return the previous value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 2 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final short replaceShort(final int index, final short value)
    {
        final long address = writeAddressOf(index, SIZE_OF_SHORT, "replaceShort");
        final short previous = Memory.getShort(address);
        Memory.putShort(address, value);
        return previous;
    }

    /**
     * Reads a 2-byte element as a {@code char}.
     *
     * @param index the element.
     * @return its value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 2 bytes wide or there is no block.
     */
    public final char getChar(final int index)
    {
        return Memory.getChar(addressOf(index, SIZE_OF_CHAR, "getChar"));
    }

    /**
     * Writes a 2-byte element as a {@code char}.
     *
     * @param index the element.
     * @param value its new value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 2 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final void putChar(final int index, final char value)
    {
        Memory.putChar(writeAddressOf(index, SIZE_OF_CHAR, "putChar"), value);
    }

    /**
     * Writes a 2-byte element as a {@code char} and returns the value it replaced.
     *
     * @param index the element.
     * @param value its new value.
     * @return the previous value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 2 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final char replaceChar(final int index, final char value)
    {
        final long address = writeAddressOf(index, SIZE_OF_CHAR, "replaceChar");
        final char previous = Memory.getChar(address);
        Memory.putChar(address, value);
        return previous;
    }

    /**
     * Reads a 4-byte element as an {@code int}.
     *
     * @param index the element.
     * @return its value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 4 bytes wide or there is no block.
     */
    public final int getInt(final int index)
    {
        return Memory.getInt(addressOf(index, SIZE_OF_INT, "getInt"));
    }

    /**
     * Writes a 4-byte element as an {@code int}.
     *
     * @param index the element.
     * @param value its new value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 4 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final void putInt(final int index, final int value)
    {
        Memory.putInt(writeAddressOf(index, SIZE_OF_INT, "putInt"), value);
    }

    /**
     * Writes a 4-byte element as an {@code int} and returns the value it replaced.
     *
     * @param index the element.
     * @param value its new value.
     * @return the previous value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 4 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final int replaceInt(final int index, final int value)
    {
        final long address = writeAddressOf(index, SIZE_OF_INT, "replaceInt");
        final int previous = Memory.getInt(address);
        Memory.putInt(address, value);
        return previous;
    }

    /**
     * Reads a 4-byte element as a {@code float}.
     *
     * @param index the element.
     * @return its value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 4 bytes wide or there is no block.
     */
    public final float getFloat(final int index)
    {
        return Memory.getFloat(addressOf(index, SIZE_OF_FLOAT, "getFloat"));
    }

    /**
     * Writes a 4-byte element as a {@code float}.
     *
     * @param index the element.
     * @param value its new value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 4 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final void putFloat(final int index, final float value)
    {
        Memory.putFloat(writeAddressOf(index, SIZE_OF_FLOAT, "putFloat"), value);
    }

    /**
     * Writes a 4-byte element as a {@code float} and returns the value it replaced.
     *
     * @param index the element.
     * @param value its new value.
     * @return the previous value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 4 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final float replaceFloat(final int index, final float value)
    {
        final long address = writeAddressOf(index, SIZE_OF_FLOAT, "replaceFloat");
        final float previous = Memory.getFloat(address);
        Memory.putFloat(address, value);
        return previous;
    }

    /**
     * Reads an 8-byte element as a {@code long}.
     *
     * @param index the element.
     * @return its value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 8 bytes wide or there is no block.
     */
    public final long getLong(final int index)
    {
        return Memory.getLong(addressOf(index, SIZE_OF_LONG, "getLong"));
    }

    /**
     * Writes an 8-byte element as a {@code long}.
     *
     * @param index the element.
     * @param value its new value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 8 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final void putLong(final int index, final long value)
    {
        Memory.putLong(writeAddressOf(index, SIZE_OF_LONG, "putLong"), value);
    }

    /**
     * Writes an 8-byte element as a {@code long} and returns the value it replaced (heaparray's
     * {@code insert}).
     *
     * @param index the element.
     * @param value its new value.
     * @return the previous value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 8 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final long replaceLong(final int index, final long value)
    {
        final long address = writeAddressOf(index, SIZE_OF_LONG, "replaceLong");
        final long previous = Memory.getLong(address);
        Memory.putLong(address, value);
        return previous;
    }

    /**
     * Reads an 8-byte element as a {@code double}.
     *
     * @param index the element.
     * @return its value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 8 bytes wide or there is no block.
     */
    public final double getDouble(final int index)
    {
        return Memory.getDouble(addressOf(index, SIZE_OF_DOUBLE, "getDouble"));
    }

    /**
     * Writes an 8-byte element as a {@code double}.
     *
     * @param index the element.
     * @param value its new value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 8 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final void putDouble(final int index, final double value)
    {
        Memory.putDouble(writeAddressOf(index, SIZE_OF_DOUBLE, "putDouble"), value);
    }

    /**
     * Writes an 8-byte element as a {@code double} and returns the value it replaced.
     *
     * @param index the element.
     * @param value its new value.
     * @return the previous value.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     * @throws IllegalStateException     if the elements are not 8 bytes wide or there is no block,
     *                                   or in checked mode if this is a shared {@link RcArray}.
     */
    public final double replaceDouble(final int index, final double value)
    {
        final long address = writeAddressOf(index, SIZE_OF_DOUBLE, "replaceDouble");
        final double previous = Memory.getDouble(address);
        Memory.putDouble(address, value);
        return previous;
    }

    // ---------------------------------------------------------------------------------------------
    // Iteration without boxing
    // ---------------------------------------------------------------------------------------------

    /**
     * Passes every element, as a {@code byte}, to {@code action} in index order (heaparray's
     * {@code iter()}), with no boxing and no iterator object. Works on any element type 1 byte wide,
     * as {@link #getByte(int)} does. An empty array calls it never.
     *
     * @param action called once per element; it borrows nothing.
     * @throws IllegalStateException if the elements are not 1 byte wide, naming the element type, or
     *                               this handle holds no block or lets go of it (closed, re-pointed).
     * @throws NullPointerException  if {@code action} is null.
     */
    public final void forEachByte(final ByteConsumer action)
    {
        final long block = beginIteration(SIZE_OF_BYTE, "forEachByte", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachByte");
            action.accept(Memory.getByte(elements + i));
        }
    }

    /**
     * As {@link #forEachByte(ByteConsumer)}, with each element's index too (heaparray's
     * {@code iter().enumerate()}); throws as it does.
     *
     * @param action called once per element with its index.
     */
    public final void forEachByteIndexed(final IndexedByteConsumer action)
    {
        final long block = beginIteration(SIZE_OF_BYTE, "forEachByteIndexed", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachByteIndexed");
            action.accept(i, Memory.getByte(elements + i));
        }
    }

    /**
     * Passes every element, as a {@code short}, to {@code action} in index order (heaparray's
     * {@code iter()}), with no boxing and no iterator object. Works on any element type 2 bytes wide,
     * as {@link #getShort(int)} does. An empty array calls it never.
     *
     * @param action called once per element; it borrows nothing.
     * @throws IllegalStateException if the elements are not 2 bytes wide, naming the element type, or
     *                               this handle holds no block or lets go of it (closed, re-pointed).
     * @throws NullPointerException  if {@code action} is null.
     */
    public final void forEachShort(final ShortConsumer action)
    {
        final long block = beginIteration(SIZE_OF_SHORT, "forEachShort", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachShort");
            action.accept(Memory.getShort(elements + ((long)i << 1)));
        }
    }

    /**
     * As {@link #forEachShort(ShortConsumer)}, with each element's index too (heaparray's
     * {@code iter().enumerate()}); throws as it does.
     *
     * @param action called once per element with its index.
     */
    public final void forEachShortIndexed(final IndexedShortConsumer action)
    {
        final long block = beginIteration(SIZE_OF_SHORT, "forEachShortIndexed", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachShortIndexed");
            action.accept(i, Memory.getShort(elements + ((long)i << 1)));
        }
    }

    /**
     * Passes every element, as a {@code char}, to {@code action} in index order (heaparray's
     * {@code iter()}), with no boxing and no iterator object. Works on any element type 2 bytes wide,
     * as {@link #getChar(int)} does. An empty array calls it never.
     *
     * @param action called once per element; it borrows nothing.
     * @throws IllegalStateException if the elements are not 2 bytes wide, naming the element type, or
     *                               this handle holds no block or lets go of it (closed, re-pointed).
     * @throws NullPointerException  if {@code action} is null.
     */
    public final void forEachChar(final CharConsumer action)
    {
        final long block = beginIteration(SIZE_OF_CHAR, "forEachChar", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachChar");
            action.accept(Memory.getChar(elements + ((long)i << 1)));
        }
    }

    /**
     * As {@link #forEachChar(CharConsumer)}, with each element's index too (heaparray's
     * {@code iter().enumerate()}); throws as it does.
     *
     * @param action called once per element with its index.
     */
    public final void forEachCharIndexed(final IndexedCharConsumer action)
    {
        final long block = beginIteration(SIZE_OF_CHAR, "forEachCharIndexed", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachCharIndexed");
            action.accept(i, Memory.getChar(elements + ((long)i << 1)));
        }
    }

    /**
     * Passes every element, as a {@code int}, to {@code action} in index order (heaparray's
     * {@code iter()}), with no boxing and no iterator object. Works on any element type 4 bytes wide,
     * as {@link #getInt(int)} does. An empty array calls it never.
     *
     * @param action called once per element; it borrows nothing.
     * @throws IllegalStateException if the elements are not 4 bytes wide, naming the element type, or
     *                               this handle holds no block or lets go of it (closed, re-pointed).
     * @throws NullPointerException  if {@code action} is null.
     */
    public final void forEachInt(final IntConsumer action)
    {
        final long block = beginIteration(SIZE_OF_INT, "forEachInt", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachInt");
            action.accept(Memory.getInt(elements + ((long)i << 2)));
        }
    }

    /**
     * As {@link #forEachInt(IntConsumer)}, with each element's index too (heaparray's
     * {@code iter().enumerate()}); throws as it does.
     *
     * @param action called once per element with its index.
     */
    public final void forEachIntIndexed(final IndexedIntConsumer action)
    {
        final long block = beginIteration(SIZE_OF_INT, "forEachIntIndexed", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachIntIndexed");
            action.accept(i, Memory.getInt(elements + ((long)i << 2)));
        }
    }

    /**
     * Passes every element, as a {@code float}, to {@code action} in index order (heaparray's
     * {@code iter()}), with no boxing and no iterator object. Works on any element type 4 bytes wide,
     * as {@link #getFloat(int)} does. An empty array calls it never.
     *
     * @param action called once per element; it borrows nothing.
     * @throws IllegalStateException if the elements are not 4 bytes wide, naming the element type, or
     *                               this handle holds no block or lets go of it (closed, re-pointed).
     * @throws NullPointerException  if {@code action} is null.
     */
    public final void forEachFloat(final FloatConsumer action)
    {
        final long block = beginIteration(SIZE_OF_FLOAT, "forEachFloat", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachFloat");
            action.accept(Memory.getFloat(elements + ((long)i << 2)));
        }
    }

    /**
     * As {@link #forEachFloat(FloatConsumer)}, with each element's index too (heaparray's
     * {@code iter().enumerate()}); throws as it does.
     *
     * @param action called once per element with its index.
     */
    public final void forEachFloatIndexed(final IndexedFloatConsumer action)
    {
        final long block = beginIteration(SIZE_OF_FLOAT, "forEachFloatIndexed", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachFloatIndexed");
            action.accept(i, Memory.getFloat(elements + ((long)i << 2)));
        }
    }

    /**
     * Passes every element, as a {@code long}, to {@code action} in index order (heaparray's
     * {@code iter()}), with no boxing and no iterator object. Works on any element type 8 bytes wide,
     * as {@link #getLong(int)} does. An empty array calls it never.
     *
     * @param action called once per element; it borrows nothing.
     * @throws IllegalStateException if the elements are not 8 bytes wide, naming the element type, or
     *                               this handle holds no block or lets go of it (closed, re-pointed).
     * @throws NullPointerException  if {@code action} is null.
     */
    public final void forEachLong(final LongConsumer action)
    {
        final long block = beginIteration(SIZE_OF_LONG, "forEachLong", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachLong");
            action.accept(Memory.getLong(elements + ((long)i << 3)));
        }
    }

    /**
     * As {@link #forEachLong(LongConsumer)}, with each element's index too (heaparray's
     * {@code iter().enumerate()}); throws as it does.
     *
     * @param action called once per element with its index.
     */
    public final void forEachLongIndexed(final IndexedLongConsumer action)
    {
        final long block = beginIteration(SIZE_OF_LONG, "forEachLongIndexed", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachLongIndexed");
            action.accept(i, Memory.getLong(elements + ((long)i << 3)));
        }
    }

    /**
     * Passes every element, as a {@code double}, to {@code action} in index order (heaparray's
     * {@code iter()}), with no boxing and no iterator object. Works on any element type 8 bytes wide,
     * as {@link #getDouble(int)} does. An empty array calls it never.
     *
     * @param action called once per element; it borrows nothing.
     * @throws IllegalStateException if the elements are not 8 bytes wide, naming the element type, or
     *                               this handle holds no block or lets go of it (closed, re-pointed).
     * @throws NullPointerException  if {@code action} is null.
     */
    public final void forEachDouble(final DoubleConsumer action)
    {
        final long block = beginIteration(SIZE_OF_DOUBLE, "forEachDouble", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachDouble");
            action.accept(Memory.getDouble(elements + ((long)i << 3)));
        }
    }

    /**
     * As {@link #forEachDouble(DoubleConsumer)}, with each element's index too (heaparray's
     * {@code iter().enumerate()}); throws as it does.
     *
     * @param action called once per element with its index.
     */
    public final void forEachDoubleIndexed(final IndexedDoubleConsumer action)
    {
        final long block = beginIteration(SIZE_OF_DOUBLE, "forEachDoubleIndexed", action);
        final long elements = elementsAddress;
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachDoubleIndexed");
            action.accept(i, Memory.getDouble(elements + ((long)i << 3)));
        }
    }

    /**
     * Points {@code flyweight} at every element in index order, passing it to {@code action} each
     * time: iteration over records with one flyweight and no garbage per element (the first call
     * makes the {@link #elements()} view). Works on any element type, as
     * {@link #record(int, RecordFlyweight)} does. An empty array calls it never.
     *
     * @param flyweight re-wrapped over each element in turn; left pointing at the last one.
     * @param action    called once per element with {@code flyweight}, borrowed for the call.
     * @param <R>       the flyweight's type.
     * @throws IllegalStateException if this handle holds no block, or lets go of it during the
     *                               iteration.
     * @throws NullPointerException  if {@code flyweight} or {@code action} is null.
     */
    public final <R extends RecordFlyweight> void forEachRecord(final R flyweight, final Consumer<? super R> action)
    {
        final long block = beginIteration(elementSize, "forEachRecord", action);
        Objects.requireNonNull(flyweight, "flyweight");
        final UnsafeBuffer elements = elements();
        for (int i = 0, length = this.length; i < length; i++)
        {
            checkIterating(block, "forEachRecord");
            flyweight.wrap(elements, i * elementSize);
            action.accept(flyweight);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Equality and printing
    // ---------------------------------------------------------------------------------------------

    /**
     * Compares contents: equal when the other object is also a label-headed array (of any handle
     * class, thin or fat, counted or not) with the same element type, the same label length and
     * label bytes, the same length and the same element bytes. heaparray's equality forgets the
     * length (and so calls a prefix equal to the whole); this one does not. Use {@code ==} on
     * {@link #block()} (or {@link RcArray#refEquals(RcArray)}) for identity. Contents can change, so
     * do not mutate an array while it is a key.
     *
     * @param other any object.
     * @return whether the contents are equal.
     * @throws IllegalStateException if either handle holds no block (unless they are the same
     *                               object).
     */
    @Override
    public final boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof AbstractLabeledArray))
        {
            return false;
        }
        final AbstractLabeledArray that = (AbstractLabeledArray)other;
        requireLiveBlock();
        that.requireLiveBlock();
        final int labelLength = layout.labelLength();
        return length == that.length &&
            labelLength == that.layout.labelLength() &&
            layout.elementType().equals(that.layout.elementType()) &&
            Memory.compare(labelAddress(), that.labelAddress(), labelLength) == 0 &&
            Memory.compare(elementsAddress, that.elementsAddress, (long)length * elementSize) == 0;
    }

    /**
     * A hash of the label bytes, the length and the element bytes, consistent with
     * {@link #equals(Object)}.
     *
     * @return the hash.
     * @throws IllegalStateException if this handle holds no block.
     */
    @Override
    public final int hashCode()
    {
        requireLiveBlock();
        final int labelHash = hashBytes(labelAddress(), layout.labelLength());
        return (labelHash * 31 + length) * 31 + hashBytes(elementsAddress, (long)length * elementSize);
    }

    /**
     * {@code Name { label: 0x..., len: N, elements: [...] }}: the label as hex bytes ({@code ()}
     * when there is none), then the elements, records as hex. Truncated after
     * {@link #MAX_LABEL_BYTES_SHOWN} label bytes and {@link #MAX_ELEMENTS_SHOWN} elements, saying how
     * many more there are. A handle without a block says so rather than throw.
     *
     * @return the description.
     */
    @Override
    public final String toString()
    {
        final String name = getClass().getSimpleName();
        if (block == 0)
        {
            return name + " { " + noBlockState() + " }";
        }
        final StringBuilder sb = new StringBuilder(128).append(name).append(" { label: ");
        final int labelLength = layout.labelLength();
        if (labelLength == 0)
        {
            sb.append("()");
        }
        else
        {
            appendHex(sb, layout.labelAddress(block), Math.min(labelLength, MAX_LABEL_BYTES_SHOWN));
            if (labelLength > MAX_LABEL_BYTES_SHOWN)
            {
                sb.append("...(").append(labelLength).append(" bytes)");
            }
        }
        sb.append(", len: ").append(length).append(", elements: [");
        final int shown = Math.min(length, MAX_ELEMENTS_SHOWN);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            appendElement(sb, elementsAddress + (long)i * elementSize);
        }
        if (length > shown)
        {
            sb.append(", ... ").append(length - shown).append(" more");
        }
        return sb.append("] }").toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Internals for the handle classes
    // ---------------------------------------------------------------------------------------------

    /** What this handle is when it holds no block: "closed", "released", "not wrapped". */
    abstract String noBlockState();

    /** Points this handle at a block, re-wrapping any views it has handed out. */
    final void point(final ArrayLayout layout, final long block, final int length)
    {
        if (this.layout != layout)
        {
            // Re-pointing at blocks of the same layout, the hot case, skips the GC's reference write barrier.
            this.layout = layout;
        }
        this.block = block;
        this.length = length;
        this.elementSize = layout.elementSize();
        this.elementsAddress = layout.elementsAddress(block);
        this.checkLiveness = layout.checkLiveness();
        if (null != labelView)
        {
            labelView.wrap(layout.labelAddress(block), layout.labelLength());
        }
        if (null != elementsView)
        {
            elementsView.wrap(elementsAddress, length * elementSize);
        }
    }

    /** Lets go of the block: every access throws from now on, and handed-out views are detached. */
    final void detach()
    {
        block = 0;
        length = 0;
        elementsAddress = 0;
        if (null != labelView)
        {
            labelView.wrap(0, 0);
        }
        if (null != elementsView)
        {
            elementsView.wrap(0, 0);
        }
    }

    /** The block, or 0; no check. */
    final long blockOrZero()
    {
        return block;
    }

    /** Gives the block back (free or release) when a factory fails half-way. */
    abstract void letGo();

    /** Runs an initialiser over every index in order; if it throws, lets go of the block and rethrows. */
    final void initialiseAll(final ArrayInitialiser initialiser)
    {
        try
        {
            final int length = this.length;
            for (int i = 0; i < length; i++)
            {
                initialiser.initialise(this, i);
            }
        }
        catch (final Throwable ex)
        {
            letGo();
            throw ex;
        }
    }

    final long requireBlock()
    {
        final long block = this.block;
        if (block == 0)
        {
            throw noBlock();
        }
        return block;
    }

    /** The exception for an access without a block; a counted handle names its state its own way. */
    IllegalStateException noBlock()
    {
        return new IllegalStateException(getClass().getSimpleName() + " is " + noBlockState());
    }

    private long requireLiveBlock()
    {
        final long block = requireBlock();
        if (MemoryChecks.ENABLED && checkLiveness)
        {
            Checks.checkLive(block, WHAT);
        }
        return block;
    }

    /** The checks before an iteration, in the order get/put make them: a block, the width, an action. */
    private long beginIteration(final int width, final String operation, final Object action)
    {
        final long block = requireLiveBlock();
        if (width != elementSize)
        {
            throw layout.widthMismatch(width, operation);
        }
        Objects.requireNonNull(action, "action");
        return block;
    }

    /** Before each element: the action has not closed or re-pointed this handle, and (checked mode) the block is live. */
    private void checkIterating(final long block, final String operation)
    {
        if (this.block != block)
        {
            throw new IllegalStateException(
                operation + ": the " + getClass().getSimpleName() + " let go of its block during the iteration");
        }
        if (MemoryChecks.ENABLED && checkLiveness)
        {
            Checks.checkLive(block, WHAT);
        }
    }

    private long addressOf(final int index, final int width, final String operation)
    {
        if (width != elementSize || index < 0 || index >= length)
        {
            accessFailure(index, width, operation);
        }
        if (MemoryChecks.ENABLED && checkLiveness)
        {
            Checks.checkLive(block, WHAT);
        }
        return elementsAddress + (long)index * width;
    }

    /** {@link #addressOf} for a write: in checked mode, also {@link #checkWritable(String)}. */
    private long writeAddressOf(final int index, final int width, final String operation)
    {
        final long address = addressOf(index, width, operation);
        if (MemoryChecks.ENABLED)
        {
            checkWritable(operation);
        }
        return address;
    }

    /**
     * Checked mode's guard on the write methods ({@code put*}, {@code replace*}), called only when
     * {@link MemoryChecks#ENABLED}: a counted handle refuses writes to a shared block. Nothing for
     * owned arrays and views.
     *
     * @param operation the write, for the message.
     */
    void checkWritable(final String operation)
    {
    }

    /** The slow path of an access: throws the exception that explains why it failed. */
    private void accessFailure(final int index, final int width, final String operation)
    {
        requireBlock();
        if (width != elementSize)
        {
            throw layout.widthMismatch(width, operation);
        }
        Bounds.checkIndex(index, length);
    }

    private void appendElement(final StringBuilder sb, final long address)
    {
        final ElementType type = layout.elementType();
        if (ElementType.LONG.equals(type))
        {
            sb.append(Memory.getLong(address));
        }
        else if (ElementType.INT.equals(type))
        {
            sb.append(Memory.getInt(address));
        }
        else if (ElementType.DOUBLE.equals(type))
        {
            sb.append(Memory.getDouble(address));
        }
        else if (ElementType.FLOAT.equals(type))
        {
            sb.append(Memory.getFloat(address));
        }
        else if (ElementType.SHORT.equals(type))
        {
            sb.append(Memory.getShort(address));
        }
        else if (ElementType.CHAR.equals(type))
        {
            sb.append('\'').append(Memory.getChar(address)).append('\'');
        }
        else if (ElementType.BYTE.equals(type))
        {
            sb.append(Memory.getByte(address));
        }
        else
        {
            appendHex(sb, address, elementSize);
        }
    }

    private static void appendHex(final StringBuilder sb, final long address, final int length)
    {
        sb.append("0x");
        for (int i = 0; i < length; i++)
        {
            final int b = Memory.getByte(address + i) & 0xFF;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
    }

    private static int hashBytes(final long address, final long length)
    {
        int hash = 1;
        long i = 0;
        for (; i + SIZE_OF_LONG <= length; i += SIZE_OF_LONG)
        {
            hash = hash * 31 + Long.hashCode(Memory.getLong(address + i));
        }
        for (; i < length; i++)
        {
            hash = hash * 31 + Memory.getByte(address + i);
        }
        return hash;
    }
}
