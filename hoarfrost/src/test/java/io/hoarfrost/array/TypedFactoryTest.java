package io.hoarfrost.array;

import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

/** The typed factories of every primitive element type: LabeledArray, RcArray and ArrayLayout's long handles. */
public class TypedFactoryTest
{
    private static final int LENGTH = 37;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    private ArrayLayout thin(final ElementType type)
    {
        return ArrayLayout.thin(type).withLabel(3).withAllocator(bytes);
    }

    private ArrayLayout counted(final ElementType type)
    {
        return ArrayLayout.fat(type).counted(Counter.ATOMIC_U32).withAllocator(bytes);
    }

    @Test
    public void labeledArrayFactoriesFillEveryElementByIndex()
    {
        try (LabeledArray b = LabeledArray.ofBytes(thin(ElementType.BYTE), LENGTH, i -> (byte)(i * 7));
             LabeledArray s = LabeledArray.ofShorts(thin(ElementType.SHORT), LENGTH, i -> (short)(i * -1000));
             LabeledArray c = LabeledArray.ofChars(thin(ElementType.CHAR), LENGTH, i -> (char)('\u4e00' + i));
             LabeledArray f = LabeledArray.ofFloats(thin(ElementType.FLOAT), LENGTH, i -> i / 4f))
        {
            assertEquals(LENGTH, b.length());
            assertEquals(0, b.label().getByte(2));
            for (int i = 0; i < LENGTH; i++)
            {
                assertEquals((byte)(i * 7), b.getByte(i));
                assertEquals((short)(i * -1000), s.getShort(i));
                assertEquals((char)('\u4e00' + i), c.getChar(i));
                assertEquals(i / 4f, f.getFloat(i), 0f);
            }
        }
    }

    @Test
    public void rcArrayFactoriesFillEveryElementWithCountOne()
    {
        try (RcArray b = RcArray.ofBytes(counted(ElementType.BYTE), LENGTH, i -> (byte)-i);
             RcArray s = RcArray.ofShorts(counted(ElementType.SHORT), LENGTH, i -> (short)(i << 8));
             RcArray c = RcArray.ofChars(counted(ElementType.CHAR), LENGTH, i -> (char)('a' + i));
             RcArray f = RcArray.ofFloats(counted(ElementType.FLOAT), LENGTH, i -> -i * 1.5f))
        {
            assertEquals(1, b.refCount());
            assertEquals(1, f.refCount());
            for (int i = 0; i < LENGTH; i++)
            {
                assertEquals((byte)-i, b.getByte(i));
                assertEquals((short)(i << 8), s.getShort(i));
                assertEquals((char)('a' + i), c.getChar(i));
                assertEquals(-i * 1.5f, f.getFloat(i), 0f);
            }
        }
    }

    @Test
    public void longHandleFactoriesFillTheBlock()
    {
        final ArrayLayout bytesLayout = thin(ElementType.BYTE);
        final ArrayLayout shorts = thin(ElementType.SHORT);
        final ArrayLayout chars = thin(ElementType.CHAR);
        final ArrayLayout floats = thin(ElementType.FLOAT);
        final long b = bytesLayout.allocateBytes(LENGTH, i -> (byte)i);
        final long s = shorts.allocateShorts(LENGTH, i -> (short)(3 * i));
        final long c = chars.allocateChars(LENGTH, i -> (char)(0xFFFF - i));
        final long f = floats.allocateFloats(LENGTH, i -> i + 0.5f);
        final LabeledArrayView view = new LabeledArrayView();
        for (int i = 0; i < LENGTH; i++)
        {
            assertEquals((byte)i, view.wrap(bytesLayout, b).getByte(i));
            assertEquals((short)(3 * i), view.wrap(shorts, s).getShort(i));
            assertEquals((char)(0xFFFF - i), view.wrap(chars, c).getChar(i));
            assertEquals(i + 0.5f, view.wrap(floats, f).getFloat(i), 0f);
        }
        assertEquals(LENGTH, bytesLayout.length(b));
        bytesLayout.free(b);
        shorts.free(s);
        chars.free(c);
        floats.free(f);
    }

    @Test
    public void emptyArraysCallTheFunctionNever()
    {
        try (LabeledArray b = LabeledArray.ofBytes(thin(ElementType.BYTE), 0, i ->
        {
            throw new AssertionError("called");
        }))
        {
            assertEquals(0, b.length());
        }
    }

    @Test
    public void aWrongElementTypeThrowsNamingItAndAllocatesNothing()
    {
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> LabeledArray.ofBytes(thin(ElementType.INT), 4, i -> (byte)i));
        assertThat(ex.getMessage(), containsString("allocateBytes needs 1-byte elements; this array holds int"));
        assertThrows(IllegalStateException.class, () -> LabeledArray.ofShorts(thin(ElementType.LONG), 4, i -> (short)i));
        assertThrows(IllegalStateException.class, () -> RcArray.ofChars(counted(ElementType.BYTE), 4, i -> 'x'));
        final IllegalStateException floats =
            assertThrows(IllegalStateException.class, () -> RcArray.ofFloats(counted(ElementType.DOUBLE), 4, i -> 1f));
        assertThat(floats.getMessage(), containsString("this array holds double"));
        assertThrows(NullPointerException.class, () -> LabeledArray.ofFloats(thin(ElementType.FLOAT), 0, null));
        assertThrows(NullPointerException.class, () -> LabeledArray.ofLongs(thin(ElementType.LONG), 0, null));
        assertThrows(IllegalArgumentException.class, () -> RcArray.ofBytes(thin(ElementType.BYTE), 2, i -> (byte)i));
        assertEquals("nothing was allocated", 0, bytes.allocations());
    }

    @Test
    public void aThrowingFunctionFreesTheBlock()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> RcArray.ofShorts(counted(ElementType.SHORT), 10, i ->
            {
                if (i == 6)
                {
                    throw new IllegalStateException("no element 6");
                }
                return (short)i;
            }));
        assertEquals("no element 6", ex.getMessage());
        assertEquals(1, bytes.allocations());
        assertEquals(0, bytes.liveBytes());
    }
}
