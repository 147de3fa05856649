package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;

/**
 * A fixed-capacity bump allocator over one native region.
 *
 * <p>The capacity is chosen up front; the arena never grows and its addresses are stable.
 * {@link #allocate(long, int)} aligns the current offset, hands out the bytes and moves the
 * offset past them, or returns {@code 0} when they would pass the capacity (the offset then
 * does not move). A size of 0 returns the aligned current address without advancing.
 *
 * <p><b>Memory.</b> The region comes from {@code Memory.allocate(capacity, 4096)}: it is
 * page-aligned, so every alignment from 1 to 4096 is honoured exactly, and checked mode tracks it
 * like any native block. {@link #close()} frees the region.
 *
 * <p>The hot path ({@link #allocate(long, int)}) allocates no heap garbage.
 *
 * <p>Ported from linalloc's {@code BumpArena}.
 */
public final class BumpArena implements Arena
{
    /** The alignment of the region's first byte: one page, the largest alignment honoured. */
    public static final int REGION_ALIGNMENT = Alignment.MAX_ALIGNMENT;

    /**
     * The largest capacity accepted before asking the system: beyond it, padding the region to
     * its alignment would overflow a {@code long}.
     */
    public static final long MAX_CAPACITY = Long.MAX_VALUE - 2L * Alignment.MAX_ALIGNMENT;

    private static final String NAME = "BumpArena";

    private final long region;
    private final Thread owner;
    private long base;
    private long capacity;
    private long offset;

    /**
     * Creates an arena with a fixed capacity, allocating its region now.
     *
     * @param capacity bytes the arena can hand out, zero or more. A capacity-0 arena refuses every
     *                 allocation of one byte or more.
     * @throws IllegalArgumentException naming the capacity if it is negative.
     * @throws OutOfMemoryError         stating the size if the system cannot supply the region.
     */
    public BumpArena(final long capacity)
    {
        Bounds.checkNonNegative(capacity);
        if (capacity > MAX_CAPACITY)
        {
            throw new OutOfMemoryError(
                "cannot allocate a BumpArena of " + capacity + " bytes: more than the largest capacity " + MAX_CAPACITY);
        }
        this.region = Memory.allocate(Math.max(capacity, 1L), REGION_ALIGNMENT);
        this.base = region;
        this.capacity = capacity;
        this.owner = Checks.ownerForNewObject();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Zero garbage; O(1). With capacity 16, allocating 8 bytes succeeds and then allocating 9
     * returns {@code 0} with {@link #used()} still 8.
     */
    @Override
    public long allocate(final long size, final int alignment)
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        Bounds.checkNonNegative(size);
        Alignment.check(alignment);
        final long mask = alignment - 1L;
        final long start = (offset + mask) & ~mask;
        if (size > capacity - start)
        {
            return 0;
        }
        if (0 != size)
        {
            offset = start + size;
        }
        return base + start;
    }

    /** {@inheritDoc} */
    @Override
    public long used()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        return offset;
    }

    /** {@inheritDoc} */
    @Override
    public long capacity()
    {
        return capacity;
    }

    /** {@inheritDoc} */
    @Override
    public long remaining()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        return capacity - offset;
    }

    /**
     * The region's first byte: the address the first allocation of any alignment returns.
     *
     * @return the base address, borrowed; 0 once closed.
     */
    public long baseAddress()
    {
        return base;
    }

    /** {@inheritDoc} */
    @Override
    public void reset()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
            Memory.fill(base, offset, MemoryChecks.POISON);
        }
        offset = 0;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isClosed()
    {
        return 0 == base;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Frees the region with {@code Memory.free}; in checked mode it is poisoned and its free
     * site recorded.
     */
    @Override
    public void close()
    {
        Checks.checkOwner(owner, NAME);
        if (0 != base)
        {
            base = 0;
            capacity = 0;
            offset = 0;
            Memory.free(region, REGION_ALIGNMENT);
        }
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "BumpArena{base=0x" + Long.toHexString(base) + ", used=" + offset + ", capacity=" + capacity + '}';
    }

    private void checkUsable()
    {
        Checks.checkOwner(owner, NAME);
        if (0 == base)
        {
            throw new IllegalStateException(NAME + " used after close: region " + MemoryChecks.describe(region));
        }
    }
}
