package io.hoarfrost.box;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.memory.ThrowingChars;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class SlimBoxTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void copiesInFromArraysBuffersAndText()
    {
        try (SlimBox bytes = SlimBox.copyOf(LengthWidth.U8, new byte[]{ 1, 2, 3 });
             SlimBox buffer = SlimBox.copyOf(LengthWidth.U16, new UnsafeBuffer(ByteBuffer.allocateDirect(8)), 2, 4);
             SlimBox text = SlimBox.copyOf(LengthWidth.U32, "h\u00e9llo \u20ac"))
        {
            assertArrayEquals(new byte[]{ 1, 2, 3 }, bytes.toByteArray());
            assertEquals(4, buffer.length());
            assertEquals("h\u00e9llo \u20ac", text.toString());
            assertEquals("h\u00e9llo \u20ac".getBytes(StandardCharsets.UTF_8).length, text.length());
            assertEquals(LengthWidth.U32, text.width());
        }
    }

    @Test
    public void rawBlocksMoveInAndOut()
    {
        final long address = Memory.allocate(3);
        Memory.putByte(address + 2, (byte)7);
        assertThrows(IllegalArgumentException.class, () -> SlimBox.fromRaw(address, 300, LengthWidth.U8));
        try (SlimBox box = SlimBox.fromRaw(address, 3, LengthWidth.U8))
        {
            assertEquals(address, box.address());
            assertEquals(7, box.buffer().getByte(2));
            final long raw = box.intoRaw();
            assertEquals(address, raw);
            assertTrue(box.isClosed());
            assertThrows(IllegalStateException.class, box::intoRaw);
            try (SlimBox back = SlimBox.fromRaw(NativeAllocator.INSTANCE, raw, 3, LengthWidth.U16))
            {
                assertEquals(LengthWidth.U16, back.width());
                assertEquals(7, back.buffer().getByte(2));
            }
        }
        try (SlimBox empty = SlimBox.fromRaw(0, 0, LengthWidth.U8))
        {
            assertEquals(0, empty.length());
        }
    }

    @Test
    public void refEqualsComparesBlocksNotContents()
    {
        try (SlimBox a = SlimBox.copyOf(LengthWidth.U8, "same"); SlimBox b = SlimBox.copyOf(LengthWidth.U8, "same"))
        {
            assertTrue(a.refEquals(a));
            assertFalse(a.refEquals(b));
            assertEquals(a, b);
            final SlimBox closed = SlimBox.copyOf(LengthWidth.U8, "x");
            closed.close();
            assertThrows(IllegalStateException.class, () -> a.refEquals(closed));
        }
        try (Flake a = Flake.copyOf("same"); Flake b = Flake.copyOf("same"))
        {
            assertTrue(a.refEquals(a));
            assertFalse(a.refEquals(b));
            final Flake closed = Flake.copyOf("x");
            closed.close();
            assertThrows(IllegalStateException.class, () -> closed.refEquals(a));
        }
    }

    @Test
    public void anErrorMidEncodeFreesTheBlock()
    {
        final int live = MemoryChecks.liveCount();
        assertThrows(ThrowingChars.Boom.class, () -> SlimBox.copyOf(LengthWidth.U8, ThrowingChars.midEncode(20)));
        assertThrows(ThrowingChars.Boom.class,
            () -> SlimHandle.copyPacked(NativeAllocator.INSTANCE, ThrowingChars.midEncode(20)));
        assertThrows(ThrowingChars.Boom.class, () -> Flake.copyOf(ThrowingChars.midEncode(20)));
        assertEquals("nothing leaked", live, MemoryChecks.liveCount());
        try (SlimBox ok = SlimBox.copyOf(LengthWidth.U8, new ThrowingChars(4, 100)))
        {
            assertEquals("xxxx", ok.toString());
        }
    }

    @Test
    public void exactLengthBoundariesForU8AndU16()
    {
        final int live = MemoryChecks.liveCount();
        try (SlimBox max8 = SlimBox.copyOf(LengthWidth.U8, new byte[255]);
             SlimBox max16 = SlimBox.copyOf(LengthWidth.U16, new byte[65_535]))
        {
            assertEquals(255, max8.length());
            assertEquals(65_535, max16.length());
        }
        final IllegalArgumentException u8 =
            assertThrows(IllegalArgumentException.class, () -> SlimBox.copyOf(LengthWidth.U8, new byte[256]));
        assertThat(u8.getMessage(), containsString("length 256"));
        assertThat(u8.getMessage(), containsString("U8"));
        final IllegalArgumentException u16 =
            assertThrows(IllegalArgumentException.class, () -> SlimBox.copyOf(LengthWidth.U16, new byte[65_536]));
        assertThat(u16.getMessage(), containsString("length 65536"));
        assertThat(u16.getMessage(), containsString("U16"));
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 128; i++)
        {
            text.append('\u00e9');
        }
        assertThrows(IllegalArgumentException.class, () -> SlimBox.copyOf(LengthWidth.U8, text));
        assertThrows(IllegalArgumentException.class, () -> LengthWidth.U32.checkLength(1L << 32));
        assertEquals("nothing allocated on the refused paths", live, MemoryChecks.liveCount());
    }

    @Test
    public void emptyValuesWorkInEveryEncoding()
    {
        for (final LengthWidth width : LengthWidth.values())
        {
            final UnsafeBuffer record = new UnsafeBuffer(new byte[32]);
            SlimBox.copyOf(width, new byte[0]).intoRecord(record, 4);
            assertTrue(SlimHandle.isPresent(record, 4));
            try (SlimBox back = SlimBox.fromRecord(record, 4, width))
            {
                assertEquals(0, back.length());
                assertEquals("", back.toString());
            }
            final long packed = SlimBox.copyOf(width, "").intoPacked();
            assertEquals(SlimHandle.EMPTY_ADDRESS, packed);
            SlimBox.fromPacked(packed, width).close();
            final long relative = SlimBox.copyOf(width, "").intoRelative(0x1000);
            assertEquals(SlimHandle.EMPTY_RELATIVE, relative);
            SlimBox.fromRelative(io.hoarfrost.memory.NativeAllocator.INSTANCE, 0x1000, relative, width).close();
        }
    }

    @Test
    public void flakeConversionsDoNotCopy()
    {
        final Flake flake = Flake.copyOf("slim me");
        final long address = flake.address();
        final SlimBox box = SlimBox.fromFlake(flake, LengthWidth.U8);
        assertTrue(flake.isClosed());
        assertEquals(address, box.address());
        final Flake back = box.intoFlake();
        assertTrue(box.isClosed());
        assertEquals(address, back.address());
        assertEquals("slim me", back.toString());
        back.close();
    }

    @Test
    public void aFlakeThatDoesNotFitIsRefusedAndLeftAlone()
    {
        try (Flake big = Flake.copyOf(new byte[300]))
        {
            assertThrows(IllegalArgumentException.class, () -> SlimBox.fromFlake(big, LengthWidth.U8));
            assertEquals(300, big.toByteArray().length);
        }
        try (Flake adopted = Flake.adopt(ByteBuffer.allocateDirect(16)))
        {
            assertThrows(IllegalArgumentException.class, () -> SlimBox.fromFlake(adopted, LengthWidth.U64));
            assertEquals(16, adopted.length());
        }
    }

    @Test
    public void contentsCompareLikeFlakes()
    {
        try (SlimBox a = SlimBox.copyOf(LengthWidth.U8, "abc");
             SlimBox b = SlimBox.copyOf(LengthWidth.U64, "abc");
             SlimBox z = SlimBox.copyOf(LengthWidth.U8, "xyz"))
        {
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertTrue(a.compareTo(z) < 0);
        }
    }
}
