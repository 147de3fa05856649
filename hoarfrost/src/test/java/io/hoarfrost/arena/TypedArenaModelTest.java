package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.ModelRunner;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.memory.RecordFlyweight;
import org.agrona.MutableDirectBuffer;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static io.hoarfrost.memory.ModelRunner.assertFilled;
import static io.hoarfrost.memory.ModelRunner.expectConfined;
import static io.hoarfrost.memory.ModelRunner.expectThrows;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;

/**
 * {@link TypedArena} against a model that is the list of live records' fill bytes: slots are
 * handed out in order until the capacity, records keep their bytes, the drop hook sees every
 * live record exactly once, newest first, on reset and close (even when it throws), bad indexes
 * and bad {@code Allocator} requests throw naming the value, and a closed or foreign-thread arena
 * behaves as documented in each mode.
 */
public class TypedArenaModelTest
{
    private static final long SEED = 0x7E9E_DA4E_A002L;
    private static final int[] CAPACITIES = { 0, 1, 3, 8 };
    private static final int[] RECORD_SIZES = { 0, 1, 8, 12 };
    private static final int[] ALIGNMENTS = { 1, 8, 16 };

    private static final int ALLOCATE = 0;
    private static final int VERIFY = 1;
    private static final int BAD_INDEX = 2;
    private static final int AS_ALLOCATOR = 3;
    private static final int RESET = 4;
    private static final int RESET_HOOK_THROWS = 5;
    private static final int CLOSE = 6;
    private static final int OTHER_THREAD = 7;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void randomSequencesAgreeWithTheModel()
    {
        ModelRunner.check("TypedArena", SEED, new ModelRunner.Factory()
        {
            @Override
            public int[] weights()
            {
                return new int[]{ 10, 3, 2, 3, 2, 1, 1, 1 };
            }

            @Override
            public ModelRunner.Machine start(final int config)
            {
                final int c = config & 0x7FFF_FFFF;
                return new Machine(CAPACITIES[c % CAPACITIES.length], RECORD_SIZES[(c / 4) % RECORD_SIZES.length],
                    ALIGNMENTS[(c / 16) % ALIGNMENTS.length], (c / 48) % 4 != 0);
            }
        });
    }

    /** A flyweight that fills and reads a whole record of any size. */
    static final class FillRecord implements RecordFlyweight
    {
        private final int size;
        private MutableDirectBuffer buffer;
        private int offset;

        FillRecord(final int size)
        {
            this.size = size;
        }

        @Override
        public void wrap(final MutableDirectBuffer buffer, final int offset)
        {
            this.buffer = buffer;
            this.offset = offset;
        }

        void fill(final byte value)
        {
            buffer.setMemory(offset, size, value);
        }

        /** The fill byte, or 0 for a zero-size record; asserts every byte holds it. */
        byte fillByte()
        {
            if (size == 0)
            {
                return 0;
            }
            final byte first = buffer.getByte(offset);
            for (int i = 1; i < size; i++)
            {
                assertEquals("byte " + i + " of the record", first, buffer.getByte(offset + i));
            }
            return first;
        }
    }

    /** The arena and its model. */
    static final class Machine implements ModelRunner.Machine
    {
        private final TypedArena<FillRecord> arena;
        private final int capacity;
        private final int recordSize;
        private final int alignment;
        private final long stride;
        private final boolean hooked;
        private final List<Byte> live = new ArrayList<>();
        private final List<Byte> dropped = new ArrayList<>();
        private boolean throwOnDrop;
        private boolean closed;
        private long base;
        private byte nextFill = 1;

        Machine(final int capacity, final int recordSize, final int alignment, final boolean hooked)
        {
            this.capacity = capacity;
            this.recordSize = recordSize;
            this.alignment = alignment;
            this.stride = Alignment.alignUp(recordSize, alignment);
            this.hooked = hooked;
            final FillRecord flyweight = new FillRecord(recordSize);
            this.arena = hooked ? new TypedArena<>(capacity, recordSize, alignment, flyweight, this::drop) :
                new TypedArena<>(capacity, recordSize, alignment, flyweight);
        }

        private void drop(final FillRecord record)
        {
            dropped.add(record.fillByte());
            if (throwOnDrop)
            {
                throwOnDrop = false;
                throw new IllegalStateException("hook failure");
            }
        }

