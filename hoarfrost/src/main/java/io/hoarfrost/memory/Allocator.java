package io.hoarfrost.memory;

/**
 * Places blocks of memory: the native heap, a pool or an arena. Every primitive takes one, so
 * "a Rime in a pool" or "a Flake in an arena" needs no new type.
 *
 * <p>Like Rust's {@code GlobalAlloc}, the caller passes the block's layout (size and alignment)
 * back on {@link #free(long, long, int)}: allocators need no per-block header to know it.
 *
 * <p>Implementations state their threading contract.
 */
public interface Allocator
{
    /**
     * Allocates a block.
     *
     * @param size      bytes, positive (some allocators, such as arenas, also accept 0).
     * @param alignment a power of two from 1 to 4096.
     * @return the block's address, owned by the caller until freed; {@code 0} only from
     * allocators that document it (a full arena), never from {@link NativeAllocator}.
     * @throws IllegalArgumentException naming the value if the size or alignment is invalid.
     * @throws OutOfMemoryError         stating the size if memory cannot be had.
     */
    long allocate(long size, int alignment);

    /**
     * Gives a block back. The caller no longer owns it.
     *
     * @param address   the address {@link #allocate(long, int)} returned.
     * @param size      the size it was allocated with.
     * @param alignment the alignment it was allocated with.
     * @throws IllegalStateException in checked mode, on a double free or a foreign address.
     */
    void free(long address, long size, int alignment);

    /**
     * Whether {@link #free(long, long, int)} gives memory back one block at a time. Arenas return
     * false: they free in bulk on reset or close.
     *
     * @return true unless frees are deferred to a bulk release.
     */
    default boolean freesIndividually()
    {
        return true;
    }
}
