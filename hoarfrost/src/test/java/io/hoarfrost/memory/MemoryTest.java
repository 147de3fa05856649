package io.hoarfrost.memory;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import java.nio.ByteBuffer;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class MemoryTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void allocatesWritableMemoryAndFreesIt()
    {
        final long address = Memory.allocate(64);
        try
        {
            assertTrue(Alignment.isAligned(address, 8));
            for (int i = 0; i < 8; i++)
            {
                Memory.putLong(address + i * 8L, i * 1_000_000_007L);
            }
            for (int i = 0; i < 8; i++)
            {
                assertEquals(i * 1_000_000_007L, Memory.getLong(address + i * 8L));
            }
        }
        finally
        {
            Memory.free(address);
        }
    }

    @Test
    public void honoursEveryAlignmentFromOneTo4096()
    {
        for (int alignment = 1; alignment <= Alignment.MAX_ALIGNMENT; alignment <<= 1)
        {
            final long[] addresses = new long[16];
            for (int i = 0; i < addresses.length; i++)
            {
                addresses[i] = Memory.allocate(1 + i * 3, alignment);
                assertTrue("alignment " + alignment, Alignment.isAligned(addresses[i], Math.max(alignment, 8)));
                Memory.fill(addresses[i], 1 + i * 3, (byte)i);
            }
            for (int i = 0; i < addresses.length; i++)
            {
                assertEquals((byte)i, Memory.getByte(addresses[i] + i * 3));
                Memory.free(addresses[i], alignment);
            }
        }
    }

    @Test
    public void rejectsZeroAndNegativeSizesNamingThem()
    {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Memory.allocate(0)).getMessage(),
            containsString("size 0"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> Memory.allocate(-5, 16)).getMessage(),
            containsString("size -5"));
    }

    @Test
    public void rejectsBadAlignmentsNamingThem()
    {
        for (final int bad : new int[]{ 0, -8, 3, 12, 8192, Integer.MIN_VALUE })
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> Memory.allocate(16, bad));
            assertThat(ex.getMessage(), containsString("alignment " + bad));
        }
    }

    @Test
    public void rejectsSizeWhosePaddingOverflows()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Memory.allocate(Long.MAX_VALUE - 10, 64));
        assertThat(ex.getMessage(), containsString(String.valueOf(Long.MAX_VALUE - 10)));
        assertThat(ex.getMessage(), containsString("overflows"));
    }

    @Test
    public void failedNativeAllocationThrowsOutOfMemoryErrorStatingTheSize()
    {
        final long huge = 1L << 60;
        final OutOfMemoryError error = assertThrows(OutOfMemoryError.class, () -> Memory.allocate(huge));
        assertThat(error.getMessage(), containsString(huge + " bytes"));
    }

    @Test
    public void freeOfZeroIsRejected()
    {
        assertThrows(IllegalArgumentException.class, () -> Memory.free(0));
    }

    @Test
    public void copiesBetweenArraysBuffersAndMemory()
    {
        final byte[] src = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        final long a = Memory.allocate(16);
        final long b = Memory.allocate(16);
        try
        {
            Memory.copy(src, 2, a, 6);
            final byte[] back = new byte[8];
            Memory.copy(a, back, 1, 6);
            assertArrayEquals(new byte[]{ 0, 3, 4, 5, 6, 7, 8, 0 }, back);

            Memory.copy(a, b, 6);
            assertEquals(0, Memory.compare(a, b, 6));

            final UnsafeBuffer heap = new UnsafeBuffer(new byte[]{ 9, 8, 7, 6 });
            Memory.copy(heap, 1, b, 3);
            assertEquals(8, Memory.getByte(b));
            assertEquals(6, Memory.getByte(b + 2));

            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(4));
            direct.putInt(0, 0x01020304);
            Memory.copy(direct, 0, b, 4);
            assertEquals(0x01020304, Memory.getInt(b));
        }
        finally
        {
            Memory.free(a);
            Memory.free(b);
        }
    }

    @Test
    public void overlappingCopyBehavesLikeMemmove()
    {
        final long a = Memory.allocate(16);
        try
        {
            for (int i = 0; i < 16; i++)
            {
                Memory.putByte(a + i, (byte)i);
            }
            Memory.copy(a, a + 2, 10);
            for (int i = 0; i < 10; i++)
            {
                assertEquals(i, Memory.getByte(a + 2 + i));
            }
            Memory.copy(a + 4, a, 8);
            assertEquals(2, Memory.getByte(a));
        }
        finally
        {
            Memory.free(a);
        }
    }

    @Test
    public void copyRangesAreCheckedAgainstTheArray()
    {
        final long a = Memory.allocate(8);
        try
        {
            final byte[] small = new byte[4];
            final IndexOutOfBoundsException ex =
                assertThrows(IndexOutOfBoundsException.class, () -> Memory.copy(small, 2, a, 3));
            assertThat(ex.getMessage(), containsString("capacity 4"));
            assertThrows(IndexOutOfBoundsException.class, () -> Memory.copy(a, small, -1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> Memory.copy(small, 1, a, Integer.MAX_VALUE));
            assertThrows(IllegalArgumentException.class, () -> Memory.copy(a, a, -1));
        }
        finally
        {
            Memory.free(a);
        }
    }

    @Test
    public void compareOrdersAsUnsignedBytes()
    {
        final long a = Memory.allocate(24);
        final long b = Memory.allocate(24);
        try
        {
            Memory.fill(a, 24, (byte)7);
            Memory.fill(b, 24, (byte)7);
            assertEquals(0, Memory.compare(a, b, 24));
            Memory.putByte(b + 9, (byte)0x80);
            assertTrue(Memory.compare(a, b, 24) < 0);
            assertTrue(Memory.compare(b, a, 24) > 0);
            assertEquals(0, Memory.compare(a, b, 9));
            Memory.putByte(a + 22, (byte)0xFF);
            assertTrue(Memory.compare(a, b, 9) == 0 && Memory.compare(a + 16, b + 16, 8) > 0);
        }
        finally
        {
            Memory.free(a);
            Memory.free(b);
        }
    }

    @Test
    public void everyPrimitiveInEveryOrderingMemoryOffers()
    {
        final long a = Memory.allocate(64, 8);
        try
        {
            Memory.putByte(a, (byte)-3);
            assertEquals(-3, Memory.getByte(a));
            Memory.putByte(a, (byte)5);
            assertEquals(5, Memory.getByteVolatile(a));

            Memory.putShort(a, (short)-300);
            assertEquals(-300, Memory.getShort(a));
            Memory.putShort(a, (short)302);
            assertEquals(302, Memory.getShortVolatile(a));

            Memory.putChar(a, 'x');
            assertEquals('x', Memory.getChar(a));

            Memory.putInt(a, -70000);
            assertEquals(-70000, Memory.getInt(a));
            Memory.putIntRelease(a, 70001);
            assertEquals(70001, Memory.getIntAcquire(a));
            Memory.putIntVolatile(a, 70002);
            assertEquals(70002, Memory.getIntVolatile(a));

            Memory.putLong(a, Long.MIN_VALUE);
            assertEquals(Long.MIN_VALUE, Memory.getLong(a));
            Memory.putLongRelease(a, Long.MAX_VALUE);
            assertEquals(Long.MAX_VALUE, Memory.getLongAcquire(a));
            Memory.putLongVolatile(a, 42L);
            assertEquals(42L, Memory.getLongVolatile(a));

            Memory.putFloat(a, 1.5f);
            assertEquals(1.5f, Memory.getFloat(a), 0f);

            Memory.putDouble(a, Math.PI);
            assertEquals(Math.PI, Memory.getDouble(a), 0d);
        }
        finally
        {
            Memory.free(a);
        }
    }

    @Test
    public void nativeByteOrderMatchesAgrona()
    {
        final long a = Memory.allocate(8);
        try
        {
            Memory.putLong(a, 0x0102030405060708L);
            final UnsafeBuffer view = new UnsafeBuffer(a, 8);
            assertEquals(0x0102030405060708L, view.getLong(0));
            assertEquals(Memory.LITTLE_ENDIAN ? 0x08 : 0x01, Memory.getByte(a));
        }
        finally
        {
            Memory.free(a);
        }
    }

    @Test
    public void atomicsOn32And64Bits()
    {
        final long a = Memory.allocate(16);
        try
        {
            Memory.putInt(a, 5);
            assertTrue(Memory.compareAndSetInt(a, 5, 6));
            assertFalse(Memory.compareAndSetInt(a, 5, 7));
            assertEquals(6, Memory.getAndAddInt(a, 10));
            assertEquals(16, Memory.getAndSetInt(a, -1));
            assertEquals(-1, Memory.getInt(a));

            Memory.putLong(a + 8, 1L << 40);
            assertTrue(Memory.compareAndSetLong(a + 8, 1L << 40, 3));
            assertFalse(Memory.compareAndSetLong(a + 8, 1L << 40, 4));
            assertEquals(3, Memory.getAndAddLong(a + 8, -4));
            assertEquals(-1, Memory.getAndSetLong(a + 8, 9));
            assertEquals(9, Memory.getLong(a + 8));
        }
        finally
        {
            Memory.free(a);
        }
    }
}
