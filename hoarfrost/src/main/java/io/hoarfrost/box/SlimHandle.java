package io.hoarfrost.box;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Utf8;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The three encodings of a slim-length value's handle, as static functions over {@code long}s and
 * Agrona buffers, so that paths that must not allocate never create a {@link SlimBox} object.
 *
 * <h2>Record handle: {@code 8 + width} bytes</h2>
 * <pre>
 *   offset  0                 8                 8 + width
 *           +-----------------+-----------------+
 *           | address (8 B)   | length (width)  |
 *           +-----------------+-----------------+
 * </pre>
 * 9, 10, 12 or 16 bytes, laid unaligned into any record. An address of {@link #NONE} (0) means
 * "no value": an absent value costs nothing beyond the field. An empty value (length 0, nothing
 * allocated) is stored with the dangling address {@link #EMPTY_ADDRESS}.
 *
 * <h2>Packed handle: one {@code long}</h2>
 * <pre>
 *   bit 63            48 47                                  0
 *       +---------------+-------------------------------------+
 *       | length (16 b) | address (48 b)                      |
 *       +---------------+-------------------------------------+
 * </pre>
 * User-space addresses on x86-64 and AArch64 (48-bit virtual addresses, the Linux default) are
 * below 2<sup>48</sup>, so every {@code U8} and {@code U16} value, and any shorter than 65 536 bytes,
 * fits in 8 bytes. The assumption is checked on every pack: an
 * address at or above 2<sup>48</sup> (a 57-bit address space) throws with the reason, never
 * truncates. {@code 0} is "no value"; an empty value is {@link #EMPTY_ADDRESS}.
 *
 * <h2>Relative handle: one {@code long}</h2>
 * <pre>
 *   bit 63            32 31                 0
 *       +---------------+-------------------+
 *       | length (32 b) | offset (32 b)     |
 *       +---------------+-------------------+
 * </pre>
 * A 32-bit offset from a base (an arena's first byte) and a 32-bit length, 8 bytes
 * for values up to 4 GiB anywhere in the first 4 GiB of the region. It survives the region moving
 * (a file mapped at a new address). {@code 0} is "no value"; an empty value is
 * {@link #EMPTY_RELATIVE}.
 *
 * <p>Unlike the rest of the package, a handle is just bits, not a box: functions named
 * {@code copy*} allocate and hand the caller a block it owns through the returned handle;
 * {@code free*} give it back. Stateless and thread-safe.
 *
 * <p>Ported from slimmer_box's pointer (the record handle, with "no value" as its niche); the
 * relative handle is rkyv's layout.
 */
public final class SlimHandle
{
    /** The handle of no value: address (or whole handle) 0. */
    public static final long NONE = 0;

    /** The address stored for an empty value, which owns no memory: never read, never freed. */
    public static final long EMPTY_ADDRESS = 1;

    /** Bits of a packed handle that hold the address. */
    public static final int PACKED_ADDRESS_BITS = 48;

    /** The largest length a packed handle holds. */
    public static final int MAX_PACKED_LENGTH = 0xFFFF;

    /** The largest offset or length a relative handle holds. */
    public static final long MAX_RELATIVE = 0xFFFF_FFFFL;

    /** The relative handle of an empty value: length 0, offset all ones. */
    public static final long EMPTY_RELATIVE = 0xFFFF_FFFFL;

    /** Offset of the address within a record handle. */
    public static final int RECORD_ADDRESS_OFFSET = 0;

    /** Offset of the length within a record handle. */
    public static final int RECORD_LENGTH_OFFSET = Long.BYTES;

    private static final long ADDRESS_MASK = (1L << PACKED_ADDRESS_BITS) - 1;

    private SlimHandle()
    {
    }

    // ---------------------------------------------------------------------------------------------
    // Packed
    // ---------------------------------------------------------------------------------------------

    /**
     * Packs an address and a length into one {@code long}.
     *
     * @param address the value's address, or 0 when the length is 0.
     * @param length  the value's length, 0 to {@link #MAX_PACKED_LENGTH}.
     * @return the packed handle; {@link #EMPTY_ADDRESS} for an empty value.
     * @throws IllegalArgumentException naming the value and the reason if the address does not fit
     *                                  in 48 bits, the length in 16, or the address is 0 with a
     *                                  positive length.
     */
    public static long pack(final long address, final int length)
    {
        checkPackedLength(length);
        if (length == 0)
        {
            return EMPTY_ADDRESS;
        }
        if ((address & ~ADDRESS_MASK) != 0)
        {
            throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " does not fit the 48 bits " +
                "of a packed handle: packed handles assume user-space addresses below 2^48 (x86-64 and AArch64 " +
                "with 48-bit virtual addresses); use a record handle on this machine");
        }
        if (address == 0)
        {
            throw new IllegalArgumentException("address 0 cannot hold a value of length " + length);
        }
        return ((long)length << PACKED_ADDRESS_BITS) | address;
    }

    /**
     * The address in a packed handle.
     *
     * @param handle a packed handle.
     * @return the address; 0 for no value or an empty value.
     */
    public static long packedAddress(final long handle)
    {
        final long address = handle & ADDRESS_MASK;
        return address == EMPTY_ADDRESS ? 0 : address;
    }

    /**
     * The length in a packed handle.
     *
     * @param handle a packed handle.
     * @return the length, 0 to 65 535.
     */
    public static int packedLength(final long handle)
    {
        return (int)(handle >>> PACKED_ADDRESS_BITS);
    }

    /**
     * Whether a packed handle's value is exactly the bytes {@code src[offset, offset + length)}:
     * the comparison an interning table makes against an inbound message, with no copy and no
     * object (8 bytes at a time).
     *
     * @param handle a packed handle, borrowed; {@link #NONE} and an empty value hold no bytes.
     * @param src    the buffer holding the bytes to compare, borrowed for the call.
     * @param offset where they start.
     * @param length how many.
     * @return true if the value has that length and those bytes.
     * @throws IndexOutOfBoundsException if the range is outside the buffer.
     * @throws IllegalArgumentException  if the handle has a length but no address (not a packed handle).
     */
    public static boolean packedEquals(final long handle, final DirectBuffer src, final int offset, final int length)
    {
        Bounds.checkRange(offset, length, src.capacity());
        if (packedLength(handle) != length)
        {
            return false;
        }
        final long address = packedAddress(handle);
        if (0 == address && length > 0)
        {
            throw new IllegalArgumentException("packed handle 0x" + Long.toHexString(handle) + " has length " + length +
                " but no address");
        }
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (Memory.getLong(address + i) != src.getLong(offset + i, ByteOrder.nativeOrder()))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (Memory.getByte(address + i) != src.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies bytes into a block from {@code allocator} and returns its packed handle, creating
     * no object. The block is packed: alignment 1.
     *
     * @param allocator where the block goes (an arena packs values with no padding).
     * @param src       source buffer.
     * @param offset    first byte to copy.
     * @param length    bytes to copy, at most {@link #MAX_PACKED_LENGTH}.
     * @return the packed handle, owning the block.
     * @throws IllegalArgumentException  naming the length if it does not fit 16 bits (nothing is
     *                                   allocated then), or the address if it does not fit 48 bits
     *                                   (the block is freed then).
     * @throws IndexOutOfBoundsException if the range is outside the buffer.
     * @throws IllegalStateException     if the allocator has no room (a full arena).
     */
    public static long copyPacked(final Allocator allocator, final DirectBuffer src, final int offset, final int length)
    {
        Bounds.checkRange(offset, length, src.capacity());
        checkPackedLength(length);
        final long address = allocateValue(allocator, length);
        Memory.copy(src, offset, address, length);
        return packOrFree(allocator, address, length);
    }

    /**
     * Encodes text as UTF-8 into a block from {@code allocator} and returns its packed handle,
     * creating no object on the heap.
     *
     * @param allocator where the block goes.
     * @param text      the text, at most 65 535 bytes of UTF-8.
     * @return the packed handle, owning the block.
     * @throws IllegalArgumentException naming the length if it does not fit 16 bits; nothing is
     *                                  allocated then.
     * @throws IllegalStateException    if the allocator has no room, or if {@code text} changed
     *                                  during the call. Whatever the encoding throws (an
     *                                  exception or an {@link Error} from {@code text}) propagates
     *                                  after the block is freed.
     */
    public static long copyPacked(final Allocator allocator, final CharSequence text)
    {
        final int length = Utf8.encodedLength(text);
        checkPackedLength(length);
        return packOrFree(allocator, encodeValue(allocator, text, length), length);
    }

    /**
     * Places {@code length} bytes with {@code allocator} (as {@link #allocateValue}) and encodes
     * {@code text} into them: SlimBox's and this class's one UTF-8 copy path. Whatever the
     * encoding throws, {@link Error}s included, propagates after the block is freed.
     *
     * @return the value's address (0 for length 0), owned by the caller.
     */
    static long encodeValue(final Allocator allocator, final CharSequence text, final int length)
    {
        final long address = allocateValue(allocator, length);
        Utf8.encodeOrFree(text, address, length, allocator, Alignment.MIN_ALIGNMENT);
        return address;
    }

    /** Packs a freshly copied value; if it cannot be packed, frees it before rethrowing. */
    private static long packOrFree(final Allocator allocator, final long address, final int length)
    {
        try
        {
            return pack(address, length);
        }
        catch (final RuntimeException ex)
        {
            freeValue(allocator, address, length);
            throw ex;
        }
    }

    static void freeValue(final Allocator allocator, final long address, final int length)
    {
        if (address != 0)
        {
            allocator.free(address, length, Alignment.MIN_ALIGNMENT);
        }
    }

    /**
     * Frees the block of a packed handle made by {@code copyPacked}; nothing for an empty value
     * or {@link #NONE}.
     *
     * @param allocator the allocator the block came from.
     * @param handle    the handle; the caller gives up the block.
     */
    public static void freePacked(final Allocator allocator, final long handle)
    {
        final long address = packedAddress(handle);
        if (address != 0)
        {
            allocator.free(address, packedLength(handle), Alignment.MIN_ALIGNMENT);
        }
    }

    private static void checkPackedLength(final int length)
    {
        if (length < 0 || length > MAX_PACKED_LENGTH)
        {
            throw new IllegalArgumentException("length " + length + " does not fit the 16 bits of a packed handle " +
                "(maximum " + MAX_PACKED_LENGTH + "); use a record or relative handle");
        }
    }

    /** Places a value's bytes, packed (alignment 1); 0 for length 0; throws if the allocator is full. */
    static long allocateValue(final Allocator allocator, final int length)
    {
        Objects.requireNonNull(allocator, "allocator");
        if (length == 0)
        {
            return 0;
        }
        final long address = allocator.allocate(length, Alignment.MIN_ALIGNMENT);
        if (address == 0)
        {
            throw new IllegalStateException(allocator + " has no room for a value of " + length + " bytes");
        }
        return address;
    }

    // ---------------------------------------------------------------------------------------------
    // Record
    // ---------------------------------------------------------------------------------------------

    /**
     * Writes a record handle: the address, then the length in {@code width} bytes.
     *
     * @param buffer  the record.
     * @param offset  where the {@code 8 + width} byte field starts.
     * @param width   the length's width.
     * @param address the value's address, or 0 when the length is 0.
     * @param length  the value's length.
     * @throws IllegalArgumentException naming the length and the width if it does not fit.
     */
    public static void writeRecord(
        final MutableDirectBuffer buffer, final int offset, final LengthWidth width, final long address, final int length)
    {
        width.checkLength(length);
        buffer.putLong(offset + RECORD_ADDRESS_OFFSET, length == 0 ? EMPTY_ADDRESS : address);
        width.putLength(buffer, offset + RECORD_LENGTH_OFFSET, length);
    }

    /**
     * Writes "no value" into a record handle: every byte of the field becomes 0.
     *
     * @param buffer the record.
     * @param offset where the field starts.
     * @param width  the length's width.
     */
    public static void clearRecord(final MutableDirectBuffer buffer, final int offset, final LengthWidth width)
    {
        buffer.setMemory(offset, width.recordHandleBytes(), (byte)0);
    }

    /**
     * Whether a record handle holds a value (possibly empty).
     *
     * @param buffer the record.
     * @param offset where the field starts.
     * @return false for "no value".
     */
    public static boolean isPresent(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + RECORD_ADDRESS_OFFSET) != NONE;
    }

    /**
     * The address in a record handle.
     *
     * @param buffer the record.
     * @param offset where the field starts.
     * @return the address; 0 for no value or an empty value.
     */
    public static long recordAddress(final DirectBuffer buffer, final int offset)
    {
        final long address = buffer.getLong(offset + RECORD_ADDRESS_OFFSET);
        return address == EMPTY_ADDRESS ? 0 : address;
    }

    /**
     * The length in a record handle.
     *
     * @param buffer the record.
     * @param offset where the field starts.
     * @param width  the length's width.
     * @return the length.
     */
    public static long recordLength(final DirectBuffer buffer, final int offset, final LengthWidth width)
    {
        return width.getLength(buffer, offset + RECORD_LENGTH_OFFSET);
    }

    // ---------------------------------------------------------------------------------------------
    // Relative
    // ---------------------------------------------------------------------------------------------

    /**
     * Makes a relative handle: a 32-bit offset from {@code base} and a 32-bit length.
     *
     * @param base    the region's first byte.
     * @param address the value's address, within 4 GiB above {@code base}; ignored for length 0.
     * @param length  the value's length, up to 2<sup>32</sup>&minus;1.
     * @return the relative handle; {@link #EMPTY_RELATIVE} for an empty value.
     * @throws IllegalArgumentException naming the values if the offset or the length does not fit
     *                                  32 bits, or the address is below the base.
     */
    public static long packRelative(final long base, final long address, final long length)
    {
        if (length < 0 || length > MAX_RELATIVE)
        {
            throw new IllegalArgumentException("length " + length + " does not fit the 32 bits of a relative handle");
        }
        if (length == 0)
        {
            return EMPTY_RELATIVE;
        }
        final long offset = address - base;
        if (offset < 0 || offset >= MAX_RELATIVE)
        {
            throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " is at offset " + offset +
                " from base 0x" + Long.toHexString(base) + ": a relative handle needs 0 <= offset < " + MAX_RELATIVE);
        }
        return (length << 32) | offset;
    }

    /**
     * The address a relative handle points at, for a region now at {@code base}.
     *
     * @param base   the region's first byte (it may have moved since the handle was made).
     * @param handle a relative handle.
     * @return the address; 0 for no value or an empty value.
     */
    public static long relativeAddress(final long base, final long handle)
    {
        return relativeLength(handle) == 0 ? 0 : base + (handle & MAX_RELATIVE);
    }

    /**
     * The length in a relative handle.
     *
     * @param handle a relative handle.
     * @return the length, up to 2<sup>32</sup>&minus;1.
     */
    public static long relativeLength(final long handle)
    {
        return handle >>> 32;
    }
}
