package io.hoarfrost.rc;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.ModelRunner;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.memory.internal.Checks;
import io.hoarfrost.pool.Pool;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static io.hoarfrost.memory.ModelRunner.expectThrows;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;

/**
 * {@link PoolRef} over a {@link Pool} against a model of blocks (reference count, data length,
 * fill byte) and handles (empty, or pointing at a block): retain, release, copy on write and
 * unwrap move references exactly as the model says, the last release returns the block to the
 * pool, shared blocks are never written, and misuse (an empty handle, a full target, a count at its
 * maximum, a bad length, a block freed behind the handle's back in checked mode) throws and
 * changes nothing.
 */
public class PoolRefModelTest
{
    private static final long SEED = 0x9001_4EF0_A004L;
    private static final int BLOCK_SIZE = 64;
    private static final int[] MAX_POOLED = { 0, 2, 8 };
    private static final int[] METADATA = { 0, 4, 8 };
    private static final int[] DATA_ALIGNMENTS = { 1, 8 };

    private static final int ALLOCATE = 0;
    private static final int RETAIN = 1;
    private static final int RETAIN_INTO = 2;
    private static final int RELEASE = 3;
    private static final int EMPTY_HANDLE = 4;
    private static final int MAKE_MUTABLE = 5;
    private static final int TRY_UNWRAP = 6;
    private static final int VERIFY = 7;
    private static final int BAD_ALLOCATE = 8;
    private static final int RETAIN_TO_MAX = 9;
    private static final int STALE_BLOCK = 10;
    private static final int BAD_WRAP = 11;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void randomSequencesAgreeWithTheModel()
    {
        ModelRunner.check("PoolRef", SEED, new ModelRunner.Factory()
        {
            @Override
            public int[] weights()
            {
                return new int[]{ 6, 5, 2, 6, 1, 3, 2, 2, 2, 1, 1, 1 };
            }

            @Override
            public ModelRunner.Machine start(final int config)
            {
                final int c = config & 0x7FFF_FFFF;
                final Counter counter = Counter.values()[c % Counter.values().length];
                return new Machine(MAX_POOLED[(c / 8) % 3], counter, METADATA[(c / 24) % 3], DATA_ALIGNMENTS[(c / 72) % 2]);
            }
        });
    }

    /** A block as the model sees it. */
    static final class Block
    {
        final long address;
        final int dataLength;
        long count = 1;
        byte fill;

        Block(final long address, final int dataLength, final byte fill)
        {
            this.address = address;
            this.dataLength = dataLength;
            this.fill = fill;
        }
    }

    /** The pool, the layout, the handles and the model. */
    static final class Machine implements ModelRunner.Machine
    {
        private final Pool pool;
        private final RimeLayout layout;
        private final int maxData;
        private final List<PoolRef> handles = new ArrayList<>();
        /** By identity: handles compare by contents. */
        private final Map<PoolRef, Block> held = new IdentityHashMap<>();

        /** The handle's index, by identity (handles compare by contents). */
        private int indexOf(final PoolRef ref)
        {
            for (int i = 0; i < handles.size(); i++)
            {
                if (handles.get(i) == ref)
                {
                    return i;
                }
            }
            return -1;
        }
        private final List<Long> stale = new ArrayList<>();
        private byte nextFill = 1;

        Machine(final int maxPooled, final Counter counter, final int metadata, final int dataAlignment)
        {
            pool = Pool.create(BLOCK_SIZE, maxPooled);
            layout = RimeLayout.of(pool, counter, metadata, dataAlignment);
            maxData = BLOCK_SIZE - layout.dataOffset();
        }

