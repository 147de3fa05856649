package io.hoarfrost.pool;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.TrackedBlock;
import io.hoarfrost.memory.internal.Checks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What pools share about checked mode and argument checks: the kind under which a pool's blocks
 * are tracked (unique per pool, so a block freed into the wrong pool is caught), the blocks a
 * pool has out (what a closed pool still waits for), frees into a closed pool, and the check that
 * an {@code Allocator} request fits a block.
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
     * In checked mode, the blocks a pool has out, with their allocation sites; empty otherwise.
     */
    static List<TrackedBlock> outstandingBlocks(final String kind)
    {
        final List<TrackedBlock> out = new ArrayList<>();
        for (final TrackedBlock block : MemoryChecks.leaks())
        {
            if (block.kind().equals(kind))
            {
                out.add(block);
            }
        }
        return out;
    }

    /**
     * In checked mode, the free of a block into a closed pool: untracks it if the pool had it out,
     * otherwise throws, naming the pool as closed and what checked mode knows of the address.
     */
    static void untrackAfterClose(final long block, final String poolName, final String kind)
    {
        try
        {
            Checks.untrack(block, kind);
        }
        catch (final IllegalStateException ex)
        {
            throw new IllegalStateException(
                poolName + " is closed and 0x" + Long.toHexString(block) + " was not out when it closed: " +
                ex.getMessage(), ex);
        }
    }

    /**
     * In checked mode, the bookkeeping of a block given back to a pool: untracks it (once the pool
     * is closed, as {@link #untrackAfterClose}) and poisons its bytes. Throws, changing nothing,
     * if the pool did not have the block out.
     */
    static void untrackFreed(
        final long block, final int blockSize, final String poolName, final String kind, final boolean closed)
    {
        if (closed)
        {
            untrackAfterClose(block, poolName, kind);
        }
        else
        {
            Checks.untrack(block, kind);
        }
        Memory.fill(block, blockSize, MemoryChecks.POISON);
    }

    /**
     * The exception for a free of block 0.
     */
    static IllegalArgumentException freeOfZero(final String poolName)
    {
        return new IllegalArgumentException("cannot free block 0 into " + poolName);
    }

    /**
     * The exception for a free into a closed pool of a block none of its kept slabs had out.
     */
    static IllegalStateException notOutAtClose(final long block, final String poolName)
    {
        return new IllegalStateException(
            "free of 0x" + Long.toHexString(block) + ": " + poolName + " is closed and the block was not out when it closed");
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
