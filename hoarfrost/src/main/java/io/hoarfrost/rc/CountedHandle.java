package io.hoarfrost.rc;

import io.hoarfrost.rc.internal.CountedCore;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What {@link Rime} and {@link PoolRef} share: a counted handle over a {@link RimeLayout} block
 * whose reference counting is the {@link CountedCore} state machine ({@code RcArray} uses it
 * too), over the handle's own fields (one flat object, so a short-lived {@link #retain()} is
 * scalar-replaced by the JIT), and which keeps the views. Each handle owns at most one reference, is a
 * re-pointable flyweight, and offers copy on write and unwrapping. Package-private: users see its
 * public methods on the two handle classes.
 *
 * <p>Ownership, threading and checked mode are the package's.
 *
 * @param <H> the concrete handle type, returned by {@link #retain()}, {@link #takeRaw} and
 *            {@link #makeMutable()}.
 */
abstract class CountedHandle<H extends CountedHandle<H>> implements AutoCloseable, Comparable<H>
{
    private final String name;
    private RimeLayout layout;
    private long block;
    private int dataLength;
    private Thread owner;
    private UnsafeBuffer dataView;
    private UnsafeBuffer metadataView;

    CountedHandle(final String name)
    {
        this.name = name;
    }

    /** A new empty handle of the concrete type, for {@link #retain()}. */
    abstract H newHandle();

    @SuppressWarnings("unchecked")
    private H self()
    {
        return (H)this;
    }

    /**
     * Re-points this empty handle at a raw block and takes over one reference the caller owns:
     * the reference moves into the handle (the count is unchanged), and the handle releases it
     * from then on. Allocates nothing. This handle becomes the block's first handle (for a plain
     * counter, confined to this thread in checked mode).
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
    public final H takeRaw(final RimeLayout layout, final long block, final int dataLength)
    {
        CountedCore.checkRaw(name, this.block, layout, block, dataLength);
        return point(layout, block, dataLength);
    }

    /**
     * Adds a reference and returns a new handle owning it; both handles share the block (kroos's
     * and refpool's {@code clone}).
     *
     * @return the new handle.
     * @throws IllegalStateException if this handle is empty, the count is at its maximum (nothing
     *                               changes then), or in checked mode from a second thread with a
     *                               plain counter.
     */
    public final H retain()
    {
        return retain(newHandle());
    }

    /**
     * Adds a reference and puts it in {@code target}, an empty handle: {@link #retain()} without
     * the garbage.
     *
     * @param target an empty handle (new, released, unwrapped or handed out).
     * @return {@code target}, now sharing this handle's block.
     * @throws IllegalStateException if this handle is empty, {@code target} holds a reference, the
     *                               count is at its maximum (nothing changes then), or in checked
     *                               mode from a second thread with a plain counter.
     */
    public final H retain(final H target)
    {
        final long block = CountedCore.checkCountable(name, this.block, owner);
        final CountedHandle<H> into = target;
        CountedCore.checkEmpty(name, into.block);
        layout.retain(block);
        into.layout = layout;
        into.block = block;
        into.dataLength = dataLength;
        into.owner = owner;
        return into.repoint();
    }

    /**
     * Drops this handle's reference; the last reference frees the block through the layout's
     * allocator (back to its pool, for a pooled layout). Detaches this handle's views.
     *
     * @return true if this release freed the block.
     * @throws IllegalStateException if this handle is empty (already released, unwrapped, handed
     *                               out by {@link #intoRaw()} or never pointed at a block), or (a
     *                               corrupted count) the count is 0; in checked mode also from a
     *                               second thread with a plain counter, or if the allocator
     *                               refuses the last release (a confined pool, from another
     *                               thread), and then this handle still holds its reference and
     *                               the count is unchanged.
     */
    public final boolean release()
    {
        final boolean freed = layout.release(CountedCore.checkCountable(name, block, owner), dataLength);
        clear();
        return freed;
    }

    /** Throws, naming the block, unless this handle is empty: before it takes a reference. */
    final void checkEmpty()
    {
        CountedCore.checkEmpty(name, block);
    }

    /**
     * Releases this handle's reference if it still holds one; idempotent.
     *
     * @throws IllegalStateException as {@link #release()}, when a reference is held.
     */
    @Override
    public final void close()
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
    public final boolean isReleased()
    {
        return block == 0;
    }

    /**
     * The number of references to the block, across all handles.
     *
     * @return the count.
     * @throws IllegalStateException if this handle is empty, or in checked mode from a second
     *                               thread with a plain counter.
     */
    public final long refCount()
    {
        return layout.refCount(CountedCore.checkCountable(name, block, owner));
    }

    /**
     * Whether this handle holds the only reference.
     *
     * @return {@code refCount() == 1}.
     * @throws IllegalStateException as {@link #refCount()}.
     */
    public final boolean isExclusive()
    {
        return refCount() == 1;
    }

    /**
     * Copy on write: makes this handle the block's only reference, for writing. If the block is
     * shared, its metadata and data are copied into a new block from the same allocator, this
     * handle (and its views) moves to the copy and its reference to the shared block is released;
     * other handles keep the original. Free when already exclusive. The documented way to write:
     * a shared block is read-only.
     *
     * @return this handle, now exclusive (write through {@link #data()}).
     * @throws IllegalStateException if this handle is empty, the allocator has no room (nothing
     *                               changes then), or in checked mode from a second thread with a
     *                               plain counter.
     */
    public final H makeMutable()
    {
        final long block = CountedCore.checkCountable(name, this.block, owner);
        final long mutable = layout.makeMutable(block, dataLength);
        if (mutable != block)
        {
            this.block = mutable;
            owner = CountedCore.ownerOf(layout);
            repoint();
        }
        return self();
    }

    /**
     * Takes the block out of reference counting if this handle is its only reference: the block is
     * not freed, and this handle becomes empty. Otherwise nothing changes.
     *
     * @return the block, now owned by the caller (free it with
     * {@code layout.release(block, dataLength)}, or
     * {@code layout.allocator().free(block, layout.blockSize(dataLength), layout.blockAlignment())};
     * its data is at {@code block + layout.dataOffset()}), or 0 if the block is shared.
     * @throws IllegalStateException if this handle is empty, or in checked mode from a second
     *                               thread with a plain counter.
     */
    public final long tryUnwrap()
    {
        final long block = CountedCore.exclusiveOrZero(layout, CountedCore.checkCountable(name, this.block, owner));
        if (block != 0)
        {
            clear();
        }
        return block;
    }

    /**
     * Takes the contents out of reference counting, copying when shared (refpool's
     * {@code unwrap_or_clone}): when exclusive, {@link #tryUnwrap()}; when shared, a copy of the
     * metadata and data in a new block of the same layout, and this handle's reference to the
     * shared block is released. Either way this handle becomes empty and the caller owns a block
     * with count 1, freed as {@link #tryUnwrap()}'s.
     *
     * @return the block, owned by the caller.
     * @throws IllegalStateException if this handle is empty, the allocator has no room (nothing
     *                               changes then), or in checked mode from a second thread with a
     *                               plain counter.
     */
    public final long unwrapOrCopy()
    {
        makeMutable();
        final long block = this.block;
        clear();
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
    public final long intoRaw()
    {
        final long block = CountedCore.checkHeld(name, this.block);
        clear();
        return block;
    }

    /**
     * Whether two handles hold references to the same block (Rust's {@code Rc::ptr_eq}); contents
     * are not compared (that is {@link #equals(Object)}).
     *
     * @param other another handle.
     * @return true if both point at one block.
     * @throws IllegalStateException if either handle is empty.
     */
    public final boolean refEquals(final H other)
    {
        return CountedCore.checkHeld(name, block) == CountedCore.checkHeld(name, ((CountedHandle<H>)other).block);
    }

    /**
     * A view of the data, borrowed: valid while this handle holds its reference. Writable, but
     * a shared block is read-only: write only while {@link #isExclusive()} (see
     * {@link #makeMutable()}). Checked mode cannot see writes through the view.
     *
     * @return the data view (the same object on every call).
     * @throws IllegalStateException if this handle is empty.
     */
    public final UnsafeBuffer data()
    {
        final long block = CountedCore.checkHeld(name, this.block);
        if (null == dataView)
        {
            dataView = new UnsafeBuffer(layout.dataAddress(block), dataLength);
        }
        return dataView;
    }

    /**
     * A view of the metadata, borrowed: valid while this handle holds its reference. Read-only
     * while shared, as {@link #data()}.
     *
     * @return the metadata view (the same object on every call).
     * @throws IllegalStateException if this handle is empty.
     */
    public final UnsafeBuffer metadata()
    {
        final long block = CountedCore.checkHeld(name, this.block);
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
    public final long block()
    {
        return CountedCore.checkHeld(name, block);
    }

    /**
     * The data's address, borrowed.
     *
     * @return the data address.
     * @throws IllegalStateException if this handle is empty.
     */
    public final long dataAddress()
    {
        final long block = CountedCore.checkHeld(name, this.block);
        return layout.dataAddress(block);
    }

    /**
     * The metadata's address, borrowed.
     *
     * @return the metadata address.
     * @throws IllegalStateException if this handle is empty.
     */
    public final long metadataAddress()
    {
        final long block = CountedCore.checkHeld(name, this.block);
        return layout.metadataAddress(block);
    }

    /**
     * The data length.
     *
     * @return bytes of data; 0 for an empty handle.
     */
    public final int dataLength()
    {
        return dataLength;
    }

    /**
     * The block's layout.
     *
     * @return the layout, or null for an empty handle.
     */
    public final RimeLayout layout()
    {
        return layout;
    }

    /**
     * Content equality: a handle of the same class with the same data length and data bytes; the
     * blocks and the metadata do not matter (kroos's {@code Rime} dereferences to its data, and
     * compares as it). Two empty handles are equal; an empty one equals no held one. Never throws.
     * Contents can change, so do not write a handle's data while it is a key.
     *
     * @param other any object.
     * @return whether the data is equal.
     */
    @Override
    public final boolean equals(final Object other)
    {
        return this == other ||
            null != other && other.getClass() == getClass() && contentEquals((CountedHandle<?>)other);
    }

    /**
     * A hash of the data bytes, equal to {@code java.util.Arrays.hashCode} of them (as
     * {@code Flake}'s); 0 for an empty handle. Consistent with {@link #equals(Object)}.
     *
     * @return the hash.
     */
    @Override
    public final int hashCode()
    {
        return CountedCore.contentHashCode(layout, block, dataLength);
    }

    /**
     * Orders by data bytes as {@code Flake} does: unsigned, first difference wins, then the
     * shorter first; an empty handle sorts before every held one. Consistent with
     * {@link #equals(Object)}.
     *
     * @param other the handle to compare with.
     * @return negative, zero or positive as this sorts before, equal to or after {@code other}.
     */
    @Override
    public final int compareTo(final H other)
    {
        final CountedHandle<H> that = other;
        return CountedCore.compareContents(layout, block, dataLength, that.layout, that.block, that.dataLength);
    }

    /**
     * {@code Name { refCount: N, data: 0x... }}: the data as hex, truncated after
     * {@link CountedCore#MAX_BYTES_SHOWN} bytes saying how many there are; {@code Name { empty }}
     * for an empty handle, rather than throw.
     *
     * @return the description.
     */
    @Override
    public final String toString()
    {
        return CountedCore.appendContents(new StringBuilder(64), name, layout, block, dataLength).toString();
    }

    /** Points this handle at a block the caller just allocated, as its first handle. */
    final H point(final RimeLayout layout, final long block, final int dataLength)
    {
        this.layout = layout;
        this.block = block;
        this.dataLength = dataLength;
        this.owner = CountedCore.ownerOf(layout);
        return repoint();
    }

    /** Re-wraps the views handed out over the handle's block. */
    final H repoint()
    {
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

    private boolean contentEquals(final CountedHandle<?> other)
    {
        return CountedCore.contentEquals(layout, block, dataLength, other.layout, other.block, other.dataLength);
    }

    private void clear()
    {
        block = 0;
        layout = null;
        dataLength = 0;
        owner = null;
        if (null != dataView)
        {
            dataView.wrap(0, 0);
        }
        if (null != metadataView)
        {
            metadataView.wrap(0, 0);
        }
    }
}
