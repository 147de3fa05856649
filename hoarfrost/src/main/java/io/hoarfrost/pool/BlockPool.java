package io.hoarfrost.pool;

import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.TrackedBlock;

import java.util.List;

/**
 * A pool of fixed-size blocks: {@link Pool} (one thread) and {@link ConcurrentPool} (any thread).
 * As an {@link Allocator} it places any block that fits its block size and alignment, so a Flake,
 * a Rime or an array can live in a pool with no new type.
 */
public interface BlockPool extends Allocator, AutoCloseable
{
    /**
     * Takes a block. Its bytes are not initialised: they hold what the block held before.
     *
     * @return the block's address, {@link #blockSize()} bytes at {@link #alignment()}; never 0.
     *         The caller owns it until {@link #free(long)}.
     * @throws IllegalStateException if the pool is closed, or (checked mode) used from a thread
     *                               it is confined away from.
     * @throws OutOfMemoryError      if the pool must grow and native memory runs out.
     */
    long allocate();

    /**
     * Takes a block and initialises it. If the initialiser throws, the block goes back to the
     * pool and the exception propagates.
     *
     * @param initialiser writes the bytes the caller needs; {@link BlockInitialiser#ZEROED}
     *                    zeroes the block.
     * @return the block's address, owned by the caller until {@link #free(long)}.
     * @throws IllegalStateException if the pool is closed, or (checked mode) misused.
     */
    default long allocate(final BlockInitialiser initialiser)
    {
        final long block = allocate();
        try
        {
            initialiser.initialise(block, blockSize());
        }
        catch (final Throwable ex)
        {
            free(block);
            throw ex;
        }
        return block;
    }

    /**
     * Gives a block back. The caller no longer owns it. Legal after {@link #close()} for a block
     * that was out at close.
     *
     * @param block a block this pool handed out and that has not been freed since.
     * @throws IllegalArgumentException if {@code block} is 0.
     * @throws IllegalStateException    if the pool is closed and the block lies in none of the
     *                                  slabs it kept; in checked mode also on a double free or a
     *                                  block that is not this pool's (or not out at close), naming
     *                                  the allocation and free sites (the pool is unchanged then).
     */
    void free(long block);

    /**
     * The usable bytes of every block.
     *
     * @return from 1 to {@link Pool#MAX_BLOCK_SIZE}.
     */
    int blockSize();

    /**
     * The alignment of every block's address.
     *
     * @return a power of two from 1 to 4096.
     */
    int alignment();

    /**
     * Blocks handed out and not yet freed (after close: out at close and not back yet). Exact for
     * a {@link Pool}; for a {@link ConcurrentPool}, exact when no other thread is using it.
     *
     * @return the count.
     */
    long outstanding();

    /**
     * In checked mode, the blocks of this pool still out, each with its allocation site: after
     * {@link #close()}, those the pool still waits for.
     *
     * @return a snapshot, by address; the caller owns the list, not the blocks. Empty when checked
     *         mode is off.
     */
    List<TrackedBlock> outstandingBlocks();

    /**
     * Places a block of up to {@link #blockSize()} bytes at up to {@link #alignment()}: one of
     * the pool's blocks, uninitialised.
     *
     * @param size      bytes, from 1 to {@link #blockSize()}.
     * @param alignment a power of two, at most {@link #alignment()}.
     * @return the block's address, owned by the caller until freed.
     * @throws IllegalArgumentException naming the value and the limit if the size or the
     *                                  alignment does not fit the pool's blocks.
     */
    @Override
    default long allocate(final long size, final int alignment)
    {
        PoolTracking.checkFits(size, alignment, blockSize(), alignment());
        return allocate();
    }

    /**
     * Gives back a block placed by {@link #allocate(long, int)}: the same as {@link #free(long)}.
     *
     * @param address   the block.
     * @param size      the size it was allocated with (not needed: every block has the pool's size).
     * @param alignment the alignment it was allocated with (not needed).
     * @throws IllegalArgumentException if {@code address} is 0.
     * @throws IllegalStateException    as {@link #free(long)}.
     */
    @Override
    default void free(final long address, final long size, final int alignment)
    {
        free(address);
    }

    /**
     * Closes the pool: gives back to the system every pooled block and every slab with no block
     * out. A slab with blocks out stays allocated until the last of them comes back through
     * {@link #free(long)}, which frees it; the blocks stay valid and owned by their holders.
     * Idempotent; afterwards {@link #allocate()} throws {@link IllegalStateException}.
     */
    @Override
    void close();
}
