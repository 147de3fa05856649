package io.hoarfrost.rc;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.memory.ThrowingChars;
import io.hoarfrost.pool.Pool;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

public class RimeTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void withAllocatorKeepsTheShapeAndMovesTheBlocks()
    {
        final RimeLayout shape = RimeLayout.of(NativeAllocator.INSTANCE, Counter.ATOMIC_U64, 8, 16);
        try (Pool pool = Pool.create((int)shape.blockSize(40), 4, shape.blockAlignment()))
        {
            final RimeLayout pooled = shape.withAllocator(pool);
            assertSame(pool, pooled.allocator());
            assertSame(NativeAllocator.INSTANCE, shape.allocator());
            assertEquals(shape.counter(), pooled.counter());
            assertEquals(shape.metadataLength(), pooled.metadataLength());
            assertEquals(shape.dataOffset(), pooled.dataOffset());
            assertEquals(shape.blockSize(40), pooled.blockSize(40));
            final long block = pooled.allocate(40);
            assertEquals(1, pool.outstanding());
            assertTrue(pooled.release(block, 40));
            assertEquals("the last release gave the block back to the pool", 1, pool.pooled());
        }
        assertThrows(NullPointerException.class, () -> shape.withAllocator(null));
    }

    @Test
    public void copiesTextAndRetainSharesTheBlock()
    {
        for (final Counter counter : Counter.values())
        {
            try (Rime rime = Rime.copyOf(counter, "hello"); Rime clone = rime.retain())
            {
                assertEquals("hello", clone.dataAsString());
                assertEquals(rime.dataAddress(), clone.dataAddress());
                assertEquals(2, rime.refCount());
                try (Rime fresh = Rime.copyOf(counter, "hello"))
                {
                    assertNotEquals(rime.block(), fresh.block());
                    assertEquals(1, fresh.refCount());
                }
            }
        }
    }

    @Test
    public void theLastReleaseFreesTheBlock()
    {
        final long frees = MemoryChecks.frees();
        final Rime first = Rime.copyOf(Counter.ATOMIC_U32, new byte[]{ 1, 2, 3 });
        final Rime second = first.retain();
        final Rime third = second.retain();
        assertEquals(3, third.refCount());
        assertFalse(first.release());
        assertEquals(2, third.refCount());
        assertFalse(third.release());
        assertEquals(MemoryChecks.frees(), frees);
        assertTrue(second.release());
        if (MemoryChecks.ENABLED)
        {
            assertEquals(frees + 1, MemoryChecks.frees());
        }
    }

    @Test
    public void eachHandleReleasesOnce()
    {
        final Rime rime = Rime.copyOf(Counter.U16, "x");
        final Rime other = rime.retain();
        assertFalse(rime.release());
        assertTrue(rime.isReleased());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, rime::release);
        assertThat(ex.getMessage(), containsString("already released"));
        rime.close();
        assertEquals("the other reference survives", 1, other.refCount());
        other.close();
        other.close();
    }

    @Test
    public void viewsDetachWhenTheirHandleIsReleased()
    {
        final Rime rime = Rime.copyOf(Counter.U8, new byte[]{ 1, 2, 3 });
        final Rime other = rime.retain();
        final UnsafeBuffer view = rime.data();
        assertEquals(2, view.getByte(1));
        rime.close();
        assertThrows(IndexOutOfBoundsException.class, () -> view.getByte(1));
        assertThrows(IllegalStateException.class, rime::data);
        assertEquals(2, other.data().getByte(1));
        other.close();
    }

    @Test
    public void metadataSitsBetweenCounterAndPackedData()
    {
        try (Rime rime = Rime.allocateZeroed(Counter.ATOMIC_U16, 3, 5))
        {
            final RimeLayout layout = rime.layout();
            assertEquals(2, layout.metadataOffset());
            assertEquals(5, layout.dataOffset());
            assertEquals(rime.block() + 2, rime.metadataAddress());
            assertEquals(rime.block() + 5, rime.dataAddress());
            assertEquals(10, layout.blockSize(5));
            assertEquals(3, rime.metadata().capacity());
            assertEquals(5, rime.data().capacity());
            assertEquals(0, rime.metadata().getByte(2));
            assertEquals(0, rime.data().getByte(4));
        }
    }

    @Test
    public void dataIsAlignedWhereTheCallerAsks()
    {
        final RimeLayout layout = RimeLayout.of(NativeAllocator.INSTANCE, Counter.U8, 3, 64);
        assertEquals(64, layout.dataOffset());
        assertEquals(64, layout.blockAlignment());
        try (Rime rime = Rime.allocate(layout, 128))
        {
            assertTrue(Alignment.isAligned(rime.dataAddress(), 64));
            rime.data().putLong(120, -1L);
            assertEquals(-1L, rime.data().getLong(120));
        }
    }

    @Test
    public void aFixedCapacityStringEditsInPlace()
    {
        try (FixedCapacityString text = new FixedCapacityString(Counter.U8, 16))
        {
            final long dataAddress = text.rime().dataAddress();
            text.set("hello");
            assertEquals("hello", text.toString());
            text.append(", world");
            assertEquals("hello, world", text.toString());
            assertEquals(12, text.rime().metadata().getInt(0));
            assertEquals("edits stay in the same block", dataAddress, text.rime().dataAddress());
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> text.append("!!!!!"));
            assertThat(ex.getMessage(), containsString("capacity 16"));
            assertEquals("a refused edit changes nothing", "hello, world", text.toString());
            text.set("");
            assertEquals("", text.toString());
        }
    }

    @Test
    public void theLongHandleApiIsTheSameBlock()
    {
        final RimeLayout layout = RimeLayout.of(Counter.ATOMIC_U64, 8);
        final long block = layout.allocate(32);
        assertEquals(1, layout.refCount(block));
        assertEquals(2, layout.retain(block));
        final Rime handle = Rime.fromRaw(layout, block, 32);
        assertEquals(2, handle.refCount());
        assertEquals(layout.dataAddress(block), handle.dataAddress());
        assertFalse(layout.release(block, 32));
        assertTrue(handle.release());
    }

    @Test
    public void rawBlocksMoveInAndOutWithoutChangingTheCount()
    {
        final RimeLayout layout = RimeLayout.of(Counter.ATOMIC_U32, 4);
        try (Rime rime = Rime.copyOf(layout, "abc"); Rime other = rime.retain())
        {
            final long block = other.intoRaw();
            assertTrue(other.isReleased());
            assertEquals(rime.block(), block);
            assertEquals("the reference moved out, the count stays", 2, rime.refCount());
            assertSame(other, other.takeRaw(layout, block, 3));
            assertEquals(2, rime.refCount());
            assertEquals("abc", other.dataAsString());
            assertThrows(IllegalStateException.class, () -> other.takeRaw(layout, block, 3));
            final Rime third = Rime.fromRaw(layout, other.intoRaw(), 3);
            assertEquals(2, third.refCount());
            assertTrue(third.refEquals(rime));
            third.close();
            assertEquals(1, rime.refCount());
            assertThrows(IllegalStateException.class, other::intoRaw);
        }
    }

    @Test
    public void refEqualsComparesBlocksNotContents()
    {
        try (Rime a = Rime.copyOf(Counter.U8, "same"); Rime b = Rime.copyOf(Counter.U8, "same"); Rime c = a.retain())
        {
            assertTrue(a.refEquals(c));
            assertFalse(a.refEquals(b));
            c.release();
            assertThrows(IllegalStateException.class, () -> a.refEquals(c));
        }
    }

    @Test
    public void allocateLeavesTheBytesAndAllocateZeroedClearsThem()
    {
        final Slot slot = new Slot(64);
        try
        {
            final RimeLayout layout = RimeLayout.of(slot, Counter.U32, 4, 4);
            Memory.fill(slot.address, 64, (byte)0x5A);
            try (Rime rime = Rime.allocate(layout, 8))
            {
                assertEquals(1, rime.refCount());
                assertEquals("metadata not zeroed", 0x5A, rime.metadata().getByte(0));
                assertEquals("data not zeroed", 0x5A, rime.data().getByte(7));
            }
            Memory.fill(slot.address, 64, (byte)0x5A);
            try (Rime rime = Rime.allocateZeroed(layout, 8))
            {
                assertEquals(1, rime.refCount());
                assertEquals(0, rime.metadata().getInt(0));
                assertEquals(0L, rime.data().getLong(0));
            }
            Memory.fill(slot.address, 64, (byte)0x5A);
            final long block = layout.allocateZeroed(8);
            assertEquals(0, Memory.getInt(layout.metadataAddress(block)));
            assertEquals(0L, Memory.getLong(layout.dataAddress(block)));
            assertTrue(layout.release(block, 8));
            Memory.fill(slot.address, 64, (byte)0x5A);
            try (Rime rime = Rime.allocateZeroed(Counter.U8, 3, 5))
            {
                assertEquals(0, rime.metadata().getByte(2));
                assertEquals(0, rime.data().getByte(4));
            }
        }
        finally
        {
            slot.close();
        }
    }

    @Test
    public void anErrorMidEncodeFreesTheBlock()
    {
        final int live = MemoryChecks.liveCount();
        final RimeLayout layout = RimeLayout.of(Counter.ATOMIC_U32, 8);
        assertThrows(ThrowingChars.Boom.class, () -> Rime.copyOf(layout, ThrowingChars.midEncode(40)));
        assertThrows(ThrowingChars.Boom.class, () -> Rime.copyOf(Counter.U8, ThrowingChars.midEncode(3)));
        assertEquals("nothing leaked", live, MemoryChecks.liveCount());
        try (Rime ok = Rime.copyOf(layout, new ThrowingChars(4, 100)))
        {
            assertEquals("xxxx", ok.dataAsString());
        }
    }

    /** An allocator of one reusable native block, so tests can see what allocate leaves in it. */
    private static final class Slot implements Allocator
    {
        final long address;

        Slot(final int size)
        {
            address = Memory.allocate(size, 8);
        }

        @Override
        public long allocate(final long size, final int alignment)
        {
            return address;
        }

        @Override
        public void free(final long address, final long size, final int alignment)
        {
        }

        void close()
        {
            Memory.free(address, 8);
        }
    }

    @Test
    public void theLongHandleApiCatchesUseAfterFreeInCheckedMode()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final RimeLayout layout = RimeLayout.of(Counter.U32);
        final long block = layout.allocate(8);
        assertTrue(layout.release(block, 8));
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> layout.retain(block));
        assertThat(ex.getMessage(), containsString("use after free"));
        assertThat(ex.getMessage(), containsString("RimeTest.java"));
        assertThrows(IllegalStateException.class, () -> layout.release(block, 8));
    }

    @Test
    public void aRimeCanLiveInAnyAllocator()
    {
        final CountingAllocator allocator = new CountingAllocator();
        final RimeLayout layout = RimeLayout.of(allocator, Counter.ATOMIC_U8, 0, 1);
        final Rime rime = Rime.copyOf(layout, "ab".getBytes(StandardCharsets.UTF_8), 0, 2);
        final Rime clone = rime.retain();
        rime.close();
        assertEquals(0, allocator.frees);
        clone.close();
        assertEquals(1, allocator.frees);
        assertEquals("block padded to the CAS word", 4, allocator.lastFreedSize);
        assertEquals(4, allocator.lastFreedAlignment);
    }

    @Test
    public void copyOnWriteLeavesOtherHandlesOnTheOriginal()
    {
        try (Rime original = Rime.copyOf(Counter.ATOMIC_U32, new byte[]{ 1, 2, 3 });
             Rime mine = original.retain())
        {
            final long shared = original.block();
            mine.makeMutable().data().putByte(1, (byte)9);
            assertNotEquals(shared, mine.block());
            assertEquals(2, original.data().getByte(1));
            assertEquals(9, mine.data().getByte(1));
            assertEquals(1, original.refCount());
            final long exclusive = mine.block();
            mine.makeMutable();
            assertEquals("free when exclusive", exclusive, mine.block());
        }
    }

    @Test
    public void anEmptyHandleIsRefilledWithoutAllocating()
    {
        final Rime spare = new Rime();
        assertTrue(spare.isReleased());
        try (Rime rime = Rime.copyOf(Counter.U16, "abc"))
        {
            for (int i = 0; i < 3; i++)
            {
                assertTrue(spare == rime.retain(spare));
                assertEquals(2, rime.refCount());
                assertEquals("abc", spare.dataAsString());
                assertFalse(spare.release());
            }
            assertThrows(IllegalStateException.class, () -> rime.retain(rime));
        }
    }

    @Test
    public void tryUnwrapTakesAnExclusiveBlockOutOfCounting()
    {
        final Rime rime = Rime.copyOf(Counter.U8, "x");
        final Rime other = rime.retain();
        assertEquals("shared: nothing changes", 0, rime.tryUnwrap());
        other.close();
        final RimeLayout layout = rime.layout();
        final long block = rime.tryUnwrap();
        assertTrue(rime.isReleased());
        assertEquals(1, layout.refCount(block));
        layout.allocator().free(block, layout.blockSize(1), layout.blockAlignment());
    }

    @Test
    public void emptyDataWorks()
    {
        for (final Counter counter : Counter.values())
        {
            try (Rime rime = Rime.copyOf(counter, ""))
            {
                assertEquals(0, rime.dataLength());
                assertEquals("", rime.dataAsString());
                assertEquals(0, rime.data().capacity());
            }
        }
    }

    @Test
    public void badInputThrowsBeforeAllocating()
    {
        final int live = MemoryChecks.liveCount();
        assertThrows(IllegalArgumentException.class, () -> Rime.allocate(Counter.U8, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> Rime.allocate(Counter.U8, 0, -4));
        assertThrows(IndexOutOfBoundsException.class,
            () -> Rime.copyOf(RimeLayout.of(Counter.U8), new byte[4], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> RimeLayout.of(NativeAllocator.INSTANCE, Counter.U8, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Rime.fromRaw(RimeLayout.of(Counter.U8), 0, 1));
        assertEquals(live, MemoryChecks.liveCount());
    }

    private static final class CountingAllocator implements Allocator
    {
        int frees;
        long lastFreedSize;
        int lastFreedAlignment;

        @Override
        public long allocate(final long size, final int alignment)
        {
            return NativeAllocator.INSTANCE.allocate(size, alignment);
        }

        @Override
        public void free(final long address, final long size, final int alignment)
        {
            frees++;
            lastFreedSize = size;
            lastFreedAlignment = alignment;
            NativeAllocator.INSTANCE.free(address, size, alignment);
        }
    }
}
