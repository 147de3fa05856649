package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.ModelRunner;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hoarfrost.memory.ModelRunner.assertFilled;
import static io.hoarfrost.memory.ModelRunner.expectConfined;
import static io.hoarfrost.memory.ModelRunner.expectThrows;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/**
 * {@link Pool} against refpool's semantics as a model (a pooled count and the blocks out, each
 * with its fill byte): allocate takes a pooled block or a fresh one, free keeps up to
 * {@code maxPooled}, {@code fill} tops up, {@code trim} never touches blocks that are out and
 * frees everything when none are; blocks out never overlap and keep their bytes; bad requests,
 * block 0, double and foreign frees (checked mode), a second thread (checked mode) and use after
 * close throw as documented and change nothing. Close with blocks out keeps them valid: they are
 * freed later in the sequence, and the last one back leaves the pool with no native memory.
 */
public class PoolModelTest
{
    private static final long SEED = 0x9001_0DE1_A003L;
    private static final int[] BLOCK_SIZES = { 1, 8, 24, 100 };
    private static final int[] MAX_POOLED = { 0, 1, 3, 10 };
    private static final int[] ALIGNMENTS = { 1, 8, 64 };

    private static final int ALLOCATE = 0;
    private static final int FREE = 1;
    private static final int VERIFY = 2;
    private static final int FILL = 3;
    private static final int TRIM = 4;
    private static final int AS_ALLOCATOR = 5;
    private static final int WITH_INITIALISER = 6;
    private static final int FREE_ZERO = 7;
    private static final int DOUBLE_FREE = 8;
    private static final int FOREIGN_FREE = 9;
    private static final int OTHER_THREAD = 10;
    private static final int CLOSE = 11;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void randomSequencesAgreeWithTheModel()
    {
        ModelRunner.check("Pool", SEED, new ModelRunner.Factory()
        {
            @Override
            public int[] weights()
            {
                return new int[]{ 10, 8, 2, 1, 1, 2, 2, 1, 1, 1, 1, 1 };
            }

            @Override
            public ModelRunner.Machine start(final int config)
            {
                final int c = config & 0x7FFF_FFFF;
                return new Machine(BLOCK_SIZES[c % 4], MAX_POOLED[(c / 4) % 4], ALIGNMENTS[(c / 16) % 3]);
            }
        });
    }

    /** The pool and its model. */
    static final class Machine implements ModelRunner.Machine
    {
        private final Pool pool;
        private final int blockSize;
        private final int maxPooled;
        private final int alignment;
        private final Map<Long, Byte> out = new LinkedHashMap<>();
        private final List<Long> freed = new ArrayList<>();
        private int pooled;
        private boolean closed;
        private byte nextFill = 1;

        Machine(final int blockSize, final int maxPooled, final int alignment)
        {
            this.pool = Pool.create(blockSize, maxPooled, alignment);
            this.blockSize = blockSize;
            this.maxPooled = maxPooled;
            this.alignment = alignment;
        }

