package io.hoarfrost.rc;

import io.hoarfrost.memory.Bounds;
import io.hoarfrost.memory.Memory;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;

/**
 * A counted reference to a pooled block: refpool's {@code PoolRef}. The block is a Rime block
 * {@code [counter | metadata | data]} laid out by a {@link RimeLayout} whose allocator is a pool
 * ({@code RimeLayout.of(pool, counter, metadataLength, dataAlignment)}), so the last release
 * returns it to the pool. Over {@link Rime} it adds refpool's (and {@code Rc}'s)
 * {@link #makeMutable()} and {@link #tryUnwrap()}, and it is a flyweight.
 *
 * <p>It lives in {@code rc}, not {@code pool}: it is built on {@link RimeLayout} and
 * {@link Counter}, and the pool package imports only {@code memory}. Any allocator works; with a
 * pool, a block's memory is reused rather than freed.
 *
 * <p><b>Handles and ownership.</b> Each handle owns one reference. {@link #retain()} adds one and
 * returns a new handle (refpool's {@code clone}); {@link #retain(PoolRef)} puts it in an empty
 * handle instead, allocating nothing. {@link #release()} or {@link #close()} drops this handle's
 * reference; the last release frees the block through the layout's allocator. An empty handle
 * (new, released or unwrapped) can be re-pointed with {@link #wrap(RimeLayout, long, int)}. Views
 * from {@link #data()} and {@link #metadata()} are borrowed: detached when this handle lets go.
 *
 * <p><b>Initialisation.</b> {@link #allocate(RimeLayout, int)} initialises only the counter: a
 * reused block keeps its old bytes, so the caller writes just what it reads (refpool's
 * {@code PoolDefault}). {@link #allocateZeroed(RimeLayout, int)} zeroes metadata and data.
 *
 * <p><b>Threading.</b> A handle object is not thread-safe; give each thread its own with
 * {@link #retain()}. With an atomic {@link Counter}, handles of one block may be retained and
 * released on different threads, provided the layout's allocator is thread-safe (a
 * {@code ConcurrentPool}, not a {@code Pool}). Mutate data only while {@link #isExclusive()}, which
 * {@link #makeMutable()} ensures.
 *
 * <p><b>Checked mode</b>: use of a block after its last release throws, as for {@link Rime}.
 */
public final class PoolRef implements AutoCloseable
{
    private RimeLayout layout;
    private long block;
    private int dataLength;
    private UnsafeBuffer dataView;
    private UnsafeBuffer metadataView;

    /** An empty handle, to be pointed at a block with {@link #wrap(RimeLayout, long, int)}. */
    public PoolRef()
    {
    }

    /**
     * Allocates a block with a count of 1; metadata and data are not initialised.
     *
     * @param layout     the layout, whose allocator places the block (a pool).
     * @param dataLength data bytes, not negative.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the length is negative or the block does not fit the
     *                                  pool's blocks (naming the size and the limit).
     * @throws IllegalStateException    if the allocator has no room or is closed.
     */
    public static PoolRef allocate(final RimeLayout layout, final int dataLength)
    {
        return new PoolRef().point(layout, layout.allocate(dataLength), dataLength);
    }

    /**
     * Allocates a block with a count of 1, metadata and data zeroed.
     *
     * @param layout     the layout, whose allocator places the block (a pool).
     * @param dataLength data bytes, not negative.
     * @return a handle owning the one reference.
     * @throws IllegalArgumentException if the length is negative or the block does not fit.
     * @throws IllegalStateException    if the allocator has no room or is closed.
     */
    public static PoolRef allocateZeroed(final RimeLayout layout, final int dataLength)
    {
        final long block = layout.allocate(dataLength);
        Memory.fill(layout.metadataAddress(block), contentLength(layout, dataLength), (byte)0);
        return new PoolRef().point(layout, block, dataLength);
    }

