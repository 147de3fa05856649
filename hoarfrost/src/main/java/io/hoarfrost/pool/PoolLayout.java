package io.hoarfrost.pool;

import io.hoarfrost.memory.Alignment;

/**
 * The layouts of a pool's memory, spelled out once: free blocks, slabs and loose blocks.
 *
 * <p><b>Free block</b> (in a {@link Pool}'s free list): the link to the next free block lives in
 * the block itself, so a pooled block costs no memory beyond its own bytes. The rest of the block
 * keeps whatever it held (in checked mode, {@code MemoryChecks.POISON}).
 * <pre>
 *   0                 LINK_LENGTH                                  stride
 *   +-----------------+--------------------------------------------+
 *   | next free block | old contents (not zeroed)                  |
 *   +-----------------+--------------------------------------------+
 *   NEXT_OFFSET
 * </pre>
 *
 * <p><b>Slab</b>: one native allocation holding many blocks, {@code stride} bytes apart. The
 * header is padding that keeps block 0 off the slab's own address, so checked mode can track the
 * slab (a native block) and its first pool block separately.
 * <pre>
 *   0              header          header + stride        header + (n - 1) * stride
 *   +--------------+---------------+---------------+------+---------------+
 *   | padding      | block 0       | block 1       | ...  | block n - 1   |
 *   +--------------+---------------+---------------+------+---------------+
 *   slabHeader(alignment) = max(SLAB_HEADER_MIN, alignment)
 * </pre>
 *
 * <p><b>Loose block</b> ({@link Pool} only): a block taken beyond what the slabs hold, one native
 * allocation each. Its header links every loose block of the pool into one list, so
 * {@link Pool#close()} frees them even while they are out.
 * <pre>
 *   0              8               looseHeader                 looseHeader + stride
 *   +--------------+---------------+---------+-----------------+
 *   | prev loose   | next loose    | padding | block           |
 *   +--------------+---------------+---------+-----------------+
 *   LOOSE_PREV_OFFSET LOOSE_NEXT_OFFSET       (the address handed out)
 *   looseHeader(alignment) = max(LOOSE_HEADER_MIN, alignment)
 * </pre>
 */
final class PoolLayout
{
    /** Offset of the next-free-block link within a free block. */
    static final int NEXT_OFFSET = 0;

    /** Bytes of the free-list link: the smallest stride of a {@link Pool}. */
    static final int LINK_LENGTH = Long.BYTES;

    /** Smallest slab header: one word. */
    static final int SLAB_HEADER_MIN = Long.BYTES;

    /** Offset of the previous loose block's address in a loose block's header. */
    static final int LOOSE_PREV_OFFSET = 0;

    /** Offset of the next loose block's address in a loose block's header. */
    static final int LOOSE_NEXT_OFFSET = LOOSE_PREV_OFFSET + Long.BYTES;

    /** Smallest loose header: the two links. */
    static final int LOOSE_HEADER_MIN = LOOSE_NEXT_OFFSET + Long.BYTES;

    /** Largest block of any pool: 16 MiB. Bigger blocks belong on the native heap or an arena. */
    static final int MAX_BLOCK_SIZE = 1 << 24;

    /** Slabs start at about this many bytes (at least one block) ... */
    static final int MIN_SLAB_BYTES = 4 * 1024;

    /** ... and double as the pool grows, up to this many bytes (at least one block). */
    static final int MAX_SLAB_BYTES = 1024 * 1024;

    private PoolLayout()
    {
    }

    /**
     * Bytes before block 0 of a slab.
     *
     * @param alignment the pool's block alignment.
     * @return a multiple of {@code alignment}, at least {@link #SLAB_HEADER_MIN}.
     */
    static int slabHeader(final int alignment)
    {
        return Math.max(SLAB_HEADER_MIN, alignment);
    }

    /**
     * Bytes before a loose block.
     *
     * @param alignment the pool's block alignment.
     * @return a multiple of {@code alignment}, at least {@link #LOOSE_HEADER_MIN}.
     */
    static int looseHeader(final int alignment)
    {
        return Math.max(LOOSE_HEADER_MIN, alignment);
    }

    /**
     * Distance between consecutive blocks in a slab.
     *
     * @param blockSize the usable bytes of a block.
     * @param minStride the smallest stride (the free-list link, or 1).
     * @param alignment the block alignment.
     * @return {@code max(blockSize, minStride)} rounded up to {@code alignment}.
     */
    static int stride(final int blockSize, final int minStride, final int alignment)
    {
        return (int)Alignment.alignUp(Math.max(blockSize, minStride), alignment);
    }

    /**
     * Checks a block size.
     *
     * @param blockSize the size to check.
     * @return the size, for chaining.
     * @throws IllegalArgumentException naming the size and the limit if it is not from 1 to
     *                                  {@link #MAX_BLOCK_SIZE}.
     */
    static int checkBlockSize(final int blockSize)
    {
        if (blockSize <= 0 || blockSize > MAX_BLOCK_SIZE)
        {
            throw new IllegalArgumentException(
                "block size " + blockSize + " must be from 1 to " + MAX_BLOCK_SIZE + " bytes");
        }
        return blockSize;
    }
}
