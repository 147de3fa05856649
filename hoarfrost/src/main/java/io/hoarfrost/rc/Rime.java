package io.hoarfrost.rc;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Utf8;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * A reference-counted off-heap block {@code [counter | metadata | data]} in one allocation, one
 * handle object per reference. {@link #makeMutable()} copies on write when the block is shared;
 * {@link #tryUnwrap()} takes an exclusive block out of counting, and {@link #unwrapOrCopy()} a
 * shared one too, by copying it. {@link #retain(CountedHandle)
 * retain(target)} fills an empty handle without allocating; paths that must not allocate reuse
 * handles or use the {@code long}-handle API of {@link RimeLayout} on the same blocks.
 *
 * <p>Ported from kroos's {@code Rime} ({@code retain} is its {@code clone}); unlike kroos, accesses
 * are bounds-checked and counters never wrap.
 */
public final class Rime extends CountedHandle<Rime>
{
    /** An empty handle, to be pointed at a block with {@link #takeRaw(RimeLayout, long, int)}. */
    public Rime()
    {
        super("Rime");
    }

    /**
     * Allocates a block with no metadata holding a copy of {@code data}, count 1, on the native
     * heap.
     *
     * @param counter the counter kind.
     * @param data    the bytes to copy.
     * @return a handle owning the one reference.
     */
    public static Rime copyOf(final Counter counter, final byte[] data)
    {
        return copyOf(RimeLayout.of(counter), data, 0, data.length);
    }

    /**
     * Allocates a block of {@code layout} holding a copy of {@code data[offset, offset+length)},
     * count 1. Metadata is zeroed.
     *
     * @param layout the layout (counter, metadata length, allocator).
     * @param data   source array.
     * @param offset first index to copy.
     * @param length bytes to copy.
     * @return a handle owning the one reference.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the array;
     *                                   nothing is allocated.
     */
    public static Rime copyOf(final RimeLayout layout, final byte[] data, final int offset, final int length)
    {
        Bounds.checkRange(offset, length, data.length);
        final Rime rime = allocateZeroedMetadata(layout, length);
        Memory.copy(data, offset, rime.dataAddress(), length);
        return rime;
    }

    /**
     * Allocates a block of {@code layout} holding a copy of a range of an Agrona buffer, count 1.
     * Metadata is zeroed.
     *
     * @param layout the layout.
     * @param data   source buffer, heap or direct.
     * @param offset first index to copy.
     * @param length bytes to copy.
     * @return a handle owning the one reference.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer;
     *                                   nothing is allocated.
     */
    public static Rime copyOf(final RimeLayout layout, final DirectBuffer data, final int offset, final int length)
    {
        Bounds.checkRange(offset, length, data.capacity());
        final Rime rime = allocateZeroedMetadata(layout, length);
        Memory.copy(data, offset, rime.dataAddress(), length);
        return rime;
    }

    /**
     * Allocates a block with no metadata holding {@code text} in UTF-8, count 1, on the native
     * heap.
     *
     * @param counter the counter kind.
     * @param text    the text.
     * @return a handle owning the one reference.
     */
    public static Rime copyOf(final Counter counter, final CharSequence text)
    {
        return copyOf(RimeLayout.of(counter), text);
    }

    /**
     * Allocates a block of {@code layout} holding {@code text} encoded as UTF-8 straight into the
     * block (no intermediate array), count 1. Metadata is zeroed.
     *
     * @param layout the layout.
     * @param text   the text; not to be changed during the call.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the encoding exceeds {@link Integer#MAX_VALUE} bytes.
     * @throws IllegalStateException    if {@code text} changed during the call, or the allocator
     *                                  has no room. Whatever the encoding throws (an exception or
     *                                  an {@link Error} from {@code text}) propagates after the
     *                                  block is released.
     */
    public static Rime copyOf(final RimeLayout layout, final CharSequence text)
    {
        final int length = Utf8.encodedLength(text);
        final Rime rime = allocateZeroedMetadata(layout, length);
        try
        {
            Utf8.encode(text, rime.dataAddress(), length);
        }
        catch (final Throwable ex)
        {
            rime.release();
            throw ex;
        }
        return rime;
    }

    /**
     * Allocates a block with {@code metadataLength} bytes of metadata and {@code dataLength} bytes
     * of data, count 1, on the native heap. Metadata and data are uninitialised (poison in checked
     * mode): write every byte you read, or use {@link #allocateZeroed(Counter, int, int)}.
     *
     * @param counter        the counter kind.
     * @param metadataLength metadata bytes, not negative.
     * @param dataLength     data bytes, not negative.
     * @return a handle owning the one reference; the caller releases it.
     * @throws IllegalArgumentException naming the value if a length is negative.
     */
    public static Rime allocate(final Counter counter, final int metadataLength, final int dataLength)
    {
        return allocate(RimeLayout.of(counter, metadataLength), dataLength);
    }

    /**
     * Allocates a block of {@code layout} with {@code dataLength} bytes of data, count 1. Only the
     * counter is written: metadata and data are uninitialised (old bytes of a reused block, poison
     * in checked mode).
     *
     * @param layout     the layout.
     * @param dataLength data bytes, not negative.
     * @return a handle owning the one reference; the caller releases it.
     * @throws IllegalArgumentException naming the length if it is negative.
     * @throws IllegalStateException    if the layout's allocator has no room.
     */
    public static Rime allocate(final RimeLayout layout, final int dataLength)
    {
        return new Rime().point(layout, layout.allocate(dataLength), dataLength);
    }

    /**
     * Allocates a block with {@code metadataLength} bytes of metadata and {@code dataLength} bytes
     * of data, count 1, on the native heap, metadata and data zeroed.
     *
     * @param counter        the counter kind.
     * @param metadataLength metadata bytes, not negative.
     * @param dataLength     data bytes, not negative.
     * @return a handle owning the one reference; the caller releases it.
     * @throws IllegalArgumentException naming the value if a length is negative.
     */
    public static Rime allocateZeroed(final Counter counter, final int metadataLength, final int dataLength)
    {
        return allocateZeroed(RimeLayout.of(counter, metadataLength), dataLength);
    }

    /**
     * Allocates a block of {@code layout} with {@code dataLength} bytes of data, count 1, metadata
     * and data zeroed.
     *
     * @param layout     the layout.
     * @param dataLength data bytes, not negative.
     * @return a handle owning the one reference; the caller releases it.
     * @throws IllegalArgumentException naming the length if it is negative.
     * @throws IllegalStateException    if the layout's allocator has no room.
     */
    public static Rime allocateZeroed(final RimeLayout layout, final int dataLength)
    {
        return new Rime().point(layout, layout.allocateZeroed(dataLength), dataLength);
    }

    /**
     * Takes ownership of a raw block made with the {@code long}-handle API, as a new handle: the
     * caller's reference moves into the handle (the count is unchanged), which releases it.
     *
     * @param layout     the layout the block was allocated with.
     * @param block      the block's address, with a reference the caller owns until this call.
     * @param dataLength the data length it was allocated with.
     * @return a handle owning that reference.
     * @throws NullPointerException     if {@code layout} is null.
     * @throws IllegalArgumentException if the block is 0 or the length negative.
     * @throws IllegalStateException    in checked mode, if the block is not live.
     */
    public static Rime fromRaw(final RimeLayout layout, final long block, final int dataLength)
    {
        return new Rime().takeRaw(layout, block, dataLength);
    }

    private static Rime allocateZeroedMetadata(final RimeLayout layout, final int dataLength)
    {
        final long block = layout.allocate(dataLength);
        Memory.fill(layout.metadataAddress(block), layout.metadataLength(), (byte)0);
        return new Rime().point(layout, block, dataLength);
    }

    /**
     * The data decoded as UTF-8.
     *
     * @return the text.
     * @throws IllegalStateException if this handle was released.
     */
    public String dataAsString()
    {
        final byte[] bytes = new byte[dataLength()];
        Memory.copy(dataAddress(), bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    Rime newHandle()
    {
        return new Rime();
    }
}
