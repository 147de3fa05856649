package io.hoarfrost.array;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.ModelRunner;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.hoarfrost.memory.ModelRunner.expectThrows;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

/**
 * {@link LabeledArray} (thin and fat, every primitive element type, with and without a label)
 * against a model of up to three arrays, each a {@code long[]} of element bits and a label
 * {@code byte[]}: get, put and replace agree, copies are equal and independent, equality and hash
 * follow contents, ownership moves through {@code intoRaw}/{@code fromRaw}, and bad indexes, wrong
 * widths, bad lengths, failing initialisers and closed arrays throw as documented and change
 * nothing.
 */
public class LabeledArrayModelTest
{
    private static final long SEED = 0x1ABE_11ED_A005L;
    private static final ElementType[] TYPES = {
        ElementType.BYTE, ElementType.SHORT, ElementType.CHAR, ElementType.INT, ElementType.FLOAT, ElementType.LONG,
        ElementType.DOUBLE };
    private static final int[] LABELS = { 0, 3, 8 };
    private static final int MAX_ARRAYS = 3;

    private static final int CREATE = 0;
    private static final int PUT = 1;
    private static final int GET = 2;
    private static final int REPLACE = 3;
    private static final int BAD_INDEX = 4;
    private static final int WRONG_WIDTH = 5;
    private static final int LABEL = 6;
    private static final int COPY = 7;
    private static final int RAW = 8;
    private static final int CLOSE = 9;
    private static final int CLOSED_ACCESS = 10;
    private static final int BAD_CREATE = 11;
    private static final int VIEW = 12;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void randomSequencesAgreeWithTheModel()
    {
        ModelRunner.check("LabeledArray", SEED, new ModelRunner.Factory()
        {
            @Override
            public int[] weights()
            {
                return new int[]{ 3, 8, 4, 3, 3, 2, 2, 2, 1, 2, 1, 1, 1 };
            }

            @Override
            public ModelRunner.Machine start(final int config)
            {
                final int c = config & 0x7FFF_FFFF;
                final ArrayLayout form = c % 2 == 0 ? ArrayLayout.thin(TYPES[(c / 2) % 7]) : ArrayLayout.fat(TYPES[(c / 2) % 7]);
                return new Machine(form.withLabel(LABELS[(c / 14) % 3]));
            }
        });
    }

    /** One array and its model. */
    static final class Entry
    {
        LabeledArray array;
        long[] values;
        byte[] label;

        Entry(final LabeledArray array, final long[] values, final byte[] label)
        {
            this.array = array;
            this.values = values;
            this.label = label;
        }
    }

    /** The arrays and their models. */
    static final class Machine implements ModelRunner.Machine
    {
        private final ArrayLayout layout;
        private final ElementType type;
        private final int width;
        private final List<Entry> open = new ArrayList<>();
        private final List<LabeledArray> closed = new ArrayList<>();

        Machine(final ArrayLayout layout)
        {
            this.layout = layout;
            this.type = layout.elementType();
            this.width = type.size();
        }