        @Override
        public String apply(final ModelRunner.Step step)
        {
            switch (step.kind)
            {
                case ALLOCATE:
                {
                    final int length = Math.floorMod(step.a, maxData + 1);
                    final boolean zeroed = step.b % 2 == 0;
                    final PoolRef ref = zeroed ? PoolRef.allocateZeroed(layout, length) : PoolRef.allocate(layout, length);
                    final Block block = new Block(ref.block(), length, (byte)0);
                    if (zeroed)
                    {
                        checkContents(block);
                    }
                    handles.add(ref);
                    held.put(ref, block);
                    write(ref, block);
                    return (zeroed ? "allocateZeroed(" : "allocate(") + length + ") -> handle " + (handles.size() - 1);
                }
                case RETAIN:
                {
                    final PoolRef from = pickHeld(step.a);
                    if (null == from)
                    {
                        return "retain: no handle";
                    }
                    final PoolRef copy = from.retain();
                    return retained(from, copy, "retain()");
                }
                case RETAIN_INTO:
                    return retainInto(step);
                case RELEASE:
                {
                    final PoolRef ref = pickHeld(step.a);
                    if (null == ref)
                    {
                        return "release: no handle";
                    }
                    final Block block = held.remove(ref);
                    final long outBefore = pool.outstanding();
                    final boolean freed = ref.release();
                    block.count--;
                    assertEquals("freed by the last release", block.count == 0, freed);
                    assertEquals(freed ? outBefore - 1 : outBefore, pool.outstanding());
                    if (freed)
                    {
                        stale.add(block.address);
                    }
                    return "release handle " + indexOf(ref) + (freed ? " -> block back in the pool" : "");
                }
                case EMPTY_HANDLE:
                {
                    final PoolRef empty = pickEmpty(step.a);
                    expectThrows(IllegalStateException.class, empty::release, "empty");
                    expectThrows(IllegalStateException.class, empty::retain, "empty");
                    expectThrows(IllegalStateException.class, empty::data, "empty");
                    empty.close();
                    verify();
                    return "release/retain/data of an empty handle -> IllegalStateException";
                }
                case MAKE_MUTABLE:
                    return makeMutable(step);
                case TRY_UNWRAP:
                    return tryUnwrap(step);
                case VERIFY:
                    verify();
                    return "verify " + held.size() + " handles";
                case BAD_ALLOCATE:
                {
                    final int length = step.a % 2 == 0 ? -1 - Math.floorMod(step.b, 8) : maxData + 1 + Math.floorMod(step.b, 8);
                    final long outBefore = pool.outstanding();
                    expectThrows(IllegalArgumentException.class, () -> PoolRef.allocate(layout, length),
                        length < 0 ? "length " + length : "size " + layout.blockSize(length));
                    assertEquals("nothing allocated", outBefore, pool.outstanding());
                    return "allocate(" + length + ") -> IllegalArgumentException";
                }
                case RETAIN_TO_MAX:
                    return retainToMax(step);
                case STALE_BLOCK:
                    return staleBlock(step);
                case BAD_WRAP:
                    return badWrap(step);
                default:
                    throw new AssertionError("kind " + step.kind);
            }
        }

        private String retained(final PoolRef from, final PoolRef copy, final String call)
        {
            final Block block = held.get(from);
            block.count++;
            assertEquals(block.count, copy.refCount());
            assertEquals(from.block(), copy.block());
            if (indexOf(copy) < 0)
            {
                handles.add(copy);
            }
            held.put(copy, block);
            return call + " of handle " + indexOf(from) + " -> handle " + indexOf(copy);
        }

        private String retainInto(final ModelRunner.Step step)
        {
            final PoolRef from = pickHeld(step.a);
            if (null == from)
            {
                return "retain(target): no handle";
            }
            if (step.b % 3 == 0)
            {
                final PoolRef full = pickHeld(step.b);
                final long count = held.get(from).count;
                expectThrows(IllegalStateException.class, () -> from.retain(full), "still holds block");
                assertEquals("unchanged", count, from.refCount());
                return "retain(a full handle) -> IllegalStateException";
            }
            final PoolRef target = pickEmpty(step.b);
            assertSame(target, from.retain(target));
            return retained(from, target, "retain(empty handle)");
        }

        private String makeMutable(final ModelRunner.Step step)
        {
            final PoolRef ref = pickHeld(step.a);
            if (null == ref)
            {
                return "makeMutable: no handle";
            }
            final Block block = held.get(ref);
            final long outBefore = pool.outstanding();
            ref.makeMutable();
            if (block.count == 1)
            {
                assertEquals("exclusive: same block", block.address, ref.block());
                assertEquals(outBefore, pool.outstanding());
                write(ref, block);
                return "makeMutable(exclusive) -> same block";
            }
            assertNotEquals("shared: a copy", block.address, ref.block());
            assertEquals(outBefore + 1, pool.outstanding());
            block.count--;
            final Block copy = new Block(ref.block(), block.dataLength, block.fill);
            held.put(ref, copy);
            checkContents(copy);
            write(ref, copy);
            return "makeMutable(shared) -> copied";
        }

        private String tryUnwrap(final ModelRunner.Step step)
        {
            final PoolRef ref = pickHeld(step.a);
            if (null == ref)
            {
                return "tryUnwrap: no handle";
            }
            final Block block = held.get(ref);
            final long raw = ref.tryUnwrap();
            if (block.count != 1)
            {
                assertEquals("shared: 0", 0, raw);
                assertEquals(block.address, ref.block());
                return "tryUnwrap(shared) -> 0";
            }
            assertEquals(block.address, raw);
            assertEquals(true, ref.isReleased());
            held.remove(ref);
            checkContents(block);
            pool.free(raw);
            stale.add(raw);
            return "tryUnwrap(exclusive) -> the block, freed into the pool";
        }

