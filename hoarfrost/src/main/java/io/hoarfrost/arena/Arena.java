package io.hoarfrost.arena;

import io.hoarfrost.memory.Allocator;

/**
 * A bump allocator over one fixed reservation: {@link BumpArena} (native memory),
 * {@link LazyArena} (reserved address space, committed as allocation reaches it) and
 * {@link MappedArena} (a persistent file). Allocation moves an offset forward; nothing is freed
 * one block at a time: {@link #free(long, long, int)} is a no-op and {@link #reset()} or
 * {@link #close()} releases everything at once.
 */
public interface Arena extends Allocator, AutoCloseable
{
    /**
     * Allocates {@code size} bytes at an address that is a multiple of {@code alignment},
     * uninitialised, or returns {@code 0} when the arena cannot place them. A failed allocation
     * changes nothing.
     *
     * @param size      bytes, zero or more.
     * @param alignment a power of two from 1 to 4096, honoured exactly (1 packs bytes with no
     *                  padding).
     * @return the address, borrowed from the arena until {@link #reset()} or {@link #close()};
     * or {@code 0} when the arena is full.
     * @throws IllegalArgumentException naming the value if the size is negative or the alignment
     *                                  is invalid.
     * @throws IllegalStateException    in checked mode, if the arena is closed or used from a
     *                                  thread other than its owner.
     */
    @Override
    long allocate(long size, int alignment);

    /**
     * Does nothing: arenas free in bulk on {@link #reset()} and {@link #close()}.
     *
     * @param address   ignored.
     * @param size      ignored.
     * @param alignment ignored.
     */
    @Override
    default void free(final long address, final long size, final int alignment)
    {
    }

    /**
     * Arenas do not free blocks one at a time.
     *
     * @return false.
     */
    @Override
    default boolean freesIndividually()
    {
        return false;
    }

    /**
     * Bytes consumed so far: the offset just past the last allocation, padding included.
     *
     * @return the used bytes, from 0 to {@link #capacity()}.
     * @throws IllegalStateException in checked mode, if the arena is closed or used from a thread
     *                               other than its owner.
     */
    long used();

    /**
     * Bytes the arena can ever hand out: its fixed capacity or reservation.
     *
     * @return the capacity in bytes; 0 once closed.
     */
    long capacity();

    /**
     * Bytes not yet consumed: {@code capacity() - used()}. An allocation of this size may still
     * fail when alignment padding, or a chunk boundary in a mapped arena, does not leave room.
     *
     * @return the remaining bytes.
     * @throws IllegalStateException in checked mode, if the arena is closed or used from a thread
     *                               other than its owner.
     */
    long remaining();

    /**
     * Releases every allocation at once: the next allocation starts at offset 0 again, so it
     * returns the address the first allocation returned. Every address handed out before becomes
     * invalid. In checked mode the released bytes are poisoned with
     * {@link io.hoarfrost.memory.MemoryChecks#POISON}, so a stale read shows it.
     *
     * @throws IllegalStateException in checked mode, if the arena is closed or used from a thread
     *                               other than its owner.
     */
    void reset();

    /**
     * Whether {@link #close()} has run.
     *
     * @return true once closed.
     */
    boolean isClosed();

    /**
     * Releases the arena's memory. Idempotent: a second call does nothing. Every address handed
     * out becomes invalid; unchecked, a later allocation returns {@code 0}.
     *
     * @throws IllegalStateException in checked mode, if called from a thread other than the owner.
     */
    @Override
    void close();
}
