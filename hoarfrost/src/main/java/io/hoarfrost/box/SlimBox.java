package io.hoarfrost.box;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Utf8;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;

/**
 * Owned out-of-line bytes whose length is bounded by a {@link LengthWidth} of 8, 16, 32 or 64
 * bits, so that its handle, laid into another off-heap record, takes fewer bytes than an address
 * and a {@code long} length.
 *
 * <p><b>Handles.</b> The block holds only the bytes (no header), placed with alignment 1, so values
 * in an arena sit back to back with no padding; the length lives in the handle, in one of three
 * encodings (see {@link SlimHandle}): a record handle of {@code 8 + width} bytes
 * ({@link #intoRecord(MutableDirectBuffer, int)}), a packed {@code long} for values shorter than
 * 65 536 bytes ({@link #intoPacked()}), or a relative {@code long} from a base address
 * ({@link #intoRelative(long)}). Each {@code into*} method moves ownership into its handle and the
 * matching {@code from*} factory moves it back into a new box. {@link #fromFlake(Flake, LengthWidth)}
 * and {@link #intoFlake()} convert without copying. This is a box around a {@link Flake}, so
 * contents, equality and views behave exactly as Flake's; paths that must not allocate use the
 * static functions of {@link SlimHandle} instead of objects.
 *
 * <p>Ported from slimmer_box's {@code SlimmerBox}; unlike slimmer_box, a too-long value throws
 * {@link IllegalArgumentException} <em>before</em> anything is allocated (slimmer_box allocates
 * first and leaks), and the packed handle fits {@code U8} and {@code U16} values in 8 bytes.
 */
public final class SlimBox implements AutoCloseable, Comparable<SlimBox>
{
    private final LengthWidth width;
    private final Flake flake;

    private SlimBox(final LengthWidth width, final Flake flake)
    {
        this.width = width;
        this.flake = flake;
    }

    /**
     * Copies an array into a new native block.
     *
     * @param width the length's width.
     * @param src   the bytes; not retained.
     * @return a box owning the copy; the caller closes it.
     * @throws IllegalArgumentException naming the length and the width if it does not fit; nothing
     *                                  is allocated then.
     */
    public static SlimBox copyOf(final LengthWidth width, final byte[] src)
    {
        return copyOf(NativeAllocator.INSTANCE, width, src, 0, src.length);
    }

    /**
     * Copies {@code src[offset, offset + length)} into a block placed by {@code allocator}.
     *
     * @param allocator places the block and frees it on close.
     * @param width     the length's width.
     * @param src       the bytes; not retained.
     * @param offset    first byte to copy.
     * @param length    bytes to copy.
     * @return a box owning the copy; the caller closes it.
     * @throws IllegalArgumentException  naming the length and the width if it does not fit.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the array.
     * @throws IllegalStateException     if the allocator has no room.
     */
    public static SlimBox copyOf(
        final Allocator allocator, final LengthWidth width, final byte[] src, final int offset, final int length)
    {
        Bounds.checkRange(offset, length, src.length);
        width.checkLength(length);
        final long address = SlimHandle.allocateValue(allocator, length);
        Memory.copy(src, offset, address, length);
        return owning(allocator, width, address, length);
    }

    /**
     * Copies a range of an Agrona buffer (heap or direct) into a new native block.
     *
     * @param width  the length's width.
     * @param src    the source buffer.
     * @param offset first byte to copy.
     * @param length bytes to copy.
     * @return a box owning the copy; the caller closes it.
     * @throws IllegalArgumentException  naming the length and the width if it does not fit.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer.
     */
    public static SlimBox copyOf(final LengthWidth width, final DirectBuffer src, final int offset, final int length)
    {
        return copyOf(NativeAllocator.INSTANCE, width, src, offset, length);
    }

