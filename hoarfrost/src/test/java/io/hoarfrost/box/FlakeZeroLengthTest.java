package io.hoarfrost.box;

import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import java.nio.Buffer;
import java.nio.ByteBuffer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class FlakeZeroLengthTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void everyFactoryMakesAWorkingEmptyFlakeWithoutAllocating()
    {
        final FlakeAllocatorTest.CountingAllocator counting = new FlakeAllocatorTest.CountingAllocator();
        final int[] writes = new int[1];
        final Flake[] flakes = {
            Flake.copyOf(counting, new byte[0]),
            Flake.copyOf(counting, new byte[]{ 1, 2, 3 }, 3, 0),
            Flake.copyOf(counting, new UnsafeBuffer(new byte[4]), 4, 0),
            Flake.copyOf(counting, ""),
            Flake.allocate(counting, 0, (buffer) -> writes[0] += 1 + buffer.capacity()),
            Flake.fromRaw(0, 0),
            Flake.fromRaw(counting, 0, 0, 1),
        };
        try
        {
            assertEquals(1, writes[0]);
            for (final Flake flake : flakes)
            {
                assertEquals(0L, flake.address());
                assertEmptyAndWorking(flake, flakes[0]);
            }
        }
        finally
        {
            for (final Flake flake : flakes)
            {
                flake.close();
            }
        }
        assertEquals(0, counting.allocations);
        assertEquals(0, counting.frees);
    }

    @Test
    public void theDefaultAllocatorFactoriesMakeEmptyFlakesToo()
    {
        try (Flake a = Flake.copyOf(new byte[0]); Flake b = Flake.copyOf(""); Flake c = Flake.allocate(0, (buffer) -> { }))
        {
            assertEmptyAndWorking(a, b);
            assertEmptyAndWorking(c, b);
            assertEquals(NativeAllocator.INSTANCE, a.allocator());
        }
    }

    @Test
    public void adoptingAnEmptyRangeMakesAnEmptyFlakeThatStillFreesTheBuffer()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(8);
        ((Buffer)buffer).position(8);
        try (Flake adopted = Flake.adopt(buffer); Flake empty = Flake.copyOf(""))
        {
            assertEmptyAndWorking(adopted, empty);
        }
    }

    private static void assertEmptyAndWorking(final Flake flake, final Flake otherEmpty)
    {
        assertEquals(0, flake.length());
        assertEquals(0, flake.buffer().capacity());
        assertEquals(0, flake.toByteArray().length);
        assertEquals("", flake.toString());
        assertEquals(1, flake.hashCode());
        assertEquals(otherEmpty, flake);
        assertEquals(0, flake.compareTo(otherEmpty));
        try (Flake nonEmpty = Flake.copyOf("a"))
        {
            assertTrue(flake.compareTo(nonEmpty) < 0);
        }
    }
}
