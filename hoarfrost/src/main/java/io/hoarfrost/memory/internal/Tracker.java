package io.hoarfrost.memory.internal;

import io.hoarfrost.memory.MemoryChecks;

/**
 * Not API: the seam through which {@link Checks} reaches checked mode's live table, which stays
 * with {@link MemoryChecks} (beside {@code TrackedBlock}, whose constructor is not public).
 * {@link MemoryChecks} installs the one implementation when it is initialised; nothing else may.
 */
public abstract class Tracker
{
    private static Tracker installed;

    /**
     * Installs this tracker: for {@link MemoryChecks}'s initialiser only.
     *
     * @throws IllegalStateException if a tracker is already installed or this one is not
     *                               {@link MemoryChecks}'s.
     */
    protected Tracker()
    {
        if (getClass().getEnclosingClass() != MemoryChecks.class)
        {
            throw new IllegalStateException("only MemoryChecks installs a checked-mode tracker");
        }
        synchronized (Tracker.class)
        {
            if (null != installed)
            {
                throw new IllegalStateException("a checked-mode tracker is already installed");
            }
            installed = this;
        }
    }

    /**
     * The tracker {@link MemoryChecks} installed, initialising it if need be.
     *
     * @return the one tracker.
     */
    static Tracker installed()
    {
        MemoryChecks.enabled();
        synchronized (Tracker.class)
        {
            return installed;
        }
    }

    /**
     * Records a block handed out, as {@link Checks#track(long, long, String)} describes.
     *
     * @param address the block.
     * @param size    its size in bytes.
     * @param kind    who handed it out.
     */
    protected abstract void track(long address, long size, String kind);

    /**
     * Records a block given back, as {@link Checks#untrack(long, String)} describes.
     *
     * @param address the block.
     * @param kind    the kind it was tracked with.
     * @return its recorded size.
     */
    protected abstract long untrack(long address, String kind);

    /**
     * Whether a block starts at an address.
     *
     * @param address any address.
     * @return true if live.
     */
    protected abstract boolean isLive(long address);
}
