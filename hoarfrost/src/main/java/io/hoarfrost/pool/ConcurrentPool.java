package io.hoarfrost.pool;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.TrackedBlock;
import io.hoarfrost.memory.internal.Checks;

import java.util.ArrayList;
import java.util.List;

/**
 * A thread-safe pool of fixed-size off-heap blocks: any thread may allocate, and any thread may
 * free a block, whichever thread allocated it.
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
 * once, rounded up to a magazine per thread, and keeps that memory until {@link #trim()} or
 * {@link #close()}: a freed block is never given back to the system on its own. {@link #trim()}
 * frees the slabs all of whose blocks are in the depot (or never carved); blocks in a live
 * thread's cache keep their slab until that thread calls {@link #releaseThreadCache()} or dies.
 * After {@link #close()}, the block that completes a kept slab frees it, on the thread that
 * returned it.
 *
 * <p><b>Threading.</b> Every method is safe to call from any thread at any time, {@link #close()}
 * and {@link #trim()} included, also while other threads allocate and free: a free racing close
 * is counted exactly once. {@link #pooled()} and {@link #outstanding()} are exact only once every
 * other thread's last use of the pool happens-before the call (for example after
 * {@link Thread#join()}); otherwise estimates. {@code allocate} and {@code free} read one volatile
 * flag (whether the pool is closed) and otherwise touch only the calling thread's cache.
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

    /** {@link #soleThread} once the pool is used by more than one thread: matches none. */
    private static final Thread SHARED = new Thread("io.hoarfrost.pool.ConcurrentPool.SHARED");

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
    /** Guarded by {@link #lock}: the magazines {@link #trim()} holds while it sorts their blocks. */
    private final ArrayList<Magazine> trimmed = new ArrayList<>();
    /** Guarded by {@link #lock}. Once closed: blocks not back of each kept slab, by slab index. */
    private int[] outAtClose;
    /** Guarded by {@link #lock}. Once closed: the sum of {@link #outAtClose}. */
    private long outAtCloseTotal;
    private volatile boolean closed;
    /**
     * The one thread that has used the pool, or {@link #SHARED} once a second thread did (or the
     * first let its cache go); null before any use. Written under {@link #lock}, read plainly: a
     * thread can only ever read itself here if it wrote itself, so a stale read is harmless.
     */
    private Thread soleThread;
    /** {@link #soleThread}'s cache, written once before it; read only by that thread. */
    private ThreadCache soleCache;

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
     * empty. Not initialised.
     *
     * @return the block, owned by the caller until {@link #free(long)} (on any thread); never 0.
     * @throws IllegalStateException if the pool is closed (the calling thread's cached blocks go
     *                               back to it then).
     * @throws OutOfMemoryError      if the pool must grow and the system has no memory.
     */
    @Override
    public long allocate()
    {
        if (closed)
        {
            throw allocateAfterClose();
        }
        final ThreadCache cache = cache();
        final Magazine loaded = cache.loaded;
        final long block = loaded.count > 0 ? loaded.rounds[--loaded.count] : allocateSlow(cache);
        if (MemoryChecks.ENABLED)
        {
            Checks.track(block, blockSize, kind);
        }
        return block;
    }

    /**
     * Gives a block back into the calling thread's cache, whichever thread allocated it; a full
     * cache passes a magazine to the depot. The memory stays with the pool. After
     * {@link #close()} (on any thread), takes back a block that was out at close, with the calling
     * thread's cached blocks; a slab whose last block comes back is freed.
     *
     * @param block a block this pool handed out; the caller no longer owns it.
     * @throws IllegalArgumentException if {@code block} is 0.
     * @throws IllegalStateException    if the pool is closed and none of its kept slabs holds the
     *                                  block; in checked mode also on a double free, a block not
     *                                  from this pool or, once closed, a block not out at close
     *                                  (nothing changes then).
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
            PoolTracking.untrackFreed(block, blockSize, name, kind, closed);
        }
        if (closed)
        {
            freeAfterClose(block);
            return;
        }
        final ThreadCache cache = cache();
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

    /**
     * Hands the calling thread's cached blocks to the depot, for other threads to use (or, once
     * the pool is closed, back to the closed pool, freeing each slab they complete), and forgets
     * the thread's cache (a later use makes a new one). Call it from a thread that stops using the
     * pool but lives on; dead threads' caches are reclaimed without it. Does nothing for a thread
     * with no cache.
     */
    public void releaseThreadCache()
    {
        synchronized (lock)
        {
            if (closed)
            {
                settleLocked();
            }
            else
            {
                final ThreadCache cache = ownCacheLocked();
                if (null != cache)
                {
                    cache.flushTo(depot);
                    registry.remove(cache);
                }
            }
        }
        forgetOwnCache();
    }

    /**
     * Gives back to the system every slab all of whose blocks are in the depot or never carved,
     * and keeps the depot's other blocks for reuse. Blocks that are out, and blocks in threads'
     * caches (two magazines each at most), keep their slabs: a thread hands its own cache over
     * with {@link #releaseThreadCache()} (dead threads' caches are reclaimed first). Safe to call
     * from any thread at any time: other threads keep allocating and freeing from their caches and
     * the depot meanwhile, and wait for it only to grow the pool or register a new thread. Costs a
     * pass over the depot's blocks.
     *
     * @return native bytes given back.
     * @throws IllegalStateException if the pool is closed.
     */
    public long trim()
    {
        synchronized (lock)
        {
            checkOpen();
            reclaimDeadCaches();
            final int slabCount = slabs.count();
            if (slabCount == 0)
            {
                return 0;
            }
            for (Magazine magazine = depot.pollFull(); null != magazine; magazine = depot.pollFull())
            {
                trimmed.add(magazine);
            }
            final int[] free = slabs.zeroedScratch();
            for (final Magazine magazine : trimmed)
            {
                for (int i = 0; i < magazine.count; i++)
                {
                    free[slabs.indexOf(magazine.rounds[i])]++;
                }
            }
            final boolean any = slabs.markAllFree(free);
            if (any)
            {
                repackTrimmed(free);
            }
            for (final Magazine magazine : trimmed)
            {
                if (magazine.count > 0)
                {
                    depot.pushFull(magazine);
                }
                else
                {
                    depot.pushEmpty(magazine);
                }
            }
            trimmed.clear();
            return any ? slabs.releaseMarked(free) : 0;
        }
    }

    /**
     * Blocks ready to hand out without growing: in the depot, in thread caches and not yet carved
     * from the newest slab. Reclaims dead threads' caches first. Exact once other threads' uses
     * happen-before the call; otherwise an estimate.
     *
     * @return the count; 0 once closed.
     */
    public long pooled()
    {
        synchronized (lock)
        {
            if (closed)
            {
                return 0;
            }
            reclaimDeadCaches();
            return pooledLocked();
        }
    }

    /**
     * Blocks the pool's slabs hold, out or free.
     *
     * @return the count; it only grows until {@link #trim()} or {@link #close()}.
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
     * After {@link #close()}: the blocks of kept slabs not back yet, counting those cached by live
     * threads other than the caller (the caller's cache, dead threads' caches and the depot are
     * taken back first).
     */
    @Override
    public long outstanding()
    {
        synchronized (lock)
        {
            if (closed)
            {
                settleLocked();
                return outAtCloseTotal;
            }
            reclaimDeadCaches();
            return slabs.blocks() - pooledLocked();
        }
    }

    /** {@inheritDoc} */
    @Override
    public List<TrackedBlock> outstandingBlocks()
    {
        return PoolTracking.outstandingBlocks(kind);
    }

    /**
     * Native bytes the pool holds: its slabs.
     *
     * @return bytes; 0 for a new pool, and for a closed pool once every block is back.
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
     * Closes the pool without freeing memory under a block that is out: gives back every slab all
     * of whose blocks are free (see the class documentation) and keeps the others until their
     * blocks come back through {@link #free(long)}, on any thread; the blocks out stay valid and
     * owned by their holders. Safe to call at any time from any thread, also while others free.
     * Idempotent; afterwards {@code allocate} and {@code trim} throw
     * {@link IllegalStateException}. In checked mode the blocks out stay tracked:
     * {@link #outstandingBlocks()} and {@code MemoryChecks.leaks()} list them with their
     * allocation sites until they are freed.
     */
    @Override
    public void close()
    {
        synchronized (lock)
        {
            if (closed)
            {
                return;
            }
            // Written before the depot is drained: a thread that pushes a magazine after the drain
            // reads true when it checks, and takes its blocks back itself (freeSlow).
            closed = true;
            reclaimDeadCaches();
            final ThreadCache own = ownCacheLocked();
            if (null != own)
            {
                own.flushTo(depot);
                registry.remove(own);
            }
            final int slabCount = slabs.count();
            final int[] out = slabs.retireFreshCountingCarved();
            for (Magazine magazine = depot.pollFull(); null != magazine; magazine = depot.pollFull())
            {
                for (int i = 0; i < magazine.count; i++)
                {
                    out[slabs.indexOf(magazine.rounds[i])]--;
                }
                magazine.count = 0;
                depot.pushEmpty(magazine);
            }
            int kept = slabCount;
            long total = 0;
            for (int i = slabCount - 1; i >= 0; i--)
            {
                if (out[i] == 0)
                {
                    slabs.release(i);
                    System.arraycopy(out, i + 1, out, i, kept - i - 1);
                    kept--;
                }
                else
                {
                    total += out[i];
                }
            }
            outAtClose = out;
            outAtCloseTotal = total;
        }
        forgetOwnCache();
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
            if (closed)
            {
                // Popped while close drained the depot: close did not count these blocks as free.
                depot.pushFull(next);
                throw allocateAfterClose();
            }
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
        if (closed)
        {
            // The pool closed meanwhile, perhaps after its drain of the depot: take the blocks back.
            synchronized (lock)
            {
                settleLocked();
            }
        }
    }

    /**
     * Under the lock: the depot may have received dead threads' blocks since it was polled; if not,
     * fills {@code empty} from the slabs, growing them.
     */
    private Magazine refill(final Magazine empty)
    {
        synchronized (lock)
        {
            if (closed)
            {
                settleLocked();
                throw closedException();
            }
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

    /**
     * The calling thread's cache. While one thread alone uses the pool, a read of two fields; from
     * then on (JDK 8's {@code ThreadLocal.get()} costs more than the rest of an allocation) the
     * {@link ThreadLocal}.
     */
    private ThreadCache cache()
    {
        return Thread.currentThread() == soleThread ? soleCache : caches.get();
    }

    /** Forgets the calling thread's cache: its next use makes a new one (through the thread local). */
    private void forgetOwnCache()
    {
        caches.remove();
        synchronized (lock)
        {
            if (Thread.currentThread() == soleThread)
            {
                soleThread = SHARED;
            }
        }
    }

    /** Also once closed, for a thread that read the pool open just before: see {@link #settleLocked()}. */
    private ThreadCache newCache()
    {
        synchronized (lock)
        {
            reclaimDeadCaches();
            final Thread current = Thread.currentThread();
            final ThreadCache cache = new ThreadCache(current, depot.takeEmpty(), depot.takeEmpty());
            registry.add(cache);
            if (null == soleThread)
            {
                soleCache = cache;
                soleThread = current;
            }
            else if (current != soleThread)
            {
                soleThread = SHARED;
            }
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
                if (cache == soleCache)
                {
                    soleThread = SHARED;
                    soleCache = null;
                }
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
            throw closedException();
        }
    }

    private IllegalStateException closedException()
    {
        return new IllegalStateException(name + " is closed");
    }

    /** An allocation found the pool closed: takes the calling thread's cached blocks back. */
    private IllegalStateException allocateAfterClose()
    {
        synchronized (lock)
        {
            settleLocked();
        }
        return closedException();
    }

    /**
     * A block comes back to a closed pool: checks that one of the kept slabs has it out (nothing
     * changes if not), takes back what else has come back, then counts the block.
     */
    private void freeAfterClose(final long block)
    {
        synchronized (lock)
        {
            final int index = slabs.indexOf(block);
            if (index < 0 || outAtClose[index] == 0)
            {
                throw PoolTracking.notOutAtClose(block, name);
            }
            settleLocked();
            returnAfterClose(block);
        }
    }

    /**
     * Under the lock, once closed: takes back the blocks that have come back since close, from the
     * calling thread's cache (its own, so safe to read), dead threads' caches and the depot (fed
     * by threads that freed into their caches before they saw the pool closed). A live thread's
     * cache is read only by that thread, which, once it reads the pool closed, never touches its
     * cache again but through here.
     */
    private void settleLocked()
    {
        reclaimDeadCaches();
        final ThreadCache own = ownCacheLocked();
        if (null != own)
        {
            returnAfterClose(own.loaded);
            returnAfterClose(own.previous);
            own.loaded = null;
            own.previous = null;
            registry.remove(own);
            forgetOwnCache();
        }
        for (Magazine magazine = depot.pollFull(); null != magazine; magazine = depot.pollFull())
        {
            returnAfterClose(magazine);
            depot.pushEmpty(magazine);
        }
    }

    private void returnAfterClose(final Magazine magazine)
    {
        if (null == magazine)
        {
            return;
        }
        for (int i = 0; i < magazine.count; i++)
        {
            returnAfterClose(magazine.rounds[i]);
        }
        magazine.count = 0;
    }

    /** Under the lock, once closed: one block back; the last of its slab frees the slab. */
    private void returnAfterClose(final long block)
    {
        final int index = slabs.indexOf(block);
        if (index < 0 || outAtClose[index] == 0)
        {
            return;   // only after misuse with checks off (a block freed twice): nothing to count
        }
        outAtCloseTotal--;
        if (--outAtClose[index] == 0)
        {
            System.arraycopy(outAtClose, index + 1, outAtClose, index, slabs.count() - index - 1);
            slabs.release(index);
        }
    }

    /** Under the lock: the calling thread's registered cache, or null. */
    private ThreadCache ownCacheLocked()
    {
        final Thread current = Thread.currentThread();
        for (final ThreadCache cache : registry)
        {
            if (cache.belongsTo(current))
            {
                return cache;
            }
        }
        return null;
    }

    /**
     * Under the lock, in {@link #trim()}: keeps in the {@link #trimmed} magazines only the blocks
     * of slabs that stay ({@code free[slab] >= 0}), packed to the front.
     */
    private void repackTrimmed(final int[] free)
    {
        int target = 0;
        int filled = 0;
        for (final Magazine magazine : trimmed)
        {
            final int count = magazine.count;
            magazine.count = 0;
            for (int i = 0; i < count; i++)
            {
                final long block = magazine.rounds[i];
                if (free[slabs.indexOf(block)] >= 0)
                {
                    Magazine into = trimmed.get(target);
                    if (filled == rounds)
                    {
                        into.count = filled;
                        into = trimmed.get(++target);
                        filled = 0;
                    }
                    into.rounds[filled++] = block;
                }
            }
        }
        if (!trimmed.isEmpty())
        {
            trimmed.get(target).count = filled;
        }
    }
}
