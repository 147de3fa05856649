package io.hoarfrost.rc;

/**
 * A counted reference to a pooled block: a {@link Rime} whose layout's allocator is a pool
 * ({@code RimeLayout.of(pool, counter, metadataLength, dataAlignment)}), so the last release
 * returns the block to the pool. Everything but the factories is Rime's own code. It lives in
 * {@code rc}, not {@code pool}, because the pool package imports only {@code memory}; any
 * allocator works.
 *
 * <p>Ported from refpool's {@code PoolRef} ({@code retain} is its {@code clone},
 * {@link #unwrapOrCopy()} its {@code unwrap_or_clone}); as in refpool, a reference stays valid
 * after its pool's {@code close()}. A {@code PoolRef} never equals a {@code Rime}.
 */
public final class PoolRef extends CountedHandle<PoolRef>
{
    /** An empty handle, to be pointed at a block with {@link #takeRaw(RimeLayout, long, int)}. */
    public PoolRef()
    {
        super("PoolRef");
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
        return new PoolRef().point(layout, layout.allocateZeroed(dataLength), dataLength);
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
    public static PoolRef fromRaw(final RimeLayout layout, final long block, final int dataLength)
    {
        return new PoolRef().takeRaw(layout, block, dataLength);
    }

    /**
     * Copy on write for the {@code long}-handle API; see {@link RimeLayout#makeMutable(long, int)}.
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
        return layout.makeMutable(block, dataLength);
    }

    @Override
    PoolRef newHandle()
    {
        return new PoolRef();
    }
}
