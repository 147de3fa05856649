package io.hoarfrost.rc;

import io.hoarfrost.memory.Bounds;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;

/**
 * The one implementation of a counted handle over a {@link RimeLayout} block, shared by
 * {@link Rime} and {@link PoolRef}: each handle owns at most one reference, is a re-pointable
 * flyweight, and offers copy on write and unwrapping. Package-private: users see its public
 * methods on the two handle classes.
 *
 * <p>Raw blocks: {@link #takeRaw(RimeLayout, long, int)} moves a caller's reference into an empty
 * handle, {@link #intoRaw()} moves this handle's reference out to the caller; neither changes the
 * count.
 *
 * @param <H> the concrete handle type, returned by {@link #retain()}, {@link #takeRaw} and
 *            {@link #makeMutable()}.
 */
abstract class CountedHandle<H extends CountedHandle<H>> implements AutoCloseable
{
    private RimeLayout layout;
    private long block;
    private int dataLength;
    private UnsafeBuffer dataView;
    private UnsafeBuffer metadataView;

    CountedHandle()
    {
    }

    /** A new empty handle of the concrete type, for {@link #retain()}. */
    abstract H newHandle();

    /** The concrete type's name, for messages. */
    abstract String name();

    @SuppressWarnings("unchecked")
    private H self()
    {
        return (H)this;
    }

    /**
     * Re-points this empty handle at a raw block and takes over one reference the caller owns:
     * the reference moves into the handle (the count is unchanged), and the handle releases it
     * from then on. Allocates nothing.
     *
     * @param layout     the layout the block was allocated with.
     * @param block      the block, with a reference the caller owns until this call.
     * @param dataLength the data length it was allocated with.
     * @return this handle, now owning that reference.
     * @throws NullPointerException     if {@code layout} is null.
     * @throws IllegalArgumentException if the block is 0 or the length negative.
     * @throws IllegalStateException    if this handle still holds a reference (it would leak), or in
     *                                  checked mode if the block is not live; nothing changes then.
     */
    public H takeRaw(final RimeLayout layout, final long block, final int dataLength)
    {
        Objects.requireNonNull(layout, "layout");
        if (block == 0)
        {
            throw new IllegalArgumentException("block 0 is not a " + name() + " block");
        }
        Bounds.checkNonNegative(dataLength);
        checkEmpty();
        layout.refCount(block);
        return point(layout, block, dataLength);
    }

    /**
     * Adds a reference and returns a new handle owning it; both handles share the block (kroos's
     * and refpool's {@code clone}).
     *
     * @return the new handle.
     * @throws IllegalStateException if this handle is empty, or the count is at its maximum
     *                               (nothing changes then).
     */
    public H retain()
    {
        return retain(newHandle());
    }

    /**
     * Adds a reference and puts it in {@code target}, an empty handle: {@link #retain()} without
     * the garbage.
     *
     * @param target an empty handle (new, released, unwrapped or handed out).
     * @return {@code target}, now sharing this handle's block.
     * @throws IllegalStateException if this handle is empty, {@code target} holds a reference, or
     *                               the count is at its maximum (nothing changes then).
     */
    public H retain(final H target)
    {
        final long block = checkHeld();
        target.checkEmpty();
        layout.retain(block);
        return target.point(layout, block, dataLength);
    }

    /**
     * Drops this handle's reference; the last reference frees the block through the layout's
     * allocator (back to its pool, for a pooled layout). Detaches this handle's views.
     *
     * @return true if this release freed the block.
     * @throws IllegalStateException if this handle is empty (already released, unwrapped, handed
     *                               out by {@link #intoRaw()} or never pointed at a block), or (a
     *                               corrupted count) the count is 0; in checked mode also if the
     *                               allocator refuses the last release (a confined pool, from
     *                               another thread), and then this handle still holds its
     *                               reference and the count is unchanged.
     */
    public boolean release()
    {
        final long block = checkHeld();
        final boolean freed = layout.release(block, dataLength);
        letGo();
        return freed;
    }

    /** Releases this handle's reference if it still holds one; idempotent. */
    @Override
    public void close()
    {
        if (block != 0)
        {
            release();
        }
    }

    /**
     * Whether this handle holds no reference (new, released, unwrapped or handed out).
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
     * Copy on write: makes this handle the block's only reference, for writing. If the block is
     * shared, its metadata and data are copied into a new block from the same allocator, this
     * handle (and its views) moves to the copy and its reference to the shared block is released;
     * other handles keep the original. Free when already exclusive.
     *
     * @return this handle, now exclusive (write through {@link #data()}).
     * @throws IllegalStateException if this handle is empty, or the allocator has no room
     *                               (nothing changes then).
     */
    public H makeMutable()
    {
        final long block = checkHeld();
        final long mutable = layout.makeMutable(block, dataLength);
        if (mutable != block)
        {
            point(layout, mutable, dataLength);
        }
        return self();
    }

    /**
     * Takes the block out of reference counting if this handle is its only reference: the block is
     * not freed, and this handle becomes empty. Otherwise nothing changes.
     *
     * @return the block, now owned by the caller (free it with
     * {@code layout.allocator().free(block, layout.blockSize(dataLength), layout.blockAlignment())};
     * its data is at {@code block + layout.dataOffset()}), or 0 if the block is shared.
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
     * Gives this handle's reference to the caller as a raw block: the handle becomes empty and the
     * count is unchanged (other handles are unaffected). Take it back into a handle with
     * {@link #takeRaw(RimeLayout, long, int)} or the {@code fromRaw} factory, or release it with
     * {@code layout.release(block, dataLength)}.
     *
     * @return the block, with one reference now owned by the caller.
     * @throws IllegalStateException if this handle is empty.
     */
    public long intoRaw()
    {
        final long block = checkHeld();
        letGo();
        return block;
    }

    /**
     * Whether two handles hold references to the same block (Rust's {@code Rc::ptr_eq}); contents
     * are not compared.
     *
     * @param other another handle.
     * @return true if both point at one block.
     * @throws IllegalStateException if either handle is empty.
     */
    public boolean refEquals(final H other)
    {
        return checkHeld() == other.checkHeld();
    }

    /**
     * A view of the data, borrowed: valid while this handle holds its reference. Writable; write
     * only while {@link #isExclusive()} (see {@link #makeMutable()}) or under external
     * synchronisation.
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
     * @return the block address.
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
     * The metadata's address, borrowed.
     *
     * @return the metadata address.
     * @throws IllegalStateException if this handle is empty.
     */
    public long metadataAddress()
    {
        return layout.metadataAddress(checkHeld());
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
        return block == 0 ? name() + "{empty}" :
            name() + "{block=0x" + Long.toHexString(block) + ", counter=" + layout.counter() + ", refCount=" +
            layout.refCount(block) + ", metadataLength=" + layout.metadataLength() + ", dataLength=" + dataLength +
            ", allocator=" + layout.allocator() + '}';
    }

    final H point(final RimeLayout layout, final long block, final int dataLength)
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
        return self();
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

    final long checkHeld()
    {
        final long block = this.block;
        if (block == 0)
        {
            throw new IllegalStateException(
                name() + " handle is empty: already released, unwrapped, handed out or never pointed at a block");
        }
        return block;
    }

    final void checkEmpty()
    {
        if (block != 0)
        {
            throw new IllegalStateException(
                name() + " handle still holds block 0x" + Long.toHexString(block) + ": release it first");
        }
    }
}
