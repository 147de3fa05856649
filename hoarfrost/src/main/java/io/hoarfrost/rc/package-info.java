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
 */
package io.hoarfrost.rc;
