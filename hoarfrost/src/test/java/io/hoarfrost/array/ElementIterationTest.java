package io.hoarfrost.array;

import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** forEach* over every element type: order, values, indexes, empty arrays and the errors. */
public class ElementIterationTest
{
    private static final int LENGTH = 21;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    private final List<String> seen = new ArrayList<>();

    private ArrayLayout thin(final ElementType type)
    {
        return ArrayLayout.thin(type).withLabel(5).withAllocator(bytes);
    }

    private ArrayLayout counted(final ElementType type)
    {
        return ArrayLayout.fat(type).counted(Counter.U32).withAllocator(bytes);
    }

    private void assertSeen(final String what, final String... expected)
    {
        final List<String> want = new ArrayList<>();
        for (final String e : expected)
        {
            want.add(e);
        }
        assertEquals(what, want, seen);
        seen.clear();
    }

    private static String[] expected(final int length, final java.util.function.IntFunction<String> value)
    {
        final String[] out = new String[length];
        for (int i = 0; i < length; i++)
        {
            out[i] = value.apply(i);
        }
        return out;
    }

    @Test
    public void everyPrimitiveTypeIsVisitedInOrderWithItsValuesAndIndexes()
    {
        try (LabeledArray b = LabeledArray.ofBytes(thin(ElementType.BYTE), LENGTH, i -> (byte)(i * 13));
             LabeledArray s = LabeledArray.ofShorts(thin(ElementType.SHORT), LENGTH, i -> (short)(i * -999));
             LabeledArray c = LabeledArray.ofChars(thin(ElementType.CHAR), LENGTH, i -> (char)('A' + i));
             LabeledArray n = LabeledArray.ofInts(thin(ElementType.INT), LENGTH, i -> i * 100_003);
             LabeledArray f = LabeledArray.ofFloats(thin(ElementType.FLOAT), LENGTH, i -> i / 8f);
             LabeledArray l = LabeledArray.ofLongs(thin(ElementType.LONG), LENGTH, i -> (long)i << 40);
             LabeledArray d = LabeledArray.ofDoubles(thin(ElementType.DOUBLE), LENGTH, i -> -i * 0.5))
        {
            b.forEachByte(v -> seen.add("" + v));
            assertSeen("bytes", expected(LENGTH, i -> "" + (byte)(i * 13)));
            b.forEachByteIndexed((i, v) -> seen.add(i + ":" + v));
            assertSeen("indexed bytes", expected(LENGTH, i -> i + ":" + (byte)(i * 13)));
            s.forEachShort(v -> seen.add("" + v));
            assertSeen("shorts", expected(LENGTH, i -> "" + (short)(i * -999)));
            s.forEachShortIndexed((i, v) -> seen.add(i + ":" + v));
            assertSeen("indexed shorts", expected(LENGTH, i -> i + ":" + (short)(i * -999)));
            c.forEachChar(v -> seen.add("" + v));
            assertSeen("chars", expected(LENGTH, i -> "" + (char)('A' + i)));
            c.forEachCharIndexed((i, v) -> seen.add(i + ":" + v));
            assertSeen("indexed chars", expected(LENGTH, i -> i + ":" + (char)('A' + i)));
            n.forEachInt(v -> seen.add("" + v));
            assertSeen("ints", expected(LENGTH, i -> "" + i * 100_003));
            n.forEachIntIndexed((i, v) -> seen.add(i + ":" + v));
            assertSeen("indexed ints", expected(LENGTH, i -> i + ":" + i * 100_003));
            f.forEachFloat(v -> seen.add("" + v));
            assertSeen("floats", expected(LENGTH, i -> "" + i / 8f));
            f.forEachFloatIndexed((i, v) -> seen.add(i + ":" + v));
            assertSeen("indexed floats", expected(LENGTH, i -> i + ":" + i / 8f));
            l.forEachLong(v -> seen.add("" + v));
            assertSeen("longs", expected(LENGTH, i -> "" + ((long)i << 40)));
            l.forEachLongIndexed((i, v) -> seen.add(i + ":" + v));
            assertSeen("indexed longs", expected(LENGTH, i -> i + ":" + ((long)i << 40)));
            d.forEachDouble(v -> seen.add("" + v));
            assertSeen("doubles", expected(LENGTH, i -> "" + -i * 0.5));
            d.forEachDoubleIndexed((i, v) -> seen.add(i + ":" + v));
            assertSeen("indexed doubles", expected(LENGTH, i -> i + ":" + -i * 0.5));
        }
    }

