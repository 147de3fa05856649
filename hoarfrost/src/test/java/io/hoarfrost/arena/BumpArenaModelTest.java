package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.ModelRunner;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static io.hoarfrost.memory.ModelRunner.assertFilled;
import static io.hoarfrost.memory.ModelRunner.expectConfined;
import static io.hoarfrost.memory.ModelRunner.expectThrows;
import static org.junit.Assert.assertEquals;

/**
 * {@link BumpArena} against a model that is an offset and a list of (offset, size, fill byte):
 * every allocation lands where the model puts it or returns 0 with nothing moved, contents never
 * overlap, bad sizes and alignments throw naming the value, reset poisons (checked mode) and
 * rewinds, use after close and from another thread behave as documented in each mode.
 */
public class BumpArenaModelTest
{
    private static final long SEED = 0xB0A4_A3E1_A001L;
    private static final long[] CAPACITIES = { 0, 1, 16, 100, 4096 + 8, 10_000 };
    private static final long[] BAD_SIZES = { -1, -8, Integer.MIN_VALUE, Long.MIN_VALUE };
    private static final int[] BAD_ALIGNMENTS = { 0, -1, 3, 6, 12, 8192, Integer.MIN_VALUE };

    private static final int ALLOCATE = 0;
    private static final int VERIFY = 1;
    private static final int QUERY = 2;
    private static final int RESET = 3;
    private static final int BAD_SIZE = 4;
    private static final int BAD_ALIGNMENT = 5;
    private static final int TOO_LARGE = 6;
    private static final int CLOSE = 7;
    private static final int OTHER_THREAD = 8;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void randomSequencesAgreeWithTheModel()
    {
        ModelRunner.check("BumpArena", SEED, new ModelRunner.Factory()
        {
            @Override
            public int[] weights()
            {
                return new int[]{ 12, 2, 2, 2, 2, 2, 2, 1, 1 };
            }

            @Override
            public ModelRunner.Machine start(final int config)
            {
                return new Machine(CAPACITIES[Math.floorMod(config, CAPACITIES.length)]);
            }
        });
    }

    /** The arena and its model. */
    static final class Machine implements ModelRunner.Machine
    {
        private final BumpArena arena;
        private final long capacity;
        private final long base;
        private final List<long[]> live = new ArrayList<>();
        private long offset;
        private boolean closed;
        private byte nextFill = 1;

        Machine(final long capacity)
        {
            this.arena = new BumpArena(capacity);
            this.capacity = capacity;
            this.base = arena.baseAddress();
        }

        @Override
        public String apply(final ModelRunner.Step step)
        {
            if (closed && MemoryChecks.ENABLED && step.kind != CLOSE && step.kind != OTHER_THREAD && step.kind != VERIFY)
            {
                expectThrows(IllegalStateException.class, () -> arena.allocate(1, 1), "used after close");
                expectThrows(IllegalStateException.class, arena::used, "used after close");
                expectThrows(IllegalStateException.class, arena::reset, "used after close");
                return "use after close -> IllegalStateException";
            }
            switch (step.kind)
            {
                case ALLOCATE:
                {
                    final long size = step.b % 4 == 0 ? Math.floorMod(step.a, 5000) : Math.floorMod(step.a, 64);
                    final int alignment = 1 << Math.floorMod(step.b, 13);
                    return allocate(size, alignment);
                }
                case VERIFY:
                    verify();
                    return "verify " + live.size() + " allocations";
                case QUERY:
                    checkCounters();
                    return "used/remaining/capacity";
                case RESET:
                    arena.reset();
                    if (MemoryChecks.ENABLED)
                    {
                        assertFilled(base, offset, MemoryChecks.POISON, "poisoned after reset");
                    }
                    offset = 0;
                    live.clear();
                    checkCounters();
                    return "reset";
                case BAD_SIZE:
                {
                    final long size = BAD_SIZES[Math.floorMod(step.a, BAD_SIZES.length)];
                    expectThrows(IllegalArgumentException.class, () -> arena.allocate(size, 8), String.valueOf(size));
                    checkCounters();
                    return "allocate(" + size + ", 8) -> IllegalArgumentException";
                }
                case BAD_ALIGNMENT:
                {
                    final int alignment = BAD_ALIGNMENTS[Math.floorMod(step.a, BAD_ALIGNMENTS.length)];
                    expectThrows(IllegalArgumentException.class, () -> arena.allocate(8, alignment),
                        "alignment " + alignment);
                    checkCounters();
                    return "allocate(8, " + alignment + ") -> IllegalArgumentException";
                }
                case TOO_LARGE:
                {
                    final long room = capacity - offset;
                    final long size = step.b % 3 == 0 ? Long.MAX_VALUE : Math.max(1, room + 1 + Math.floorMod(step.a, 100));
                    assertEquals("too large: 0", 0, arena.allocate(size, 1));
                    checkCounters();
                    return "allocate(" + size + ", 1) -> 0";
                }
                case CLOSE:
                    arena.close();
                    closed = true;
                    offset = 0;
                    live.clear();
                    assertEquals(0, arena.capacity());
                    return "close";
                case OTHER_THREAD:
                    if (!MemoryChecks.ENABLED)
                    {
                        return "another thread (unchecked: not checked)";
                    }
                    expectConfined(() -> arena.allocate(1, 1));
                    expectConfined(arena::reset);
                    expectConfined(arena::close);
                    if (!closed)
                    {
                        checkCounters();
                        verify();
                    }
                    return "another thread -> IllegalStateException";
                default:
                    throw new AssertionError("kind " + step.kind);
            }
        }

        private String allocate(final long size, final int alignment)
        {
            final long address = arena.allocate(size, alignment);
            final long mask = alignment - 1L;
            final long start = (offset + mask) & ~mask;
            if (closed || size > capacity - start)
            {
                assertEquals("no room: 0", 0, address);
                checkCounters();
                return "allocate(" + size + ", " + alignment + ") -> 0";
            }
            assertEquals("address", base + start, address);
            if (size > 0)
            {
                offset = start + size;
                final byte fill = nextFill++;
                Memory.fill(address, size, fill);
                live.add(new long[]{ start, size, fill });
            }
            checkCounters();
            return "allocate(" + size + ", " + alignment + ") -> base + " + start;
        }

        private void checkCounters()
        {
            assertEquals("used", offset, arena.used());
            assertEquals("remaining", closed ? 0 : capacity - offset, arena.remaining());
            assertEquals("capacity", closed ? 0 : capacity, arena.capacity());
        }

        private void verify()
        {
            for (final long[] allocation : live)
            {
                assertFilled(base + allocation[0], allocation[1], (byte)allocation[2], "the allocation at " + allocation[0]);
            }
        }

        @Override
        public void close()
        {
            if (!closed)
            {
                verify();
            }
            arena.close();
            assertEquals(true, arena.isClosed());
        }
    }
}