    /**
     * Copies a range of an Agrona buffer into a block placed by {@code allocator}.
     *
     * @param allocator places the block and frees it on close.
     * @param width     the length's width.
     * @param src       the source buffer.
     * @param offset    first byte to copy.
     * @param length    bytes to copy.
     * @return a box owning the copy; the caller closes it.
     * @throws IllegalArgumentException  naming the length and the width if it does not fit.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer.
     * @throws IllegalStateException     if the allocator has no room.
     */
    public static SlimBox copyOf(
        final Allocator allocator, final LengthWidth width, final DirectBuffer src, final int offset, final int length)
    {
        Bounds.checkRange(offset, length, src.capacity());
        width.checkLength(length);
        final long address = SlimHandle.allocateValue(allocator, length);
        Memory.copy(src, offset, address, length);
        return owning(allocator, width, address, length);
    }

    /**
     * Encodes text as UTF-8 into a new native block.
     *
     * @param width the length's width.
     * @param text  the text; not retained.
     * @return a box owning the bytes; the caller closes it.
     * @throws IllegalArgumentException naming the UTF-8 length and the width if it does not fit;
     *                                  nothing is allocated then.
     */
    public static SlimBox copyOf(final LengthWidth width, final CharSequence text)
    {
        return copyOf(NativeAllocator.INSTANCE, width, text);
    }

    /**
     * Encodes text as UTF-8 into a block placed by {@code allocator}, with no intermediate array.
     *
     * @param allocator places the block and frees it on close.
     * @param width     the length's width.
     * @param text      the text; not retained.
     * @return a box owning the bytes; the caller closes it.
     * @throws IllegalArgumentException naming the UTF-8 length and the width if it does not fit.
     * @throws IllegalStateException    if the allocator has no room, or {@code text} changed during
     *                                  the call. Whatever the encoding throws (an exception or an
     *                                  {@link Error} from {@code text}) propagates after the block
     *                                  is freed.
     */
    public static SlimBox copyOf(final Allocator allocator, final LengthWidth width, final CharSequence text)
    {
        final int length = width.checkLength(Utf8.encodedLength(text));
        return owning(allocator, width, SlimHandle.encodeValue(allocator, text, length), length);
    }

    /**
     * Takes over a Flake's block without copying (slimmer_box's {@code from_box}). The Flake is
     * closed afterwards (without freeing); the box owns the block.
     *
     * @param flake an open Flake whose length fits {@code width}, not adopted from a ByteBuffer.
     * @param width the length's width.
     * @return a box owning the Flake's block.
     * @throws IllegalArgumentException naming the length and the width if it does not fit, or if
     *                                  the Flake was adopted from a ByteBuffer (its memory is freed
     *                                  only by the buffer's cleaner, which a handle cannot
     *                                  describe); the Flake is unchanged then.
     * @throws IllegalStateException    if the Flake is closed.
     */
    public static SlimBox fromFlake(final Flake flake, final LengthWidth width)
    {
        width.checkLength(flake.length());
        if (null == flake.allocator())
        {
            throw new IllegalArgumentException(
                "a Flake adopted from a ByteBuffer cannot become a SlimBox: only its cleaner can free it");
        }
        final Allocator allocator = flake.allocator();
        final int alignment = flake.alignment();
        final int length = flake.length();
        final long address = flake.intoRaw();
        return new SlimBox(width, Flake.fromRaw(allocator, address, length, alignment));
    }

    /**
     * Gives this box's block to a new Flake without copying (slimmer_box's {@code into_box}). This
     * box is closed afterwards.
     *
     * @return a Flake owning the block; the caller closes it.
     * @throws IllegalStateException if this box is closed.
     */
    public Flake intoFlake()
    {
        final Allocator allocator = flake.allocator();
        final int alignment = flake.alignment();
        final long address = flake.intoRaw();
        return Flake.fromRaw(allocator, address, flake.length(), alignment);
    }

    // ---------------------------------------------------------------------------------------------
    // Handles
    // ---------------------------------------------------------------------------------------------

