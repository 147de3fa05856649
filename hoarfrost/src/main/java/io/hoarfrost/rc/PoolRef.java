package io.hoarfrost.rc;

/**
 * A counted reference to a pooled block: refpool's {@code PoolRef}, a {@link Rime} whose
 * allocator is a pool. The block is a Rime block {@code [counter | metadata | data]} laid out by a
 * {@link RimeLayout} made with the pool ({@code RimeLayout.of(pool, counter, metadataLength,
 * dataAlignment)}), so the last release returns it to the pool. Everything but the factories is
 * Rime's own code: retain and release, {@link #takeRaw(RimeLayout, long, int)} and
 * {@link #intoRaw()}, copy on write ({@link #makeMutable()}) and {@link #tryUnwrap()}.
 *
 * <p>It lives in {@code rc}, not {@code pool}: it is built on {@link RimeLayout} and
 * {@link Counter}, and the pool package imports only {@code memory}. Any allocator works; with a
 * pool, a block's memory is reused rather than freed.
 *
 * <p><b>Handles and ownership.</b> Each handle owns at most one reference. {@link #retain()} adds
 * one and returns a new handle (refpool's {@code clone}); {@link #retain(CountedHandle) retain(target)} puts it in
 * an empty handle instead, allocating nothing. {@link #release()} or {@link #close()} drops this
 * handle's reference; the last release frees the block through the layout's allocator. An empty
 * handle (new, released or unwrapped) takes over a raw block with
 * {@link #takeRaw(RimeLayout, long, int)}; {@link #fromRaw(RimeLayout, long, int)} makes a new handle
 * over one and {@link #intoRaw()} hands the reference back as a raw block.
 * Views from {@link #data()} and {@link #metadata()} are borrowed: detached when this handle lets go.
 * As in refpool, where every reference keeps its pool alive, a reference may outlive its pool's
 * {@code close()}: a pool outlives its blocks, so the block stays valid and the last release gives
 * it back, freeing the pool's last memory.
 *
 * <p><b>Initialisation.</b> {@link #allocate(RimeLayout, int)} initialises only the counter: a
 * reused block keeps its old bytes, so the caller writes just what it reads (refpool's
 * {@code PoolDefault}). {@link #allocateZeroed(RimeLayout, int)} zeroes metadata and data.
 *
 * <p><b>Threading.</b> A handle object is not thread-safe; give each thread its own with
 * {@link #retain()}. With an atomic {@link Counter}, handles of one block may be retained and
 * released on different threads, provided the layout's allocator is thread-safe (a
 * {@code ConcurrentPool}, not a {@code Pool}). With a plain counter every handle of a block is
 * confined to the thread of its first handle, as for {@link Rime}.
 *
 * <p><b>Shared means read-only</b> (refpool's {@code get_mut} refuses a shared reference): a
 * {@code PoolRef} has no write methods; write through {@link #data()} only while
 * {@link #isExclusive()}, which {@link #makeMutable()} ensures. {@link #unwrapOrCopy()} is
 * refpool's {@code unwrap_or_clone}.
 *
 * <p><b>Equality</b> is by data bytes, as for {@link Rime} (refpool compares the values); a
 * {@code PoolRef} never equals a {@code Rime}.
 *
 * <p><b>Checked mode</b>: use of a block after its last release, and counting from a second thread
 * with a plain counter, throw, as for {@link Rime}.
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
