package io.hoarfrost.box;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.ModelRunner;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.hoarfrost.memory.ModelRunner.expectThrows;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

/**
 * {@link SlimBox} of every width, on the native heap or in an arena, against a model of values
 * (their bytes) and where each one's ownership is: in a box, a record handle, a packed handle, a
 * relative handle or a {@link Flake}. Values keep their bytes through every move, equality and
 * order follow the bytes, too-long values throw before anything is allocated, a handle that
 * cannot hold a value leaves the box as it was, and a closed box refuses access.
 */
public class SlimBoxModelTest
{
    private static final long SEED = 0x5111_B0C5_A006L;
    private static final int ARENA_CAPACITY = 1 << 20;
    private static final int SLOT = 16;
    private static final int SLOTS = 64;

    private static final int COPY = 0;
    private static final int VERIFY = 1;
    private static final int COMPARE = 2;
    private static final int MOVE_OUT = 3;
    private static final int MOVE_IN = 4;
    private static final int CLOSE = 5;
    private static final int BAD = 6;

    private static final int IN_BOX = 0;
    private static final int IN_RECORD = 1;
    private static final int IN_PACKED = 2;
    private static final int IN_RELATIVE = 3;
    private static final int IN_FLAKE = 4;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void randomSequencesAgreeWithTheModel()
    {
        ModelRunner.check("SlimBox", SEED, new ModelRunner.Factory()
        {
            @Override
            public int[] weights()
            {
                return new int[]{ 5, 3, 2, 4, 4, 2, 1 };
            }

            @Override
            public ModelRunner.Machine start(final int config)
            {
                final int c = config & 0x7FFF_FFFF;
                return new Machine(LengthWidth.values()[c % 4], (c / 4) % 3 == 0);
            }
        });
    }

    /** A value and where its ownership is. */
    static final class Value
    {
        final byte[] bytes;
        int where = IN_BOX;
        SlimBox box;
        long handle;
        int slot;
        long base;
        Flake flake;

        Value(final byte[] bytes, final SlimBox box)
        {
            this.bytes = bytes;
            this.box = box;
        }
    }

    /** The values and their model. */
    static final class Machine implements ModelRunner.Machine
    {
        private final LengthWidth width;
        private final BumpArena arena;
        private final Allocator allocator;
        private final UnsafeBuffer records = new UnsafeBuffer(new byte[SLOT * SLOTS]);
        private final List<Value> values = new ArrayList<>();
        private final List<SlimBox> closed = new ArrayList<>();
        private int nextSlot;

        Machine(final LengthWidth width, final boolean inArena)
        {
            this.width = width;
            this.arena = inArena ? new BumpArena(ARENA_CAPACITY) : null;
            this.allocator = inArena ? arena : NativeAllocator.INSTANCE;
        }

        @Override
        public String apply(final ModelRunner.Step step)
        {
            final Value value = values.isEmpty() ? null : values.get(Math.floorMod(step.b, values.size()));
            switch (step.kind)
            {
                case COPY:
                    return copy(step);
                case VERIFY:
                    for (final Value each : values)
                    {
                        verify(each);
                    }
                    return "verify " + values.size() + " values";
                case COMPARE:
                    return compare(step, value);
                case MOVE_OUT:
                    return null == value || value.where != IN_BOX ? "move out: no box" : moveOut(value, step);
                case MOVE_IN:
                    return null == value || value.where == IN_BOX ? "move in: no handle" : moveIn(value);
                case CLOSE:
                {
                    if (null == value || value.where != IN_BOX)
                    {
                        return "close: no box";
                    }
                    value.box.close();
                    value.box.close();
                    closed.add(value.box);
                    values.remove(value);
                    return "close (twice)";
                }
                case BAD:
                    return bad(step);
                default:
                    throw new AssertionError("kind " + step.kind);
            }
        }