    /**
     * Moves ownership into a record handle of {@code 8 + width} bytes at {@code offset}: the
     * record now owns the block and this box is closed (nothing is freed).
     *
     * @param buffer the record.
     * @param offset where the field starts; {@code width.recordHandleBytes()} bytes are written.
     * @throws IndexOutOfBoundsException if the field does not fit the buffer (nothing changes).
     * @throws IllegalStateException     if this box is closed.
     */
    public void intoRecord(final MutableDirectBuffer buffer, final int offset)
    {
        Bounds.checkRange(offset, width.recordHandleBytes(), buffer.capacity());
        final int length = flake.length();
        SlimHandle.writeRecord(buffer, offset, width, flake.address(), length);
        flake.intoRaw();
    }

    /**
     * Moves ownership out of a native record handle into a new box. The field still holds the
     * bits: clear it ({@link SlimHandle#clearRecord}) or never read it again.
     *
     * @param buffer the record.
     * @param offset where the field starts.
     * @param width  the width it was written with.
     * @return the box owning the value, or null if the field holds no value.
     * @throws IllegalStateException in checked mode, if the address is not a live native block.
     */
    public static SlimBox fromRecord(final DirectBuffer buffer, final int offset, final LengthWidth width)
    {
        return fromRecord(buffer, offset, width, NativeAllocator.INSTANCE);
    }

    /**
     * Moves ownership out of a record handle whose block came from {@code allocator}.
     *
     * @param buffer    the record.
     * @param offset    where the field starts.
     * @param width     the width it was written with.
     * @param allocator the allocator that placed the value, which frees it on close.
     * @return the box owning the value, or null if the field holds no value.
     * @throws IndexOutOfBoundsException if the field does not fit the buffer.
     * @throws IllegalArgumentException  if the stored length does not fit {@code width} (a corrupt
     *                                   field).
     */
    public static SlimBox fromRecord(
        final DirectBuffer buffer, final int offset, final LengthWidth width, final Allocator allocator)
    {
        Bounds.checkRange(offset, width.recordHandleBytes(), buffer.capacity());
        if (!SlimHandle.isPresent(buffer, offset))
        {
            return null;
        }
        final int length = width.checkLength(SlimHandle.recordLength(buffer, offset, width));
        return owning(allocator, width, SlimHandle.recordAddress(buffer, offset), length);
    }

    /**
     * Moves ownership into a packed handle: one {@code long}. This box is closed afterwards.
     *
     * @return the packed handle, owning the block.
     * @throws IllegalArgumentException naming the reason if the length exceeds 65 535 or the
     *                                  address does not fit 48 bits; the box is unchanged then.
     * @throws IllegalStateException    if this box is closed.
     */
    public long intoPacked()
    {
        final long handle = SlimHandle.pack(flake.address(), flake.length());
        flake.intoRaw();
        return handle;
    }

    /**
     * Moves ownership out of a packed handle whose block is native.
     *
     * @param handle a packed handle with a value.
     * @param width  the width of the box it came from.
     * @return the box owning the value.
     * @throws IllegalArgumentException if the handle is {@link SlimHandle#NONE} or its length does
     *                                  not fit {@code width}.
     */
    public static SlimBox fromPacked(final long handle, final LengthWidth width)
    {
        return fromPacked(NativeAllocator.INSTANCE, handle, width);
    }

    /**
     * Moves ownership out of a packed handle whose block came from {@code allocator}.
     *
     * @param allocator the allocator that placed the value, which frees it on close.
     * @param handle    a packed handle with a value.
     * @param width     the width of the box it came from.
     * @return the box owning the value.
     * @throws IllegalArgumentException if the handle is {@link SlimHandle#NONE} or its length does
     *                                  not fit {@code width}.
     */
    public static SlimBox fromPacked(final Allocator allocator, final long handle, final LengthWidth width)
    {
        if (handle == SlimHandle.NONE)
        {
            throw new IllegalArgumentException("packed handle 0 holds no value");
        }
        final int length = width.checkLength(SlimHandle.packedLength(handle));
        return owning(allocator, width, SlimHandle.packedAddress(handle), length);
    }

