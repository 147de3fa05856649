package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;

/**
 * Initialises a block as it leaves a pool, writing only the bytes the caller needs. A reused block
 * is not zeroed unless the initialiser does it ({@link #ZEROED}), so a 1 KiB block whose user
 * reads a 16-byte header costs 16 bytes of writes.
 *
 * <p>Called once, on the allocating thread. A non-capturing lambda or a reused instance keeps the
 * allocation free of garbage.
 *
 * <p>Ported from refpool's {@code PoolDefault}.
 */
@FunctionalInterface
public interface BlockInitialiser
{
    /** Zeroes the whole block. */
    BlockInitialiser ZEROED = (address, length) -> Memory.fill(address, length, (byte)0);

    /**
     * Writes the new block's initial bytes. The block holds whatever it held before (old
     * contents of a reused block, or poison in checked mode): write every byte that will be read.
     * If this method throws, the block goes back to the pool and the exception reaches the caller.
     *
     * @param address the block, borrowed for the call: the caller of {@code allocate} owns it.
     * @param length  the pool's block size: bytes from {@code address} that may be written.
     */
    void initialise(long address, int length);
}