        private String retainToMax(final ModelRunner.Step step)
        {
            final PoolRef ref = pickHeld(step.a);
            if (null == ref || layout.counter().max() > 255)
            {
                return "retain to the maximum: skipped";
            }
            final Block block = held.get(ref);
            final long count = block.count;
            for (long i = count; i < 255; i++)
            {
                layout.retain(ref.block());
            }
            expectThrows(IllegalStateException.class, ref::retain, "maximum count 255");
            assertEquals(255, ref.refCount());
            for (long i = count; i < 255; i++)
            {
                layout.release(ref.block(), block.dataLength);
            }
            assertEquals(count, ref.refCount());
            return "retain past 255 -> IllegalStateException, count unchanged";
        }

        private String staleBlock(final ModelRunner.Step step)
        {
            if (!MemoryChecks.ENABLED || stale.isEmpty())
            {
                return "stale block: skipped";
            }
            final long address = stale.get(Math.floorMod(step.a, stale.size()));
            for (final Block block : held.values())
            {
                if (block.address == address)
                {
                    return "stale block: reused by the pool, skipped";
                }
            }
            try
            {
                Checks.checkLive(address, "probe");
                return "stale block: live under another kind, skipped";
            }
            catch (final IllegalStateException ex)
            {
                expectThrows(IllegalStateException.class, () -> layout.retain(address), "use after free");
                expectThrows(IllegalStateException.class, () -> new PoolRef().takeRaw(layout, address, 0), "use after free");
                verify();
                return "retain of a freed block -> IllegalStateException";
            }
        }

        private String badWrap(final ModelRunner.Step step)
        {
            expectThrows(IllegalArgumentException.class, () -> new PoolRef().takeRaw(layout, 0, 1), "block 0");
            final PoolRef ref = pickHeld(step.a);
            if (null != ref)
            {
                final long block = ref.block();
                expectThrows(IllegalArgumentException.class, () -> new PoolRef().takeRaw(layout, block, -1), "length -1");
                expectThrows(IllegalStateException.class, () -> ref.takeRaw(layout, block, 0), "still holds block");
            }
            verify();
            return "wrap(block 0 / length -1 / into a full handle) -> exception";
        }

        private void write(final PoolRef ref, final Block block)
        {
            final byte fill = nextFill++;
            block.fill = fill;
            Memory.fill(layout.metadataAddress(ref.block()), contentLength(block), fill);
        }

        private long contentLength(final Block block)
        {
            return layout.dataOffset() - layout.metadataOffset() + (long)block.dataLength;
        }

        private void checkContents(final Block block)
        {
            final long from = layout.metadataAddress(block.address);
            for (long i = 0; i < contentLength(block); i++)
            {
                assertEquals("byte " + i, block.fill, Memory.getByte(from + i));
            }
        }

        private PoolRef pickHeld(final int a)
        {
            final List<PoolRef> candidates = new ArrayList<>(held.keySet());
            candidates.sort((x, y) -> Integer.compare(indexOf(x), indexOf(y)));
            return candidates.isEmpty() ? null : candidates.get(Math.floorMod(a, candidates.size()));
        }

        private PoolRef pickEmpty(final int a)
        {
            final List<PoolRef> empty = new ArrayList<>();
            for (final PoolRef ref : handles)
            {
                if (!held.containsKey(ref))
                {
                    empty.add(ref);
                }
            }
            if (empty.isEmpty())
            {
                final PoolRef fresh = new PoolRef();
                handles.add(fresh);
                return fresh;
            }
            return empty.get(Math.floorMod(a, empty.size()));
        }

        private void verify()
        {
            int blocks = 0;
            final Map<Long, Block> distinct = new HashMap<>();
            for (final PoolRef ref : handles)
            {
                final Block block = held.get(ref);
                assertEquals("released", null == block, ref.isReleased());
                if (null != block)
                {
                    assertEquals(block.address, ref.block());
                    assertEquals(block.count, ref.refCount());
                    assertEquals(block.dataLength, ref.dataLength());
                    assertEquals(block.dataLength, ref.data().capacity());
                    if (null == distinct.put(block.address, block))
                    {
                        blocks++;
                        checkContents(block);
                    }
                }
            }
            assertEquals("blocks out of the pool", blocks, pool.outstanding());
        }

        @Override
        public void close()
        {
            verify();
            for (final PoolRef ref : handles)
            {
                ref.close();
            }
            assertEquals(0, pool.outstanding());
            pool.close();
        }
    }
}
