package io.hoarfrost.array;

import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.Arrays;
import java.util.Collection;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

/** Element access, run against every form: thin and fat, plain and counted. */
@RunWith(Parameterized.class)
public class ElementAccessTest
{
    private static final int LENGTH = 7;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    private final boolean thin;
    private final Counter counter;

    public ElementAccessTest(final String name, final boolean thin, final Counter counter)
    {
        this.thin = thin;
        this.counter = counter;
    }

    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> forms()
    {
        return Arrays.asList(
            new Object[]{ "thin", true, null },
            new Object[]{ "fat", false, null },
            new Object[]{ "thin counted", true, Counter.ATOMIC_U32 },
            new Object[]{ "fat counted", false, Counter.U8 });
    }

    private ArrayLayout layout(final ElementType type)
    {
        final ArrayLayout layout = (thin ? ArrayLayout.thin(type) : ArrayLayout.fat(type)).withLabel(3).withAllocator(bytes);
        return null == counter ? layout : layout.counted(counter);
    }

    private AbstractLabeledArray array(final ElementType type)
    {
        final ArrayLayout layout = layout(type);
        return null == counter ? LabeledArray.allocateZeroed(layout, LENGTH) : RcArray.allocateZeroed(layout, LENGTH);
    }

    private static void close(final AbstractLabeledArray array)
    {
        if (array instanceof LabeledArray)
        {
            ((LabeledArray)array).close();
        }
        else
        {
            ((RcArray)array).close();
        }
    }

    @Test
    public void everyWidthReadsWhatWasWritten()
    {
        final AbstractLabeledArray bytes = array(ElementType.BYTE);
        final AbstractLabeledArray shorts = array(ElementType.SHORT);
        final AbstractLabeledArray chars = array(ElementType.CHAR);
        final AbstractLabeledArray ints = array(ElementType.INT);
        final AbstractLabeledArray floats = array(ElementType.FLOAT);
        final AbstractLabeledArray longs = array(ElementType.LONG);
        final AbstractLabeledArray doubles = array(ElementType.DOUBLE);
        try
        {
            for (int i = 0; i < LENGTH; i++)
            {
                bytes.putByte(i, (byte)(i - 3));
                shorts.putShort(i, (short)(i * 1000 - 3000));
                chars.putChar(i, (char)('a' + i));
                ints.putInt(i, i * 100_000 - 1);
                floats.putFloat(i, i + 0.5f);
                longs.putLong(i, Long.MIN_VALUE + i);
                doubles.putDouble(i, -i / 4.0);
            }
            for (int i = 0; i < LENGTH; i++)
            {
                assertEquals((byte)(i - 3), bytes.getByte(i));
                assertEquals((short)(i * 1000 - 3000), shorts.getShort(i));
                assertEquals((char)('a' + i), chars.getChar(i));
                assertEquals(i * 100_000 - 1, ints.getInt(i));
                assertEquals(i + 0.5f, floats.getFloat(i), 0.0f);
                assertEquals(Long.MIN_VALUE + i, longs.getLong(i));
                assertEquals(-i / 4.0, doubles.getDouble(i), 0.0);
            }
            assertEquals("elements are laid end to end", Long.MIN_VALUE + 1, longs.elements().getLong(8));
            assertEquals(longs.elementsAddress() + 16, longs.elementAddress(2));
            assertEquals(16, longs.elementOffset(2));
        }
        finally
        {
            close(bytes);
            close(shorts);
            close(chars);
            close(ints);
            close(floats);
            close(longs);
            close(doubles);
        }
    }