    /**
     * Moves ownership into a relative handle: a 32-bit offset from {@code base} and a 32-bit
     * length. This box is closed afterwards.
     *
     * @param base the region's first byte (an arena's base address).
     * @return the relative handle, owning the block.
     * @throws IllegalArgumentException naming the values if the block is not within 4 GiB above
     *                                  {@code base}; the box is unchanged then.
     * @throws IllegalStateException    if this box is closed.
     */
    public long intoRelative(final long base)
    {
        final long handle = SlimHandle.packRelative(base, flake.address(), flake.length());
        flake.intoRaw();
        return handle;
    }

    /**
     * Moves ownership out of a relative handle into a new box.
     *
     * @param allocator the allocator that placed the value (the arena), which frees it on close.
     * @param base      the region's first byte now.
     * @param handle    a relative handle with a value.
     * @param width     the width of the box it came from.
     * @return the box owning the value.
     * @throws IllegalArgumentException if the handle is {@link SlimHandle#NONE} or its length does
     *                                  not fit {@code width}.
     */
    public static SlimBox fromRelative(
        final Allocator allocator, final long base, final long handle, final LengthWidth width)
    {
        if (handle == SlimHandle.NONE)
        {
            throw new IllegalArgumentException("relative handle 0 holds no value");
        }
        final int length = width.checkLength(SlimHandle.relativeLength(handle));
        return owning(allocator, width, SlimHandle.relativeAddress(base, handle), length);
    }

    /**
     * Takes ownership of a raw native block as a new box: the box frees it with
     * {@link io.hoarfrost.memory.Memory#free(long)} on close. The inverse of {@link #intoRaw()}.
     *
     * @param address the value's first byte (a block from {@code Memory.allocate}, or from a box's
     *                {@link #intoRaw()}), or 0 with a length of 0; the box owns it after the call.
     * @param length  the value's length, which the handle keeps.
     * @param width   the length's width.
     * @return a box owning the block; the caller closes it.
     * @throws IllegalArgumentException naming the length and the width if it does not fit, or if
     *                                  the length is negative or the address 0 with a positive
     *                                  length; the caller still owns the block then.
     * @throws IllegalStateException    in checked mode, if {@code address} is not a live native
     *                                  block.
     */
    public static SlimBox fromRaw(final long address, final int length, final LengthWidth width)
    {
        return fromRaw(NativeAllocator.INSTANCE, address, length, width);
    }

    /**
     * Takes ownership of a raw block that {@code allocator} placed (with alignment 1, as every
     * SlimBox and {@link SlimHandle} value is placed), as a new box that frees it with
     * {@code allocator.free(address, length, 1)} on close. The inverse of {@link #intoRaw()}.
     *
     * @param allocator placed the block and frees it on close.
     * @param address   the value's first byte, or 0 with a length of 0; the box owns it after the
     *                  call.
     * @param length    the value's length, which the handle keeps.
     * @param width     the length's width.
     * @return a box owning the block; the caller closes it.
     * @throws IllegalArgumentException naming the length and the width if it does not fit, or if
     *                                  the length is negative or the address 0 with a positive
     *                                  length; the caller still owns the block then.
     * @throws IllegalStateException    in checked mode, if a native address is not a live block.
     */
    public static SlimBox fromRaw(final Allocator allocator, final long address, final int length, final LengthWidth width)
    {
        Bounds.checkNonNegative(length);
        width.checkLength(length);
        return owning(allocator, width, address, length);
    }

    /**
     * Gives the block up without freeing it: afterwards the caller owns it (free it with
     * {@code allocator.free(address, length(), 1)}, or take it back with
     * {@link #fromRaw(Allocator, long, int, LengthWidth)}) and this box is closed.
     *
     * @return the value's address; 0 for an empty value (nothing to free).
     * @throws IllegalStateException if this box is closed.
     */
    public long intoRaw()
    {
        return flake.intoRaw();
    }

