package io.hoarfrost.array;

import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import org.junit.Rule;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

public class LabeledArrayEqualityTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    private ArrayLayout thin(final ElementType type)
    {
        return ArrayLayout.thin(type).withAllocator(bytes);
    }

    private ArrayLayout fat(final ElementType type)
    {
        return ArrayLayout.fat(type).withAllocator(bytes);
    }

    @Test
    public void equalityComparesLabelLengthAndElementsAcrossForms()
    {
        try (LabeledArray a = LabeledArray.ofLongs(thin(ElementType.LONG).withLabel(8), 5, i -> i);
             LabeledArray b = LabeledArray.ofLongs(fat(ElementType.LONG).withLabel(8), 5, i -> i);
             RcArray c = RcArray.ofLongs(fat(ElementType.LONG).withLabel(8).counted(Counter.U16), 5, i -> i))
        {
            assertEquals(a, b);
            assertEquals(b, a);
            assertEquals(a, c);
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals(a.hashCode(), c.hashCode());

            b.label().putByte(7, (byte)1);
            assertNotEquals("labels differ", a, b);
            b.label().putByte(7, (byte)0);
            b.putLong(4, 5);
            assertNotEquals("elements differ", a, b);
            b.putLong(4, 4);
            assertEquals(a, b);
        }
    }

    @Test
    public void aPrefixIsNotEqualToTheWholeUnlikeHeaparray()
    {
        try (LabeledArray whole = LabeledArray.ofInts(thin(ElementType.INT), 4, i -> i);
             LabeledArray prefix = LabeledArray.ofInts(thin(ElementType.INT), 3, i -> i);
             LabeledArray empty = LabeledArray.allocate(fat(ElementType.INT), 0);
             LabeledArray otherEmpty = LabeledArray.allocate(thin(ElementType.INT), 0))
        {
            assertNotEquals(whole, prefix);
            assertNotEquals(prefix, whole);
            assertEquals(empty, otherEmpty);
        }
    }

    @Test
    public void elementTypesAndLabelLengthsMustMatch()
    {
        try (LabeledArray ints = LabeledArray.allocate(thin(ElementType.INT), 2);
             LabeledArray floats = LabeledArray.allocate(thin(ElementType.FLOAT), 2);
             LabeledArray labelled = LabeledArray.allocate(thin(ElementType.INT).withLabel(4), 2))
        {
            assertNotEquals("same bits, different types", ints, floats);
            assertNotEquals("a zero label is still a label", ints, labelled);
            assertNotEquals(ints, "not an array");
            assertNotEquals(ints, null);
        }
    }

    @Test
    public void equalsOnAClosedArrayThrows()
    {
        final LabeledArray closed = LabeledArray.allocate(thin(ElementType.INT), 2);
        closed.close();
        try (LabeledArray open = LabeledArray.allocate(thin(ElementType.INT), 2))
        {
            assertThrows(IllegalStateException.class, () -> open.equals(closed));
            assertThrows(IllegalStateException.class, closed::hashCode);
            assertEquals(closed, closed);
        }
    }

    @Test
    public void toStringShowsLabelLengthAndElements()
    {
        try (LabeledArray plain = LabeledArray.ofLongs(fat(ElementType.LONG), 3, i -> i + 3);
             LabeledArray labelled = LabeledArray.ofInts(thin(ElementType.INT).withLabel(2), 2, i -> -i);
             LabeledArray chars = LabeledArray.withLabel(fat(ElementType.CHAR), 2, (a, i) -> a.putChar(i, (char)('x' + i)));
             LabeledArray doubles = LabeledArray.ofDoubles(thin(ElementType.DOUBLE), 2, i -> i / 2.0);
             LabeledArray quotes = LabeledArray.withLabel(
                 fat(Quote.TYPE), 1, (a, i) -> a.record(i, new Quote()).price(1).size(2)))
        {
            labelled.label().putByte(0, (byte)0xAB);
            assertEquals("LabeledArray { label: (), len: 3, elements: [3, 4, 5] }", plain.toString());
            assertEquals("LabeledArray { label: 0xab00, len: 2, elements: [0, -1] }", labelled.toString());
            assertEquals("LabeledArray { label: (), len: 2, elements: ['x', 'y'] }", chars.toString());
            assertEquals("LabeledArray { label: (), len: 2, elements: [0.0, 0.5] }", doubles.toString());
            final String quote = quotes.toString();
            assertEquals("LabeledArray { label: (), len: 1, elements: [0x" +
                (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ?
                "01000000000000000200000000000000" : "00000000000000010000000200000000") + "] }", quote);
        }
    }

    @Test
    public void toStringTruncatesALongArray()
    {
        try (LabeledArray array = LabeledArray.ofLongs(thin(ElementType.LONG).withLabel(40), 200, i -> i);
             RcArray rc = RcArray.ofInts(fat(ElementType.INT).counted(Counter.ATOMIC_U64), 17, i -> i))
        {
            final String text = array.toString();
            assertEquals("LabeledArray { label: 0x" + repeat("00", 32) + "...(40 bytes), len: 200, elements: " +
                "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ... 184 more] }", text);
            assertEquals("RcArray { label: (), len: 17, elements: " +
                "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ... 1 more] }", rc.toString());
        }
    }

    private static String repeat(final String s, final int times)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < times; i++)
        {
            sb.append(s);
        }
        return sb.toString();
    }
}