    /**
     * Copy on write for the {@code long}-handle API: returns a block the caller's reference holds
     * alone. If {@code block} is exclusive it is returned as is; otherwise its metadata and data are
     * copied into a new block (count 1) and the caller's reference to {@code block} is released.
     *
     * @param layout     the block's layout.
     * @param block      a block the caller holds one reference to.
     * @param dataLength the data length it was allocated with.
     * @return {@code block}, or the new block that now carries the caller's reference.
     * @throws IllegalStateException if the allocator has no room (nothing changes then), or in
     *                               checked mode if the block is not live.
     */
    public static long makeMutable(final RimeLayout layout, final long block, final int dataLength)
    {
        if (layout.refCount(block) == 1)
        {
            return block;
        }
        final long copy = layout.allocate(dataLength);
        Memory.copy(layout.metadataAddress(block), layout.metadataAddress(copy), contentLength(layout, dataLength));
        layout.release(block, dataLength);
        return copy;
    }

    /**
     * Points this empty handle at one reference the caller owns; the reference moves into the
     * handle.
     *
     * @param layout     the layout the block was allocated with.
     * @param block      the block, with a reference the caller owns.
     * @param dataLength the data length it was allocated with.
     * @return this handle.
     * @throws IllegalArgumentException if the block is 0 or the length negative.
     * @throws IllegalStateException    if this handle still holds a reference (it would leak), or in
     *                                  checked mode if the block is not live.
     */
    public PoolRef wrap(final RimeLayout layout, final long block, final int dataLength)
    {
        Objects.requireNonNull(layout, "layout");
        if (block == 0)
        {
            throw new IllegalArgumentException("block 0 is not a PoolRef block");
        }
        Bounds.checkNonNegative(dataLength);
        checkEmpty();
        layout.refCount(block);
        return point(layout, block, dataLength);
    }

    /**
     * Adds a reference and returns a new handle owning it; both share the block.
     *
     * @return the new handle.
     * @throws IllegalStateException if this handle is empty or the count is at its maximum
     *                               (nothing changes then).
     */
    public PoolRef retain()
    {
        return retain(new PoolRef());
    }

    /**
     * Adds a reference and puts it in {@code target}, an empty handle: {@link #retain()} without
     * the garbage.
     *
     * @param target an empty handle (new, released or unwrapped).
     * @return {@code target}, now sharing this handle's block.
     * @throws IllegalStateException if this handle is empty, {@code target} holds a reference, or
     *                               the count is at its maximum (nothing changes then).
     */
    public PoolRef retain(final PoolRef target)
    {
        final long block = checkHeld();
        target.checkEmpty();
        layout.retain(block);
        return target.point(layout, block, dataLength);
    }

    /**
     * Drops this handle's reference; the last one returns the block to the layout's allocator.
     * Detaches this handle's views.
     *
     * @return true if this release freed the block.
     * @throws IllegalStateException if this handle is empty.
     */
    public boolean release()
    {
        final long block = checkHeld();
        final RimeLayout layout = this.layout;
        final int dataLength = this.dataLength;
        letGo();
        return layout.release(block, dataLength);
    }

    /** Releases this handle's reference if it holds one; idempotent. */
    @Override
    public void close()
    {
        if (block != 0)
        {
            release();
        }
    }

    /**
     * Whether this handle holds no reference (new, released or unwrapped).
     *
     * @return true when empty.
     */
    public boolean isReleased()
    {
        return block == 0;
    }

    /**
     * The number of references to the block, across all handles.
     *
     * @return the count.
     * @throws IllegalStateException if this handle is empty.
     */
    public long refCount()
    {
        return layout.refCount(checkHeld());
    }

    /**
     * Whether this handle holds the only reference.
     *
     * @return {@code refCount() == 1}.
     * @throws IllegalStateException if this handle is empty.
     */
    public boolean isExclusive()
    {
        return refCount() == 1;
    }

    /**
     * Copy on write: makes this handle the block's only reference and returns its data view. If
     * the block is shared, its metadata and data are copied into a new block from the same
     * allocator, this handle moves to the copy and its reference to the shared block is released;
     * other handles keep the original.
     *
     * @return the data view of the now exclusive block, borrowed.
     * @throws IllegalStateException if this handle is empty, or the allocator has no room
     *                               (nothing changes then).
     */
    public UnsafeBuffer makeMutable()
    {
        final long block = checkHeld();
        final long mutable = makeMutable(layout, block, dataLength);
        if (mutable != block)
        {
            point(layout, mutable, dataLength);
        }
        return data();
    }

