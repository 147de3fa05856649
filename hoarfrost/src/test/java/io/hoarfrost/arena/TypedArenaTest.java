package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.CoreMatchers.sameInstance;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * Allocation, slots, flyweights and checked mode of {@link TypedArena}; the drop hook has its own
 * test class.
 */
public class TypedArenaTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void withCapacityOneTheSecondAllocationReturnsZeroAndSizeStaysOne()
    {
        try (TypedArena<LongRecord> arena = new TypedArena<>(1, LongRecord.LENGTH, 8, new LongRecord()))
        {
            assertNotEquals(0, arena.allocate());
            assertEquals(0, arena.allocate());
            assertEquals(1, arena.size());
        }
    }

    @Test
    public void resetReusesTheSameSlotAddress()
    {
        try (TypedArena<LongRecord> arena = new TypedArena<>(4, LongRecord.LENGTH, 8, new LongRecord()))
        {
            final long first = arena.allocate();
            arena.allocate();
            arena.reset();
            assertEquals(0, arena.size());
            assertEquals(first, arena.allocate());
        }
    }

    @Test
    public void recordsAreLaidOutAtTheAlignedStride()
    {
        try (TypedArena<LongRecord> arena = new TypedArena<>(8, 12, 16, new LongRecord()))
        {
            assertEquals(16, arena.stride());
            long previous = 0;
            for (int i = 0; i < 8; i++)
            {
                final long address = arena.allocate();
                assertTrue(Alignment.isAligned(address, 16));
                assertEquals(address, arena.address(i));
                if (0 != previous)
                {
                    assertEquals(16, address - previous);
                }
                previous = address;
            }
            assertEquals(0, arena.allocate());
        }
    }

    @Test
    public void wrapRepointsTheArenasFlyweight()
    {
        final LongRecord flyweight = new LongRecord();
        try (TypedArena<LongRecord> arena = new TypedArena<>(3, LongRecord.LENGTH, 8, flyweight))
        {
            for (int i = 0; i < 3; i++)
            {
                arena.wrap(arena.allocate()).value(100 + i);
            }
            for (int i = 0; i < 3; i++)
            {
                final LongRecord record = arena.wrap(arena.address(i));
                assertThat(record, sameInstance(flyweight));
                assertEquals(100 + i, record.value());
            }
        }
    }

    @Test
    public void zeroSizeRecordsAlwaysSucceedAndSizeStaysUnchanged()
    {
        try (TypedArena<LongRecord> arena = new TypedArena<>(0, 0, 8, new LongRecord()))
        {
            for (int i = 0; i < 100; i++)
            {
                assertNotEquals(0, arena.allocate());
            }
            assertEquals(0, arena.size());
        }
    }

    @Test
    public void aCapacityZeroArenaOfRealRecordsIsAlwaysFull()
    {
        try (TypedArena<LongRecord> arena = new TypedArena<>(0, 8, 8, new LongRecord()))
        {
            assertEquals(0, arena.allocate());
            assertEquals(0, arena.size());
        }
    }

    @Test
    public void theAllocatorInterfaceHandsOutSlotsForBlocksThatFit()
    {
        try (TypedArena<LongRecord> arena = new TypedArena<>(2, 16, 8, new LongRecord()))
        {
            assertFalse(arena.freesIndividually());
            final long address = arena.allocate(16, 8);
            assertEquals(arena.address(0), address);
            arena.free(address, 16, 8);
            assertEquals(1, arena.size());
            assertNotEquals(0, arena.allocate(4, 4));
            assertEquals(0, arena.allocate(1, 1));
            assertThat(assertThrows(IllegalArgumentException.class, () -> arena.allocate(17, 8)).getMessage(),
                containsString("17"));
            assertThat(assertThrows(IllegalArgumentException.class, () -> arena.allocate(8, 16)).getMessage(),
                containsString("alignment 16"));
            assertEquals(2, arena.size());
        }
    }

    @Test
    public void invalidShapesAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new TypedArena<>(-1, 8, 8, new LongRecord()));
        assertThrows(IllegalArgumentException.class, () -> new TypedArena<>(1, -8, 8, new LongRecord()));
        assertThrows(IllegalArgumentException.class, () -> new TypedArena<>(1, 8, 6, new LongRecord()));
        assertThrows(NullPointerException.class, () -> new TypedArena<LongRecord>(1, 8, 8, null));
    }

    @Test
    public void addressOutOfTheLiveRangeThrows()
    {
        try (TypedArena<LongRecord> arena = new TypedArena<>(4, 8, 8, new LongRecord()))
        {
            arena.allocate();
            assertThat(assertThrows(IndexOutOfBoundsException.class, () -> arena.address(1)).getMessage(),
                containsString("index 1"));
        }
    }

    @Test
    public void closeIsIdempotent()
    {
        final TypedArena<LongRecord> arena = new TypedArena<>(4, 8, 8, new LongRecord());
        arena.allocate();
        arena.close();
        arena.close();
        assertTrue(arena.isClosed());
        if (!MemoryChecks.ENABLED)
        {
            assertEquals(0, arena.allocate());
        }
    }

    @Test
    public void useAfterCloseThrowsInCheckedMode()
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        final TypedArena<LongRecord> arena = new TypedArena<>(4, 8, 8, new LongRecord());
        arena.close();
        assertThat(assertThrows(IllegalStateException.class, arena::allocate).getMessage(),
            containsString("after close"));
        assertThrows(IllegalStateException.class, arena::reset);
        assertThrows(IllegalStateException.class, () -> arena.wrap(0));
    }

    @Test
    public void useFromASecondThreadThrowsInCheckedMode() throws InterruptedException
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        try (TypedArena<LongRecord> arena = new TypedArena<>(4, 8, 8, new LongRecord()))
        {
            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final Thread other = new Thread(() ->
            {
                try
                {
                    arena.allocate();
                }
                catch (final Throwable ex)
                {
                    thrown.set(ex);
                }
            }, "intruder");
            other.start();
            other.join();
            assertThat(thrown.get(), instanceOf(IllegalStateException.class));
            assertEquals(0, arena.size());
        }
    }

    @Test
    public void resetPoisonsDroppedSlotsInCheckedMode()
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        try (TypedArena<LongRecord> arena = new TypedArena<>(2, 8, 8, new LongRecord()))
        {
            final long address = arena.allocate();
            arena.wrap(address).value(42);
            arena.reset();
            assertEquals(0xDEDEDEDEDEDEDEDEL, arena.wrap(address).value());
        }
    }
}
