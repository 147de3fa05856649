package io.hoarfrost.pool;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.TrackedBlock;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What pools share about checked mode and argument checks: the kind under which a pool's blocks
 * are tracked (unique per pool, so a block freed into the wrong pool is caught), the report of a
 * pool closed with blocks out, and the check that an {@code Allocator} request fits a block.
 */
final class PoolTracking
{
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private PoolTracking()
    {
    }

    /**
     * A name for a new pool, unique in this JVM.
     *
     * @param type the pool's class name.
     */
    static String newPoolName(final String type)
    {
        return type + "#" + POOL_IDS.incrementAndGet();
    }

    /**
     * The kind under which a pool tracks the blocks it hands out.
     */
    static String blockKind(final String poolName, final int blockSize)
    {
        return poolName + " block (" + blockSize + " B)";
    }

    /**
     * In checked mode, ends the tracking of the blocks a closed pool still had out (their memory
     * is gone, so later use is use after free) and builds the exception that reports them.
     */
    static IllegalStateException closedWithBlocksOut(final String poolName, final String kind, final long outstanding)
    {
        TrackedBlock first = null;
        for (final TrackedBlock block : MemoryChecks.leaks())
        {
            if (block.kind().equals(kind))
            {
                if (null == first)
                {
                    first = block;
                }
                MemoryChecks.untrack(block.address(), kind);
            }
        }
        return new IllegalStateException(
            poolName + " closed with " + outstanding + " block(s) still out; their memory is freed" +
            (null == first ? "" : "; the first was " + first.describe()));
    }

    /**
     * Checks that an {@code Allocator} request fits a pool's blocks.
     *
     * @throws IllegalArgumentException naming the value and the limit if it does not.
     */
    static void checkFits(final long size, final int alignment, final int blockSize, final int blockAlignment)
    {
        if (size <= 0 || size > blockSize)
        {
            throw new IllegalArgumentException(
                "size " + size + " must be from 1 to the pool's block size " + blockSize);
        }
        if (!Alignment.isValid(alignment) || alignment > blockAlignment)
        {
            throw new IllegalArgumentException(
                "alignment " + alignment + " must be a power of two no greater than the pool's alignment " +
                blockAlignment);
        }
    }
}
