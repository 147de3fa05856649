package io.hoarfrost.memory;

import org.junit.Rule;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class NativeAllocatorTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void allocatesAlignedBlocksAndFreesThem()
    {
        final Allocator allocator = NativeAllocator.INSTANCE;
        assertTrue(allocator.freesIndividually());
        for (final int alignment : new int[]{ 1, 2, 8, 16, 64, 4096 })
        {
            final long address = allocator.allocate(100, alignment);
            assertTrue(Alignment.isAligned(address, alignment));
            Memory.fill(address, 100, (byte)0x5A);
            assertEquals(0x5A, Memory.getByte(address + 99));
            allocator.free(address, 100, alignment);
        }
    }

    @Test
    public void rejectsBadInputBeforeAllocating()
    {
        final long live = MemoryChecks.liveCount();
        assertThrows(IllegalArgumentException.class, () -> NativeAllocator.INSTANCE.allocate(0, 8));
        assertThrows(IllegalArgumentException.class, () -> NativeAllocator.INSTANCE.allocate(8, 24));
        assertEquals(live, MemoryChecks.liveCount());
    }
}
