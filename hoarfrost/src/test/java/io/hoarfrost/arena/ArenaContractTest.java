package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * The behaviour every {@link Arena} shares, run against each implementation (as JCTools'
 * QueueSanityTest). Subclasses create the arena and say where an address lies.
 */
public abstract class ArenaContractTest
{
    protected static final long CAPACITY = 64 * 1024;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    protected Arena arena;

    /**
     * A new arena of {@link #CAPACITY} bytes, confined to the calling thread.
     */
    protected abstract Arena newArena() throws Exception;

    /**
     * The offset of an address the arena handed out.
     */
    protected abstract long offsetOf(Arena arena, long address);

    /**
     * What {@link Arena#used()} reads after an allocation of {@code size} bytes at {@code offset}.
     */
    protected long usedAfter(final long offset, final long size)
    {
        return offset + size;
    }

    @Before
    public void createArena() throws Exception
    {
        arena = newArena();
    }

    @After
    public void closeArena()
    {
        arena.close();
    }

    @Test
    public void honoursEveryAlignmentFromOneTo4096AndUsedIsTheEndOffset()
    {
        for (int alignment = 1; alignment <= Alignment.MAX_ALIGNMENT; alignment <<= 1)
        {
            final long address = arena.allocate(3, alignment);
            assertNotEquals("alignment " + alignment, 0, address);
            assertTrue("alignment " + alignment, Alignment.isAligned(address, alignment));
            assertEquals(usedAfter(offsetOf(arena, address), 3), arena.used());
            assertEquals(arena.capacity() - arena.used(), arena.remaining());
        }
    }

    @Test
    public void allocationsDoNotOverlap()
    {
        final long[] addresses = new long[64];
        for (int i = 0; i < addresses.length; i++)
        {
            addresses[i] = arena.allocate(1 + i % 13, 1 << (i % 5));
            assertNotEquals(0, addresses[i]);
            Memory.fill(addresses[i], 1 + i % 13, (byte)i);
        }
        for (int i = 0; i < addresses.length; i++)
        {
            for (int j = 0; j < 1 + i % 13; j++)
            {
                assertEquals((byte)i, Memory.getByte(addresses[i] + j));
            }
        }
    }

    @Test
    public void aFailedAllocationDoesNotMoveTheOffset()
    {
        assertNotEquals(0, arena.allocate(100, 8));
        final long used = arena.used();
        assertEquals(0, arena.allocate(CAPACITY, 8));
        assertEquals(used, arena.used());
        assertNotEquals(0, arena.allocate(100, 8));
    }

    @Test
    public void fillsUpThenReturnsZero()
    {
        int allocations = 0;
        while (0 != arena.allocate(100, 1))
        {
            allocations++;
            assertTrue(arena.used() <= arena.capacity());
        }
        assertTrue(allocations > 0);
        final long used = arena.used();
        assertEquals(0, arena.allocate(100, 1));
        assertEquals(used, arena.used());
    }

    @Test
    public void resetMakesTheNextAllocationReturnTheSameFirstAddress()
    {
        final long first = arena.allocate(24, 8);
        arena.allocate(1000, 64);
        arena.reset();
        assertEquals(0, arena.used());
        assertEquals(first, arena.allocate(24, 8));
    }

    @Test
    public void freeIsANoOpAndBlocksAreNotFreedIndividually()
    {
        final long address = arena.allocate(16, 8);
        final long used = arena.used();
        arena.free(address, 16, 8);
        assertFalse(arena.freesIndividually());
        assertEquals(used, arena.used());
        assertNotEquals(address, arena.allocate(16, 8));
    }

    @Test
    public void invalidArgumentsThrowAndChangeNothing()
    {
        arena.allocate(10, 1);
        final long used = arena.used();
        assertThat(assertThrows(IllegalArgumentException.class, () -> arena.allocate(-1, 8)).getMessage(),
            containsString("-1"));
        for (final int alignment : new int[]{ 0, 3, -8, 8192 })
        {
            assertThat(assertThrows(IllegalArgumentException.class, () -> arena.allocate(8, alignment)).getMessage(),
                containsString(String.valueOf(alignment)));
        }
        assertEquals(used, arena.used());
    }

    @Test
    public void closeIsIdempotentAndLaterAllocationsFail()
    {
        arena.allocate(8, 8);
        arena.close();
        arena.close();
        assertTrue(arena.isClosed());
        assertEquals(0, arena.capacity());
        if (MemoryChecks.ENABLED)
        {
            assertThat(assertThrows(IllegalStateException.class, () -> arena.allocate(8, 8)).getMessage(),
                containsString("after close"));
            assertThrows(IllegalStateException.class, () -> arena.reset());
            assertThrows(IllegalStateException.class, () -> arena.used());
        }
        else
        {
            assertEquals(0, arena.allocate(8, 8));
            assertEquals(0, arena.allocate(0, 8));
        }
    }

    @Test
    public void useFromASecondThreadThrowsInCheckedMode() throws InterruptedException
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread other = new Thread(() ->
        {
            try
            {
                arena.allocate(8, 8);
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        }, "intruder");
        other.start();
        other.join();
        assertThat(thrown.get(), instanceOf(IllegalStateException.class));
        assertThat(thrown.get().getMessage(), containsString("intruder"));
        assertEquals(0, arena.used());
    }

    @Test
    public void resetPoisonsTheReleasedBytesInCheckedMode()
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        final long address = arena.allocate(64, 8);
        Memory.fill(address, 64, (byte)7);
        arena.reset();
        for (int i = 0; i < 64; i++)
        {
            assertEquals(MemoryChecks.POISON, Memory.getByte(address + i));
        }
    }
}