        @Override
        public String apply(final ModelRunner.Step step)
        {
            final Entry entry = open.isEmpty() ? null : open.get(Math.floorMod(step.b, open.size()));
            if (null == entry && step.kind != CREATE && step.kind != BAD_CREATE && step.kind != CLOSED_ACCESS)
            {
                return "no array";
            }
            switch (step.kind)
            {
                case CREATE:
                    return create(step);
                case PUT:
                case GET:
                case REPLACE:
                {
                    if (entry.values.length == 0)
                    {
                        return "empty array";
                    }
                    final int index = Math.floorMod(step.a, entry.values.length);
                    final long value = bits(step.a ^ step.b);
                    if (step.kind == PUT)
                    {
                        put(entry.array, index, value);
                        entry.values[index] = value;
                        return "put(" + index + ")";
                    }
                    if (step.kind == GET)
                    {
                        assertEquals("element " + index, entry.values[index], get(entry.array, index));
                        return "get(" + index + ")";
                    }
                    assertEquals("replaced " + index, entry.values[index], replace(entry.array, index, value));
                    entry.values[index] = value;
                    return "replace(" + index + ")";
                }
                case BAD_INDEX:
                {
                    final int length = entry.values.length;
                    final int index = step.a >= 0 ? length + Math.floorMod(step.a, 3) : -1 - Math.floorMod(step.a, 4);
                    expectThrows(IndexOutOfBoundsException.class, () -> get(entry.array, index),
                        "index " + index, "length " + length);
                    expectThrows(IndexOutOfBoundsException.class, () -> put(entry.array, index, 1),
                        "index " + index, "length " + length);
                    expectThrows(IndexOutOfBoundsException.class, () -> entry.array.elementAddress(index), "index " + index);
                    verify(entry);
                    return "get/put/elementAddress(" + index + ") -> IndexOutOfBoundsException";
                }
                case WRONG_WIDTH:
                {
                    if (width == 8)
                    {
                        expectThrows(IllegalStateException.class, () -> entry.array.getInt(0), "needs 4-byte elements");
                    }
                    else
                    {
                        expectThrows(IllegalStateException.class, () -> entry.array.getLong(0), "needs 8-byte elements");
                    }
                    verify(entry);
                    return "an access of the wrong width -> IllegalStateException";
                }
                case LABEL:
                {
                    if (entry.label.length == 0)
                    {
                        assertEquals(0, entry.array.label().capacity());
                        return "label: none";
                    }
                    final int at = Math.floorMod(step.a, entry.label.length);
                    entry.array.label().putByte(at, (byte)step.a);
                    entry.label[at] = (byte)step.a;
                    verify(entry);
                    return "label[" + at + "] = " + (byte)step.a;
                }
                case COPY:
                    return copy(entry, step);
                case RAW:
                {
                    final long raw = entry.array.intoRaw();
                    closed.add(entry.array);
                    entry.array = layout.isThin() && step.a % 2 == 0 ?
                        LabeledArray.fromRaw(layout, raw) : LabeledArray.fromRaw(layout, raw, entry.values.length);
                    verify(entry);
                    return "intoRaw, fromRaw";
                }
                case CLOSE:
                    entry.array.close();
                    entry.array.close();
                    closed.add(entry.array);
                    open.remove(entry);
                    return "close (twice)";
                case CLOSED_ACCESS:
                {
                    if (closed.isEmpty())
                    {
                        return "no closed array";
                    }
                    final LabeledArray gone = closed.get(Math.floorMod(step.a, closed.size()));
                    expectThrows(IllegalStateException.class, () -> get(gone, 0), "closed");
                    expectThrows(IllegalStateException.class, gone::label, "closed");
                    expectThrows(IllegalStateException.class, gone::copy, "closed");
                    expectThrows(IllegalStateException.class, gone::intoRaw, "closed");
                    assertEquals(0, gone.length());
                    return "access to a closed array -> IllegalStateException";
                }
                case BAD_CREATE:
                    return badCreate(step);
                case VIEW:
                {
                    final LabeledArrayView view = new LabeledArrayView().wrap(entry.array);
                    assertEquals(entry.array, view);
                    if (layout.isThin())
                    {
                        assertEquals(entry.array, new LabeledArrayView().wrap(layout, entry.array.block()));
                    }
                    view.unwrap();
                    expectThrows(IllegalStateException.class, view::label, "not wrapped");
                    return "views";
                }
                default:
                    throw new AssertionError("kind " + step.kind);
            }
        }

        private String create(final ModelRunner.Step step)
        {
            if (open.size() == MAX_ARRAYS)
            {
                return "create: enough arrays";
            }
            final int length = Math.floorMod(step.a, 13);
            final long[] values = new long[length];
            final byte[] label = new byte[layout.labelLength()];
            final LabeledArray array;
            final String how;
            if (step.b % 3 == 0 && width == 8)
            {
                array = type == ElementType.LONG ? LabeledArray.ofLongs(layout, length, i -> i * 7L + 1) :
                    LabeledArray.ofDoubles(layout, length, i -> i * 7.0 + 1);
                for (int i = 0; i < length; i++)
                {
                    values[i] = type == ElementType.LONG ? i * 7L + 1 : Double.doubleToRawLongBits(i * 7.0 + 1);
                }
                how = "of" + (type == ElementType.LONG ? "Longs" : "Doubles");
            }
            else if (step.b % 3 == 1)
            {
                array = LabeledArray.withLabel(layout, length, (a, i) ->
                {
                    put(a, i, bits(i + 100));
                    if (label.length > 0)
                    {
                        a.label().putByte(0, (byte)(a.label().getByte(0) + 1));
                    }
                });
                for (int i = 0; i < length; i++)
                {
                    values[i] = bits(i + 100);
                }
                if (label.length > 0)
                {
                    label[0] = (byte)length;
                }
                how = "withLabel";
            }
            else
            {
                array = LabeledArray.allocateZeroed(layout, length);
                how = "allocateZeroed";
            }
            final Entry entry = new Entry(array, values, label);
            open.add(entry);
            verify(entry);
            return how + "(" + length + ") -> array " + (open.size() - 1);
        }

        private String copy(final Entry entry, final ModelRunner.Step step)
        {
            final LabeledArray copy = entry.array.copy();
            assertEquals(entry.array, copy);
            assertEquals(entry.array.hashCode(), copy.hashCode());
            final Entry copied = new Entry(copy, entry.values.clone(), entry.label.clone());
            if (copied.values.length > 0)
            {
                put(copy, 0, get(copy, 0) ^ 1);
                copied.values[0] = get(copy, 0);
            }
            verify(entry);
            verify(copied);
            for (final Entry other : open)
            {
                final boolean same = Arrays.equals(other.values, copied.values) && Arrays.equals(other.label, copied.label);
                assertEquals("equals follows contents", same, copied.array.equals(other.array));
            }
            if (open.size() < MAX_ARRAYS && step.a % 2 == 0)
            {
                open.add(copied);
                return "copy -> array " + (open.size() - 1);
            }
            copy.close();
            return "copy, compare, close";
        }

