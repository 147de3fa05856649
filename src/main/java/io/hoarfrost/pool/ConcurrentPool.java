package io.hoarfrost.pool;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;

import java.util.ArrayList;

/**
 * A thread-safe pool of fixed-size off-heap blocks: any thread may allocate, and any thread may
 * free a block, whichever thread allocated it. refpool dropped its thread-safe pool because it
 * lost to the system allocator; this one does not, because the common path takes no lock and
 * makes no atomic operation.
 *
 * <p><b>Design</b> (Bonwick and Adams' magazines, 2001). Each thread caches free blocks in two
 * {@link Magazine}s of up to 64 blocks: {@link #allocate()} pops the loaded one and
 * {@link #free(long)} pushes on it, with no synchronisation. Only when both magazines are empty
 * (or both full) does the thread exchange a whole magazine with the shared {@link MagazineDepot},
 * by one CAS on a versioned (ABA-proof) lock-free stack. Only when the depot has no blocks does a
 * thread take the pool's lock to carve a magazine's worth of blocks from the slabs (4 KiB first,
 * doubling up to 1 MiB). A block freed on another thread simply joins that thread's cache, and
 * travels on in a magazine.
 *
 * <p><b>Threads that die</b> (netty#12749). Caches are registered with the pool, holding their
 * thread weakly. Before the pool grows, and whenever a new thread first uses it, the caches of
 * threads that have terminated are moved to the depot, so their blocks are reused instead of
 * lost. A live thread that stops using the pool keeps at most two magazines;
 * {@link #releaseThreadCache()} hands them back at once.
 *
 * <p><b>Memory.</b> Blocks come from slabs; the pool grows to the most blocks live and cached at
 * once, rounded up to a magazine per thread, and keeps that memory until {@link #close()}: a
 * freed block is never given back to the system on its own.
 *
 * <p><b>Initialisation.</b> Blocks are not zeroed: a reused block holds its old bytes (in checked
 * mode, poison). Write what will be read, or allocate with a {@link BlockInitialiser}.
 *
 * <p><b>Threading.</b> {@link #allocate()}, {@link #free(long)} and {@link #releaseThreadCache()}
 * are thread-safe. {@link #pooled()}, {@link #outstanding()} and {@link #close()} are safe to
 * call at any time but exact (and, for close, correct) only once every other thread's last use of
 * the pool happens-before the call (for example after {@link Thread#join()}).
 *
 * <p><b>Checked mode</b> tracks every block handed out: a double free, a free of a block that is
 * not this pool's, or a block handed out twice throws {@link IllegalStateException}; freed blocks
 * are poisoned; use after close throws.
 */
public final class ConcurrentPool implements BlockPool
{
    /** The largest block size a pool accepts: 16 MiB. */
    public static final int MAX_BLOCK_SIZE = PoolLayout.MAX_BLOCK_SIZE;

    /** The block alignment of {@link #create(int)}: 8 bytes. */
    public static final int DEFAULT_ALIGNMENT = Alignment.DEFAULT_ALIGNMENT;

    /** The most blocks in a magazine; each thread caches up to two magazines. */
    public static final int MAX_MAGAZINE_BLOCKS = 64;

    /** Magazines hold fewer blocks when blocks are big: at most about this many bytes. */
    static final int MAGAZINE_BYTES = 64 * 1024;

    private final int blockSize;
    private final int alignment;
    private final int rounds;
    private final String name;
    private final String kind;
    private final MagazineDepot depot;
    private final ThreadLocal<ThreadCache> caches;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final Slabs slabs;
    /** Guarded by {@link #lock}. */
    private final ArrayList<ThreadCache> registry = new ArrayList<>();
    private volatile boolean closed;

    private ConcurrentPool(final int blockSize, final int alignment)
    {
        PoolLayout.checkBlockSize(blockSize);
        Alignment.check(alignment);
        this.blockSize = blockSize;
        this.alignment = alignment;
        final int stride = PoolLayout.stride(blockSize, 1, alignment);
        this.rounds = Math.max(1, Math.min(MAX_MAGAZINE_BLOCKS, MAGAZINE_BYTES / stride));
        this.name = PoolTracking.newPoolName("ConcurrentPool");
        this.kind = PoolTracking.blockKind(name, blockSize);
        this.depot = new MagazineDepot(rounds);
        this.slabs = new Slabs(stride, alignment);
        this.caches = ThreadLocal.withInitial(this::newCache);
    }

