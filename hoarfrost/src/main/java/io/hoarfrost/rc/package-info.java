/**
 * Reference-counted off-heap blocks: {@link io.hoarfrost.rc.Counter} (8/16/32/64-bit, plain or
 * atomic, never wrapping), {@link io.hoarfrost.rc.RimeLayout} (the {@code [counter | metadata | data]}
 * layout and its zero-garbage {@code long}-handle API), {@link io.hoarfrost.rc.Rime} (a handle
 * object per reference), {@link io.hoarfrost.rc.PoolRef} (the same handle, for blocks whose
 * layout's allocator is a pool) and {@link io.hoarfrost.rc.SnapshotCell} (the latest block for
 * many reader threads, each acquiring a reference of its own). {@code Rime}, {@code PoolRef} and
 * {@code io.hoarfrost.array.RcArray} share one state machine,
 * {@code io.hoarfrost.rc.internal.CountedCore} (not API).
 *
 * <h2>Ownership</h2>
 * A counted block is owned jointly by its references. Every handle, object or {@code long}, owns
 * at most one reference: a factory or {@code allocate} gives the caller one (count 1),
 * {@code retain} makes another, {@code release} (or {@code close}, idempotent) gives one up, and
 * the last release frees the block through the layout's allocator (back to its pool, for a pooled
 * layout; a pool outlives its blocks, so a reference may outlive the pool's {@code close()}).
 * {@code fromRaw} and {@code takeRaw} move a caller's raw reference into a handle and
 * {@code intoRaw} moves it back out, leaving the count as it was. Views and addresses from
 * {@code data()} and {@code metadata()} are borrowed from the handle and detached (zero length)
 * when it lets go of its reference, even if other references keep the block alive.
 * {@code allocate} writes only the counter; {@code allocateZeroed} also zeroes metadata and data.
 * A {@code SnapshotCell} owns one reference to the block it holds, and {@code acquire()} gives the
 * caller a new one.
 *
 * <p>Shared means read-only: {@code Rime} and {@code PoolRef} have no write methods; write through
 * their {@code data()} and {@code metadata()} views only while {@code isExclusive()}, which
 * {@code makeMutable()} ensures (copying when shared). Handles compare, hash, order and print by
 * their data bytes; {@code refEquals} compares blocks.
 *
 * <h2>Threading</h2>
 * Layouts and counter kinds are immutable and thread-safe. A handle object is not: give each
 * thread its own with {@code retain()}. With an atomic counter ({@code Counter.ATOMIC_*}) the
 * references of one block may be retained and released on any thread, provided the layout's
 * allocator may be freed into from any thread (a {@code ConcurrentPool}, not a {@code Pool}). With
 * a plain counter every handle of a block is confined to the thread that made its first handle (a
 * factory, {@code fromRaw} or {@code takeRaw}). Writes to the data race like any shared memory.
 * A {@code SnapshotCell} is the exception: thread-safe, over blocks with an atomic counter.
 *
 * <h2>Checked mode</h2>
 * With {@code -Dhoarfrost.checks=true}, counting on a block after its last release (for
 * allocators that free blocks individually) throws {@code IllegalStateException} naming where the
 * block was allocated and freed, and counting through a handle over a plain counter from a second
 * thread throws {@code IllegalStateException}. Writes through views cannot be checked. Off, those
 * checks cost nothing; counter limits are checked in every mode.
 */
package io.hoarfrost.rc;
