package io.hoarfrost.arena;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.internal.Checks;

import java.io.IOException;

/**
 * What {@link LazyArena} and {@link MappedArena} share: a {@link LazyRegion} mapped in chunks, an
 * allocation position, the reserve, and the accessors and checks over them. Package-private: its
 * public methods are documented on, and called through, the two arenas.
 *
 * <p>Closed is {@code region == null}; closing sets the limit to -1 so that the unchecked paths
 * see a full arena and {@link #capacity()} and {@link #remaining()} read 0.
 */
abstract class RegionArena implements Arena
{
    final long reserved;
    final long chunkSize;
    final int chunkShift;
    final Thread owner;
    LazyRegion region;
    long limit;
    long position;

    RegionArena(final long reserved, final long chunkSize, final long position)
    {
        this.reserved = reserved;
        this.chunkSize = chunkSize;
        this.chunkShift = Long.numberOfTrailingZeros(chunkSize);
        this.limit = reserved;
        this.position = position;
        this.owner = Checks.ownerForNewObject();
    }

    /** The arena's kind and, for a file, its path: the subject of messages. */
    abstract String describe();

    /** {@inheritDoc} */
    @Override
    public long used()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        return position;
    }

    /**
     * {@inheritDoc}
     *
     * @return the reserve; 0 once closed.
     */
    @Override
    public long capacity()
    {
        return Math.max(limit, 0);
    }

    /**
     * {@inheritDoc}
     *
     * @return the bytes left; 0 once closed (checked mode throws instead, as for {@link #used()}).
     */
    @Override
    public long remaining()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        return Math.max(limit - position, 0);
    }

    /**
     * The address range reserved, in bytes, whether committed or not.
     *
     * @return the reserve, even once closed.
     */
    public long reserved()
    {
        return reserved;
    }

    /**
     * Bytes whose pages the file system has allocated: grows in steps of
     * {@link LazyArena#COMMIT_STEP} ahead of allocation and never shrinks, not even on
     * {@code reset()}. For a {@link MappedArena}, not to be confused with its committed length.
     *
     * @return the committed bytes; 0 once closed.
     */
    public long committed()
    {
        return null == region ? 0 : region.committed();
    }

    /**
     * Bytes per mapping, and so the most one allocation can span.
     *
     * @return the chunk size.
     */
    public long chunkSize()
    {
        return chunkSize;
    }

    /**
     * Why the last commit of pages failed: an {@link IOException} whose message is the OS's reason
     * (for example {@code "No space left on device"}), like linalloc's {@code last_os_error_code}.
     * Kept until the next failure.
     *
     * @return the last commit failure, or null if none.
     */
    public IOException lastError()
    {
        return null == region ? null : region.lastError();
    }

    /**
     * The offset of an address in this arena's mapping.
     *
     * @param address an address this arena handed out.
     * @return its offset from the start of the arena (for a {@link MappedArena}, valid across
     * reopening).
     * @throws IllegalArgumentException naming the address if it is not inside the arena.
     * @throws IllegalStateException    in checked mode, if the arena is closed or used from a
     *                                  thread other than its owner.
     */
    public long offsetOf(final long address)
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        final long found = null == region ? -1 : region.mapping().offsetOf(address);
        if (found < 0)
        {
            throw new IllegalArgumentException("address 0x" + Long.toHexString(address) + " is not inside " + this);
        }
        return found;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isClosed()
    {
        return null == region;
    }

    /**
     * The region, for tests that need to break its file; null once closed.
     */
    LazyRegion region()
    {
        return region;
    }

    /** Marks the arena closed for the accessors: full, nothing used. */
    final void markClosed()
    {
        limit = -1;
        position = 0;
    }

    final void checkUsable()
    {
        Checks.checkOwner(owner, describe());
        openRegion();
    }

    /** The region, or an {@code IllegalStateException} rather than a null dereference once closed. */
    final LazyRegion openRegion()
    {
        final LazyRegion open = region;
        if (null == open)
        {
            throw new IllegalStateException(describe() + " used after close (reserved " + reserved + " bytes)");
        }
        return open;
    }

    static int checkChunkSize(final long chunkSize)
    {
        if (chunkSize < LazyArena.MIN_CHUNK_SIZE || chunkSize > LazyArena.MAX_CHUNK_SIZE || 0 != (chunkSize & (chunkSize - 1)))
        {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is not a power of two from " +
                LazyArena.MIN_CHUNK_SIZE + " to " + LazyArena.MAX_CHUNK_SIZE);
        }
        return Long.numberOfTrailingZeros(chunkSize);
    }

    static void checkChunkCount(final long reserve, final long chunkSize)
    {
        if ((reserve - 1) / chunkSize >= LazyArena.MAX_CHUNKS)
        {
            throw new IllegalArgumentException(
                "reserve " + reserve + " needs more than " + LazyArena.MAX_CHUNKS + " chunks of " + chunkSize + " bytes");
        }
    }
}