        private String badCreate(final ModelRunner.Step step)
        {
            final int live = MemoryChecks.liveCount();
            switch (Math.floorMod(step.a, 4))
            {
                case 0:
                {
                    final int length = -1 - Math.floorMod(step.b, 10);
                    expectThrows(IllegalArgumentException.class, () -> LabeledArray.allocate(layout, length), "length " + length);
                    break;
                }
                case 1:
                {
                    final int length = layout.maxLength() + 1 + Math.floorMod(step.b, 10);
                    expectThrows(IllegalArgumentException.class, () -> LabeledArray.allocate(layout, length), "length " + length);
                    break;
                }
                case 2:
                    if (width == 8)
                    {
                        expectThrows(IllegalStateException.class, () -> LabeledArray.ofInts(layout, 2, i -> i), "needs 4");
                    }
                    else
                    {
                        expectThrows(IllegalStateException.class, () -> LabeledArray.ofLongs(layout, 2, i -> i), "needs 8");
                    }
                    break;
                default:
                {
                    final int failAt = Math.floorMod(step.b, 4);
                    expectThrows(IllegalStateException.class, () -> LabeledArray.withLabel(layout, 4, (a, i) ->
                    {
                        if (i == failAt)
                        {
                            throw new IllegalStateException("initialiser failed at " + i);
                        }
                    }), "initialiser failed at " + failAt);
                    break;
                }
            }
            assertEquals("nothing left allocated", live, MemoryChecks.liveCount());
            return "bad create -> exception, nothing allocated";
        }

        private long bits(final int seed)
        {
            if (type == ElementType.BYTE)
            {
                return (byte)seed;
            }
            if (type == ElementType.SHORT)
            {
                return (short)seed;
            }
            if (type == ElementType.CHAR)
            {
                return (char)seed;
            }
            if (type == ElementType.INT)
            {
                return seed;
            }
            if (type == ElementType.FLOAT)
            {
                return Float.floatToRawIntBits((float)(seed % 100_000));
            }
            if (type == ElementType.LONG)
            {
                return ((long)seed << 20) ^ seed;
            }
            return Double.doubleToRawLongBits(seed * 0.5);
        }

        private long get(final AbstractLabeledArray array, final int index)
        {
            if (type == ElementType.BYTE)
            {
                return array.getByte(index);
            }
            if (type == ElementType.SHORT)
            {
                return array.getShort(index);
            }
            if (type == ElementType.CHAR)
            {
                return array.getChar(index);
            }
            if (type == ElementType.INT)
            {
                return array.getInt(index);
            }
            if (type == ElementType.FLOAT)
            {
                return Float.floatToRawIntBits(array.getFloat(index));
            }
            if (type == ElementType.LONG)
            {
                return array.getLong(index);
            }
            return Double.doubleToRawLongBits(array.getDouble(index));
        }

        private void put(final AbstractLabeledArray array, final int index, final long bits)
        {
            if (type == ElementType.BYTE)
            {
                array.putByte(index, (byte)bits);
            }
            else if (type == ElementType.SHORT)
            {
                array.putShort(index, (short)bits);
            }
            else if (type == ElementType.CHAR)
            {
                array.putChar(index, (char)bits);
            }
            else if (type == ElementType.INT)
            {
                array.putInt(index, (int)bits);
            }
            else if (type == ElementType.FLOAT)
            {
                array.putFloat(index, Float.intBitsToFloat((int)bits));
            }
            else if (type == ElementType.LONG)
            {
                array.putLong(index, bits);
            }
            else
            {
                array.putDouble(index, Double.longBitsToDouble(bits));
            }
        }

        private long replace(final AbstractLabeledArray array, final int index, final long bits)
        {
            if (type == ElementType.BYTE)
            {
                return array.replaceByte(index, (byte)bits);
            }
            if (type == ElementType.SHORT)
            {
                return array.replaceShort(index, (short)bits);
            }
            if (type == ElementType.CHAR)
            {
                return array.replaceChar(index, (char)bits);
            }
            if (type == ElementType.INT)
            {
                return array.replaceInt(index, (int)bits);
            }
            if (type == ElementType.FLOAT)
            {
                return Float.floatToRawIntBits(array.replaceFloat(index, Float.intBitsToFloat((int)bits)));
            }
            if (type == ElementType.LONG)
            {
                return array.replaceLong(index, bits);
            }
            return Double.doubleToRawLongBits(array.replaceDouble(index, Double.longBitsToDouble(bits)));
        }

        private void verify(final Entry entry)
        {
            assertEquals("length", entry.values.length, entry.array.length());
            for (int i = 0; i < entry.values.length; i++)
            {
                assertEquals("element " + i, entry.values[i], get(entry.array, i));
            }
            final byte[] label = new byte[entry.label.length];
            entry.array.label().getBytes(0, label);
            assertArrayEquals("label", entry.label, label);
            if (layout.isThin())
            {
                assertEquals(entry.values.length, layout.length(entry.array.block()));
            }
        }

        @Override
        public void close()
        {
            for (final Entry entry : open)
            {
                verify(entry);
                entry.array.close();
            }
        }
    }
}