        private String copy(final ModelRunner.Step step)
        {
            final int max = (int)Math.min(width.maxLength(), 300);
            int length = Math.floorMod(step.a, 41);
            if (step.b % (width == LengthWidth.U8 ? 5 : 40) == 0 && width.maxLength() < 0x10000)
            {
                length = (int)width.maxLength() - 2 + Math.floorMod(step.a, 5);
            }
            else if (step.b % 7 == 0)
            {
                length = Math.min(max, 255 + Math.floorMod(step.a, 5));
            }
            final byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)('a' + (i + step.a) % 26);
            }
            final int source = Math.floorMod(step.b, 3);
            if (length > width.maxLength())
            {
                final int live = MemoryChecks.liveCount();
                final long used = null == arena ? 0 : arena.used();
                expectThrows(IllegalArgumentException.class, () -> copyOf(source, bytes), "length " + length, width.name());
                assertEquals("nothing allocated", live, MemoryChecks.liveCount());
                assertEquals("nothing placed", used, null == arena ? 0 : arena.used());
                return "copyOf(" + length + " bytes) -> IllegalArgumentException";
            }
            values.add(new Value(bytes, copyOf(source, bytes)));
            verify(values.get(values.size() - 1));
            return "copyOf(" + length + " bytes, source " + source + ") -> value " + (values.size() - 1);
        }

        private SlimBox copyOf(final int source, final byte[] bytes)
        {
            switch (source)
            {
                case 0:
                    return SlimBox.copyOf(allocator, width, bytes, 0, bytes.length);
                case 1:
                    return SlimBox.copyOf(allocator, width, new UnsafeBuffer(bytes), 0, bytes.length);
                default:
                    return SlimBox.copyOf(allocator, width, new String(bytes, StandardCharsets.US_ASCII));
            }
        }

        private String compare(final ModelRunner.Step step, final Value first)
        {
            final List<Value> boxed = new ArrayList<>();
            for (final Value each : values)
            {
                if (each.where == IN_BOX)
                {
                    boxed.add(each);
                }
            }
            if (boxed.isEmpty())
            {
                return "compare: no box";
            }
            final Value x = boxed.get(Math.floorMod(step.a, boxed.size()));
            final Value y = boxed.get(Math.floorMod(step.b, boxed.size()));
            final boolean equal = Arrays.equals(x.bytes, y.bytes);
            assertEquals("equals", equal, x.box.equals(y.box));
            if (equal)
            {
                assertEquals("hashCode", x.box.hashCode(), y.box.hashCode());
            }
            assertEquals("compareTo", Integer.signum(compareUnsigned(x.bytes, y.bytes)), Integer.signum(x.box.compareTo(y.box)));
            return "compare two values";
        }

        private String moveOut(final Value value, final ModelRunner.Step step)
        {
            final SlimBox box = value.box;
            switch (Math.floorMod(step.a, 4))
            {
                case 0:
                {
                    if (nextSlot == SLOTS)
                    {
                        return "intoRecord: no slot";
                    }
                    final int bad = records.capacity() - width.recordHandleBytes() + 1;
                    expectThrows(IndexOutOfBoundsException.class, () -> box.intoRecord(records, bad), "offset " + bad);
                    value.slot = nextSlot++ * SLOT;
                    box.intoRecord(records, value.slot);
                    value.where = IN_RECORD;
                    break;
                }
                case 1:
                    if (value.bytes.length > SlimHandle.MAX_PACKED_LENGTH)
                    {
                        expectThrows(IllegalArgumentException.class, box::intoPacked, "length " + value.bytes.length);
                        verify(value);
                        return "intoPacked of " + value.bytes.length + " bytes -> IllegalArgumentException, unchanged";
                    }
                    value.handle = box.intoPacked();
                    value.where = IN_PACKED;
                    break;
                case 2:
                    value.base = null != arena ? arena.baseAddress() : box.address() & ~0xFFFFL;
                    value.handle = box.intoRelative(value.base);
                    value.where = IN_RELATIVE;
                    break;
                default:
                    value.flake = box.intoFlake();
                    value.where = IN_FLAKE;
                    assertArrayEquals(value.bytes, value.flake.toByteArray());
                    break;
            }
            assertEquals("the box let go", true, box.isClosed());
            assertEquals("length still answers", value.bytes.length, box.length());
            value.box = null;
            return "move value " + values.indexOf(value) + " out to " + value.where;
        }

        private String moveIn(final Value value)
        {
            final int from = value.where;
            switch (from)
            {
                case IN_RECORD:
                    value.box = SlimBox.fromRecord(records, value.slot, width, allocator);
                    SlimHandle.clearRecord(records, value.slot, width);
                    assertNull("cleared", SlimBox.fromRecord(records, value.slot, width, allocator));
                    break;
                case IN_PACKED:
                    value.box = SlimBox.fromPacked(allocator, value.handle, width);
                    break;
                case IN_RELATIVE:
                    value.box = SlimBox.fromRelative(allocator, value.base, value.handle, width);
                    break;
                default:
                    value.box = SlimBox.fromFlake(value.flake, width);
                    assertEquals(true, value.flake.isClosed());
                    value.flake = null;
                    break;
            }
            value.where = IN_BOX;
            verify(value);
            return "move value " + values.indexOf(value) + " back in from " + from;
        }

        private String bad(final ModelRunner.Step step)
        {
            switch (Math.floorMod(step.a, 4))
            {
                case 0:
                    expectThrows(IllegalArgumentException.class,
                        () -> SlimBox.fromPacked(SlimHandle.NONE, width), "packed handle 0");
                    expectThrows(IllegalArgumentException.class,
                        () -> SlimBox.fromRelative(allocator, 0, SlimHandle.NONE, width), "relative handle 0");
                    return "fromPacked/fromRelative(NONE) -> IllegalArgumentException";
                case 1:
                    expectThrows(IndexOutOfBoundsException.class,
                        () -> SlimBox.copyOf(allocator, width, new byte[4], 2, 3), "offset 2", "length 3", "capacity 4");
                    expectThrows(IndexOutOfBoundsException.class,
                        () -> SlimBox.copyOf(allocator, width, new byte[4], -1, 1), "offset -1");
                    return "copyOf(bad range) -> IndexOutOfBoundsException";
                case 2:
                    assertNull("an empty record field",
                        SlimBox.fromRecord(new UnsafeBuffer(new byte[SLOT]), 0, width, allocator));
                    return "fromRecord(empty field) -> null";
                default:
                {
                    if (closed.isEmpty())
                    {
                        return "closed box: none";
                    }
                    final SlimBox gone = closed.get(Math.floorMod(step.b, closed.size()));
                    expectThrows(IllegalStateException.class, gone::address, "closed");
                    expectThrows(IllegalStateException.class, gone::toByteArray, "closed");
                    expectThrows(IllegalStateException.class, gone::intoPacked, "closed");
                    expectThrows(IllegalStateException.class, () -> gone.intoRecord(records, 0), "closed");
                    expectThrows(IllegalStateException.class, gone::intoFlake, "closed");
                    return "use of a closed box -> IllegalStateException";
                }
            }
        }

        private void verify(final Value value)
        {
            if (value.where != IN_BOX)
            {
                return;
            }
            final SlimBox box = value.box;
            assertEquals(false, box.isClosed());
            assertEquals(width, box.width());
            assertEquals(value.bytes.length, box.length());
            assertArrayEquals(value.bytes, box.toByteArray());
            assertEquals(value.bytes.length, box.buffer().capacity());
            assertEquals(value.bytes.length == 0, box.address() == 0);
        }

        private static int compareUnsigned(final byte[] x, final byte[] y)
        {
            for (int i = 0; i < Math.min(x.length, y.length); i++)
            {
                final int order = Integer.compare(x[i] & 0xFF, y[i] & 0xFF);
                if (order != 0)
                {
                    return order;
                }
            }
            return Integer.compare(x.length, y.length);
        }

        @Override
        public void close()
        {
            for (final Value value : values)
            {
                if (value.where != IN_BOX)
                {
                    moveIn(value);
                }
                verify(value);
                value.box.close();
            }
            if (null != arena)
            {
                arena.close();
            }
        }
    }
}
