package io.hoarfrost.pool;

import java.lang.ref.WeakReference;

/**
 * One thread's blocks in a {@link ConcurrentPool}: a loaded magazine that allocations pop and
 * frees push, and a previous one that is either full or empty (Bonwick's two-magazine cache, so a
 * thread alternating around a magazine boundary does not trash the depot).
 *
 * <p>Used only by its thread, with no synchronisation. The pool reads it from another thread only
 * once the thread has died (which happens-before {@link Thread#isAlive()} returning false) or,
 * for an estimate, in {@link ConcurrentPool#pooled()}; {@link ConcurrentPool#close()} and
 * {@link ConcurrentPool#trim()} never touch a live thread's cache but the caller's own. The
 * thread is held weakly so a dead thread's object and class loader are not kept alive by the pool.
 */
final class ThreadCache
{
    private final WeakReference<Thread> thread;
    Magazine loaded;
    Magazine previous;

    ThreadCache(final Thread thread, final Magazine loaded, final Magazine previous)
    {
        this.thread = new WeakReference<>(thread);
        this.loaded = loaded;
        this.previous = previous;
    }

    /** Whether the thread has terminated (or been collected): its blocks can be reclaimed. */
    boolean isDead()
    {
        final Thread owner = thread.get();
        return null == owner || !owner.isAlive();
    }

    /** Whether this cache belongs to {@code candidate}. */
    boolean belongsTo(final Thread candidate)
    {
        return thread.get() == candidate;
    }

    /** Blocks held. */
    int blocks()
    {
        return (null == loaded ? 0 : loaded.count) + (null == previous ? 0 : previous.count);
    }

    /** Moves the magazines to the depot and leaves the cache with none. */
    void flushTo(final MagazineDepot depot)
    {
        flush(depot, loaded);
        flush(depot, previous);
        loaded = null;
        previous = null;
    }

    private static void flush(final MagazineDepot depot, final Magazine magazine)
    {
        if (null == magazine)
        {
            return;
        }
        if (magazine.count > 0)
        {
            depot.pushFull(magazine);
        }
        else
        {
            depot.pushEmpty(magazine);
        }
    }
}
