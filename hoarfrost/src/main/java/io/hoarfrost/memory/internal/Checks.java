package io.hoarfrost.memory.internal;

import io.hoarfrost.memory.MemoryChecks;

/**
 * Not API: checked mode's hooks that Hoarfrost's packages call: tracking of blocks that pools hand
 * out, liveness checks on handles and thread-confinement checks. Each is a branch on
 * {@link MemoryChecks#ENABLED}, a {@code static final} read once, so with checks off the JIT
 * removes it. Thread-safe.
 */
public final class Checks
{
    private static final Tracker TRACKER = Tracker.installed();

    private Checks()
    {
    }

    /**
     * In checked mode, throws unless {@code address} is the start of a live block. Does nothing
     * when checked mode is off.
     *
     * @param address the block a handle refers to.
     * @param what    what is being used, for the message (e.g. {@code "Flake"}).
     * @throws IllegalStateException naming the address, its allocation site and free site if the
     *                               block has been freed or was never allocated.
     */
    public static void checkLive(final long address, final String what)
    {
        if (MemoryChecks.ENABLED && !TRACKER.isLive(address))
        {
            throw new IllegalStateException("use after free: " + what + " at " + MemoryChecks.describe(address));
        }
    }

    /**
     * In checked mode, throws unless the current thread is {@code owner}. Does nothing when checked
     * mode is off.
     *
     * @param owner the thread a confined object belongs to (null when checked mode is off).
     * @param what  the confined object, for the message.
     * @throws IllegalStateException naming both threads when called from another thread.
     */
    public static void checkOwner(final Thread owner, final String what)
    {
        if (MemoryChecks.ENABLED)
        {
            final Thread current = Thread.currentThread();
            if (current != owner)
            {
                throw new IllegalStateException(
                    what + " is confined to thread '" + (null == owner ? "none" : owner.getName()) +
                    "' but was used from thread '" + current.getName() + "'");
            }
        }
    }

    /**
     * The thread that owns a new confined object: the current thread in checked mode, null
     * otherwise (so unchecked objects hold no reference to a thread).
     *
     * @return the owner to store, or null.
     */
    public static Thread ownerForNewObject()
    {
        return MemoryChecks.ENABLED ? Thread.currentThread() : null;
    }

    /**
     * For allocators built on top of native memory (pools): records a block handed out to a
     * caller, so handles can check its liveness and a double free is caught. Does nothing when
     * checked mode is off.
     *
     * @param address the block handed out.
     * @param size    its size in bytes.
     * @param kind    who handed it out, for messages (e.g. {@code "pool block"}); the same kind
     *                must be passed to {@link #untrack(long, String)}.
     * @throws IllegalStateException if the address is already live.
     */
    public static void track(final long address, final long size, final String kind)
    {
        if (MemoryChecks.ENABLED)
        {
            TRACKER.track(address, size, kind);
        }
    }

    /**
     * For allocators built on top of native memory: records that a block tracked by
     * {@link #track(long, long, String)} was given back. Does nothing when checked mode is off.
     *
     * @param address the block given back.
     * @param kind    the kind it was tracked with.
     * @return the block's recorded size, or -1 when checked mode is off.
     * @throws IllegalStateException on a double free or a foreign address, naming the allocation
     *                               and free sites.
     */
    public static long untrack(final long address, final String kind)
    {
        return MemoryChecks.ENABLED ? TRACKER.untrack(address, kind) : -1;
    }
}