    /**
     * Takes the block out of reference counting if this handle is its only reference: the block is
     * not returned to the allocator, and this handle becomes empty. Otherwise nothing changes.
     *
     * @return the block, now owned by the caller (free it with the layout's allocator, e.g.
     *         {@code pool.free(block)}; its data is at {@code block + layout.dataOffset()}), or 0
     *         if the block is shared.
     * @throws IllegalStateException if this handle is empty.
     */
    public long tryUnwrap()
    {
        final long block = checkHeld();
        if (layout.refCount(block) != 1)
        {
            return 0;
        }
        letGo();
        return block;
    }

    /**
     * A view of the data, borrowed: valid while this handle holds its reference.
     *
     * @return the data view (the same object on every call).
     * @throws IllegalStateException if this handle is empty.
     */
    public UnsafeBuffer data()
    {
        final long block = checkHeld();
        if (null == dataView)
        {
            dataView = new UnsafeBuffer(layout.dataAddress(block), dataLength);
        }
        return dataView;
    }

    /**
     * A view of the metadata, borrowed: valid while this handle holds its reference.
     *
     * @return the metadata view (the same object on every call).
     * @throws IllegalStateException if this handle is empty.
     */
    public UnsafeBuffer metadata()
    {
        final long block = checkHeld();
        if (null == metadataView)
        {
            metadataView = new UnsafeBuffer(layout.metadataAddress(block), layout.metadataLength());
        }
        return metadataView;
    }

    /**
     * The block's address (the {@code long} handle), borrowed.
     *
     * @return the block.
     * @throws IllegalStateException if this handle is empty.
     */
    public long block()
    {
        return checkHeld();
    }

    /**
     * The data's address, borrowed.
     *
     * @return the data address.
     * @throws IllegalStateException if this handle is empty.
     */
    public long dataAddress()
    {
        return layout.dataAddress(checkHeld());
    }

    /**
     * The data length.
     *
     * @return bytes of data; 0 for an empty handle.
     */
    public int dataLength()
    {
        return dataLength;
    }

    /**
     * The block's layout.
     *
     * @return the layout, or null for an empty handle.
     */
    public RimeLayout layout()
    {
        return layout;
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return block == 0 ? "PoolRef{empty}" :
            "PoolRef{block=0x" + Long.toHexString(block) + ", refCount=" + layout.refCount(block) +
            ", dataLength=" + dataLength + ", allocator=" + layout.allocator() + '}';
    }

    private PoolRef point(final RimeLayout layout, final long block, final int dataLength)
    {
        this.layout = layout;
        this.block = block;
        this.dataLength = dataLength;
        if (null != dataView)
        {
            dataView.wrap(layout.dataAddress(block), dataLength);
        }
        if (null != metadataView)
        {
            metadataView.wrap(layout.metadataAddress(block), layout.metadataLength());
        }
        return this;
    }

    private void letGo()
    {
        block = 0;
        layout = null;
        dataLength = 0;
        if (null != dataView)
        {
            dataView.wrap(0, 0);
        }
        if (null != metadataView)
        {
            metadataView.wrap(0, 0);
        }
    }

    private long checkHeld()
    {
        final long block = this.block;
        if (block == 0)
        {
            throw new IllegalStateException("PoolRef handle is empty (released or unwrapped)");
        }
        return block;
    }

    private void checkEmpty()
    {
        if (block != 0)
        {
            throw new IllegalStateException(
                "PoolRef handle still holds block 0x" + Long.toHexString(block) + ": release it first");
        }
    }

    /** Bytes from the metadata to the end of the data: what a copy on write copies. */
    private static long contentLength(final RimeLayout layout, final int dataLength)
    {
        return layout.dataOffset() - layout.metadataOffset() + (long)dataLength;
    }
}
