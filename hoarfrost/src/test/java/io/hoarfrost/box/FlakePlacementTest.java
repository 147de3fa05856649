package io.hoarfrost.box;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.MutableDirectBuffer;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.sameInstance;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

public class FlakePlacementTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void fromRawTakesOverABlockFromMemoryAllocate()
    {
        final long address = Memory.allocate(4);
        Memory.putInt(address, 0x01020304);
        final long freesBefore = MemoryChecks.frees();
        try (Flake flake = Flake.fromRaw(address, 4))
        {
            assertEquals(address, flake.address());
            assertEquals(0x01020304, flake.buffer().getInt(0));
        }
        if (MemoryChecks.ENABLED)
        {
            assertEquals(freesBefore + 1, MemoryChecks.frees());
        }
    }

    @Test
    public void fromRawRejectsAnAddressThatIsNotALiveBlockInCheckedMode()
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        final long neverAllocated = 0x10000L;
        assertThat(assertThrows(IllegalStateException.class, () -> Flake.fromRaw(neverAllocated, 8)).getMessage(),
            containsString("0x10000 is not a live native block"));
        final long block = Memory.allocate(32);
        assertThrows(IllegalStateException.class, () -> Flake.fromRaw(block + 8, 8));
        Memory.free(block);
        assertThat(assertThrows(IllegalStateException.class, () -> Flake.fromRaw(block, 8)).getMessage(),
            containsString("freed at"));
    }

    @Test
    public void allocateLetsTheWriterFillTheFinalBlockInPlace()
    {
        final long[] seenAddress = new long[1];
        final MutableDirectBuffer[] seenBuffer = new MutableDirectBuffer[1];
        try (Flake flake = Flake.allocate(12, (buffer) ->
        {
            seenAddress[0] = buffer.addressOffset();
            seenBuffer[0] = buffer;
            assertEquals(12, buffer.capacity());
            buffer.putInt(0, 7);
            buffer.putLong(4, -1L);
        }))
        {
            assertEquals(flake.address(), seenAddress[0]);
            assertThat(flake.buffer(), sameInstance(seenBuffer[0]));
            assertEquals(7, flake.buffer().getInt(0));
            assertEquals(-1L, flake.buffer().getLong(4));
        }
    }

    @Test
    public void aThrowingWriterFreesTheBlockAndTheExceptionPropagates()
    {
        final FlakeAllocatorTest.CountingAllocator counting = new FlakeAllocatorTest.CountingAllocator();
        final MutableDirectBuffer[] seenBuffer = new MutableDirectBuffer[1];
        final IllegalArgumentException failure = new IllegalArgumentException("bad record");
        final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Flake.allocate(
            counting, 16, (buffer) ->
            {
                seenBuffer[0] = buffer;
                buffer.putByte(0, (byte)1);
                throw failure;
            }));
        assertThat(thrown, sameInstance(failure));
        assertEquals(1, counting.frees);
        assertEquals(counting.lastAllocatedAddress, counting.lastFreedAddress);
        assertEquals(16, counting.lastFreedSize);
        assertEquals(0, seenBuffer[0].capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> seenBuffer[0].getByte(0));
    }

    @Test
    public void aThrowingWriterOnTheNativeAllocatorLeaksNothing()
    {
        final long freesBefore = MemoryChecks.frees();
        assertThrows(UnsupportedOperationException.class, () -> Flake.allocate(64, (buffer) ->
        {
            throw new UnsupportedOperationException("writer failed");
        }));
        if (MemoryChecks.ENABLED)
        {
            assertEquals(freesBefore + 1, MemoryChecks.frees());
        }
    }

    @Test
    public void allocateHandsTheWriterUninitialisedMemoryItFillsCompletely()
    {
        final byte[] expected = { 9, 8, 7, 6, 5 };
        try (Flake flake = Flake.allocate(expected.length, (buffer) -> buffer.putBytes(0, expected)))
        {
            assertArrayEquals(expected, flake.toByteArray());
        }
    }
}
