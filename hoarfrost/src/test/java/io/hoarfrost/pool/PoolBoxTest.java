package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/** PoolBox ownership: close returns the block, intoRaw hands it over, wrap re-points an empty box. */
public class PoolBoxTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void closeReturnsTheBlockAndDetachesTheView()
    {
        try (Pool pool = Pool.create(32, 4))
        {
            final PoolBox box = PoolBox.allocate(pool);
            final UnsafeBuffer view = box.buffer();
            assertSame(view, box.buffer());
            assertEquals(32, view.capacity());
            assertSame(pool, box.pool());
            box.close();
            assertTrue(box.isClosed());
            assertNull(box.pool());
            assertEquals(1, pool.pooled());
            assertEquals("a stale view reads nothing", 0, view.capacity());
            assertThrows(IndexOutOfBoundsException.class, () -> view.getByte(0));
            assertThrows(IllegalStateException.class, box::address);
            box.close();
            assertEquals(1, pool.pooled());
        }
    }

    @Test
    public void intoRawHandsTheBlockToTheCaller()
    {
        try (Pool pool = Pool.create(32, 4))
        {
            final PoolBox box = PoolBox.allocate(pool);
            final long block = box.intoRaw();
            assertTrue(box.isClosed());
            box.close();
            assertEquals("not returned to the pool", 0, pool.pooled());
            assertEquals(1, pool.outstanding());
            pool.free(block);
            assertEquals(1, pool.pooled());
        }
    }

    @Test
    public void anEmptyBoxIsReusedWithTakeRaw()
    {
        try (Pool pool = Pool.create(16, 4))
        {
            final PoolBox box = new PoolBox();
            assertTrue(box.isClosed());
            assertThat(box.toString(), containsString("empty"));
            for (int i = 0; i < 3; i++)
            {
                final UnsafeBuffer view = box.takeRaw(pool, pool.allocate()).buffer();
                view.putInt(0, i);
                assertEquals(i, box.buffer().getInt(0));
                box.close();
            }
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void takeRawRefusesToDropAHeldBlock()
    {
        try (Pool pool = Pool.create(16, 4); PoolBox box = PoolBox.allocate(pool))
        {
            final long other = pool.allocate();
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> box.takeRaw(pool, other));
            assertThat(ex.getMessage(), containsString("still owns"));
            assertFalse(box.isClosed());
            assertThrows(IllegalArgumentException.class, () -> new PoolBox().takeRaw(pool, 0));
            pool.free(other);
        }
    }

    @Test
    public void takeRawOfAFreedBlockThrowsInCheckedMode()
    {
        assumeTrue(MemoryChecks.ENABLED);
        try (Pool pool = Pool.create(16, 4))
        {
            final long block = pool.allocate();
            pool.free(block);
            final IllegalStateException ex =
                assertThrows(IllegalStateException.class, () -> new PoolBox().takeRaw(pool, block));
            assertThat(ex.getMessage(), containsString("use after free"));
        }
    }

    @Test
    public void rawBlocksMoveInAndOutAndRefEqualsComparesBlocks()
    {
        try (Pool pool = Pool.create(16, 4))
        {
            final PoolBox box = PoolBox.allocate(pool);
            final long block = box.intoRaw();
            assertTrue(box.isClosed());
            assertEquals(1, pool.outstanding());
            try (PoolBox back = PoolBox.fromRaw(pool, block); PoolBox other = PoolBox.allocate(pool))
            {
                assertEquals(block, back.address());
                assertTrue(back.refEquals(back));
                assertFalse(back.refEquals(other));
                assertThrows(IllegalStateException.class, () -> back.refEquals(box));
            }
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void allocateLeavesOldBytesAndAllocateZeroedClearsThem()
    {
        try (Pool pool = Pool.create(16, 4))
        {
            final long block = pool.allocate();
            Memory.putLong(block, -1L);
            Memory.putLong(block + 8, -1L);
            pool.free(block);
            try (PoolBox box = PoolBox.allocate(pool))
            {
                assertEquals(block, box.address());
                assertNotEquals("not zeroed", 0L, box.buffer().getLong(8));
            }
            try (PoolBox box = PoolBox.allocateZeroed(pool))
            {
                assertEquals(block, box.address());
                assertEquals(0L, box.buffer().getLong(0));
                assertEquals(0L, box.buffer().getLong(8));
            }
        }
    }

    @Test
    public void boxesCompareHashOrderAndPrintByContents()
    {
        try (Pool pool = Pool.create(8, 4);
            PoolBox a = PoolBox.allocateZeroed(pool);
            PoolBox b = PoolBox.allocateZeroed(pool);
            PoolBox c = PoolBox.allocateZeroed(pool))
        {
            a.buffer().putLong(0, 0x0102030405060708L, java.nio.ByteOrder.BIG_ENDIAN);
            b.buffer().putLong(0, 0x0102030405060708L, java.nio.ByteOrder.BIG_ENDIAN);
            c.buffer().putByte(0, (byte)0xFF);
            assertFalse(a.refEquals(b));
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals(java.util.Arrays.hashCode(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8 }), a.hashCode());
            assertNotEquals(a, c);
            assertEquals(0, a.compareTo(b));
            assertTrue("unsigned bytes: 0xFF after 0x01", c.compareTo(a) > 0);
            assertEquals("PoolBox { 0x0102030405060708 }", a.toString());
        }
    }

    @Test
    public void anEmptyBoxComparesHashesAndPrintsWithoutThrowing()
    {
        try (Pool pool = Pool.create(8, 4);
            PoolBox full = PoolBox.allocateZeroed(pool))
        {
            final PoolBox empty = new PoolBox();
            assertEquals("PoolBox { empty }", empty.toString());
            assertEquals(0, empty.hashCode());
            assertEquals(empty, new PoolBox());
            assertNotEquals(empty, full);
            assertNotEquals(full, empty);
            assertTrue(empty.compareTo(full) < 0);
        }
    }
}
