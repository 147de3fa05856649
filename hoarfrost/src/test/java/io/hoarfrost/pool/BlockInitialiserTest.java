package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

/** refpool's PoolDefault: a reused block is initialised only as far as the caller asks. */
public class BlockInitialiserTest
{
    private static final int BLOCK_SIZE = 64;
    private static final long TAIL = 7;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void aReusedBlockKeepsTheBytesTheInitialiserDoesNotWrite()
    {
        try (Pool pool = Pool.create(BLOCK_SIZE, 1))
        {
            final long first = pool.allocate();
            Memory.putLong(first + 8, TAIL);
            Memory.putLong(first + 56, TAIL);
            pool.free(first);

            final long second = pool.allocate((address, length) ->
            {
                assertEquals(BLOCK_SIZE, length);
                Memory.putLong(address, 42L);
            });
            assertEquals("the pooled block is reused", first, second);
            assertEquals(42L, Memory.getLong(second));
            final long untouched = MemoryChecks.ENABLED ? poison() : TAIL;
            assertEquals("not zeroed", untouched, Memory.getLong(second + 8));
            assertEquals("not zeroed", untouched, Memory.getLong(second + 56));
            pool.free(second);
        }
    }

    @Test
    public void zeroedZeroesTheWholeBlock()
    {
        for (final BlockPool pool : new BlockPool[]{ Pool.create(BLOCK_SIZE, 1), ConcurrentPool.create(BLOCK_SIZE) })
        {
            try (BlockPool closing = pool)
            {
                final long dirty = closing.allocate();
                Memory.fill(dirty, BLOCK_SIZE, (byte)0x5A);
                closing.free(dirty);
                final long block = closing.allocate(BlockInitialiser.ZEROED);
                for (int i = 0; i < BLOCK_SIZE; i++)
                {
                    assertEquals(0, Memory.getByte(block + i));
                }
                closing.free(block);
            }
        }
    }

    @Test
    public void aFailingInitialiserReturnsTheBlock()
    {
        try (Pool pool = Pool.create(BLOCK_SIZE, 4))
        {
            final IllegalStateException failure = new IllegalStateException("boom");
            final IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.allocate(
                (address, length) ->
                {
                    throw failure;
                }));
            assertSame(failure, thrown);
            assertEquals(0, pool.outstanding());
            assertEquals(1, pool.pooled());
        }
    }

    private static long poison()
    {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++)
        {
            value = (value << 8) | (MemoryChecks.POISON & 0xFF);
        }
        return value;
    }
}
