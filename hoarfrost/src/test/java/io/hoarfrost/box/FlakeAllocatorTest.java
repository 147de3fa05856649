package io.hoarfrost.box;

import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

public class FlakeAllocatorTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    /** Delegates to the native allocator and records each call. */
    static final class CountingAllocator implements Allocator
    {
        int allocations;
        int frees;
        long lastAllocatedAddress;
        long lastAllocatedSize;
        int lastAllocatedAlignment;
        long lastFreedAddress;
        long lastFreedSize;
        int lastFreedAlignment;

        @Override
        public long allocate(final long size, final int alignment)
        {
            allocations++;
            lastAllocatedSize = size;
            lastAllocatedAlignment = alignment;
            lastAllocatedAddress = NativeAllocator.INSTANCE.allocate(size, alignment);
            return lastAllocatedAddress;
        }

        @Override
        public void free(final long address, final long size, final int alignment)
        {
            frees++;
            lastFreedAddress = address;
            lastFreedSize = size;
            lastFreedAlignment = alignment;
            NativeAllocator.INSTANCE.free(address, size, alignment);
        }
    }

    /** An arena that is full: every allocation returns 0. */
    static final class FullAllocator implements Allocator
    {
        int frees;

        @Override
        public long allocate(final long size, final int alignment)
        {
            return 0;
        }

        @Override
        public void free(final long address, final long size, final int alignment)
        {
            frees++;
        }

        @Override
        public String toString()
        {
            return "FullAllocator";
        }
    }

    @Test
    public void aFlakeIsFreedThroughItsAllocatorWithTheSameSizeAndAlignment()
    {
        final CountingAllocator counting = new CountingAllocator();
        final Flake flake = Flake.copyOf(counting, new byte[]{ 1, 2, 3, 4, 5 });
        assertEquals(1, counting.allocations);
        assertEquals(counting.lastAllocatedAddress, flake.address());
        assertEquals(5, counting.lastAllocatedSize);
        assertSame(counting, flake.allocator());
        flake.close();
        flake.close();
        assertEquals(1, counting.frees);
        assertEquals(counting.lastAllocatedAddress, counting.lastFreedAddress);
        assertEquals(counting.lastAllocatedSize, counting.lastFreedSize);
        assertEquals(counting.lastAllocatedAlignment, counting.lastFreedAlignment);
        assertEquals(Flake.ALIGNMENT, counting.lastFreedAlignment);
    }

    @Test
    public void everyFactoryPlacesItsBlockWithTheAllocatorGiven()
    {
        final CountingAllocator counting = new CountingAllocator();
        try (Flake a = Flake.copyOf(counting, new byte[]{ 1, 2 }, 1, 1);
            Flake b = Flake.copyOf(counting, new UnsafeBuffer(new byte[]{ 3, 4 }), 0, 2);
            Flake c = Flake.copyOf(counting, "\u00e9");
            Flake d = Flake.allocate(counting, 3, (buffer) -> buffer.setMemory(0, 3, (byte)7)))
        {
            assertEquals(4, counting.allocations);
            assertArrayEquals(new byte[]{ 2 }, a.toByteArray());
            assertArrayEquals(new byte[]{ 3, 4 }, b.toByteArray());
            assertEquals("\u00e9", c.toString());
            assertArrayEquals(new byte[]{ 7, 7, 7 }, d.toByteArray());
        }
        assertEquals(4, counting.frees);
    }

    @Test
    public void fromRawFreesThroughTheAllocatorGivenWithItsAlignment()
    {
        final CountingAllocator counting = new CountingAllocator();
        final long address = counting.allocate(24, 64);
        final Flake flake = Flake.fromRaw(counting, address, 24, 64);
        flake.buffer().putLong(16, 99L);
        flake.close();
        assertEquals(1, counting.frees);
        assertEquals(address, counting.lastFreedAddress);
        assertEquals(24, counting.lastFreedSize);
        assertEquals(64, counting.lastFreedAlignment);
    }

    @Test
    public void aFullAllocatorThrowsNamingTheSizeAndNothingLeaks()
    {
        final FullAllocator full = new FullAllocator();
        final String[] messages = {
            assertThrows(IllegalStateException.class, () -> Flake.copyOf(full, new byte[3])).getMessage(),
            assertThrows(IllegalStateException.class, () -> Flake.copyOf(full, new UnsafeBuffer(new byte[3]), 0, 3))
                .getMessage(),
            assertThrows(IllegalStateException.class, () -> Flake.copyOf(full, "abc")).getMessage(),
            assertThrows(IllegalStateException.class, () -> Flake.allocate(full, 3, (buffer) -> { })).getMessage(),
        };
        for (final String message : messages)
        {
            assertThat(message, containsString("3 bytes"));
            assertThat(message, containsString("FullAllocator"));
        }
        assertEquals(0, full.frees);
    }

    @Test
    public void badArgumentsAllocateNothing()
    {
        final CountingAllocator counting = new CountingAllocator();
        assertThrows(IndexOutOfBoundsException.class, () -> Flake.copyOf(counting, new byte[2], 1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Flake.copyOf(counting, new UnsafeBuffer(new byte[2]), -1, 1));
        assertThat(assertThrows(IllegalArgumentException.class, () -> Flake.allocate(counting, -1, (b) -> { }))
            .getMessage(), containsString("-1"));
        assertEquals(0, counting.allocations);
    }

    @Test
    public void fromRawRejectsInconsistentArgumentsNamingThem()
    {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Flake.fromRaw(0, 5)).getMessage(),
            containsString("length 5"));
        final long address = Memory.allocate(16, 16);
        try
        {
            assertThat(assertThrows(IllegalArgumentException.class, () -> Flake.fromRaw(address, -1)).getMessage(),
                containsString("-1"));
            assertThat(assertThrows(IllegalArgumentException.class,
                () -> Flake.fromRaw(NativeAllocator.INSTANCE, address + 8, 8, 16)).getMessage(),
                containsString("alignment 16"));
            assertThat(assertThrows(IllegalArgumentException.class,
                () -> Flake.fromRaw(NativeAllocator.INSTANCE, address, 8, 3)).getMessage(),
                containsString("alignment 3"));
        }
        finally
        {
            Memory.free(address, 16);
        }
    }
}
