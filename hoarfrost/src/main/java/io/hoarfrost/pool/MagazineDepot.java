package io.hoarfrost.pool;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared part of a {@link ConcurrentPool}: a lock-free stack of magazines holding blocks and
 * a lock-free stack of empty magazines.
 *
 * <p>Each stack is a Treiber stack over magazine ids whose head packs a version with the top id:
 * <pre>
 *   63                               32 31                                0
 *   +----------------------------------+----------------------------------+
 *   | version (+1 on every push/pop)   | top magazine id + 1 (0: empty)   |
 *   +----------------------------------+----------------------------------+
 * </pre>
 * The version defeats ABA: a pop that read top {@code A} and {@code A.next} fails its CAS if
 * {@code A} was popped and pushed back meanwhile, because the version moved on. Magazines are
 * never freed; an id maps to its magazine through a registry that only grows, so a racing reader
 * always finds the object it read the id of. Magazine contents are published by the pushing CAS
 * and acquired by the popping one.
 *
 * <p>Thread-safe. Push and pop are lock-free; creating a magazine takes this object's lock.
 */
final class MagazineDepot
{
    private static final long ID_MASK = 0xFFFF_FFFFL;
    private static final int INITIAL_REGISTRY = 16;

    private final AtomicLong fullHead = new AtomicLong();
    private final AtomicLong emptyHead = new AtomicLong();
    private final int rounds;
    private volatile Magazine[] registry = new Magazine[INITIAL_REGISTRY];
    private int created;

    MagazineDepot(final int rounds)
    {
        this.rounds = rounds;
    }

    /** Rounds per magazine. */
    int rounds()
    {
        return rounds;
    }

    /** A new empty magazine, registered under the next id. */
    synchronized Magazine create()
    {
        Magazine[] magazines = registry;
        if (created == magazines.length)
        {
            magazines = Arrays.copyOf(magazines, created * 2);
        }
        final Magazine magazine = new Magazine(created, rounds);
        magazines[created++] = magazine;
        registry = magazines;
        return magazine;
    }

    /** Takes a magazine holding blocks, or null if there is none. */
    Magazine pollFull()
    {
        return pop(fullHead);
    }

    /** Gives the depot a magazine holding blocks (full or, after a thread's flush, partial). */
    void pushFull(final Magazine magazine)
    {
        push(fullHead, magazine);
    }

    /** Takes an empty magazine, or null if there is none. */
    Magazine pollEmpty()
    {
        return pop(emptyHead);
    }

    /** Gives the depot an empty magazine. */
    void pushEmpty(final Magazine magazine)
    {
        push(emptyHead, magazine);
    }

    /** An empty magazine from the depot, or a new one. */
    Magazine takeEmpty()
    {
        final Magazine magazine = pollEmpty();
        return null != magazine ? magazine : create();
    }

    /** Blocks in the magazines of the full stack; exact only when no other thread uses the depot. */
    long blocks()
    {
        final Magazine[] magazines = registry;
        long blocks = 0;
        int seen = 0;
        for (int top = (int)(fullHead.get() & ID_MASK); top != 0 && seen < magazines.length;
            top = magazines[top - 1].next, seen++)
        {
            blocks += magazines[top - 1].count;
        }
        return blocks;
    }

    private Magazine pop(final AtomicLong head)
    {
        while (true)
        {
            final long current = head.get();
            final int top = (int)(current & ID_MASK);
            if (top == 0)
            {
                return null;
            }
            final Magazine magazine = registry[top - 1];
            if (head.compareAndSet(current, stamp(current, magazine.next)))
            {
                return magazine;
            }
        }
    }

    private void push(final AtomicLong head, final Magazine magazine)
    {
        final long top = magazine.id + 1L;
        while (true)
        {
            final long current = head.get();
            magazine.next = (int)(current & ID_MASK);
            if (head.compareAndSet(current, stamp(current, top)))
            {
                return;
            }
        }
    }

    private static long stamp(final long current, final long top)
    {
        return (((current >>> 32) + 1) << 32) | (top & ID_MASK);
    }
}
