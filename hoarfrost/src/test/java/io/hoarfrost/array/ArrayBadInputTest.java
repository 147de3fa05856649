package io.hoarfrost.array;

import io.hoarfrost.memory.BadInput;
import io.hoarfrost.memory.BadInput.Fixture;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.ArrayList;
import java.util.List;

import static io.hoarfrost.memory.BadInput.Kind.CLOSED;
import static io.hoarfrost.memory.BadInput.Kind.FOREIGN;
import static io.hoarfrost.memory.BadInput.Kind.IN_USE;
import static io.hoarfrost.memory.BadInput.Kind.NEGATIVE;
import static io.hoarfrost.memory.BadInput.Kind.NULL;
import static io.hoarfrost.memory.BadInput.Kind.TOO_LARGE;
import static io.hoarfrost.memory.BadInput.Kind.ZERO;

/**
 * The bad-input matrix of the arrays: {@link ArrayLayout}'s {@code long}-handle API,
 * {@link LabeledArray}, {@link LabeledArrayView}, {@link RcArray} and {@link AtomicArrayRef}.
 */
@RunWith(Parameterized.class)
public class ArrayBadInputTest
{
    private static final ArrayLayout LONGS = ArrayLayout.thin(ElementType.LONG).withLabel(8);
    private static final ArrayLayout COUNTED = ArrayLayout.thin(ElementType.LONG).counted(Counter.ATOMIC_U32);
    private static final ArrayLayout PLAIN_COUNTED = ArrayLayout.thin(ElementType.LONG).counted(Counter.U16);
    private static final String USE_AFTER_FREE = "use after free";
    private static final String WRONG_TYPE = "a layout of longs";
    private static final String HOLDS_LONG = "this array holds long";

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Parameterized.Parameter
    public BadInput input;

    /**
     * The cases.
     *
     * @return every case of this package.
     */
    @Parameterized.Parameters(name = "{0}")
    public static List<BadInput> cases()
    {
        final List<BadInput> cases = new ArrayList<>();
        layout(cases);
        labeledArray(cases);
        view(cases);
        rcArray(cases);
        atomicArrayRef(cases);
        return cases;
    }

    @Test
    public void throwsAsDocumentedAndChangesNothing()
    {
        input.run();
    }

    private static LabeledArray fourLongs()
    {
        return LabeledArray.ofLongs(LONGS, 4, i -> i * 10L);
    }

    private static Object state(final AbstractLabeledArray array)
    {
        return array.toString();
    }

    /** Runs {@code call} on a second handle of {@code array}'s block, so the block is shared; closes it. */
    private static Object shared(final RcArray array, final BadInput.Call<RcArray> call) throws Exception
    {
        try (RcArray other = array.retain())
        {
            return call.call(other);
        }
    }

    private static Object close(final AutoCloseable closeable) throws Exception
    {
        closeable.close();
        return null;
    }