        @Override
        public String apply(final ModelRunner.Step step)
        {
            if (closed && step.kind != CLOSE && step.kind != VERIFY && (step.kind != FREE || out.isEmpty()))
            {
                expectThrows(IllegalStateException.class, pool::allocate, "is closed");
                expectThrows(IllegalStateException.class, pool::fill, "is closed");
                expectThrows(IllegalStateException.class, pool::trim, "is closed");
                if (MemoryChecks.ENABLED && !freed.isEmpty())
                {
                    final long stale = freed.get(Math.floorMod(step.a, freed.size()));
                    expectThrows(IllegalStateException.class, () -> pool.free(stale), "is closed");
                }
                return "use after close -> IllegalStateException";
            }
            switch (step.kind)
            {
                case ALLOCATE:
                    return "allocate() -> " + took(pool.allocate());
                case FREE:
                {
                    if (out.isEmpty())
                    {
                        return "free: nothing out";
                    }
                    final long block = nth(step.a);
                    pool.free(block);
                    gaveBack(block);
                    if (closed && out.isEmpty())
                    {
                        assertEquals("the last block back frees the closed pool's memory", 0, pool.footprint());
                        assertEquals(0, pool.slabCount());
                    }
                    return "free(" + hex(block) + ")" + (closed ? " after close" : "");
                }
                case VERIFY:
                    verify();
                    return "verify " + out.size() + " blocks out, " + pooled + " pooled";
                case FILL:
                    pool.fill();
                    pooled = maxPooled;
                    verify();
                    return "fill";
                case TRIM:
                {
                    final long footprint = pool.footprint();
                    final long released = pool.trim();
                    assertTrue("released " + released, released >= 0 && released <= footprint);
                    assertEquals(footprint - released, pool.footprint());
                    assertTrue("trim only shrinks the pool", pool.pooled() <= pooled);
                    pooled = pool.pooled();
                    if (out.isEmpty())
                    {
                        assertEquals("nothing out: everything given back", 0, pool.footprint());
                        assertEquals(0, pooled);
                    }
                    verify();
                    return "trim -> " + released + " bytes";
                }
                case AS_ALLOCATOR:
                    return asAllocator(step);
                case WITH_INITIALISER:
                    return withInitialiser(step);
                case FREE_ZERO:
                    expectThrows(IllegalArgumentException.class, () -> pool.free(0), "block 0");
                    verify();
                    return "free(0) -> IllegalArgumentException";
                case DOUBLE_FREE:
                    return doubleFree(step);
                case FOREIGN_FREE:
                    return foreignFree(step);
                case OTHER_THREAD:
                {
                    if (!MemoryChecks.ENABLED)
                    {
                        return "another thread (unchecked: not checked)";
                    }
                    expectConfined(pool::allocate);
                    expectConfined(pool::fill);
                    expectConfined(pool::trim);
                    expectConfined(pool::close);
                    if (!out.isEmpty())
                    {
                        final long block = nth(step.a);
                        expectConfined(() -> pool.free(block));
                    }
                    verify();
                    return "another thread -> IllegalStateException";
                }
                case CLOSE:
                    return closePool();
                default:
                    throw new AssertionError("kind " + step.kind);
            }
        }

        private String took(final long block)
        {
            assertNotEquals("never 0", 0, block);
            assertEquals("aligned", 0, block % alignment);
            assertFalse("handed out twice: " + hex(block), out.containsKey(block));
            for (final long other : out.keySet())
            {
                assertTrue("overlaps " + hex(other), block + blockSize <= other || other + blockSize <= block);
            }
            final byte fill = nextFill++;
            Memory.fill(block, blockSize, fill);
            out.put(block, fill);
            freed.remove(block);
            pooled = Math.max(pooled - 1, 0);
            assertEquals("pooled after allocate", pooled, pool.pooled());
            assertEquals(out.size(), pool.outstanding());
            return hex(block);
        }

        private void gaveBack(final long block)
        {
            out.remove(block);
            freed.add(block);
            final boolean kept = !closed && pooled < maxPooled;
            pooled = closed ? 0 : Math.min(pooled + 1, maxPooled);
            assertEquals("pooled after free", pooled, pool.pooled());
            assertEquals(out.size(), pool.outstanding());
            // only a block the pool kept is still ours to read; one a full pool gave back to the
            // system may already be reused by malloc
            if (MemoryChecks.ENABLED && blockSize > 8 && kept)
            {
                assertEquals("poisoned", MemoryChecks.POISON, Memory.getByte(block + blockSize - 1));
            }
        }

        private String asAllocator(final ModelRunner.Step step)
        {
            final long size;
            final int align;
            final String names;
            switch (Math.floorMod(step.b, 4))
            {
                case 0:
                    size = 1 + Math.floorMod(step.a, blockSize);
                    align = 1 << Math.floorMod(step.a, Integer.numberOfTrailingZeros(alignment) + 1);
                    return "allocate(" + size + ", " + align + ") -> " + took(pool.allocate(size, align));
                case 1:
                    size = step.a % 2 == 0 ? blockSize + 1 + Math.floorMod(step.a, 10) : -Math.floorMod(step.a, 10);
                    align = 1;
                    names = "size " + size;
                    break;
                case 2:
                    size = 1;
                    align = alignment * 2;
                    names = "alignment " + align;
                    break;
                default:
                    size = 1;
                    align = 3;
                    names = "alignment 3";
                    break;
            }
            expectThrows(IllegalArgumentException.class, () -> pool.allocate(size, align), names);
            verify();
            return "allocate(" + size + ", " + align + ") -> IllegalArgumentException";
        }

