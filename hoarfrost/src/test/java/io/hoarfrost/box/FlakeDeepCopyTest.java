package io.hoarfrost.box;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.array.ByteAccounting;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.nio.ByteBuffer;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Flake.copy() and SlimBox.copy(): an equal, independent block with the same allocator. */
public class FlakeDeepCopyTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    @Test
    public void aFlakeCopyIsEqualAndIndependent()
    {
        final Flake source = Flake.copyOf(bytes, new byte[]{ 1, 2, 3, 4 });
        final Flake copy = source.copy();
        assertEquals(source, copy);
        assertFalse(source.refEquals(copy));
        assertSame(bytes, copy.allocator());
        assertEquals(source.alignment(), copy.alignment());
        assertEquals(2, bytes.allocations());
        copy.buffer().putByte(0, (byte)9);
        assertArrayEquals(new byte[]{ 1, 2, 3, 4 }, source.toByteArray());
        copy.close();
        assertArrayEquals("closing the copy leaves the source valid", new byte[]{ 1, 2, 3, 4 }, source.toByteArray());
        final Flake second = source.copy();
        source.close();
        assertArrayEquals("closing the source leaves the copy valid", new byte[]{ 1, 2, 3, 4 }, second.toByteArray());
        second.close();
        assertEquals(0, bytes.liveBytes());
    }

    @Test
    public void aCopyKeepsTheAlignmentOfARawBlock()
    {
        final long address = bytes.allocate(24, 64);
        try (Flake source = Flake.fromRaw(bytes, address, 24, 64); Flake copy = source.copy())
        {
            assertEquals(64, copy.alignment());
            assertEquals(0, copy.address() % 64);
            assertEquals(source, copy);
        }
    }

    @Test
    public void anAdoptedFlakeIsCopiedToTheNativeHeap()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(8);
        buffer.put(0, (byte)7);
        try (Flake source = Flake.adopt(buffer); Flake copy = source.copy())
        {
            assertSame(NativeAllocator.INSTANCE, copy.allocator());
            assertEquals(Flake.ALIGNMENT, copy.alignment());
            assertEquals(source, copy);
            assertEquals(7, copy.buffer().getByte(0));
        }
    }

    @Test
    public void anEmptyFlakeCopiesToAnEmptyFlake()
    {
        try (Flake source = Flake.copyOf(new byte[0]); Flake copy = source.copy())
        {
            assertEquals(0, copy.length());
            assertEquals(source, copy);
        }
    }

    @Test
    public void aClosedFlakeOrAFullArenaRefusesToCopy()
    {
        final Flake source = Flake.copyOf(new byte[]{ 1 });
        source.close();
        final IllegalStateException closed = assertThrows(IllegalStateException.class, source::copy);
        assertThat(closed.getMessage(), containsString("copy on a closed Flake"));
        try (BumpArena arena = new BumpArena(64); Flake big = Flake.copyOf(arena, new byte[40]))
        {
            final IllegalStateException full = assertThrows(IllegalStateException.class, big::copy);
            assertThat(full.getMessage(), containsString("40 bytes"));
            assertEquals(0, big.buffer().getByte(0));
        }
    }

    @Test
    public void aSlimBoxCopyIsEqualAndIndependentWithTheSameWidth()
    {
        final SlimBox source = SlimBox.copyOf(bytes, LengthWidth.U8, new byte[]{ 5, 6, 7 }, 0, 3);
        final SlimBox copy = source.copy();
        assertEquals(source, copy);
        assertFalse(source.refEquals(copy));
        assertSame(LengthWidth.U8, copy.width());
        copy.buffer().putByte(1, (byte)0);
        assertNotEquals(source, copy);
        assertArrayEquals(new byte[]{ 5, 6, 7 }, source.toByteArray());
        source.close();
        assertArrayEquals(new byte[]{ 5, 0, 7 }, copy.toByteArray());
        copy.close();
        assertTrue(source.isClosed());
        assertThrows(IllegalStateException.class, source::copy);
        assertEquals(0, bytes.liveBytes());
    }
}
