package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;

import java.util.Arrays;

/**
 * The slabs of one pool: native allocations of many blocks each (see {@link PoolLayout}), kept
 * sorted by address so that a block's slab is found by binary search, and a bump region of fresh
 * blocks (never handed out yet) in the newest slab.
 *
 * <p>Slabs grow geometrically: the first holds about {@link PoolLayout#MIN_SLAB_BYTES}, each next
 * one as many blocks as all slabs so far, up to {@link PoolLayout#MAX_SLAB_BYTES} (never less
 * than one block). A few slabs cover a small pool; a large one needs a slab per megabyte.
 *
 * <p>Not thread-safe: {@link Pool} is confined, {@link ConcurrentPool} holds its lock.
 */
final class Slabs
{
    private static final int INITIAL_SLOTS = 8;

    private final int stride;
    private final int alignment;
    private final int header;
    private final int minSlabBlocks;
    private final int maxSlabBlocks;
    private long[] starts = new long[INITIAL_SLOTS];
    private long[] ends = new long[INITIAL_SLOTS];
    private int[] scratch = new int[INITIAL_SLOTS];
    private int count;
    private long blocks;
    private long bytes;
    private long freshNext;
    private long freshEnd;

    Slabs(final int stride, final int alignment)
    {
        this.stride = stride;
        this.alignment = alignment;
        this.header = PoolLayout.slabHeader(alignment);
        this.minSlabBlocks = Math.max(1, PoolLayout.MIN_SLAB_BYTES / stride);
        this.maxSlabBlocks = Math.max(1, PoolLayout.MAX_SLAB_BYTES / stride);
    }

    /** Blocks in all slabs, fresh or not. */
    long blocks()
    {
        return blocks;
    }

    /** Native bytes of all slabs. */
    long bytes()
    {
        return bytes;
    }

    /** Number of slabs. */
    int count()
    {
        return count;
    }

    /** Blocks of the newest slab never handed out yet. */
    long freshRemaining()
    {
        return (freshEnd - freshNext) / stride;
    }

    /** The next fresh block, or 0 when the fresh region is used up. */
    long carve()
    {
        final long block = freshNext;
        if (block < freshEnd)
        {
            freshNext = block + stride;
            return block;
        }
        return 0;
    }

    /** Drops the fresh region: its blocks will never be carved (a closing pool). */
    void retireFresh()
    {
        freshNext = 0;
        freshEnd = 0;
    }

    /**
     * For close: retires the fresh region (see {@link #retireFresh()}) and counts, per slab, the
     * blocks ever carved from it, for the caller to discount the free ones from.
     *
     * @return a new counter per slab, by slab index.
     */
    int[] retireFreshCountingCarved()
    {
        final int[] carved = new int[count];
        for (int i = 0; i < count; i++)
        {
            carved[i] = (int)blocksIn(i);
        }
        final int freshIndex = freshIndex();
        if (freshIndex >= 0)
        {
            carved[freshIndex] -= (int)freshRemaining();
            retireFresh();
        }
        return carved;
    }

    /**
     * How many blocks the next slab should hold.
     *
     * @param limit the most blocks the caller allows (a pool's remaining budget), positive.
     */
    int nextSlabBlocks(final long limit)
    {
        final long target = Math.max(minSlabBlocks, Math.min(blocks, maxSlabBlocks));
        return (int)Math.min(target, limit);
    }

    /**
     * Allocates a slab of {@code slabBlocks} blocks, which become the fresh region. Call only when
     * the fresh region is used up.
     *
     * @throws OutOfMemoryError if native memory runs out; nothing changes then.
     */
    void grow(final int slabBlocks)
    {
        final long size = header + (long)slabBlocks * stride;
        final long base = Memory.allocate(size, alignment);
        final long start = base + header;
        final long end = start + (long)slabBlocks * stride;
        if (count == starts.length)
        {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            scratch = new int[count * 2];
        }
        int i = count;
        while (i > 0 && starts[i - 1] > start)
        {
            starts[i] = starts[i - 1];
            ends[i] = ends[i - 1];
            i--;
        }
        starts[i] = start;
        ends[i] = end;
        count++;
        blocks += slabBlocks;
        bytes += size;
        freshNext = start;
        freshEnd = end;
    }

    /**
     * The index of the slab holding {@code address}, or -1 if no slab does.
     */
    int indexOf(final long address)
    {
        int low = 0;
        int high = count - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            if (starts[mid] <= address)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return high >= 0 && address < ends[high] ? high : -1;
    }

    /** Whether {@code address} lies in one of the slabs. */
    boolean contains(final long address)
    {
        return indexOf(address) >= 0;
    }

    /** Blocks of slab {@code index}. */
    long blocksIn(final int index)
    {
        return (ends[index] - starts[index]) / stride;
    }

    /** The index of the slab holding the fresh region, or -1 if it is used up. */
    int freshIndex()
    {
        return freshNext < freshEnd ? indexOf(freshNext) : -1;
    }

    /** A zeroed counter per slab, for a caller that tallies blocks by slab (trim). */
    int[] zeroedScratch()
    {
        Arrays.fill(scratch, 0, count, 0);
        return scratch;
    }

    /**
     * For trim: given the free blocks of each slab tallied in {@code free} (from
     * {@link #zeroedScratch()}), adds the fresh blocks and marks with -1 each slab all of whose
     * blocks are free.
     *
     * @return whether any slab is marked.
     */
    boolean markAllFree(final int[] free)
    {
        final int freshIndex = freshIndex();
        if (freshIndex >= 0)
        {
            free[freshIndex] += (int)freshRemaining();
        }
        boolean any = false;
        for (int i = 0; i < count; i++)
        {
            if (free[i] == blocksIn(i))
            {
                free[i] = -1;
                any = true;
            }
        }
        return any;
    }

    /**
     * Frees each slab that {@link #markAllFree(int[])} marked in {@code free}, with no slab
     * added or freed since.
     *
     * @return the native bytes given back.
     */
    long releaseMarked(final int[] free)
    {
        long released = 0;
        for (int i = count - 1; i >= 0; i--)
        {
            if (free[i] < 0)
            {
                released += release(i);
            }
        }
        return released;
    }

    /**
     * Frees slab {@code index} (and with it the fresh region, if it is there); later slabs move
     * down one index.
     *
     * @return the native bytes given back.
     */
    long release(final int index)
    {
        final long start = starts[index];
        final long end = ends[index];
        if (freshNext >= start && freshNext < end)
        {
            freshNext = 0;
            freshEnd = 0;
        }
        final long size = header + (end - start);
        Memory.free(start - header, alignment);
        System.arraycopy(starts, index + 1, starts, index, count - index - 1);
        System.arraycopy(ends, index + 1, ends, index, count - index - 1);
        count--;
        blocks -= (end - start) / stride;
        bytes -= size;
        return size;
    }

    /**
     * Frees every slab.
     *
     * @return the native bytes given back.
     */
    long releaseAll()
    {
        long released = 0;
        while (count > 0)
        {
            released += release(count - 1);
        }
        return released;
    }
}
