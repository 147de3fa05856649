package io.hoarfrost.pool;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.TrackedBlock;
import io.hoarfrost.memory.internal.Checks;

import java.util.List;

/**
 * A pool of fixed-size off-heap blocks for one thread, with slabs and a {@link #trim()} that gives
 * memory back.
 *
 * <p><b>Semantics.</b> A pool starts empty. {@link #allocate()} takes a pooled block if there is
 * one and otherwise falls back to fresh memory; {@link #free(long)} keeps the block while fewer
 * than {@link #maxPooled()} are pooled and otherwise gives its memory back. {@link #pooled()}
 * counts the blocks kept for reuse; {@link #fill()} pools blocks up to the maximum. A pool with a
 * maximum of 0 pools nothing and is always full.
 *
 * <p><b>Memory</b> (layouts in {@link PoolLayout}). Blocks come from slabs, one native allocation
 * per many blocks; slabs hold at most {@link #maxPooled()} blocks in all, grown as needed (4 KiB
 * first, then doubling up to 1 MiB). A block asked for when no slab block is free and the slabs
 * are at their maximum is a <em>loose</em> block, allocated on its own from the native heap. Free
 * blocks are kept on a list threaded through their own first 8 bytes (so a reused block keeps its
 * old bytes except those 8): no memory per block beyond the block. Memory goes back to the system:
 * <ul>
 *   <li>on {@link #free(long)} when the pool is full: a loose block is freed at once; a slab
 *       block is kept and a pooled loose block is freed in its place (one must exist: slabs hold
 *       no more than the maximum), so {@link #pooled()} stays at the maximum either way;</li>
 *   <li>on {@link #trim()}: every pooled loose block and every slab none of whose blocks is out;</li>
 *   <li>on {@link #close()}: everything no block out uses (loose blocks out are kept like slabs);
 *       the rest when the blocks come back.</li>
 * </ul>
 * After close, {@code fill} and {@code trim} throw as {@code allocate} does. With checks off, a
 * free after close of a block that was not out is undefined, as before close, though it throws
 * when the block lies in no kept slab and no loose block is out.
 *
 * <p>Ported from refpool's {@code Pool}; slabs, {@code trim()} and checked mode are additions.
 */
public final class Pool implements BlockPool
{
    /** The largest block size a pool accepts: 16 MiB. */
    public static final int MAX_BLOCK_SIZE = PoolLayout.MAX_BLOCK_SIZE;

    /** The block alignment of {@link #create(int, int)}: 8 bytes, enough for every counter and long. */
    public static final int DEFAULT_ALIGNMENT = Alignment.DEFAULT_ALIGNMENT;

    private final int blockSize;
    private final int alignment;
    private final int stride;
    private final int maxPooled;
    private final int looseHeader;
    private final String name;
    private final String kind;
    private final Thread owner;
    private final Slabs slabs;

    private long slabFreeHead;
    private long looseFreeHead;
    private int pooled;
    private int pooledLoose;
    /** {@link #maxPooled} while open, -1 once closed: a closed pool's frees take the slow path. */
    private int keepLimit;
    private long looseOut;
    private long looseCount;
    private long looseListHead;
    private boolean closed;
    /** Once closed: blocks still out of each kept slab, by slab index; null while open. */
    private int[] outAtClose;
    /** Once closed: the sum of {@link #outAtClose}. */
    private long slabOutAtClose;

    private Pool(final int blockSize, final int maxPooled, final int alignment)
    {
        PoolLayout.checkBlockSize(blockSize);
        if (maxPooled < 0)
        {
            throw new IllegalArgumentException("max pooled " + maxPooled + " must not be negative");
        }
        Alignment.check(alignment);
        this.blockSize = blockSize;
        this.alignment = alignment;
        this.maxPooled = maxPooled;
        this.keepLimit = maxPooled;
        this.stride = PoolLayout.stride(blockSize, PoolLayout.LINK_LENGTH, alignment);
        this.looseHeader = PoolLayout.looseHeader(alignment);
        this.name = PoolTracking.newPoolName("Pool");
        this.kind = PoolTracking.blockKind(name, blockSize);
        this.owner = Checks.ownerForNewObject();
        this.slabs = new Slabs(stride, alignment);
    }

    /**
     * An empty pool of {@code blockSize}-byte blocks at {@link #DEFAULT_ALIGNMENT}, keeping at
     * most {@code maxPooled} free blocks. Allocates no native memory until first used.
     *
     * @param blockSize bytes per block, from 1 to {@link #MAX_BLOCK_SIZE}.
     * @param maxPooled the most free blocks kept for reuse, not negative.
     * @return the pool, confined to the calling thread; the caller closes it.
     * @throws IllegalArgumentException naming the value and the limit if an argument is out of range.
     */
    public static Pool create(final int blockSize, final int maxPooled)
    {
        return new Pool(blockSize, maxPooled, DEFAULT_ALIGNMENT);
    }

