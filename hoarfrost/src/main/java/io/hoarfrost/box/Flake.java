package io.hoarfrost.box;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;
import io.hoarfrost.memory.internal.Utf8;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An owned off-heap box of bytes, freed by {@link #close()}.
 *
 * <p><b>Block.</b> {@link #length()} bytes at {@link #address()}, nothing else: no header, no
 * counter. This object is the fat pointer (address and length) plus what is needed to free the
 * block (its {@link Allocator} and alignment, or the {@link ByteBuffer} it was adopted from). The
 * length is an {@code int}, so a Flake holds at most {@link Integer#MAX_VALUE} bytes: Agrona's
 * views are indexed by {@code int}. A length of 0 allocates nothing: the address is 0, the view
 * has capacity 0 and every method works. Blocks placed by the factories start at
 * {@link #ALIGNMENT} bytes. Contents can change through the view, so do not mutate a Flake while
 * it is a key; compare {@link #address()} with {@code ==} where identity is wanted.
 *
 * <p>Ported from kroos's {@code Flake}; unlike kroos, which compares addresses, equality, hash and
 * order look at the contents.
 */
public final class Flake implements AutoCloseable, Comparable<Flake>
{
    /** The alignment at which the factories place blocks: 8, so atomic longs through the view work. */
    public static final int ALIGNMENT = Alignment.DEFAULT_ALIGNMENT;

    private final long address;
    private final int length;
    private final int alignment;
    private final Allocator allocator;
    private final ByteBuffer adopted;
    private UnsafeBuffer view;
    private boolean closed;

    private Flake(
        final long address,
        final int length,
        final Allocator allocator,
        final int alignment,
        final ByteBuffer adopted,
        final UnsafeBuffer view)
    {
        this.address = address;
        this.length = length;
        this.allocator = allocator;
        this.alignment = alignment;
        this.adopted = adopted;
        this.view = view;
    }

    // ---------------------------------------------------------------------------------------------
    // Copies
    // ---------------------------------------------------------------------------------------------

    /**
     * Copies an array into a new native block.
     *
     * @param src the bytes to copy; not retained.
     * @return a Flake owning a copy of {@code src}; the caller closes it.
     * @throws OutOfMemoryError stating the size if native memory cannot be had.
     */
    public static Flake copyOf(final byte[] src)
    {
        return copyOf(NativeAllocator.INSTANCE, src, 0, src.length);
    }

    /**
     * Copies an array into a block placed by {@code allocator}.
     *
     * @param allocator places the block and frees it on close.
     * @param src       the bytes to copy; not retained.
     * @return a Flake owning a copy of {@code src}; the caller closes it.
     * @throws IllegalStateException if the allocator returns 0 (a full arena), naming the size;
     *                               nothing is allocated then.
     */
    public static Flake copyOf(final Allocator allocator, final byte[] src)
    {
        return copyOf(allocator, src, 0, src.length);
    }

    /**
     * Copies part of an array into a new native block.
     *
     * @param src    the array; not retained.
     * @param offset first index to copy.
     * @param length bytes to copy.
     * @return a Flake owning a copy of the range; the caller closes it.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the array;
     *                                   nothing is allocated then.
     */
    public static Flake copyOf(final byte[] src, final int offset, final int length)
    {
        return copyOf(NativeAllocator.INSTANCE, src, offset, length);
    }

    /**
     * Copies part of an array into a block placed by {@code allocator}.
     *
     * @param allocator places the block and frees it on close.
     * @param src       the array; not retained.
     * @param offset    first index to copy.
     * @param length    bytes to copy.
     * @return a Flake owning a copy of the range; the caller closes it.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the array.
     * @throws IllegalStateException     if the allocator returns 0 (a full arena), naming the size.
     */
    public static Flake copyOf(final Allocator allocator, final byte[] src, final int offset, final int length)
    {
        Bounds.checkRange(offset, length, src.length);
        final long address = allocateBlock(allocator, length);
        Memory.copy(src, offset, address, length);
        return new Flake(address, length, allocator, ALIGNMENT, null, null);
    }

    /**
     * Copies part of an Agrona buffer (heap or direct) into a new native block.
     *
     * @param src    the buffer; not retained.
     * @param offset first index to copy.
     * @param length bytes to copy.
     * @return a Flake owning a copy of the range; the caller closes it.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer;
     *                                   nothing is allocated then.
     */
    public static Flake copyOf(final DirectBuffer src, final int offset, final int length)
    {
        return copyOf(NativeAllocator.INSTANCE, src, offset, length);
    }

    /**
     * Copies part of an Agrona buffer (heap or direct) into a block placed by {@code allocator}.
     *
     * @param allocator places the block and frees it on close.
     * @param src       the buffer; not retained.
     * @param offset    first index to copy.
     * @param length    bytes to copy.
     * @return a Flake owning a copy of the range; the caller closes it.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer.
     * @throws IllegalStateException     if the allocator returns 0 (a full arena), naming the size.
     */
    public static Flake copyOf(final Allocator allocator, final DirectBuffer src, final int offset, final int length)
    {
        Bounds.checkRange(offset, length, src.capacity());
        final long address = allocateBlock(allocator, length);
        Memory.copy(src, offset, address, length);
        return new Flake(address, length, allocator, ALIGNMENT, null, null);
    }

    /**
     * Encodes characters as UTF-8 into a new native block. See
     * {@link #copyOf(Allocator, CharSequence)}.
     *
     * @param chars the characters; not retained.
     * @return a Flake owning the UTF-8 bytes; the caller closes it.
     * @throws IllegalArgumentException naming the length if the encoding exceeds
     *                                  {@link Integer#MAX_VALUE} bytes.
     */
    public static Flake copyOf(final CharSequence chars)
    {
        return copyOf(NativeAllocator.INSTANCE, chars);
    }

    /**
     * Encodes characters as UTF-8 straight into a block placed by {@code allocator}, with no
     * intermediate {@code byte[]}: one pass measures, a second encodes. The bytes are those of
     * {@code chars.toString().getBytes(UTF_8)}: an unpaired surrogate becomes {@code '?'}.
     *
     * @param allocator places the block and frees it on close.
     * @param chars     the characters; not retained, and not to be changed during the call.
     * @return a Flake owning the UTF-8 bytes; the caller closes it.
     * @throws IllegalArgumentException naming the length if the encoding exceeds
     *                                  {@link Integer#MAX_VALUE} bytes; nothing is allocated then.
     * @throws IllegalStateException    if the allocator returns 0 (a full arena), naming the size,
     *                                  or if {@code chars} changed between the two passes (the
     *                                  block is freed then).
     */
    public static Flake copyOf(final Allocator allocator, final CharSequence chars)
    {
        final int length = Utf8.encodedLength(chars);
        final long address = allocateBlock(allocator, length);
        Utf8.encodeOrFree(chars, address, length, allocator, ALIGNMENT);
        return new Flake(address, length, allocator, ALIGNMENT, null, null);
    }

    // ---------------------------------------------------------------------------------------------
    // Placement, adoption
    // ---------------------------------------------------------------------------------------------

    /**
     * Allocates a native block of {@code length} bytes and lets {@code writer} fill it in place.
     *
     * @param length bytes to allocate, not negative.
     * @param writer fills the block through a view of exactly {@code length} bytes.
     * @return a Flake owning the written block; the caller closes it.
     * @throws IllegalArgumentException naming the length if it is negative.
     */
    public static Flake allocate(final int length, final FlakeWriter writer)
    {
        return allocate(NativeAllocator.INSTANCE, length, writer);
    }

    /**
     * Allocates a block of {@code length} bytes with {@code allocator} and lets {@code writer} fill
     * it in place, with no intermediate copy. The writer receives the Flake's own view
     * ({@link #buffer()}), whose address is the Flake's address. If the writer throws, the block is
     * freed, the view is detached and the exception propagates unchanged.
     *
     * @param allocator places the block and frees it on close.
     * @param length    bytes to allocate, not negative.
     * @param writer    fills the block; see {@link FlakeWriter#write}.
     * @return a Flake owning the written block; the caller closes it.
     * @throws IllegalArgumentException naming the length if it is negative.
     * @throws IllegalStateException    if the allocator returns 0 (a full arena), naming the size.
     */
    public static Flake allocate(final Allocator allocator, final int length, final FlakeWriter writer)
    {
        Bounds.checkNonNegative(length);
        Objects.requireNonNull(writer, "writer");
        final long address = allocateBlock(allocator, length);
        final Flake flake;
        try
        {
            flake = new Flake(address, length, allocator, ALIGNMENT, null, new UnsafeBuffer(address, length));
        }
        catch (final Throwable ex)
        {
            freeBlock(allocator, address, length);
            throw ex;
        }
        try
        {
            writer.write(flake.view);
        }
        catch (final Throwable ex)
        {
            flake.close();
            throw ex;
        }
        return flake;
    }

    /**
     * Takes over a direct buffer's memory without copying.
     *
     * <p>The Flake covers the bytes from the buffer's position to its limit as they were before
     * the call. Afterwards the buffer's position and limit are 0, so a stray get or put through it
     * throws; keep it only if you must, and never use it again. {@link #close()} frees the
     * <em>whole</em> buffer (all of its capacity) by running its cleaner.
     *
     * @param buffer a direct, writable buffer that owns its memory (from
     *               {@link ByteBuffer#allocateDirect(int)}); the Flake owns its memory after the
     *               call.
     * @return a Flake over {@code [position, limit)} of the buffer; the caller closes it.
     * @throws IllegalArgumentException if the buffer is on the heap, read-only, or does not own
     *                                  its memory (a slice, a duplicate or a wrapped address); the
     *                                  buffer is unchanged then.
     */
    public static Flake adopt(final ByteBuffer buffer)
    {
        final int position = buffer.position();
        final int length = buffer.limit() - position;
        final long base = Memory.adopt(buffer);
        return new Flake(base + position, length, null, Alignment.MIN_ALIGNMENT, buffer, null);
    }

    /**
     * Takes ownership of a raw block from {@link Memory#allocate(long)}: the Flake frees it with
     * {@link Memory#free(long)} on close. See {@link #fromRaw(Allocator, long, int, int)}.
     *
     * @param address the block, or 0 with a length of 0; the Flake owns it after the call.
     * @param length  the bytes the Flake covers, from {@code address}; at most the block's size.
     * @return a Flake owning the block; the caller closes it.
     * @throws IllegalArgumentException naming the values if the length is negative or the address
     *                                  is 0 with a positive length.
     * @throws IllegalStateException    in checked mode, if {@code address} is not a live native
     *                                  block (never allocated, or freed), naming its history.
     */
    public static Flake fromRaw(final long address, final int length)
    {
        return fromRaw(NativeAllocator.INSTANCE, address, length, ALIGNMENT);
    }

    /**
     * Takes ownership of a raw block that {@code allocator} placed with {@code alignment}: the
     * Flake frees it with {@code allocator.free(address, length, alignment)} on close (unless the
     * address is 0). The caller must not free it or take it over twice.
     *
     * <p>In checked mode, when {@code allocator} is {@link NativeAllocator#INSTANCE}, the address
     * must be a live native block, so a foreign or freed address throws here instead of crashing
     * later. Other allocators' blocks (arena and pool slices) are not individually tracked.
     *
     * @param allocator placed the block and frees it on close.
     * @param address   the block, or 0 with a length of 0; the Flake owns it after the call.
     * @param length    the bytes the Flake covers and the size passed to {@code free}.
     * @param alignment the alignment the block was allocated with.
     * @return a Flake owning the block; the caller closes it.
     * @throws IllegalArgumentException naming the values if the length is negative, the alignment
     *                                  invalid, the address not a multiple of it, or the address 0
     *                                  with a positive length.
     * @throws IllegalStateException    in checked mode, if a native address is not a live block.
     */
    public static Flake fromRaw(final Allocator allocator, final long address, final int length, final int alignment)
    {
        Objects.requireNonNull(allocator, "allocator");
        Bounds.checkNonNegative(length);
        Alignment.check(alignment);
        if (0 == address && 0 != length)
        {
            throw new IllegalArgumentException("address 0 cannot hold a Flake of length " + length);
        }
        if (!Alignment.isAligned(address, alignment))
        {
            throw new IllegalArgumentException(
                "address 0x" + Long.toHexString(address) + " is not a multiple of its alignment " + alignment);
        }
        if (MemoryChecks.ENABLED && 0 != address && NativeAllocator.INSTANCE == allocator)
        {
            checkLiveNativeBlock(address);
        }
        return new Flake(address, length, allocator, alignment, null, null);
    }

    // ---------------------------------------------------------------------------------------------
    // Access
    // ---------------------------------------------------------------------------------------------

    /**
     * The number of bytes. Still answers after close.
     *
     * @return the length, 0 to {@link Integer#MAX_VALUE}.
     */
    public int length()
    {
        return length;
    }

    /**
     * The address of the first byte; 0 when the length is 0. Borrowed: valid until close.
     *
     * @return the address.
     * @throws IllegalStateException if the Flake is closed, in every mode (a closed flag); in
     *                               checked mode the message names where the block was allocated
     *                               and freed.
     */
    public long address()
    {
        if (closed)
        {
            throw closedException("address");
        }
        return address;
    }

    /**
     * A view of the bytes, created on first use and then reused. Borrowed: valid until close,
     * which detaches it (re-points it at zero bytes). Mutable for the sole owner; concurrent
     * readers may use it once the bytes stop changing. Do not re-wrap it.
     *
     * @return the view, capacity {@link #length()}, indices from 0.
     * @throws IllegalStateException if the Flake is closed.
     */
    public UnsafeBuffer buffer()
    {
        if (closed)
        {
            throw closedException("buffer");
        }
        UnsafeBuffer view = this.view;
        if (null == view)
        {
            view = new UnsafeBuffer(address, length);
            this.view = view;
        }
        return view;
    }

    /**
     * Copies the bytes onto the heap.
     *
     * @return a new array of {@link #length()} bytes, owned by the caller.
     * @throws IllegalStateException if the Flake is closed.
     */
    public byte[] toByteArray()
    {
        if (closed)
        {
            throw closedException("toByteArray");
        }
        final byte[] bytes = new byte[length];
        Memory.copy(address, bytes, 0, length);
        return bytes;
    }

    /**
     * Whether {@link #close()} or {@link #intoRaw()} has been called.
     *
     * @return true once the Flake no longer owns its block.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * The allocator that frees the block on close.
     *
     * @return the allocator, or null for a Flake adopted from a {@link ByteBuffer}.
     */
    public Allocator allocator()
    {
        return allocator;
    }

    /**
     * The alignment the block was allocated with, as passed to {@link Allocator#free}.
     *
     * @return {@link #ALIGNMENT} for blocks from the factories, the given alignment for
     * {@link #fromRaw(Allocator, long, int, int)}, 1 for an adopted buffer.
     */
    public int alignment()
    {
        return alignment;
    }

    /**
     * Whether two Flakes are over the same block (the same address and length); contents are not
     * compared (that is {@link #equals(Object)}). Two empty Flakes (length 0, no block) are
     * ref-equal.
     *
     * @param other another Flake.
     * @return true if both cover the same bytes of memory.
     * @throws IllegalStateException if either Flake is closed.
     */
    public boolean refEquals(final Flake other)
    {
        return address() == other.address() && length == other.length;
    }

    /**
     * A deep copy: a new block with the same bytes, placed by the same allocator at the same
     * alignment (a Flake adopted from a {@link ByteBuffer} is copied to the native heap at
     * {@link #ALIGNMENT}). The two are independent: writing or closing one leaves the other as it
     * was.
     *
     * @return a new Flake owning the copy; the caller closes it. This Flake still owns its block.
     * @throws IllegalStateException if this Flake is closed, or the allocator returns 0 (a full
     *                               arena), naming the size; nothing is allocated then.
     */
    public Flake copy()
    {
        checkReadable("copy");
        final Allocator target = null == adopted ? allocator : NativeAllocator.INSTANCE;
        final int targetAlignment = null == adopted ? alignment : ALIGNMENT;
        final long copy = allocateBlock(target, length, targetAlignment);
        Memory.copy(address, copy, length);
        return new Flake(copy, length, target, targetAlignment, null, null);
    }

    // ---------------------------------------------------------------------------------------------
    // Release
    // ---------------------------------------------------------------------------------------------

    /**
     * Gives the block up without freeing it, the inverse of
     * {@link #fromRaw(Allocator, long, int, int)}. Afterwards the caller owns the block and frees
     * it with {@code allocator().free(address, length(), alignment())}; this Flake is closed and
     * its view detached.
     *
     * @return the block's address; 0 when the length is 0 (nothing to free).
     * @throws IllegalStateException if the Flake is closed, or was adopted from a
     *                               {@link ByteBuffer} (whose memory only {@link #close()} can
     *                               free).
     */
    public long intoRaw()
    {
        if (closed)
        {
            throw closedException("intoRaw");
        }
        if (null != adopted)
        {
            throw new IllegalStateException("Flake at 0x" + Long.toHexString(address) +
                " was adopted from a ByteBuffer: only close() can free its memory");
        }
        markClosed();
        return address;
    }

    /**
     * Frees the block and detaches the view; idempotent. The allocator's {@code free} is always
     * called (an arena makes it a no-op); an adopted buffer is freed whole by its cleaner.
     *
     * @throws IllegalStateException in checked mode, if the block was already freed behind this
     *                               Flake's back (for example by two racing closes); the Flake
     *                               stays open then.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        if (null != adopted)
        {
            Memory.releaseAdopted(adopted);
        }
        else if (0 != address)
        {
            allocator.free(address, length, alignment);
        }
        markClosed();
    }

    // ---------------------------------------------------------------------------------------------
    // Contents: equality, order, text
    // ---------------------------------------------------------------------------------------------

    /**
     * Content equality: same length and same bytes; the addresses do not matter (unlike kroos).
     *
     * @param other any object.
     * @return true if {@code other} is a Flake with the same bytes.
     * @throws IllegalStateException if either Flake is closed (its bytes are gone), unless
     *                               {@code other} is this Flake.
     */
    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof Flake))
        {
            return false;
        }
        final Flake that = (Flake)other;
        checkReadable("equals");
        that.checkReadable("equals");
        return length == that.length && 0 == Memory.compare(address, that.address, length);
    }

    /**
     * A hash of the contents, equal to {@code java.util.Arrays.hashCode(toByteArray())}:
     * {@code h = 31 * h + b} over the signed bytes, from {@code h = 1}. Consistent with
     * {@link #equals(Object)}; it changes if the bytes are changed through the view.
     *
     * @return the content hash.
     * @throws IllegalStateException if the Flake is closed.
     */
    @Override
    public int hashCode()
    {
        checkReadable("hashCode");
        int hash = 1;
        for (long i = address, end = address + length; i < end; i++)
        {
            hash = 31 * hash + Memory.getByte(i);
        }
        return hash;
    }

    /**
     * Orders by contents: bytes compared as unsigned values, first difference wins, then the
     * shorter sorts first. So "abc" &lt; "abd" &lt; "abdd" &lt; "xyz", and UTF-8 text sorts by code
     * point. Consistent with {@link #equals(Object)}. Unlike {@link ByteBuffer#compareTo}, which
     * compares signed bytes.
     *
     * @param other the Flake to compare with.
     * @return negative, zero or positive as this sorts before, equal to or after {@code other}.
     * @throws IllegalStateException if either Flake is closed.
     */
    @Override
    public int compareTo(final Flake other)
    {
        checkReadable("compareTo");
        other.checkReadable("compareTo");
        final int common = Math.min(length, other.length);
        final int order = Memory.compare(address, other.address, common);
        return 0 != order ? order : Integer.compare(length, other.length);
    }

    /**
     * The contents decoded as UTF-8 (malformed input becomes U+FFFD), through a heap copy. A
     * closed Flake answers {@code "Flake(closed, N bytes)"} rather than throw, for logs and
     * debuggers.
     *
     * @return the text.
     */
    @Override
    public String toString()
    {
        if (closed)
        {
            return "Flake(closed, " + length + " bytes)";
        }
        return new String(toByteArray(), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    private void markClosed()
    {
        closed = true;
        final UnsafeBuffer view = this.view;
        if (null != view)
        {
            view.wrap(0L, 0);
        }
    }

    private void checkReadable(final String what)
    {
        if (closed)
        {
            throw closedException(what);
        }
    }

    private IllegalStateException closedException(final String what)
    {
        final StringBuilder sb = new StringBuilder(128)
            .append(what).append(" on a closed Flake at 0x").append(Long.toHexString(address))
            .append(" (").append(length).append(" bytes)");
        if (MemoryChecks.ENABLED && (0 != address || null != adopted))
        {
            sb.append(": ").append(MemoryChecks.describe(null != adopted ? BufferUtil.address(adopted) : address));
        }
        return new IllegalStateException(sb.toString());
    }

    private static void checkLiveNativeBlock(final long address)
    {
        try
        {
            Checks.checkLive(address, "Flake.fromRaw");
        }
        catch (final IllegalStateException ex)
        {
            throw new IllegalStateException(
                "Flake.fromRaw: 0x" + Long.toHexString(address) + " is not a live native block: " +
                MemoryChecks.describe(address), ex);
        }
    }

    private static long allocateBlock(final Allocator allocator, final int length)
    {
        return allocateBlock(allocator, length, ALIGNMENT);
    }

    private static long allocateBlock(final Allocator allocator, final int length, final int alignment)
    {
        Objects.requireNonNull(allocator, "allocator");
        if (0 == length)
        {
            return 0;
        }
        final long address = allocator.allocate(length, alignment);
        if (0 == address)
        {
            throw new IllegalStateException(
                allocator + " returned no memory (address 0) for a Flake of " + length + " bytes, alignment " +
                alignment);
        }
        return address;
    }

    private static void freeBlock(final Allocator allocator, final long address, final int length)
    {
        if (0 != address)
        {
            allocator.free(address, length, ALIGNMENT);
        }
    }
}
