package io.hoarfrost.box;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.memory.TrackedBlock;
import org.agrona.BufferUtil;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;

import java.nio.Buffer;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

public class FlakeAdoptTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    private static ByteBuffer filledDirect(final int capacity)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(capacity);
        for (int i = 0; i < capacity; i++)
        {
            buffer.put(i, (byte)(i + 1));
        }
        return buffer;
    }

    @Test
    public void adoptsTheBytesFromPositionToLimitWithoutCopying()
    {
        final ByteBuffer buffer = filledDirect(16);
        ((Buffer)buffer).limit(12);
        ((Buffer)buffer).position(4);
        final long expectedAddress = BufferUtil.address(buffer) + 4;
        try (Flake flake = Flake.adopt(buffer))
        {
            assertEquals(expectedAddress, flake.address());
            assertEquals(8, flake.length());
            assertArrayEquals(new byte[]{ 5, 6, 7, 8, 9, 10, 11, 12 }, flake.toByteArray());
            assertNull(flake.allocator());
            assertEquals(1, flake.alignment());
        }
    }

    @Test
    public void leavesTheBufferWithPositionAndLimitZeroSoStrayAccessThrows()
    {
        final ByteBuffer buffer = filledDirect(16);
        ((Buffer)buffer).position(3);
        try (Flake flake = Flake.adopt(buffer))
        {
            assertEquals(13, flake.length());
            assertEquals(0, buffer.position());
            assertEquals(0, buffer.limit());
            assertThrows(BufferUnderflowException.class, buffer::get);
            assertThrows(BufferOverflowException.class, () -> buffer.put((byte)1));
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.get(0));
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.put(0, (byte)1));
        }
    }

    @Test
    public void closeFreesTheWholeBufferOnce()
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        final ByteBuffer buffer = filledDirect(32);
        ((Buffer)buffer).position(8);
        final long base = BufferUtil.address(buffer);
        final Flake flake = Flake.adopt(buffer);
        assertEquals(1, liveBlocksAt(base));
        final long freesBefore = MemoryChecks.frees();
        flake.close();
        flake.close();
        assertEquals(freesBefore + 1, MemoryChecks.frees());
        assertEquals(0, liveBlocksAt(base));
        final String message = assertThrows(IllegalStateException.class, flake::address).getMessage();
        assertThat(message, containsString("32 bytes"));
        assertThat(message, containsString("freed at"));
    }

    @Test
    public void rejectsAHeapBufferAndChangesNothing()
    {
        final ByteBuffer heap = ByteBuffer.allocate(8);
        ((Buffer)heap).position(2);
        assertThat(assertThrows(IllegalArgumentException.class, () -> Flake.adopt(heap)).getMessage(),
            containsString("heap"));
        assertEquals(2, heap.position());
        assertEquals(8, heap.limit());
    }

    @Test
    public void rejectsSlicesDuplicatesAndReadOnlyViewsAndChangesNothing()
    {
        final ByteBuffer owner = filledDirect(16);
        ((Buffer)owner).position(4);
        final ByteBuffer[] borrowed = { owner.slice(), owner.duplicate(), owner.asReadOnlyBuffer() };
        for (final ByteBuffer buffer : borrowed)
        {
            final int position = buffer.position();
            final int limit = buffer.limit();
            assertThrows(IllegalArgumentException.class, () -> Flake.adopt(buffer));
            assertEquals(position, buffer.position());
            assertEquals(limit, buffer.limit());
        }
        assertEquals(4, owner.position());
        assertEquals(16, owner.limit());
        assertEquals(5, owner.get(4));
    }

    @Test
    public void intoRawIsRefusedForAnAdoptedBufferWhichStaysOwned()
    {
        final Flake flake = Flake.adopt(filledDirect(8));
        try
        {
            assertThat(assertThrows(IllegalStateException.class, flake::intoRaw).getMessage(),
                containsString("ByteBuffer"));
            assertFalse(flake.isClosed());
            assertEquals(1, flake.buffer().getByte(0));
        }
        finally
        {
            flake.close();
        }
    }

    private static int liveBlocksAt(final long address)
    {
        int count = 0;
        for (final TrackedBlock block : MemoryChecks.leaks())
        {
            if (block.address() == address)
            {
                count++;
            }
        }
        return count;
    }
}