    private static SlimBox owning(final Allocator allocator, final LengthWidth width, final long address, final int length)
    {
        Objects.requireNonNull(allocator, "allocator");
        return new SlimBox(width, Flake.fromRaw(allocator, address, length, Alignment.MIN_ALIGNMENT));
    }

    // ---------------------------------------------------------------------------------------------
    // Access
    // ---------------------------------------------------------------------------------------------

    /**
     * The width of this box's length.
     *
     * @return the width.
     */
    public LengthWidth width()
    {
        return width;
    }

    /**
     * The number of bytes. Still answers after close.
     *
     * @return the length, at most {@code width().maxLength()}.
     */
    public int length()
    {
        return flake.length();
    }

    /**
     * The address of the first byte; 0 for an empty value. Borrowed: valid until close.
     *
     * @return the address.
     * @throws IllegalStateException if the box is closed.
     */
    public long address()
    {
        return flake.address();
    }

    /**
     * A view of the bytes, borrowed until close (which detaches it). Mutable for the sole owner.
     *
     * @return the view.
     * @throws IllegalStateException if the box is closed.
     */
    public UnsafeBuffer buffer()
    {
        return flake.buffer();
    }

    /**
     * Copies the bytes onto the heap.
     *
     * @return a new array owned by the caller.
     * @throws IllegalStateException if the box is closed.
     */
    public byte[] toByteArray()
    {
        return flake.toByteArray();
    }

    /**
     * Whether this box no longer owns its block (closed, or moved into a handle or a Flake).
     *
     * @return true once closed or moved.
     */
    public boolean isClosed()
    {
        return flake.isClosed();
    }

    /** Frees the block (through its allocator) unless it was moved out; idempotent. */
    @Override
    public void close()
    {
        flake.close();
    }

    /**
     * A deep copy: a new block with the same bytes, placed by the same allocator, with the same
     * width. The two are independent: writing or closing one leaves the other as it was.
     *
     * @return a new box owning the copy; the caller closes it. This box still owns its block.
     * @throws IllegalStateException if this box is closed, or the allocator has no room (a full
     *                               arena); nothing is allocated then.
     */
    public SlimBox copy()
    {
        return new SlimBox(width, flake.copy());
    }

    /**
     * Whether two boxes own the same block (the same address and length), as
     * {@link Flake#refEquals(Flake)}; contents are not compared.
     *
     * @param other another box.
     * @return true if both cover the same bytes of memory.
     * @throws IllegalStateException if either box is closed.
     */
    public boolean refEquals(final SlimBox other)
    {
        return flake.refEquals(other.flake);
    }

    /**
     * Content equality, as {@link Flake#equals(Object)}; the width does not matter.
     *
     * @param other any object.
     * @return true if {@code other} is a SlimBox with the same bytes.
     * @throws IllegalStateException if either box is closed.
     */
    @Override
    public boolean equals(final Object other)
    {
        return this == other || other instanceof SlimBox && flake.equals(((SlimBox)other).flake);
    }

    /**
     * A hash of the contents, as {@link Flake#hashCode()}.
     *
     * @return the content hash.
     * @throws IllegalStateException if the box is closed.
     */
    @Override
    public int hashCode()
    {
        return flake.hashCode();
    }

    /**
     * Orders by contents, as {@link Flake#compareTo(Flake)}: unsigned bytes, then length.
     *
     * @param other another box.
     * @return negative, zero or positive.
     * @throws IllegalStateException if either box is closed.
     */
    @Override
    public int compareTo(final SlimBox other)
    {
        return flake.compareTo(other.flake);
    }

    /**
     * The bytes decoded as UTF-8, as {@link Flake#toString()}.
     *
     * @return the text.
     */
    @Override
    public String toString()
    {
        return flake.toString();
    }
}
