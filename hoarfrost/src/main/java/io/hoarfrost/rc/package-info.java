/**
 * Reference-counted off-heap blocks: {@link io.hoarfrost.rc.Counter} (8/16/32/64-bit, plain or
 * atomic, never wrapping), {@link io.hoarfrost.rc.RimeLayout} (the {@code [counter | metadata | data]}
 * layout and its zero-garbage {@code long}-handle API) and {@link io.hoarfrost.rc.Rime} (a handle
 * object per reference), and {@link io.hoarfrost.rc.PoolRef}, a re-pointable counted handle with
 * copy-on-write whose blocks usually live in a pool (refpool's {@code PoolRef}: a Rime whose
 * allocator is the pool). Ported from kroos's {@code Rime}.
 *
 * <p>Ownership: every handle, object or {@code long}, owns one reference; retain makes a new one,
 * release gives one up, and the last release frees the block through the layout's allocator.
 * {@code Rime}, {@code PoolRef} and {@code io.hoarfrost.array.RcArray} share one state machine,
 * {@code io.hoarfrost.rc.internal.CountedCore} (not API).
 *
 * <p>Shared means read-only: {@code Rime} and {@code PoolRef} have no write methods; their
 * {@code data()} and {@code metadata()} views are for reading while the block is shared, and for
 * writing once {@code makeMutable()} made the handle exclusive. Checked mode cannot see writes
 * through views; it does confine handles over plain counters to their block's first thread.
 *
 * <p>Handles compare, hash, order and print by their data bytes; {@code refEquals} compares
 * blocks.
 */
package io.hoarfrost.rc;
