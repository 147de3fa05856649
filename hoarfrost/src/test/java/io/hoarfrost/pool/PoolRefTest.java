package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.PoolRef;
import io.hoarfrost.rc.RimeLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/** {@link PoolRef} over a {@link Pool}: refpool's counted references, a Rime whose allocator is the pool. */
public class PoolRefTest
{
    private static final int DATA = 16;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void clonesKeepPooledAtZeroUntilEveryCopyIsReleased()
    {
        try (Pool pool = Pool.create(64, 8))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.U32, 4, 8);
            final PoolRef ref = PoolRef.allocateZeroed(layout, DATA);
            final PoolRef first = ref.retain();
            final PoolRef second = first.retain();
            assertEquals(3, ref.refCount());
            assertEquals(first.block(), second.block());
            assertFalse(ref.release());
            assertEquals(0, pool.pooled());
            assertFalse(first.release());
            assertEquals(0, pool.pooled());
            assertTrue("the last release returns the block", second.release());
            assertEquals(1, pool.pooled());
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void referencesOutliveTheirPoolsCloseAndTheLastReleaseFreesItsMemory() throws Exception
    {
        final int live = MemoryChecks.liveCount();
        final Pool pool = Pool.create(64, 8);
        final ConcurrentPool shared = ConcurrentPool.create(64);
        final PoolRef ref = PoolRef.allocateZeroed(RimeLayout.of(pool, Counter.U32, 0, 8), DATA);
        final PoolRef copy = ref.retain();
        final PoolRef across = PoolRef.allocateZeroed(RimeLayout.of(shared, Counter.ATOMIC_U32, 0, 8), DATA);
        pool.close();
        shared.close();
        ref.data().putLong(0, 42L);
        across.data().putLong(8, 43L);
        assertEquals(42L, copy.data().getLong(0));
        ref.close();
        assertTrue("a reference left", pool.footprint() > 0);
        copy.close();
        assertEquals("the last release frees the closed pool's memory", 0, pool.footprint());
        final Thread other = new Thread(() ->
        {
            assertEquals(43L, across.data().getLong(8));
            across.close();
        });
        other.start();
        other.join();
        assertEquals(0, shared.footprint());
        assertEquals(live, MemoryChecks.liveCount());
    }

    @Test
    public void makeMutableCopiesOnWriteOnlyWhenShared()
    {
        try (Pool pool = Pool.create(64, 8))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.U16, 8, 8);
            final PoolRef ref = PoolRef.allocate(layout, DATA);
            ref.metadata().putLong(0, 7L);
            ref.data().putLong(0, 1L);
            final long original = ref.block();
            assertEquals("exclusive: written in place", original, addressAfter(ref.makeMutable(), ref));

            final PoolRef shared = ref.retain();
            assertSame(shared, shared.makeMutable());
            final UnsafeBuffer data = shared.data();
            assertNotEquals("shared: copied", original, shared.block());
            assertSame(data, shared.data());
            assertEquals(1L, data.getLong(0));
            assertEquals(7L, shared.metadata().getLong(0));
            data.putLong(0, 2L);
            assertEquals("the other reference sees the original", 1L, ref.data().getLong(0));
            assertEquals(1, ref.refCount());
            assertEquals(1, shared.refCount());
            assertEquals(2, pool.outstanding());
            ref.close();
            shared.close();
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void makeMutableOnLongHandles()
    {
        try (Pool pool = Pool.create(32, 8))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.ATOMIC_U8, 0, 8);
            final long block = layout.allocate(DATA);
            Memory.putLong(layout.dataAddress(block), 5L);
            assertEquals(block, PoolRef.makeMutable(layout, block, DATA));
            layout.retain(block);
            final long copy = PoolRef.makeMutable(layout, block, DATA);
            assertNotEquals(block, copy);
            assertEquals(5L, Memory.getLong(layout.dataAddress(copy)));
            assertEquals(1, layout.refCount(block));
            assertTrue(layout.release(block, DATA));
            assertTrue(layout.release(copy, DATA));
            assertEquals(2, pool.pooled());
        }
    }

    @Test
    public void tryUnwrapWorksWhenExclusiveAndTheBlockIsNotReturned()
    {
        try (Pool pool = Pool.create(64, 8))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.U8, 0, 8);
            final PoolRef ref = PoolRef.allocate(layout, DATA);
            ref.data().putInt(0, 31337);
            final PoolRef other = ref.retain();
            assertEquals("shared: nothing changes", 0, ref.tryUnwrap());
            assertFalse(ref.isReleased());
            other.close();
            final long block = ref.tryUnwrap();
            assertNotEquals(0, block);
            assertTrue(ref.isReleased());
            ref.close();
            assertEquals("not returned to the pool", 0, pool.pooled());
            assertEquals(31337, Memory.getInt(block + layout.dataOffset()));
            pool.free(block);
            assertEquals(1, pool.pooled());
        }
    }

    @Test
    public void retainIntoAnEmptyHandleAllocatesNoHandle()
    {
        try (Pool pool = Pool.create(32, 8))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.U32, 0, 8);
            final PoolRef ref = PoolRef.allocate(layout, DATA);
            final PoolRef spare = new PoolRef();
            for (int i = 0; i < 3; i++)
            {
                assertSame(spare, ref.retain(spare));
                assertEquals(2, ref.refCount());
                spare.release();
            }
            assertThrows(IllegalStateException.class, () -> ref.retain(ref));
            final PoolRef taken = new PoolRef().takeRaw(layout, ref.tryUnwrap(), DATA);
            assertEquals(1, taken.refCount());
            taken.close();
            assertEquals(1, pool.pooled());
        }
    }

    @Test
    public void rawBlocksMoveInAndOutAndRefEqualsComparesBlocks()
    {
        try (Pool pool = Pool.create(32, 8))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.U32, 0, 8);
            final PoolRef ref = PoolRef.allocateZeroed(layout, DATA);
            final PoolRef other = ref.retain();
            assertTrue(ref.refEquals(other));
            final long block = other.intoRaw();
            assertTrue(other.isReleased());
            assertEquals("the count is unchanged", 2, ref.refCount());
            final PoolRef back = PoolRef.fromRaw(layout, block, DATA);
            assertTrue(back.refEquals(ref));
            assertEquals(2, back.refCount());
            try (PoolRef unrelated = PoolRef.allocate(layout, DATA))
            {
                assertFalse(unrelated.refEquals(ref));
            }
            back.close();
            ref.close();
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void aRefThatDoesNotFitThePoolThrowsBeforeAllocating()
    {
        try (Pool pool = Pool.create(16, 8))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.U64, 0, 8);
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> PoolRef.allocate(layout, 9));
            assertThat(ex.getMessage(), containsString("block size 16"));
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void useAfterTheLastReleaseThrowsInCheckedMode()
    {
        assumeTrue(MemoryChecks.ENABLED);
        try (Pool pool = Pool.create(32, 8))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.U32, 0, 8);
            final PoolRef ref = PoolRef.allocate(layout, DATA);
            final long block = ref.block();
            ref.release();
            assertThrows(IllegalStateException.class, () -> layout.retain(block));
            assertThrows(IllegalStateException.class, () -> new PoolRef().takeRaw(layout, block, DATA));
            assertThrows(IllegalStateException.class, ref::refCount);
        }
    }

    private static long addressAfter(final PoolRef returned, final PoolRef ref)
    {
        assertSame(returned, ref);
        return ref.block();
    }
}