        @Override
        public String apply(final ModelRunner.Step step)
        {
            if (closed && MemoryChecks.ENABLED && step.kind != CLOSE && step.kind != OTHER_THREAD)
            {
                expectThrows(IllegalStateException.class, arena::allocate, "used after close");
                expectThrows(IllegalStateException.class, () -> arena.wrap(base), "used after close");
                expectThrows(IllegalStateException.class, arena::reset, "used after close");
                return "use after close -> IllegalStateException";
            }
            switch (step.kind)
            {
                case ALLOCATE:
                    return allocate(arena.allocate(), "allocate()");
                case VERIFY:
                    verify();
                    return "verify " + live.size() + " records";
                case BAD_INDEX:
                {
                    final int index = step.a >= 0 ? live.size() + Math.floorMod(step.a, 3) : -1 - Math.floorMod(step.a, 5);
                    expectThrows(IndexOutOfBoundsException.class, () -> arena.address(index),
                        "index " + index, "length " + live.size());
                    verify();
                    return "address(" + index + ") -> IndexOutOfBoundsException";
                }
                case AS_ALLOCATOR:
                    return asAllocator(step);
                case RESET:
                case RESET_HOOK_THROWS:
                {
                    final boolean fails = hooked && step.kind == RESET_HOOK_THROWS && !live.isEmpty();
                    throwOnDrop = fails;
                    final int liveBefore = live.size();
                    if (fails)
                    {
                        expectThrows(IllegalStateException.class, arena::reset, "hook failure");
                    }
                    else
                    {
                        arena.reset();
                    }
                    checkDropped();
                    if (MemoryChecks.ENABLED && base != 0)
                    {
                        assertFilled(base, liveBefore * stride, MemoryChecks.POISON, "poisoned after reset");
                    }
                    assertEquals(0, arena.size());
                    return fails ? "reset with a throwing hook -> rethrown after every drop" : "reset";
                }
                case CLOSE:
                    if (!closed)
                    {
                        arena.close();
                        checkDropped();
                        closed = true;
                    }
                    else
                    {
                        arena.close();
                    }
                    assertEquals(0, arena.size());
                    assertEquals(true, arena.isClosed());
                    if (!MemoryChecks.ENABLED)
                    {
                        assertEquals("closed, unchecked: 0", 0, arena.allocate());
                    }
                    return "close";
                case OTHER_THREAD:
                    if (!MemoryChecks.ENABLED)
                    {
                        return "another thread (unchecked: not checked)";
                    }
                    expectConfined(arena::allocate);
                    expectConfined(arena::reset);
                    expectConfined(arena::close);
                    expectConfined(() -> arena.wrap(base));
                    if (!closed)
                    {
                        verify();
                    }
                    return "another thread -> IllegalStateException";
                default:
                    throw new AssertionError("kind " + step.kind);
            }
        }

        private String allocate(final long address, final String call)
        {
            if (closed)
            {
                assertEquals(call + " after close, unchecked", 0, address);
                return call + " -> 0 (closed)";
            }
            if (stride == 0)
            {
                assertNotEquals(call + " of a zero-size record", 0, address);
                base = 0 == base ? address : base;
                assertEquals(call + ": the region's address", base, address);
                assertEquals(0, arena.size());
                return call + " -> the region (zero-size record)";
            }
            if (live.size() == capacity)
            {
                assertEquals(call + " when full", 0, address);
                assertEquals(capacity, arena.size());
                return call + " -> 0 (full)";
            }
            if (live.isEmpty())
            {
                base = 0 == base ? address : base;
            }
            assertEquals(call + " address", base + live.size() * stride, address);
            assertEquals(0, address % alignment);
            final byte fill = nextFill++;
            assertSame(arena.wrap(address), arena.wrap(address));
            arena.wrap(address).fill(fill);
            live.add(fill);
            assertEquals(live.size(), arena.size());
            return call + " -> record " + (live.size() - 1);
        }

        private String asAllocator(final ModelRunner.Step step)
        {
            final long size;
            final int align;
            switch (Math.floorMod(step.b, 4))
            {
                case 0:
                    size = Math.floorMod(step.a, recordSize + 1);
                    align = 1 << Math.floorMod(step.a, Integer.numberOfTrailingZeros(alignment) + 1);
                    return allocate(arena.allocate(size, align), "allocate(" + size + ", " + align + ")");
                case 1:
                    size = recordSize + 1 + Math.floorMod(step.a, 10);
                    align = 1;
                    break;
                case 2:
                    size = 0;
                    align = alignment * 2;
                    break;
                default:
                    size = -1 - Math.floorMod(step.a, 10);
                    align = 1;
                    break;
            }
            expectThrows(IllegalArgumentException.class, () -> arena.allocate(size, align),
                size < 0 ? "length " + size : "size " + size + " and alignment " + align);
            assertEquals(live.size(), arena.size());
            return "allocate(" + size + ", " + align + ") -> IllegalArgumentException";
        }

        private void checkDropped()
        {
            if (hooked)
            {
                final List<Byte> expected = new ArrayList<>();
                for (int i = live.size() - 1; i >= 0; i--)
                {
                    expected.add(live.get(i));
                }
                assertEquals("dropped newest first, once each", expected, dropped);
            }
            dropped.clear();
            live.clear();
        }

        private void verify()
        {
            assertEquals("size", stride == 0 ? 0 : live.size(), arena.size());
            assertEquals(capacity, arena.capacity());
            for (int i = 0; i < live.size(); i++)
            {
                final long address = arena.address(i);
                assertEquals("address(" + i + ")", base + i * stride, address);
                assertEquals("record " + i, (byte)live.get(i), arena.wrap(address).fillByte());
            }
        }

        @Override
        public void close()
        {
            if (!closed)
            {
                verify();
                arena.close();
                checkDropped();
            }
            arena.close();
        }
    }
}