    /**
     * An empty pool of {@code blockSize}-byte blocks whose addresses are multiples of
     * {@code alignment}. Blocks are packed {@code max(blockSize, 8)} rounded up to the alignment
     * apart; an alignment of 1 packs them with no padding.
     *
     * @param blockSize bytes per block, from 1 to {@link #MAX_BLOCK_SIZE}.
     * @param maxPooled the most free blocks kept for reuse, not negative.
     * @param alignment a power of two from 1 to 4096.
     * @return the pool, confined to the calling thread; the caller closes it.
     * @throws IllegalArgumentException naming the value and the limit if an argument is out of range.
     */
    public static Pool create(final int blockSize, final int maxPooled, final int alignment)
    {
        return new Pool(blockSize, maxPooled, alignment);
    }

    /**
     * Takes a pooled block, or a fresh one when the pool is empty. Not initialised.
     *
     * @return the block, owned by the caller until {@link #free(long)}; never 0.
     * @throws IllegalStateException if the pool is closed, or (checked mode) used from another thread.
     * @throws OutOfMemoryError      if fresh memory is needed and the system has none.
     */
    @Override
    public long allocate()
    {
        if (MemoryChecks.ENABLED)
        {
            Checks.checkOwner(owner, name);
        }
        long block = slabFreeHead;
        if (block != 0)
        {
            slabFreeHead = Memory.getLong(block + PoolLayout.NEXT_OFFSET);
            pooled--;
        }
        else
        {
            block = allocateSlow();
        }
        if (MemoryChecks.ENABLED)
        {
            Checks.track(block, blockSize, kind);
        }
        return block;
    }

    /**
     * Gives a block back: kept if fewer than {@link #maxPooled()} are pooled, otherwise its memory
     * goes back to the system (see the class documentation). After {@link #close()}, takes back a
     * block that was out at close; the last block of a slab frees the slab.
     *
     * @param block a block this pool handed out; the caller no longer owns it.
     * @throws IllegalArgumentException if {@code block} is 0.
     * @throws IllegalStateException    if the pool is closed and the block lies in no slab it kept;
     *                                  in checked mode also on a double free or a block not from
     *                                  this pool, or a block that was not out at close (the pool is
     *                                  unchanged then), or use from another thread.
     */
    @Override
    public void free(final long block)
    {
        if (block == 0)
        {
            throw PoolTracking.freeOfZero(name);
        }
        if (MemoryChecks.ENABLED)
        {
            Checks.checkOwner(owner, name);
            PoolTracking.untrackFreed(block, blockSize, name, kind, closed);
        }
        if (looseOut != 0 && !slabs.contains(block))
        {
            freeLoose(block);
        }
        else if (pooled < keepLimit)
        {
            Memory.putLong(block + PoolLayout.NEXT_OFFSET, slabFreeHead);
            slabFreeHead = block;
            pooled++;
        }
        else
        {
            freeSlabBlockWhenFull(block);
        }
    }

    /**
     * Pools fresh blocks until {@link #pooled()} reaches {@link #maxPooled()}: slab blocks while
     * the slabs are below the maximum, loose blocks after that.
     *
     * @throws IllegalStateException if the pool is closed, or (checked mode) used from another thread.
     * @throws OutOfMemoryError      if the system runs out of memory; the blocks pooled so far stay.
     */
    public void fill()
    {
        checkUsable();
        while (pooled < maxPooled)
        {
            final long block = slabs.carve();
            if (block != 0)
            {
                Memory.putLong(block + PoolLayout.NEXT_OFFSET, slabFreeHead);
                slabFreeHead = block;
                pooled++;
                continue;
            }
            final long budget = (long)maxPooled - slabs.blocks();
            if (budget > 0)
            {
                slabs.grow(slabs.nextSlabBlocks(budget));
            }
            else
            {
                final long loose = newLooseBlock();
                Memory.putLong(loose + PoolLayout.NEXT_OFFSET, looseFreeHead);
                looseFreeHead = loose;
                pooled++;
                pooledLoose++;
            }
        }
    }

    /**
     * Gives back to the system every pooled loose block and every slab none of whose blocks is
     * out (netty#9381: pools that never shrink). Blocks that are out stay valid; {@link #pooled()}
     * drops by the blocks given back. Costs a pass over the pooled blocks.
     *
     * @return native bytes given back.
     * @throws IllegalStateException if the pool is closed, or (checked mode) used from another thread.
     */
    public long trim()
    {
        checkUsable();
        final long released = releasePooledLoose();
        return released + releaseFreeSlabs();
    }