    @Test
    public void replaceReturnsThePreviousValueLikeHeaparraysInsert()
    {
        final AbstractLabeledArray longs = array(ElementType.LONG);
        final AbstractLabeledArray ints = array(ElementType.INT);
        final AbstractLabeledArray bytes = array(ElementType.BYTE);
        final AbstractLabeledArray shorts = array(ElementType.SHORT);
        final AbstractLabeledArray chars = array(ElementType.CHAR);
        final AbstractLabeledArray floats = array(ElementType.FLOAT);
        final AbstractLabeledArray doubles = array(ElementType.DOUBLE);
        try
        {
            assertEquals(0, longs.replaceLong(3, 1));
            assertEquals(1, longs.replaceLong(3, 2));
            assertEquals(2, longs.replaceLong(3, 3));
            assertEquals(3, longs.getLong(3));
            assertEquals(0, ints.replaceInt(0, 5));
            assertEquals(5, ints.replaceInt(0, 6));
            assertEquals(0, bytes.replaceByte(6, (byte)1));
            assertEquals(1, bytes.replaceByte(6, (byte)2));
            assertEquals(0, shorts.replaceShort(1, (short)7));
            assertEquals(7, shorts.replaceShort(1, (short)8));
            assertEquals(0, chars.replaceChar(1, 'x'));
            assertEquals('x', chars.replaceChar(1, 'y'));
            assertEquals(0f, floats.replaceFloat(2, 1.5f), 0f);
            assertEquals(1.5f, floats.replaceFloat(2, 2.5f), 0f);
            assertEquals(0.0, doubles.replaceDouble(2, 1.5), 0.0);
            assertEquals(1.5, doubles.replaceDouble(2, 2.5), 0.0);
        }
        finally
        {
            close(longs);
            close(ints);
            close(bytes);
            close(shorts);
            close(chars);
            close(floats);
            close(doubles);
        }
    }

    @Test
    public void indexingAtLengthOrBelowZeroThrowsNamingTheIndexAndTheLength()
    {
        final AbstractLabeledArray longs = array(ElementType.LONG);
        try
        {
            final IndexOutOfBoundsException atLength =
                assertThrows(IndexOutOfBoundsException.class, () -> longs.getLong(LENGTH));
            assertThat(atLength.getMessage(), containsString("index " + LENGTH));
            assertThat(atLength.getMessage(), containsString("length " + LENGTH));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.putLong(LENGTH, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.replaceLong(LENGTH, 1));
            final IndexOutOfBoundsException negative =
                assertThrows(IndexOutOfBoundsException.class, () -> longs.getLong(-1));
            assertThat(negative.getMessage(), containsString("index -1"));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.getLong(Integer.MIN_VALUE));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.elementAddress(LENGTH));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.elementOffset(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.record(LENGTH, new Quote()));
            assertEquals("nothing was written", 0, longs.getLong(LENGTH - 1));
        }
        finally
        {
            close(longs);
        }
    }

    @Test
    public void anAccessOfTheWrongWidthThrows()
    {
        final AbstractLabeledArray ints = array(ElementType.INT);
        try
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> ints.getLong(0));
            assertThat(ex.getMessage(), containsString("getLong needs 8-byte elements"));
            assertThat(ex.getMessage(), containsString("int"));
            assertThrows(IllegalStateException.class, () -> ints.putShort(0, (short)1));
            assertThrows(IllegalStateException.class, () -> ints.replaceDouble(0, 1));
            assertEquals("a float is an int's width", 0f, ints.getFloat(0), 0f);
        }
        finally
        {
            close(ints);
        }
    }

    @Test
    public void recordsAreReadAndWrittenThroughAFlyweight()
    {
        final AbstractLabeledArray quotes = array(Quote.TYPE);
        try
        {
            final Quote quote = new Quote();
            for (int i = 0; i < LENGTH; i++)
            {
                assertSame(quote, quotes.record(i, quote).price(100 + i).size(i));
            }
            for (int i = LENGTH - 1; i >= 0; i--)
            {
                quotes.record(i, quote);
                assertEquals(100 + i, quote.price());
                assertEquals(i, quote.size());
            }
            assertEquals(16 * LENGTH, quotes.elements().capacity());
            assertEquals(Quote.LENGTH * 3, quotes.elementOffset(3));
        }
        finally
        {
            close(quotes);
        }
    }

    @Test
    public void theLabelIsAViewOfItsOwnBytes()
    {
        final AbstractLabeledArray longs = array(ElementType.LONG);
        try
        {
            assertEquals(3, longs.label().capacity());
            assertSame(longs.label(), longs.label());
            longs.label().putByte(2, (byte)9);
            assertEquals(longs.labelAddress(), longs.label().addressOffset());
            assertThrows(IndexOutOfBoundsException.class, () -> longs.label().getByte(3));
            assertEquals("the label does not overlap element 0", 0, longs.getLong(0));
        }
        finally
        {
            close(longs);
        }
    }
}
