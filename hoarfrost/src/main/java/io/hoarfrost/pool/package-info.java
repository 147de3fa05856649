/**
 * Pools of fixed-size off-heap blocks: {@link io.hoarfrost.pool.Pool} (one thread, slabs and
 * {@code trim()}), {@link io.hoarfrost.pool.ConcurrentPool} (any thread: per-thread magazines over
 * a lock-free depot) and {@link io.hoarfrost.pool.PoolBox} (an owned block that goes back on
 * close). Counted pooled blocks are {@code io.hoarfrost.rc.PoolRef}: a Rime whose layout's
 * allocator is a pool.
 *
 * <h2>Pools are allocators</h2>
 * Both pools implement {@link io.hoarfrost.pool.BlockPool}, an
 * {@link io.hoarfrost.memory.Allocator} for any request that fits a block (size up to
 * {@code blockSize()}, alignment up to {@code alignment()}), so a {@code Flake}, a {@code Rime} or
 * an array can be placed in a pool with no new type.
 *
 * <h2>Ownership</h2>
 * {@code allocate()} hands the caller a block it owns until {@code free(block)}; the pool then
 * keeps it for reuse or gives the memory back. Blocks are not zeroed on reuse (in checked mode
 * they hold poison): initialise what you read, or pass a
 * {@link io.hoarfrost.pool.BlockInitialiser}. {@code trim()} gives back the slabs no block uses.
 * A {@code PoolBox} owns its block from its factory, {@code fromRaw} or {@code takeRaw} until
 * {@code close()} frees it into the pool or {@code intoRaw()} hands it to the caller; its view is
 * borrowed and detached (zero length) when the box lets go, so a stale read throws instead of
 * touching a reused block.
 *
 * <h2>A pool outlives its blocks</h2>
 * {@code close()} never frees memory under a block that is out. It gives back every pooled block
 * and every slab with no block out, and keeps each slab that still has blocks out; those blocks
 * stay valid and owned by their holders, who free them as usual (for a {@code ConcurrentPool}, on
 * any thread, also while {@code close()} runs). The last block of a kept slab to come back frees
 * the slab, so once every block is back a closed pool holds no native memory. After close,
 * {@code allocate()} throws {@code IllegalStateException} in both modes; a {@code free} of a block
 * that was not out at close throws (in checked mode always). A {@code ConcurrentPool} counts the
 * blocks cached by another live thread as not back until that thread's next call on the pool (or
 * its {@code releaseThreadCache()}) or its death: close never reads a live thread's cache.
 *
 * <h2>Threading</h2>
 * {@code Pool} is confined to the thread that created it; {@code ConcurrentPool} may be used from
 * any thread, and a block may be freed on a thread other than the one that allocated it. A
 * {@code PoolBox} is not thread-safe: one owner at a time; it may move to another thread with its
 * block, and be closed there only if its pool is a {@code ConcurrentPool}.
 *
 * <h2>Memory-ordering vocabulary</h2>
 * As in {@code io.hoarfrost.memory}: free-list links inside blocks are <b>plain</b> (one thread
 * owns them); the {@code ConcurrentPool} depot's stack heads are <b>atomic</b> (CAS with volatile
 * ordering), which publishes a magazine's contents to the thread that pops it.
 *
 * <h2>Checked mode</h2>
 * With {@code -Dhoarfrost.checks=true} every block handed out is tracked, so a double free, a free
 * into the wrong pool, a block handed out twice and use after free (through handles that check
 * liveness) throw {@code IllegalStateException} naming the allocation and free sites, and the pool
 * is unchanged; a {@code Pool} used from another thread throws naming both threads; freed blocks
 * are poisoned; the blocks a pool has out, also after close, are listed with their allocation
 * sites by {@code outstandingBlocks()} (and {@code MemoryChecks.leaks()}). Off, those checks cost
 * nothing.
 */
package io.hoarfrost.pool;