    /**
     * Closes the pool without freeing memory under a block that is out: gives back every pooled
     * block, every slab none of whose blocks is out and the free lists; a slab or loose block still
     * in use is freed when its last block comes back through {@link #free(long)}. The blocks out
     * stay valid and owned by their holders. Idempotent; afterwards {@code allocate}, {@code fill}
     * and {@code trim} throw {@link IllegalStateException}. In checked mode the blocks out stay
     * tracked: {@link #outstandingBlocks()} and {@code MemoryChecks.leaks()} list them with their
     * allocation sites until they are freed.
     *
     * @throws IllegalStateException in checked mode, if called from another thread (nothing
     *                               changes then).
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        if (MemoryChecks.ENABLED)
        {
            Checks.checkOwner(owner, name);
        }
        releasePooledLoose();
        releaseFreeSlabs();
        final int[] out = slabs.retireFreshCountingCarved();
        for (long block = slabFreeHead; block != 0; block = Memory.getLong(block + PoolLayout.NEXT_OFFSET))
        {
            out[slabs.indexOf(block)]--;
        }
        long total = 0;
        for (final int n : out)
        {
            total += n;
        }
        outAtClose = out;
        slabOutAtClose = total;
        slabFreeHead = 0;
        pooled = 0;
        keepLimit = -1;
        closed = true;
    }

    /** {@inheritDoc} */
    @Override
    public List<TrackedBlock> outstandingBlocks()
    {
        return PoolTracking.outstandingBlocks(kind);
    }

    /**
     * Free blocks kept for reuse.
     *
     * @return from 0 to {@link #maxPooled()}.
     */
    public int pooled()
    {
        return pooled;
    }

    /**
     * The most free blocks the pool keeps.
     *
     * @return the maximum given at creation.
     */
    public int maxPooled()
    {
        return maxPooled;
    }

    /**
     * Whether the pool keeps no more blocks: the next {@link #free(long)} gives memory back.
     *
     * @return {@code pooled() >= maxPooled()}; always true for a maximum of 0.
     */
    public boolean isFull()
    {
        return pooled >= maxPooled;
    }

    /**
     * {@inheritDoc}
     *
     * <p>After {@link #close()}: the blocks out at close that have not come back yet.
     */
    @Override
    public long outstanding()
    {
        if (closed)
        {
            return slabOutAtClose + looseOut;
        }
        return slabs.blocks() - slabs.freshRemaining() - (pooled - pooledLoose) + looseOut;
    }

    /**
     * Native bytes the pool holds: its slabs and every loose block, pooled or out.
     *
     * @return bytes; 0 for a new or trimmed-empty pool, and for a closed pool once every block is
     *         back.
     */
    public long footprint()
    {
        return slabs.bytes() + looseCount * (looseHeader + stride);
    }

    /**
     * Native allocations of many blocks the pool holds.
     *
     * @return the number of slabs.
     */
    public int slabCount()
    {
        return slabs.count();
    }

    /** {@inheritDoc} */
    @Override
    public int blockSize()
    {
        return blockSize;
    }

    /** {@inheritDoc} */
    @Override
    public int alignment()
    {
        return alignment;
    }

    /**
     * Whether {@link #close()} has run.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return name + "{blockSize=" + blockSize + ", alignment=" + alignment + ", pooled=" + pooled +
            ", maxPooled=" + maxPooled + ", outstanding=" + outstanding() + ", slabs=" + slabs.count() +
            (closed ? ", closed" : "") + '}';
    }

    private long allocateSlow()
    {
        checkOpen();
        long block = looseFreeHead;
        if (block != 0)
        {
            looseFreeHead = Memory.getLong(block + PoolLayout.NEXT_OFFSET);
            pooled--;
            pooledLoose--;
            looseOut++;
            return block;
        }
        block = slabs.carve();
        if (block != 0)
        {
            return block;
        }
        final long budget = (long)maxPooled - slabs.blocks();
        if (budget > 0)
        {
            slabs.grow(slabs.nextSlabBlocks(budget));
            return slabs.carve();
        }
        block = newLooseBlock();
        looseOut++;
        return block;
    }

    private void freeLoose(final long block)
    {
        looseOut--;
        if (pooled < keepLimit)
        {
            Memory.putLong(block + PoolLayout.NEXT_OFFSET, looseFreeHead);
            looseFreeHead = block;
            pooled++;
            pooledLoose++;
        }
        else
        {
            freeLooseToSystem(block);
        }
    }

    /**
     * The pool is full and a slab block comes back: keep it (slab blocks cannot be freed one by
     * one) and free a pooled loose block instead. Slabs hold at most {@code maxPooled} blocks and
     * this one was out, so a full pool holds at least one loose block.
     */
    private void freeSlabBlockWhenFull(final long block)
    {
        if (closed)
        {
            freeAfterClose(block);
            return;
        }
        final long evicted = looseFreeHead;
        if (evicted == 0)
        {
            throw new IllegalStateException(
                "free of 0x" + Long.toHexString(block) + ": not an outstanding block of " + name + " (" +
                pooled + " of " + maxPooled + " pooled, none loose)");
        }
        looseFreeHead = Memory.getLong(evicted + PoolLayout.NEXT_OFFSET);
        pooledLoose--;
        freeLooseToSystem(evicted);
        Memory.putLong(block + PoolLayout.NEXT_OFFSET, slabFreeHead);
        slabFreeHead = block;
    }

