package io.hoarfrost.memory;

import io.hoarfrost.memory.internal.Tracker;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checked mode: tracking of every block with its allocation site, so that misuse throws instead
 * of corrupting memory.
 *
 * <p>Switched on with {@code -Dhoarfrost.checks=true}, read once into {@link #ENABLED}. When on:
 * <ul>
 *   <li>every native allocation, adopted buffer and pool or arena block is recorded with its
 *       size, thread and allocation site;</li>
 *   <li>a double free, a free of an address that was never allocated, or a free with the wrong
 *       alignment throws {@link IllegalStateException} naming the address and where it was
 *       allocated and freed;</li>
 *   <li>freed memory is filled with {@link #POISON} before it goes back to the system;</li>
 *   <li>handles check that their block is live on use, so use after free throws;</li>
 *   <li>confined types check the calling thread, so use from a second thread throws;</li>
 *   <li>{@link #leaks()} lists what is still live.</li>
 * </ul>
 * When off, nothing is tracked and every check is a branch on a {@code static final false} that
 * the JIT removes: a bad free or a use after free is then undefined behaviour, exactly as with
 * {@code sun.misc.Unsafe}, and may crash the JVM. Run tests with checks on.
 *
 * <p><b>Sites and heap cost.</b> {@value #SITES_PROPERTY} (read once, like the switch) chooses what
 * a site records:
 * <ul>
 *   <li>{@code caller} (the default): the first stack frame outside Hoarfrost (class, method, file,
 *       line) and the thread's name. Frames are interned and sites shared, so a live block costs
 *       a {@link TrackedBlock} and its slot in the live table, plus a little per distinct
 *       allocation site and thread. Capturing the frame walks only the top of the stack.</li>
 *   <li>{@code full}: the whole stack as well, for hunting a leak whose caller frame is not
 *       enough; its heap cost grows with the stack depth.</li>
 * </ul>
 * The README's checked-mode section gives the measured heap cost per live block of each.
 * In caller mode, {@value #FULL_SITE_EVERY_PROPERTY}{@code =N} keeps the whole stack for one
 * allocation in {@code N} (0, the default, for none). A bad value of either (say {@code ful} or
 * {@code -1}) throws an {@link IllegalArgumentException} naming it, as the cause of this class's
 * {@link ExceptionInInitializerError}; both are ignored when checked mode is off. Messages are
 * built when a report is made, not per block.
 *
 * <p>This class holds what users call; the hooks Hoarfrost's own packages call (tracking,
 * liveness and owner checks) are in {@code io.hoarfrost.memory.internal}, which is not API.
 */
public final class MemoryChecks
{
    /** The system property that switches checked mode on. */
    public static final String PROPERTY = "hoarfrost.checks";

    /** Whether checked mode is on; read once from {@value #PROPERTY} at class initialisation. */
    public static final boolean ENABLED = Boolean.getBoolean(PROPERTY);

    /** The system property that chooses what a site records: {@code caller} (default) or {@code full}. */
    public static final String SITES_PROPERTY = "hoarfrost.checks.sites";

    /** The system property that, in caller mode, keeps the whole stack for one allocation in N. */
    public static final String FULL_SITE_EVERY_PROPERTY = "hoarfrost.checks.fullSiteEvery";

    /** Whether every site keeps the whole stack; from {@value #SITES_PROPERTY}. */
    static final boolean FULL_SITES = ENABLED && parseSites(System.getProperty(SITES_PROPERTY));

    /** One allocation in this many keeps the whole stack (0: none); from {@value #FULL_SITE_EVERY_PROPERTY}. */
    static final long FULL_SITE_EVERY = ENABLED ? parseFullSiteEvery(System.getProperty(FULL_SITE_EVERY_PROPERTY)) : 0;

    /** The byte written over freed memory in checked mode. */
    public static final byte POISON = (byte)0xDE;

    /** How many freed blocks are remembered to explain a double free. */
    static final int FREED_HISTORY = 1 << 16;

    private static final LiveBlocks LIVE = new LiveBlocks();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final AtomicLong FREES = new AtomicLong();
    private static final AtomicLong ALLOCATIONS = new AtomicLong();

    @SuppressWarnings("serial")
    private static final Map<Long, TrackedBlock> FREED = new LinkedHashMap<Long, TrackedBlock>(1024, 0.75f, false)
    {
        protected boolean removeEldestEntry(final Map.Entry<Long, TrackedBlock> eldest)
        {
            return size() > FREED_HISTORY;
        }
    };

    /** The hooks' view of the live table; installed once, here. */
    private static final Tracker TRACKER = new LiveTracker();

    private MemoryChecks()
    {
    }

    /**
     * Whether checked mode is on.
     *
     * @return {@link #ENABLED}.
     */
    public static boolean enabled()
    {
        return ENABLED;
    }

    /**
     * The blocks allocated and not yet freed, oldest first (by {@link TrackedBlock#sequence()}).
     * Empty when checked mode is off.
     *
     * @return a snapshot; the caller owns the list, not the blocks.
     */
    public static List<TrackedBlock> leaks()
    {
        final List<TrackedBlock> blocks = LIVE.snapshot();
        Collections.sort(blocks, Comparator.comparingLong(TrackedBlock::sequence));
        return Collections.unmodifiableList(blocks);
    }

    /**
     * How many blocks are live. Always 0 when checked mode is off.
     *
     * @return the live block count.
     */
    public static int liveCount()
    {
        return LIVE.size();
    }

    /**
     * How many frees checked mode has seen since start. Always 0 when checked mode is off.
     *
     * @return the count of successful frees.
     */
    public static long frees()
    {
        return FREES.get();
    }

    /**
     * How many allocations checked mode has seen since start. Always 0 when checked mode is off.
     *
     * @return the count of allocations and adoptions.
     */
    public static long allocations()
    {
        return ALLOCATIONS.get();
    }

    /**
     * What checked mode knows of an address: its live or freed history, or that it is unknown.
     *
     * @param address any address.
     * @return a one-line description for messages.
     */
    public static String describe(final long address)
    {
        final TrackedBlock live = LIVE.get(address);
        if (null != live)
        {
            return live.describe();
        }
        final TrackedBlock freed;
        synchronized (FREED)
        {
            freed = FREED.get(address);
        }
        return null != freed ? freed.describe() : "0x" + Long.toHexString(address) + " (not allocated by Hoarfrost)";
    }

    static void onAllocate(final long address, final long size, final int alignment, final String kind)
    {
        final long sequence = SEQUENCE.incrementAndGet();
        final boolean full = FULL_SITES || (FULL_SITE_EVERY > 0 && sequence % FULL_SITE_EVERY == 0);
        final TrackedBlock block = new TrackedBlock(address, size, alignment, kind, sequence, Site.here(full));
        final TrackedBlock previous = LIVE.putIfAbsent(block);
        if (null != previous)
        {
            throw new IllegalStateException(
                "address handed out twice: " + previous.describe() + " is still live");
        }
        synchronized (FREED)
        {
            FREED.remove(address);
        }
        ALLOCATIONS.incrementAndGet();
    }

    /**
     * Validates a free and claims the block atomically, so of two racing frees exactly one
     * succeeds. Returns the block (for its size, to poison it) or throws without changing anything.
     */
    static TrackedBlock onFree(final long address, final int alignment, final String kind)
    {
        final TrackedBlock block = LIVE.get(address);
        if (null == block)
        {
            final TrackedBlock freed;
            synchronized (FREED)
            {
                freed = FREED.get(address);
            }
            if (null != freed && freed.kind().equals(kind))
            {
                throw new IllegalStateException("double free of " + freed.describe());
            }
            throw new IllegalStateException(
                "free of 0x" + Long.toHexString(address) + " as " + kind + ", which was never allocated as that" +
                (null == freed ? "" : " (the address was last " + freed.describe() + ")"));
        }
        if (Math.max(block.alignment(), Alignment.DEFAULT_ALIGNMENT) != Math.max(alignment, Alignment.DEFAULT_ALIGNMENT))
        {
            throw new IllegalStateException(
                "free of " + block.describe() + " with alignment " + alignment + "; it was allocated with alignment " +
                block.alignment());
        }
        if (!block.kind().equals(kind))
        {
            throw new IllegalStateException(
                "free of " + block.describe() + " as " + kind + "; it must be freed as " + block.kind());
        }
        if (!LIVE.remove(block))
        {
            throw new IllegalStateException("double free of " + block.describe() + " (raced with another free)");
        }
        block.freedHere(FULL_SITES);
        synchronized (FREED)
        {
            FREED.put(address, block);
        }
        FREES.incrementAndGet();
        return block;
    }

    /**
     * Parses {@value #SITES_PROPERTY}.
     *
     * @param value the property's value, or null when unset.
     * @return true for {@code full}, false for {@code caller} or unset.
     * @throws IllegalArgumentException naming the value if it is neither.
     */
    static boolean parseSites(final String value)
    {
        if (null == value || "caller".equals(value.trim()))
        {
            return false;
        }
        if ("full".equals(value.trim()))
        {
            return true;
        }
        throw new IllegalArgumentException(
            SITES_PROPERTY + "=" + value + " is not a site mode; use caller (the default) or full");
    }

    /**
     * Parses {@value #FULL_SITE_EVERY_PROPERTY}.
     *
     * @param value the property's value, or null when unset.
     * @return N, or 0 when unset.
     * @throws IllegalArgumentException naming the value if it is not a whole number from 0.
     */
    static long parseFullSiteEvery(final String value)
    {
        if (null == value)
        {
            return 0;
        }
        long every = -1;
        try
        {
            every = Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            every = -1;
        }
        if (every < 0)
        {
            throw new IllegalArgumentException(
                FULL_SITE_EVERY_PROPERTY + "=" + value + " is not a whole number from 0 (0 for never, N for one in N)");
        }
        return every;
    }

    /** The {@link Tracker} the internal hooks call: the live table above. */
    private static final class LiveTracker extends Tracker
    {
        @Override
        protected void track(final long address, final long size, final String kind)
        {
            onAllocate(address, size, Alignment.MIN_ALIGNMENT, kind);
        }

        @Override
        protected long untrack(final long address, final String kind)
        {
            return onFree(address, Alignment.MIN_ALIGNMENT, kind).size();
        }

        @Override
        protected boolean isLive(final long address)
        {
            return LIVE.contains(address);
        }
    }
}