    @Test
    public void countedArraysAndViewsIterateToo()
    {
        try (RcArray shared = RcArray.ofLongs(counted(ElementType.LONG), 4, i -> 10 + i);
             RcArray other = shared.retain())
        {
            other.forEachLong(v -> seen.add("" + v));
            assertSeen("rc longs", "10", "11", "12", "13");
            new LabeledArrayView().wrap(shared).forEachLongIndexed((i, v) -> seen.add(i + "=" + v));
            assertSeen("view", "0=10", "1=11", "2=12", "3=13");
        }
        final ArrayLayout floats = thin(ElementType.FLOAT);
        final long block = floats.allocateFloats(3, i -> i + 0.25f);
        new LabeledArrayView().wrap(floats, block).forEachFloat(v -> seen.add("" + v));
        assertSeen("view over a long handle", "0.25", "1.25", "2.25");
        floats.free(block);
    }

    @Test
    public void recordsAreVisitedThroughOneFlyweight()
    {
        try (LabeledArray quotes = LabeledArray.withLabel(ArrayLayout.fat(Quote.TYPE).withAllocator(bytes), 3,
            (a, i) -> a.record(i, new Quote()).price(100 + i).size(i * 10)))
        {
            final Quote quote = new Quote();
            quotes.forEachRecord(quote, q -> seen.add(q.price() + "x" + q.size()));
            assertSeen("records", "100x0", "101x10", "102x20");
        }
    }

    @Test
    public void anEmptyArrayCallsTheActionNever()
    {
        try (LabeledArray empty = LabeledArray.allocate(thin(ElementType.SHORT), 0);
             RcArray none = RcArray.allocate(counted(ElementType.DOUBLE), 0))
        {
            empty.forEachShort(v -> seen.add("called"));
            empty.forEachShortIndexed((i, v) -> seen.add("called"));
            none.forEachDouble(v -> seen.add("called"));
            none.forEachDoubleIndexed((i, v) -> seen.add("called"));
            none.forEachRecord(new Quote(), q -> seen.add("called"));
            assertTrue(seen.isEmpty());
        }
    }

    @Test
    public void aWrongElementTypeThrowsNamingIt()
    {
        try (LabeledArray ints = LabeledArray.ofInts(thin(ElementType.INT), 2, i -> i))
        {
            final IllegalStateException longs = assertThrows(IllegalStateException.class, () -> ints.forEachLong(v -> { }));
            assertThat(longs.getMessage(), containsString("forEachLong needs 8-byte elements; this array holds int"));
            final IllegalStateException indexed =
                assertThrows(IllegalStateException.class, () -> ints.forEachByteIndexed((i, v) -> { }));
            assertThat(indexed.getMessage(), containsString("forEachByteIndexed needs 1-byte elements; this array holds int"));
            assertThrows(IllegalStateException.class, () -> ints.forEachChar(v -> { }));
            assertThrows(IllegalStateException.class, () -> ints.forEachDouble(v -> { }));
            ints.forEachFloat(v -> seen.add("" + v));
            assertEquals("by width, as getFloat: the int bits read as floats", 2, seen.size());
        }
    }

    @Test
    public void aClosedArrayANullActionOrClosingDuringTheIterationThrow()
    {
        final LabeledArray longs = LabeledArray.ofLongs(thin(ElementType.LONG), 3, i -> i);
        assertThrows(NullPointerException.class, () -> longs.forEachLong(null));
        assertThrows(NullPointerException.class, () -> longs.forEachRecord(null, q -> { }));
        final IllegalStateException during = assertThrows(IllegalStateException.class, () -> longs.forEachLong(v ->
        {
            seen.add("" + v);
            longs.close();
        }));
        assertThat(during.getMessage(), containsString("forEachLong: the LabeledArray let go of its block during the iteration"));
        assertSeen("one element, then the close", "0");
        final IllegalStateException closed = assertThrows(IllegalStateException.class, () -> longs.forEachLong(v -> { }));
        assertThat(closed.getMessage(), containsString("LabeledArray is closed"));
        assertThrows(IllegalStateException.class, () -> new LabeledArrayView().forEachIntIndexed((i, v) -> { }));
    }
}
