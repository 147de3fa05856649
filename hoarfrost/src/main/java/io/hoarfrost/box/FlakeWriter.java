package io.hoarfrost.box;

import org.agrona.MutableDirectBuffer;

/**
 * Fills the bytes of a new {@link Flake} in place, where they will live: the placement
 * counterpart of {@link Flake#copyOf(byte[])}, with no intermediate copy.
 *
 * <p>Called once, on the thread that calls {@link Flake#allocate(int, FlakeWriter)}. A
 * non-capturing lambda or a reused instance keeps the call free of garbage.
 */
@FunctionalInterface
public interface FlakeWriter
{
    /**
     * Writes the new Flake's bytes.
     *
     * <p>The buffer is uninitialised (whatever the allocator handed out): write every byte that
     * will be read. It is borrowed: it is the Flake's own view ({@link Flake#buffer()}), valid
     * until the Flake is closed. If this method throws, the block is freed, the view is detached
     * and the exception reaches the caller of {@code allocate}.
     *
     * @param buffer a view of exactly the Flake's bytes: indices 0 to {@code capacity() - 1}.
     */
    void write(MutableDirectBuffer buffer);
}