    /**
     * An empty thread-safe pool of {@code blockSize}-byte blocks at {@link #DEFAULT_ALIGNMENT}.
     * Allocates no native memory until first used.
     *
     * @param blockSize bytes per block, from 1 to {@link #MAX_BLOCK_SIZE}.
     * @return the pool; the caller closes it.
     * @throws IllegalArgumentException naming the size and the limit if it is out of range.
     */
    public static ConcurrentPool create(final int blockSize)
    {
        return new ConcurrentPool(blockSize, DEFAULT_ALIGNMENT);
    }

    /**
     * An empty thread-safe pool of {@code blockSize}-byte blocks whose addresses are multiples
     * of {@code alignment}, packed {@code blockSize} rounded up to the alignment apart.
     *
     * @param blockSize bytes per block, from 1 to {@link #MAX_BLOCK_SIZE}.
     * @param alignment a power of two from 1 to 4096.
     * @return the pool; the caller closes it.
     * @throws IllegalArgumentException naming the value and the limit if an argument is out of range.
     */
    public static ConcurrentPool create(final int blockSize, final int alignment)
    {
        return new ConcurrentPool(blockSize, alignment);
    }

    /**
     * Takes a block from the calling thread's cache, refilled from the depot or the slabs when
     * empty. Not initialised. Thread-safe.
     *
     * @return the block, owned by the caller until {@link #free(long)} (on any thread); never 0.
     * @throws IllegalStateException if the pool is closed (always when the pool must be touched
     *                               beyond the thread's cache; on every call in checked mode).
     * @throws OutOfMemoryError      if the pool must grow and the system has no memory.
     */
    @Override
    public long allocate()
    {
        if (MemoryChecks.ENABLED)
        {
            checkOpen();
        }
        final ThreadCache cache = caches.get();
        final Magazine loaded = cache.loaded;
        final long block = loaded.count > 0 ? loaded.rounds[--loaded.count] : allocateSlow(cache);
        if (MemoryChecks.ENABLED)
        {
            MemoryChecks.track(block, blockSize, kind);
        }
        return block;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the value and the limit if the size exceeds
     *                                  {@link #blockSize()} or the alignment {@link #alignment()}.
     */
    @Override
    public long allocate(final long size, final int alignment)
    {
        PoolTracking.checkFits(size, alignment, blockSize, this.alignment);
        return allocate();
    }

    /**
     * Gives a block back into the calling thread's cache, whichever thread allocated it; a full
     * cache passes a magazine to the depot. Thread-safe. The memory stays with the pool.
     *
     * @param block a block this pool handed out.
     * @throws IllegalArgumentException if {@code block} is 0.
     * @throws IllegalStateException    in checked mode, if the pool is closed, on a double free or
     *                                  a block not from this pool (nothing changes then).
     */
    @Override
    public void free(final long block)
    {
        if (block == 0)
        {
            throw new IllegalArgumentException("cannot free block 0 into " + name);
        }
        if (MemoryChecks.ENABLED)
        {
            checkOpen();
            MemoryChecks.untrack(block, kind);
            Memory.fill(block, blockSize, MemoryChecks.POISON);
        }
        final ThreadCache cache = caches.get();
        final Magazine loaded = cache.loaded;
        if (loaded.count < rounds)
        {
            loaded.rounds[loaded.count++] = block;
        }
        else
        {
            freeSlow(cache, block);
        }
    }

    /** {@inheritDoc} */
    @Override
    public void free(final long address, final long size, final int alignment)
    {
        free(address);
    }

    /**
     * Hands the calling thread's cached blocks to the depot, for other threads to use, and forgets
     * the thread's cache (a later use makes a new one). Call it from a thread that stops using the
     * pool but lives on; dead threads' caches are reclaimed without it.
     *
     * @throws IllegalStateException if the pool is closed.
     */
    public void releaseThreadCache()
    {
        final ThreadCache cache = caches.get();
        synchronized (lock)
        {
            checkOpen();
            cache.flushTo(depot);
            registry.remove(cache);
        }
        caches.remove();
    }

    /**
     * Blocks ready to hand out without growing: in the depot, in thread caches and not yet carved
     * from the newest slab. Reclaims dead threads' caches first. Exact once other threads' uses
     * happen-before the call; otherwise an estimate.
     *
     * @return the count.
     */
    public long pooled()
    {
        synchronized (lock)
        {
            reclaimDeadCaches();
            return pooledLocked();
        }
    }

    /**
     * Blocks the pool's slabs hold, out or free.
     *
     * @return the count; it only grows until {@link #close()}.
     */
    public long capacity()
    {
        synchronized (lock)
        {
            return slabs.blocks();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code capacity() - pooled()}; exact once other threads' uses happen-before the call.
     */
    @Override
    public long outstanding()
    {
        synchronized (lock)
        {
            reclaimDeadCaches();
            return slabs.blocks() - pooledLocked();
        }
    }

    /**
     * Native bytes the pool holds: its slabs.
     *
     * @return bytes.
     */
    public long footprint()
    {
        synchronized (lock)
        {
            return slabs.bytes();
        }
    }

    /**
     * Blocks per magazine: a thread caches up to twice this many.
     *
     * @return from 1 to {@link #MAX_MAGAZINE_BLOCKS}.
     */
    public int magazineBlocks()
    {
        return rounds;
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

    /**
     * Gives every slab back to the system; blocks still out and blocks in thread caches become
     * invalid. Idempotent. Every other thread's last use must happen-before this call; after it,
     * using the pool throws in checked mode and is undefined otherwise (an allocation that
     * reaches beyond the thread's emptied cache throws).
     *
     * @throws IllegalStateException in checked mode, after freeing everything, if blocks were still
     *                               out, naming how many and where the first was allocated.
     */
    @Override
    public void close()
    {
        final long out;
        synchronized (lock)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            reclaimDeadCaches();
            out = slabs.blocks() - pooledLocked();
            for (final ThreadCache cache : registry)
            {
                if (null != cache.loaded)
                {
                    cache.loaded.count = 0;
                    cache.previous.count = 0;
                }
            }
            registry.clear();
            depot.clear();
            slabs.releaseAll();
        }
        if (MemoryChecks.ENABLED && out > 0)
        {
            throw PoolTracking.closedWithBlocksOut(name, kind, out);
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return name + "{blockSize=" + blockSize + ", alignment=" + alignment + ", magazineBlocks=" + rounds +
            (closed ? ", closed" : "") + '}';
    }

    private long allocateSlow(final ThreadCache cache)
    {
        final Magazine previous = cache.previous;
        if (previous.count > 0)
        {
            cache.previous = cache.loaded;
            cache.loaded = previous;
            return previous.rounds[--previous.count];
        }
        Magazine next = depot.pollFull();
        if (null != next)
        {
            depot.pushEmpty(previous);
        }
        else
        {
            next = refill(previous);
        }
        cache.previous = cache.loaded;
        cache.loaded = next;
        return next.rounds[--next.count];
    }

    private void freeSlow(final ThreadCache cache, final long block)
    {
        final Magazine previous = cache.previous;
        final Magazine next;
        if (previous.count == 0)
        {
            next = previous;
        }
        else
        {
            depot.pushFull(previous);
            next = depot.takeEmpty();
        }
        cache.previous = cache.loaded;
        cache.loaded = next;
        next.rounds[next.count++] = block;
    }

    /**
     * Under the lock: the depot may have received dead threads' blocks since it was polled; if not,
     * fills {@code empty} from the slabs, growing them.
     */
    private Magazine refill(final Magazine empty)
    {
        synchronized (lock)
        {
            checkOpen();
            if (reclaimDeadCaches() > 0)
            {
                final Magazine full = depot.pollFull();
                if (null != full)
                {
                    depot.pushEmpty(empty);
                    return full;
                }
            }
            while (empty.count < rounds)
            {
                final long block = slabs.carve();
                if (block == 0)
                {
                    slabs.grow(slabs.nextSlabBlocks(Integer.MAX_VALUE));
                }
                else
                {
                    empty.rounds[empty.count++] = block;
                }
            }
            return empty;
        }
    }

    private ThreadCache newCache()
    {
        synchronized (lock)
        {
            checkOpen();
            reclaimDeadCaches();
            final ThreadCache cache = new ThreadCache(Thread.currentThread(), depot.takeEmpty(), depot.takeEmpty());
            registry.add(cache);
            return cache;
        }
    }

    /** Under the lock: moves dead threads' caches to the depot; returns how many. */
    private int reclaimDeadCaches()
    {
        int reclaimed = 0;
        for (int i = registry.size() - 1; i >= 0; i--)
        {
            final ThreadCache cache = registry.get(i);
            if (cache.isDead())
            {
                cache.flushTo(depot);
                final int last = registry.size() - 1;
                registry.set(i, registry.get(last));
                registry.remove(last);
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /** Under the lock. */
    private long pooledLocked()
    {
        long pooled = depot.blocks() + slabs.freshRemaining();
        for (final ThreadCache cache : registry)
        {
            pooled += cache.blocks();
        }
        return pooled;
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(name + " is closed");
        }
    }
}
