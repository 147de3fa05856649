package io.hoarfrost.memory;

import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class SubWordAtomicsTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    /** A 32-bit word built from four bytes laid out in memory order, read in the given byte order. */
    private static int word(final byte[] memoryOrder, final boolean littleEndian)
    {
        int word = 0;
        for (int i = 0; i < 4; i++)
        {
            final int shift = littleEndian ? i * 8 : (3 - i) * 8;
            word |= (memoryOrder[i] & 0xFF) << shift;
        }
        return word;
    }

    @Test
    public void byteShiftFindsTheByteInBothByteOrders()
    {
        final byte[] bytes = { 0x11, 0x22, 0x33, 0x44 };
        for (final boolean little : new boolean[]{ true, false })
        {
            final int word = word(bytes, little);
            for (int index = 0; index < 4; index++)
            {
                final long address = 0x1000 + index;
                assertEquals("little=" + little + " index=" + index,
                    bytes[index], (byte)(word >>> SubWordAtomics.byteShift(address, little)));
            }
        }
    }

    @Test
    public void shortShiftFindsTheShortInBothByteOrders()
    {
        final byte[] bytes = { 0x11, 0x22, 0x33, 0x44 };
        for (final boolean little : new boolean[]{ true, false })
        {
            final int word = word(bytes, little);
            for (int index = 0; index < 4; index += 2)
            {
                final short expected = little ?
                    (short)((bytes[index] & 0xFF) | (bytes[index + 1] & 0xFF) << 8) :
                    (short)((bytes[index] & 0xFF) << 8 | (bytes[index + 1] & 0xFF));
                assertEquals("little=" + little + " index=" + index,
                    expected, (short)(word >>> SubWordAtomics.shortShift(0x2000 + index, little)));
            }
        }
    }

    @Test
    public void oddShortAddressIsRejectedNamingIt()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SubWordAtomics.shortShift(0x1003, true));
        assertTrue(ex.getMessage().contains("0x1003"));
    }

    @Test
    public void byteCasAndAddTouchOnlyTheirByte()
    {
        final long a = Memory.allocate(8);
        try
        {
            for (int index = 0; index < 8; index++)
            {
                Memory.putLong(a, 0x0807060504030201L);
                final byte before = Memory.getByte(a + index);
                assertFalse(SubWordAtomics.compareAndSetByte(a + index, (byte)(before + 1), (byte)0x7F));
                assertTrue(SubWordAtomics.compareAndSetByte(a + index, before, (byte)0xF0));
                assertEquals((byte)0xF0, Memory.getByte(a + index));
                assertEquals((byte)0xF0, SubWordAtomics.getAndAddByte(a + index, (byte)0x20));
                assertEquals("wraps within 8 bits", (byte)0x10, Memory.getByte(a + index));
                for (int other = 0; other < 8; other++)
                {
                    if (other != index)
                    {
                        assertEquals("neighbour " + other + " of " + index, other + 1, Memory.getByte(a + other));
                    }
                }
            }
        }
        finally
        {
            Memory.free(a);
        }
    }

    @Test
    public void shortCasAndAddTouchOnlyTheirShort()
    {
        final long a = Memory.allocate(8);
        try
        {
            for (int index = 0; index < 8; index += 2)
            {
                Memory.putLong(a, 0x0807060504030201L);
                final short before = Memory.getShort(a + index);
                assertFalse(SubWordAtomics.compareAndSetShort(a + index, (short)(before + 1), (short)7));
                assertTrue(SubWordAtomics.compareAndSetShort(a + index, before, (short)0xFFF0));
                assertEquals((short)0xFFF0, SubWordAtomics.getAndAddShort(a + index, (short)0x20));
                assertEquals((short)0x0010, Memory.getShort(a + index));
                for (int other = 0; other < 8; other++)
                {
                    if (other != index && other != index + 1)
                    {
                        assertEquals(other + 1, Memory.getByte(a + other));
                    }
                }
            }
        }
        finally
        {
            Memory.free(a);
        }
    }

    @Test
    public void concurrentNeighbourWritesAreNeverLost() throws Exception
    {
        final long a = Memory.allocate(8);
        Memory.putLong(a, 0);
        final int adds = 200_000;
        final AtomicBoolean done = new AtomicBoolean();
        final CountDownLatch start = new CountDownLatch(1);
        final byte[] lastWritten = new byte[1];
        final Thread writer = new Thread(() ->
        {
            try
            {
                start.await();
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            byte value = 0;
            while (!done.get())
            {
                value++;
                Memory.putByteVolatile(a + 1, value);
                Memory.putShortVolatile(a + 2, value);
            }
            lastWritten[0] = value;
        });
        writer.start();
        try
        {
            start.countDown();
            for (int i = 0; i < adds; i++)
            {
                SubWordAtomics.getAndAddByte(a, (byte)1);
                SubWordAtomics.getAndAddShort(a + 4, (short)1);
                SubWordAtomics.getAndAddShort(a + 6, (short)-1);
            }
            done.set(true);
            writer.join();
            assertEquals((byte)adds, Memory.getByte(a));
            assertEquals((short)adds, Memory.getShort(a + 4));
            assertEquals((short)-adds, Memory.getShort(a + 6));
            assertEquals(lastWritten[0], Memory.getByte(a + 1));
            assertEquals(lastWritten[0], Memory.getShort(a + 2));
        }
        finally
        {
            done.set(true);
            writer.join();
            Memory.free(a);
        }
    }
}