    private static void layout(final List<BadInput> cases)
    {
        new Fixture<LabeledArray>(cases, "ArrayLayout", ArrayBadInputTest::fourLongs, ArrayBadInputTest::state,
            ArrayBadInputTest::closeRecording)
            .throwsOn("thin(elementType)", NULL, "null", NullPointerException.class, "elementType", a -> ArrayLayout.thin(null))
            .throwsOn("withLabel(labelLength)", NEGATIVE, "label length -1", IllegalArgumentException.class,
                "label length -1", a -> LONGS.withLabel(-1))
            .throwsOn("withLabel(labelLength)", TOO_LARGE, "label length 2^31-1", IllegalArgumentException.class,
                "label length " + Integer.MAX_VALUE, a -> LONGS.withLabel(Integer.MAX_VALUE))
            .throwsOn("withLabel(labelLength, labelAlignment)", ZERO, "alignment 0", IllegalArgumentException.class,
                "alignment 0", a -> LONGS.withLabel(4, 0))
            .throwsOn("counted(counter)", NULL, "null", NullPointerException.class, "counter", a -> LONGS.counted(null))
            .throwsOn("withAllocator(allocator)", NULL, "null", NullPointerException.class, "allocator",
                a -> LONGS.withAllocator(null))
            .throwsOn("allocate(length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                a -> LONGS.allocate(-1))
            .throwsOn("allocate(length)", TOO_LARGE, "length past maxLength", IllegalArgumentException.class,
                "length " + (LONGS.maxLength() + 1), a -> LONGS.allocate(LONGS.maxLength() + 1))
            .throwsOn("allocate(label, length)", TOO_LARGE, "a label buffer shorter than the label",
                IndexOutOfBoundsException.class, "capacity 4", a -> LONGS.allocate(new UnsafeBuffer(new byte[4]), 2))
            .throwsOn("allocateLongs(length, init)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                a -> LONGS.allocateLongs(-1, i -> i))
            .throwsOn("free(block, length)", ZERO, "block 0", IllegalArgumentException.class, "block 0",
                a -> free(LONGS, 0, 4))
            .throwsOn("free(block, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                a -> free(LONGS, a.block(), -1))
            .throwsWhenChecked("free(block, length)", CLOSED, "a freed block", IllegalStateException.class, USE_AFTER_FREE,
                a -> free(LONGS, a.blockOrZero() == 0 ? lastFreed : a.block(), 4))
            .throwsWhenChecked("free(block, length)", FOREIGN, "an address inside the block", IllegalStateException.class,
                USE_AFTER_FREE, a -> free(LONGS, a.block() + 8, 4))
            .throwsOn("length(block)", FOREIGN, "a fat layout", IllegalStateException.class, "does not store its length",
                a -> ArrayLayout.fat(ElementType.LONG).length(a.block()))
            .throwsOn("retain(block)", FOREIGN, "a layout without a counter", IllegalStateException.class,
                "without a counter", a -> LONGS.retain(a.block()))
            .throwsOn("elementAddress(block, length, index)", NEGATIVE, "index -1", IndexOutOfBoundsException.class,
                "index -1", a -> LONGS.elementAddress(a.block(), 4, -1))
            .throwsOn("elementAddress(block, length, index)", TOO_LARGE, "index 4 of 4", IndexOutOfBoundsException.class,
                "index 4", a -> LONGS.elementAddress(a.block(), 4, 4))
            .throwsOn("copy(block, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                a -> LONGS.copy(a.block(), -1))
            .throwsOn("allocateBytes(length, init)", FOREIGN, WRONG_TYPE, IllegalStateException.class, HOLDS_LONG,
                a -> LONGS.allocateBytes(2, i -> (byte)i))
            .throwsOn("allocateShorts(length, init)", NULL, "init null", NullPointerException.class, "init",
                a -> ArrayLayout.thin(ElementType.SHORT).allocateShorts(2, null))
            .throwsOn("allocateChars(length, init)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                a -> ArrayLayout.thin(ElementType.CHAR).allocateChars(-1, i -> 'x'))
            .throwsOn("allocateFloats(length, init)", FOREIGN, WRONG_TYPE, IllegalStateException.class, HOLDS_LONG,
                a -> LONGS.allocateFloats(2, i -> 1f));
    }

    /** The block of the last array a CLOSED case closed (to free it again). */
    private static long lastFreed;

    private static Object closeRecording(final LabeledArray array)
    {
        if (!array.isClosed())
        {
            lastFreed = array.block();
        }
        array.close();
        return null;
    }

    private static Object free(final ArrayLayout layout, final long block, final int length)
    {
        layout.free(block, length);
        return null;
    }

    private static void labeledArray(final List<BadInput> cases)
    {
        final String closed = "LabeledArray is closed";
        new Fixture<LabeledArray>(cases, "LabeledArray", ArrayBadInputTest::fourLongs, ArrayBadInputTest::state,
            ArrayBadInputTest::closeRecording)
            .throwsOn("getLong(index)", NEGATIVE, "index -1", IndexOutOfBoundsException.class,
                "index -1 out of range for length 4", a -> a.getLong(-1))
            .throwsOn("getLong(index)", TOO_LARGE, "index 4 of 4", IndexOutOfBoundsException.class, "index 4", a -> a.getLong(4))
            .throwsOn("putLong(index, value)", TOO_LARGE, "index 4 of 4", IndexOutOfBoundsException.class, "index 4", a ->
            {
                a.putLong(4, 1);
                return null;
            })
            .throwsOn("replaceLong(index, value)", NEGATIVE, "index -1", IndexOutOfBoundsException.class, "index -1",
                a -> a.replaceLong(-1, 1))
            .throwsOn("elementAddress(index)", TOO_LARGE, "index 4 of 4", IndexOutOfBoundsException.class, "index 4",
                a -> a.elementAddress(4))
            .throwsOn("elementOffset(index)", NEGATIVE, "index -1", IndexOutOfBoundsException.class, "index -1",
                a -> a.elementOffset(-1))
            .throwsOn("allocate(layout, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                a -> LabeledArray.allocate(LONGS, -1))
            .throwsOn("ofLongs(layout, length, init)", NULL, "init null", NullPointerException.class, null,
                a -> LabeledArray.ofLongs(LONGS, 2, null))
            .throwsOn("withLabel(layout, length, initialiser)", NULL, "initialiser null", NullPointerException.class, null,
                a -> LabeledArray.withLabel(LONGS, 2, null))
            .throwsOn("fromRaw(layout, block)", ZERO, "block 0", IllegalArgumentException.class, "block 0",
                a -> LabeledArray.fromRaw(LONGS, 0))
            .throwsOn("fromRaw(layout, block, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                a -> LabeledArray.fromRaw(LONGS, a.block(), -1))
            .throwsWhenChecked("fromRaw(layout, block)", FOREIGN, "an address inside a block", IllegalStateException.class,
                USE_AFTER_FREE, a -> LabeledArray.fromRaw(LONGS, a.block() + 8))
            .throwsOn("getLong(index)", CLOSED, "closed array", IllegalStateException.class, closed, a -> a.getLong(0))
            .throwsOn("putLong(index, value)", CLOSED, "closed array", IllegalStateException.class, closed, a ->
            {
                a.putLong(0, 1);
                return null;
            })
            .throwsOn("label()", CLOSED, "closed array", IllegalStateException.class, closed, LabeledArray::label)
            .throwsOn("elements()", CLOSED, "closed array", IllegalStateException.class, closed, LabeledArray::elements)
            .throwsOn("block()", CLOSED, "closed array", IllegalStateException.class, closed, LabeledArray::block)
            .throwsOn("copy()", CLOSED, "closed array", IllegalStateException.class, closed, LabeledArray::copy)
            .throwsOn("intoRaw()", CLOSED, "closed array", IllegalStateException.class, closed, LabeledArray::intoRaw)
            .throwsOn("hashCode()", CLOSED, "closed array", IllegalStateException.class, closed, LabeledArray::hashCode)
            .returns("close()", CLOSED, "closed array (idempotent)", null, ArrayBadInputTest::close)
            .throwsOn("ofBytes(layout, length, init)", NULL, "init null", NullPointerException.class, "init",
                a -> LabeledArray.ofBytes(ArrayLayout.thin(ElementType.BYTE), 2, null))
            .throwsOn("ofShorts(layout, length, init)", FOREIGN, WRONG_TYPE, IllegalStateException.class, HOLDS_LONG,
                a -> LabeledArray.ofShorts(LONGS, 2, i -> (short)i))
            .throwsOn("ofChars(layout, length, init)", NULL, "init null", NullPointerException.class, "init",
                a -> LabeledArray.ofChars(ArrayLayout.thin(ElementType.CHAR), 2, null))
            .throwsOn("ofFloats(layout, length, init)", FOREIGN, WRONG_TYPE, IllegalStateException.class, HOLDS_LONG,
                a -> LabeledArray.ofFloats(LONGS, 2, i -> 1f))
            .throwsOn("forEachLong(action)", NULL, "action null", NullPointerException.class, "action", a ->
            {
                a.forEachLong(null);
                return null;
            })
            .throwsOn("forEachLong(action)", CLOSED, "closed array", IllegalStateException.class, closed, a ->
            {
                a.forEachLong(v -> { });
                return null;
            })
            .throwsOn("forEachLongIndexed(action)", NULL, "action null", NullPointerException.class, "action", a ->
            {
                a.forEachLongIndexed(null);
                return null;
            })
            .throwsOn("forEachLongIndexed(action)", CLOSED, "closed array", IllegalStateException.class, closed, a ->
            {
                a.forEachLongIndexed((i, v) -> { });
                return null;
            })
            .throwsOn("forEachDouble(action)", NULL, "action null", NullPointerException.class, "action", a ->
            {
                a.forEachDouble(null);
                return null;
            })
            .throwsOn("forEachDoubleIndexed(action)", CLOSED, "closed array", IllegalStateException.class, closed, a ->
            {
                a.forEachDoubleIndexed((i, v) -> { });
                return null;
            })
            .throwsOn("forEachByte(action)", FOREIGN, "an array of longs", IllegalStateException.class,
                "forEachByte needs 1-byte elements; " + HOLDS_LONG, a ->
                {
                    a.forEachByte(v -> { });
                    return null;
                })
            .throwsOn("forEachByteIndexed(action)", FOREIGN, "an array of longs", IllegalStateException.class, HOLDS_LONG, a ->
            {
                a.forEachByteIndexed((i, v) -> { });
                return null;
            })
            .throwsOn("forEachShort(action)", FOREIGN, "an array of longs", IllegalStateException.class, HOLDS_LONG, a ->
            {
                a.forEachShort(v -> { });
                return null;
            })
            .throwsOn("forEachShortIndexed(action)", FOREIGN, "an array of longs", IllegalStateException.class, HOLDS_LONG, a ->
            {
                a.forEachShortIndexed((i, v) -> { });
                return null;
            })
            .throwsOn("forEachChar(action)", FOREIGN, "an array of longs", IllegalStateException.class, HOLDS_LONG, a ->
            {
                a.forEachChar(v -> { });
                return null;
            })
            .throwsOn("forEachCharIndexed(action)", FOREIGN, "an array of longs", IllegalStateException.class, HOLDS_LONG, a ->
            {
                a.forEachCharIndexed((i, v) -> { });
                return null;
            })
            .throwsOn("forEachInt(action)", FOREIGN, "an array of longs", IllegalStateException.class,
                "forEachInt needs 4-byte elements; " + HOLDS_LONG, a ->
                {
                    a.forEachInt(v -> { });
                    return null;
                })
            .throwsOn("forEachIntIndexed(action)", FOREIGN, "an array of longs", IllegalStateException.class, HOLDS_LONG, a ->
            {
                a.forEachIntIndexed((i, v) -> { });
                return null;
            })
            .throwsOn("forEachFloat(action)", FOREIGN, "an array of longs", IllegalStateException.class, HOLDS_LONG, a ->
            {
                a.forEachFloat(v -> { });
                return null;
            })
            .throwsOn("forEachFloatIndexed(action)", FOREIGN, "an array of longs", IllegalStateException.class, HOLDS_LONG, a ->
            {
                a.forEachFloatIndexed((i, v) -> { });
                return null;
            })
            .throwsOn("forEachRecord(flyweight, action)", NULL, "flyweight null", NullPointerException.class, "flyweight", a ->
            {
                a.forEachRecord(null, q -> { });
                return null;
            })
            .throwsOn("forEachRecord(flyweight, action)", CLOSED, "closed array", IllegalStateException.class, closed, a ->
            {
                a.forEachRecord(new Quote(), q -> { });
                return null;
            });
    }

    private static void view(final List<BadInput> cases)
    {
        new Fixture<LabeledArray>(cases, "LabeledArrayView", ArrayBadInputTest::fourLongs, ArrayBadInputTest::state,
            ArrayBadInputTest::close)
            .throwsOn("getLong(index)", CLOSED, "a view never wrapped", IllegalStateException.class, "not wrapped",
                a -> new LabeledArrayView().getLong(0))
            .throwsOn("wrap(layout, block)", ZERO, "block 0", IllegalArgumentException.class, "block 0",
                a -> new LabeledArrayView().wrap(LONGS, 0))
            .throwsOn("wrap(layout, block, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                a -> new LabeledArrayView().wrap(LONGS, a.block(), -1))
            .throwsOn("wrap(layout, block)", FOREIGN, "a fat layout", IllegalStateException.class, "does not store its length",
                a -> new LabeledArrayView().wrap(ArrayLayout.fat(ElementType.LONG), a.block()))
            .throwsOn("wrap(array)", CLOSED, "a closed array", IllegalStateException.class, "LabeledArray is closed",
                a -> new LabeledArrayView().wrap(a))
            .throwsOn("getLong(index)", TOO_LARGE, "index 4 of 4", IndexOutOfBoundsException.class, "index 4",
                a -> new LabeledArrayView().wrap(a).getLong(4))
            .throwsOn("forEachLong(action)", CLOSED, "a view never wrapped", IllegalStateException.class, "not wrapped", a ->
            {
                new LabeledArrayView().forEachLong(v -> { });
                return null;
            });
    }

    private static void rcArray(final List<BadInput> cases)
    {
        final String empty = "RcArray handle is empty";
        new Fixture<RcArray>(cases, "RcArray", () -> RcArray.ofLongs(COUNTED, 4, i -> i), ArrayBadInputTest::state,
            ArrayBadInputTest::close)
            .throwsOn("allocate(layout, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                r -> RcArray.allocate(COUNTED, -1))
            .throwsOn("fromRaw(layout, block, length)", FOREIGN, "a layout without a counter", IllegalArgumentException.class,
                "needs a counted layout", r -> RcArray.fromRaw(LONGS, r.block(), 4))
            .throwsOn("fromRaw(layout, block, length)", ZERO, "block 0", IllegalArgumentException.class, "block 0",
                r -> RcArray.fromRaw(COUNTED, 0, 4))
            .throwsOn("ArrayLayout.free(block, length)", FOREIGN, "a shared block (count 2)", IllegalStateException.class,
                "with count 2", r ->
                {
                    try (RcArray other = r.retain())
                    {
                        return free(COUNTED, other.block(), 4);
                    }
                })
            .throwsOn("getLong(index)", TOO_LARGE, "index 4 of 4", IndexOutOfBoundsException.class, "index 4", r -> r.getLong(4))
            .throwsOn("retain()", CLOSED, "released handle", IllegalStateException.class, empty, RcArray::retain)
            .throwsOn("release()", CLOSED, "released handle", IllegalStateException.class, empty, RcArray::release)
            .throwsOn("refCount()", CLOSED, "released handle", IllegalStateException.class, empty, RcArray::refCount)
            .throwsOn("makeMutable()", CLOSED, "released handle", IllegalStateException.class, empty, RcArray::makeMutable)
            .throwsOn("tryUnwrap()", CLOSED, "released handle", IllegalStateException.class, empty, RcArray::tryUnwrap)
            .throwsOn("intoRaw()", CLOSED, "released handle", IllegalStateException.class, empty, RcArray::intoRaw)
            .throwsOn("unwrapOrCopy()", CLOSED, "released handle", IllegalStateException.class, empty,
                RcArray::unwrapOrCopy)
            .throwsWhenChecked("putLong(index, value)", IN_USE, "a shared block (count 2)", IllegalStateException.class,
                "refCount 2", r -> shared(r, a ->
                {
                    a.putLong(0, 99);
                    return null;
                }))
            .throwsWhenChecked("replaceLong(index, value)", IN_USE, "a shared block (count 2)",
                IllegalStateException.class, "refCount 2", r -> shared(r, a -> a.replaceLong(0, 99)))
            .throwsOn("getLong(index)", CLOSED, "released handle", IllegalStateException.class, empty, r -> r.getLong(0))
            .throwsOn("forEachLong(action)", CLOSED, "empty handle", IllegalStateException.class, empty, r ->
            {
                r.forEachLong(v -> { });
                return null;
            })
            .throwsOn("ofBytes(layout, length, init)", FOREIGN, "a layout without a counter", IllegalArgumentException.class,
                "needs a counted layout", r -> RcArray.ofBytes(ArrayLayout.thin(ElementType.BYTE), 2, i -> (byte)i))
            .throwsOn("ofShorts(layout, length, init)", NULL, "init null", NullPointerException.class, "init",
                r -> RcArray.ofShorts(ArrayLayout.thin(ElementType.SHORT).counted(Counter.U8), 2, null))
            .throwsOn("ofChars(layout, length, init)", FOREIGN, WRONG_TYPE, IllegalStateException.class, HOLDS_LONG,
                r -> RcArray.ofChars(COUNTED, 2, i -> 'x'))
            .throwsOn("ofFloats(layout, length, init)", FOREIGN, WRONG_TYPE, IllegalStateException.class, HOLDS_LONG,
                r -> RcArray.ofFloats(COUNTED, 2, i -> 1f));
        new Fixture<RcArray>(cases, "RcArray", () -> RcArray.ofLongs(PLAIN_COUNTED, 4, i -> i), ArrayBadInputTest::state,
            ArrayBadInputTest::close)
            .confined("retain() (plain counter)", RcArray::retain)
            .confined("release() (plain counter)", RcArray::release)
            .confined("refCount() (plain counter)", RcArray::refCount)
            .confined("makeMutable() (plain counter)", RcArray::makeMutable)
            .confined("tryUnwrap() (plain counter)", RcArray::tryUnwrap)
            .confined("unwrapOrCopy() (plain counter)", RcArray::unwrapOrCopy)
            .confined("isExclusive() (plain counter)", RcArray::isExclusive);
    }

    /** A heap cell holding a thin array; "closed" clears it (freeing the array). */
    static final class Cell
    {
        final AtomicArrayRef ref = AtomicArrayRef.onHeap(LONGS);

        Cell()
        {
            ref.set(LONGS.allocate(2));
        }
    }

    private static void atomicArrayRef(final List<BadInput> cases)
    {
        new Fixture<Cell>(cases, "AtomicArrayRef", Cell::new, c -> c.ref.get(), c ->
        {
            c.ref.clear();
            return null;
        })
            .throwsOn("onHeap(layout)", FOREIGN, "a fat layout", IllegalArgumentException.class, "must be thin",
                c -> AtomicArrayRef.onHeap(ArrayLayout.fat(ElementType.LONG)))
            .throwsOn("onHeap(layout)", NULL, "null", NullPointerException.class, null, c -> AtomicArrayRef.onHeap(null))
            .throwsOn("offHeap(layout, cellAddress)", ZERO, "cell address 0", IllegalArgumentException.class,
                "cell address 0x0", c -> AtomicArrayRef.offHeap(LONGS, 0))
            .throwsOn("offHeap(layout, cellAddress)", FOREIGN, "an address off 8-byte alignment", IllegalArgumentException.class,
                "cell address 0x" + Long.toHexString(c4()), c -> AtomicArrayRef.offHeap(LONGS, c4()))
            .throwsOn("initialize(block)", ZERO, "block 0 (empty)", IllegalArgumentException.class, "empty block 0",
                c -> c.ref.initialize(AtomicArrayRef.EMPTY))
            .returns("clear()", CLOSED, "an empty cell (idempotent)", null, c ->
            {
                c.ref.clear();
                return null;
            });
    }

    private static long c4()
    {
        return 0x1004;
    }
}