    /**
     * A slab block comes back to a closed pool: one fewer out of its slab, which is freed with its
     * last block. Throws, changing nothing, if the block's slab has none out (never this pool's,
     * or its slab freed already).
     */
    private void freeAfterClose(final long block)
    {
        final int index = slabs.indexOf(block);
        if (index < 0 || outAtClose[index] == 0)
        {
            throw PoolTracking.notOutAtClose(block, name);
        }
        slabOutAtClose--;
        if (--outAtClose[index] == 0)
        {
            slabs.release(index);
            System.arraycopy(outAtClose, index + 1, outAtClose, index, outAtClose.length - index - 1);
        }
    }

    /** Frees every pooled loose block. */
    private long releasePooledLoose()
    {
        long released = 0;
        while (looseFreeHead != 0)
        {
            final long block = looseFreeHead;
            looseFreeHead = Memory.getLong(block + PoolLayout.NEXT_OFFSET);
            released += freeLooseToSystem(block);
        }
        pooled -= pooledLoose;
        pooledLoose = 0;
        return released;
    }

    private long newLooseBlock()
    {
        final long raw = Memory.allocate(looseHeader + (long)stride, alignment);
        Memory.putLong(raw + PoolLayout.LOOSE_PREV_OFFSET, 0L);
        Memory.putLong(raw + PoolLayout.LOOSE_NEXT_OFFSET, looseListHead);
        if (looseListHead != 0)
        {
            Memory.putLong(looseListHead + PoolLayout.LOOSE_PREV_OFFSET, raw);
        }
        looseListHead = raw;
        looseCount++;
        return raw + looseHeader;
    }

    private long freeLooseToSystem(final long block)
    {
        final long raw = block - looseHeader;
        final long prev = Memory.getLong(raw + PoolLayout.LOOSE_PREV_OFFSET);
        final long next = Memory.getLong(raw + PoolLayout.LOOSE_NEXT_OFFSET);
        if (prev != 0)
        {
            Memory.putLong(prev + PoolLayout.LOOSE_NEXT_OFFSET, next);
        }
        else
        {
            looseListHead = next;
        }
        if (next != 0)
        {
            Memory.putLong(next + PoolLayout.LOOSE_PREV_OFFSET, prev);
        }
        looseCount--;
        Memory.free(raw, alignment);
        return looseHeader + (long)stride;
    }

    /** Frees the slabs whose blocks are all pooled or fresh, and unlinks their pooled blocks. */
    private long releaseFreeSlabs()
    {
        final int slabCount = slabs.count();
        if (slabCount == 0)
        {
            return 0;
        }
        final int[] free = slabs.zeroedScratch();
        for (long block = slabFreeHead; block != 0; block = Memory.getLong(block + PoolLayout.NEXT_OFFSET))
        {
            free[slabs.indexOf(block)]++;
        }
        if (!slabs.markAllFree(free))
        {
            return 0;
        }
        long kept = 0;
        int keptCount = 0;
        long block = slabFreeHead;
        while (block != 0)
        {
            final long next = Memory.getLong(block + PoolLayout.NEXT_OFFSET);
            if (free[slabs.indexOf(block)] >= 0)
            {
                Memory.putLong(block + PoolLayout.NEXT_OFFSET, kept);
                kept = block;
                keptCount++;
            }
            block = next;
        }
        slabFreeHead = kept;
        pooled = keptCount + pooledLoose;
        return slabs.releaseMarked(free);
    }

    private void checkUsable()
    {
        if (MemoryChecks.ENABLED)
        {
            Checks.checkOwner(owner, name);
        }
        checkOpen();
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(name + " is closed");
        }
    }
}
