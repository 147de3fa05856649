package io.hoarfrost.box;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

public class SlimHandleTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void recordHandlesTakeEightPlusWidthBytesAndRoundTrip()
    {
        final int[] expected = { 9, 10, 12, 16 };
        for (final LengthWidth width : LengthWidth.values())
        {
            assertEquals(expected[width.ordinal()], width.recordHandleBytes());
            final UnsafeBuffer record = new UnsafeBuffer(new byte[40]);
            record.setMemory(0, 40, (byte)0x55);
            final SlimBox box = SlimBox.copyOf(width, "record " + width);
            final long address = box.address();
            box.intoRecord(record, 3);
            assertTrue(box.isClosed());
            assertEquals(0x55, record.getByte(2));
            assertEquals("the field ends at 3 + " + width.recordHandleBytes(),
                0x55, record.getByte(3 + width.recordHandleBytes()));
            assertEquals(address, SlimHandle.recordAddress(record, 3));
            assertEquals(("record " + width).length(), SlimHandle.recordLength(record, 3, width));
            try (SlimBox back = SlimBox.fromRecord(record, 3, width))
            {
                assertEquals(address, back.address());
                assertEquals("record " + width, back.toString());
            }
            SlimHandle.clearRecord(record, 3, width);
            assertFalse(SlimHandle.isPresent(record, 3));
        }
    }


    @Test
    public void packedEqualsComparesAValueWithBytesInABuffer()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        message.putStringWithoutLengthAscii(5, "ACME CORPORATION");
        final long symbol = SlimHandle.copyPacked(NativeAllocator.INSTANCE, message, 5, 16);
        try
        {
            assertTrue(SlimHandle.packedEquals(symbol, message, 5, 16));
            assertFalse("shorter", SlimHandle.packedEquals(symbol, message, 5, 15));
            for (int i = 0; i < 16; i++)
            {
                message.putByte(5 + i, (byte)(message.getByte(5 + i) + 1));
                assertFalse("byte " + i + " differs", SlimHandle.packedEquals(symbol, message, 5, 16));
                message.putByte(5 + i, (byte)(message.getByte(5 + i) - 1));
            }
            final long odd = SlimHandle.copyPacked(NativeAllocator.INSTANCE, message, 5, 11);
            assertTrue("a tail shorter than 8 bytes", SlimHandle.packedEquals(odd, message, 5, 11));
            SlimHandle.freePacked(NativeAllocator.INSTANCE, odd);
            assertTrue("no value is no bytes", SlimHandle.packedEquals(SlimHandle.NONE, message, 0, 0));
            assertFalse(SlimHandle.packedEquals(SlimHandle.NONE, message, 5, 16));
            assertThrows(IndexOutOfBoundsException.class, () -> SlimHandle.packedEquals(symbol, message, 60, 16));
            assertThrows(IndexOutOfBoundsException.class, () -> SlimHandle.packedEquals(symbol, message, -1, 16));
            final long forged = 5L << 48;
            assertEquals("the forged handle's length", 5, SlimHandle.packedLength(forged));
            final IllegalArgumentException noAddress =
                assertThrows(IllegalArgumentException.class, () -> SlimHandle.packedEquals(forged, message, 5, 5));
            assertThat(noAddress.getMessage(), containsString("0x5000000000000"));
        }
        finally
        {
            SlimHandle.freePacked(NativeAllocator.INSTANCE, symbol);
        }
    }

    @Test
    public void anAbsentValueIsAZeroField()
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[16]);
        assertFalse(SlimHandle.isPresent(record, 0));
        assertNull(SlimBox.fromRecord(record, 0, LengthWidth.U32));
    }

    @Test
    public void readingAStaleRecordThrowsInCheckedMode()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final UnsafeBuffer record = new UnsafeBuffer(new byte[16]);
        SlimBox.copyOf(LengthWidth.U8, "gone").intoRecord(record, 0);
        SlimBox.fromRecord(record, 0, LengthWidth.U8).close();
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> SlimBox.fromRecord(record, 0, LengthWidth.U8));
        assertThat(ex.getMessage(), containsString("not a live native block"));
    }

    @Test
    public void everyU8AndU16BoxPacksIntoOneLong()
    {
        for (final LengthWidth width : new LengthWidth[]{ LengthWidth.U8, LengthWidth.U16 })
        {
            final int max = (int)width.maxLength();
            for (final int length : new int[]{ 1, 7, max })
            {
                final SlimBox box = SlimBox.copyOf(width, new byte[length]);
                box.buffer().putByte(length - 1, (byte)42);
                final long address = box.address();
                final long handle = box.intoPacked();
                assertEquals(address, SlimHandle.packedAddress(handle));
                assertEquals(length, SlimHandle.packedLength(handle));
                try (SlimBox back = SlimBox.fromPacked(handle, width))
                {
                    assertEquals(42, back.buffer().getByte(length - 1));
                }
            }
        }
    }

    @Test
    public void anAddressAbove48BitsIsRefusedWithTheReason()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SlimHandle.pack(1L << 48, 10));
        assertThat(ex.getMessage(), containsString("0x1000000000000"));
        assertThat(ex.getMessage(), containsString("2^48"));
        assertThrows(IllegalArgumentException.class, () -> SlimHandle.pack(-8L, 10));
    }

    @Test
    public void aLongValueCannotPackAndTheBoxIsUnchanged()
    {
        try (SlimBox box = SlimBox.copyOf(LengthWidth.U32, new byte[70_000]))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, box::intoPacked);
            assertThat(ex.getMessage(), containsString("length 70000"));
            assertFalse(box.isClosed());
            assertEquals(70_000, box.toByteArray().length);
        }
    }

    @Test
    public void zeroGarbageCopyPackedAndFree()
    {
        final UnsafeBuffer src = new UnsafeBuffer(new byte[]{ 'q', 'u', 'o', 't', 'e' });
        final long handle = SlimHandle.copyPacked(NativeAllocator.INSTANCE, src, 1, 3);
        assertEquals(3, SlimHandle.packedLength(handle));
        assertEquals('u', Memory.getByte(SlimHandle.packedAddress(handle)));
        final long text = SlimHandle.copyPacked(NativeAllocator.INSTANCE, "\u00e9t\u00e9");
        assertEquals(5, SlimHandle.packedLength(text));
        SlimHandle.freePacked(NativeAllocator.INSTANCE, handle);
        SlimHandle.freePacked(NativeAllocator.INSTANCE, text);
        SlimHandle.freePacked(NativeAllocator.INSTANCE, SlimHandle.copyPacked(NativeAllocator.INSTANCE, ""));
        final int live = MemoryChecks.liveCount();
        assertThrows(IllegalArgumentException.class,
            () -> SlimHandle.copyPacked(NativeAllocator.INSTANCE, new UnsafeBuffer(new byte[70_000]), 0, 70_000));
        assertEquals(live, MemoryChecks.liveCount());
    }

    @Test
    public void relativeHandlesSurviveTheRegionMoving()
    {
        final long region = Memory.allocate(256);
        final long moved = Memory.allocate(256);
        try
        {
            Memory.fill(region, 256, (byte)0);
            final long value = region + 100;
            Memory.putByte(value, (byte)'h');
            Memory.putByte(value + 1, (byte)'i');
            final long handle = SlimHandle.packRelative(region, value, 2);
            assertEquals(8, Long.BYTES);
            assertEquals(region + 100, SlimHandle.relativeAddress(region, handle));
            Memory.copy(region, moved, 256);
            assertEquals('i', Memory.getByte(SlimHandle.relativeAddress(moved, handle) + 1));
            assertEquals(2, SlimHandle.relativeLength(handle));
            assertThrows(IllegalArgumentException.class, () -> SlimHandle.packRelative(region, region - 1, 2));
            assertThrows(IllegalArgumentException.class, () -> SlimHandle.packRelative(region, region + (1L << 32), 2));
            assertThrows(IllegalArgumentException.class, () -> SlimHandle.packRelative(region, region, 1L << 32));
        }
        finally
        {
            Memory.free(region);
            Memory.free(moved);
        }
    }

    @Test
    public void aBoxMovesIntoARelativeHandleAndBack()
    {
        final SlimBox box = SlimBox.copyOf(LengthWidth.U32, "relative");
        final long base = box.address() - 4096;
        final long handle = box.intoRelative(base);
        assertEquals(4096, handle & 0xFFFF_FFFFL);
        try (SlimBox back = SlimBox.fromRelative(NativeAllocator.INSTANCE, base, handle, LengthWidth.U32))
        {
            assertEquals("relative", back.toString());
        }
    }
}