        private String withInitialiser(final ModelRunner.Step step)
        {
            if (step.a % 2 == 0)
            {
                final long block = pool.allocate(BlockInitialiser.ZEROED);
                for (int i = 0; i < blockSize; i++)
                {
                    assertEquals("zeroed", 0, Memory.getByte(block + i));
                }
                return "allocate(ZEROED) -> " + took(block);
            }
            expectThrows(IllegalStateException.class, () -> pool.allocate((address, length) ->
            {
                throw new IllegalStateException("initialiser failed");
            }), "initialiser failed");
            pooled = Math.min(Math.max(pooled - 1, 0) + 1, maxPooled);
            verify();
            return "allocate(throwing initialiser) -> rethrown, block back in the pool";
        }

        private String doubleFree(final ModelRunner.Step step)
        {
            if (!MemoryChecks.ENABLED || freed.isEmpty())
            {
                return "double free: skipped (" + (MemoryChecks.ENABLED ? "nothing freed yet" : "unchecked") + ")";
            }
            final long stale = freed.get(Math.floorMod(step.a, freed.size()));
            expectThrows(IllegalStateException.class, () -> pool.free(stale), Long.toHexString(stale));
            verify();
            return "free(" + hex(stale) + ") again -> IllegalStateException";
        }

        private String foreignFree(final ModelRunner.Step step)
        {
            if (!MemoryChecks.ENABLED)
            {
                return "foreign free: skipped (unchecked)";
            }
            final long foreign = Memory.allocate(16);
            try
            {
                expectThrows(IllegalStateException.class, () -> pool.free(foreign), Long.toHexString(foreign));
            }
            finally
            {
                Memory.free(foreign);
            }
            if (!out.isEmpty())
            {
                final long inside = nth(step.a) + 1;
                expectThrows(IllegalStateException.class, () -> pool.free(inside), Long.toHexString(inside));
            }
            verify();
            return "free(foreign address) -> IllegalStateException";
        }

        private String closePool()
        {
            if (closed)
            {
                pool.close();
                return "close again: nothing";
            }
            final int stillOut = out.size();
            pool.close();
            closed = true;
            pooled = 0;
            if (stillOut == 0)
            {
                assertEquals("nothing out: everything given back", 0, pool.footprint());
            }
            if (MemoryChecks.ENABLED)
            {
                assertEquals("reported with their allocation sites", stillOut, pool.outstandingBlocks().size());
            }
            verify();
            return "close with " + stillOut + " out (kept until freed)";
        }

        private long nth(final int a)
        {
            final int index = Math.floorMod(a, out.size());
            int i = 0;
            for (final long block : out.keySet())
            {
                if (i++ == index)
                {
                    return block;
                }
            }
            throw new AssertionError();
        }

        private void verify()
        {
            assertEquals("pooled", pooled, pool.pooled());
            assertEquals("outstanding", out.size(), pool.outstanding());
            assertEquals("isFull", pooled >= maxPooled, pool.isFull());
            assertEquals(maxPooled, pool.maxPooled());
            assertEquals(blockSize, pool.blockSize());
            assertEquals(alignment, pool.alignment());
            assertEquals(closed, pool.isClosed());
            for (final Map.Entry<Long, Byte> entry : out.entrySet())
            {
                assertFilled(entry.getKey(), blockSize, entry.getValue(), hex(entry.getKey()));
            }
        }

        private static String hex(final long address)
        {
            return "0x" + Long.toHexString(address);
        }

        @Override
        public void close()
        {
            verify();
            for (final long block : new ArrayList<>(out.keySet()))
            {
                pool.free(block);
                gaveBack(block);
            }
            pool.close();
            assertEquals(0, pool.footprint());
        }
    }
}
