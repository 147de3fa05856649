package io.hoarfrost.array;

import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class RcArrayTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    private ArrayLayout layout(final boolean thin, final Counter counter)
    {
        return (thin ? ArrayLayout.thin(ElementType.LONG) : ArrayLayout.fat(ElementType.LONG))
            .withLabel(8).counted(counter).withAllocator(bytes);
    }

    @Test
    public void everyCounterKindCountsBothForms()
    {
        for (final Counter counter : Counter.values())
        {
            for (final boolean thin : new boolean[]{ true, false })
            {
                final RcArray first = RcArray.ofLongs(layout(thin, counter), 5, i -> i * 2);
                assertEquals(1, first.refCount());
                assertTrue(first.isExclusive());
                final RcArray second = first.retain();
                assertEquals(2, first.refCount());
                assertFalse(second.isExclusive());
                assertTrue(first.refEquals(second));
                assertEquals(8, second.getLong(4));
                assertFalse(first.release());
                assertTrue(first.isReleased());
                assertTrue(second.isExclusive());
                assertTrue(second.release());
            }
        }
        assertEquals(0, bytes.liveBytes());
    }

    @Test
    public void tenRetainsAllocateNothing()
    {
        try (RcArray array = RcArray.allocate(layout(true, Counter.ATOMIC_U32), 200))
        {
            final long allocations = MemoryChecks.allocations();
            final long blocks = bytes.allocations();
            final List<RcArray> handles = new ArrayList<>();
            for (int i = 0; i < 10; i++)
            {
                handles.add(array.retain());
            }
            assertEquals(11, array.refCount());
            assertEquals("no native allocation", allocations, MemoryChecks.allocations());
            assertEquals(blocks, bytes.allocations());
            for (final RcArray handle : handles)
            {
                assertTrue(handle.refEquals(array));
                handle.close();
            }
            assertEquals(1, array.refCount());
        }
    }

    @Test
    public void makeMutableIsFreeWhenExclusive()
    {
        try (RcArray array = RcArray.ofLongs(layout(false, Counter.U32), 3, i -> i))
        {
            final long block = array.block();
            final long allocations = bytes.allocations();
            assertSame(array, array.makeMutable());
            assertEquals(block, array.block());
            assertEquals(allocations, bytes.allocations());
        }
    }

    @Test
    public void makeMutableCopiesOnWriteWhenShared()
    {
        for (final boolean thin : new boolean[]{ true, false })
        {
            final RcArray original = RcArray.ofLongs(layout(thin, Counter.ATOMIC_U16), 4, i -> i + 10);
            original.label().putLong(0, 77);
            final RcArray writer = original.retain();
            final long elements = writer.elements().addressOffset();

            writer.makeMutable().putLong(0, -1);
            assertTrue(writer.isExclusive());
            assertTrue(original.isExclusive());
            assertFalse(writer.refEquals(original));
            assertEquals("the views follow the copy", writer.elementsAddress(), writer.elements().addressOffset());
            assertNotEquals(elements, writer.elements().addressOffset());
            assertEquals(-1, writer.getLong(0));
            assertEquals(10, original.getLong(0));
            assertEquals(13, writer.getLong(3));
            assertEquals(77, writer.label().getLong(0));
            assertEquals(4, writer.length());
            if (thin)
            {
                assertEquals(4, writer.layout().length(writer.block()));
            }
            writer.putLong(0, 10);
            assertEquals(original, writer);
            original.close();
            writer.close();
        }
    }

    @Test
    public void tryUnwrapGivesBackTheRawBlockWhenExclusive()
    {
        for (final boolean thin : new boolean[]{ true, false })
        {
            final ArrayLayout layout = layout(thin, Counter.ATOMIC_U64);
            final RcArray array = RcArray.ofLongs(layout, 3, i -> i);
            final RcArray other = array.retain();
            assertEquals("shared: stays counted", 0, array.tryUnwrap());
            assertFalse(array.isReleased());
            other.close();

            final long block = array.block();
            final long unwrapped = array.tryUnwrap();
            assertTrue(array.isReleased());
            assertEquals("no copy", block, unwrapped);
            assertEquals("the counter stays, at 1", 1, layout.refCount(unwrapped));
            try (LabeledArray plain =
                     thin ? LabeledArray.fromRaw(layout, unwrapped) : LabeledArray.fromRaw(layout, unwrapped, 3))
            {
                assertEquals(block, plain.block());
                assertEquals(3, plain.length());
                assertEquals(2, plain.getLong(2));
            }
            assertEquals("the owned array's close freed the counted block", 0, bytes.liveBytes());
        }
        final ArrayLayout layout = layout(false, Counter.U8);
        final long block = RcArray.allocateZeroed(layout, 2).tryUnwrap();
        layout.free(block, 2);
        assertEquals(0, bytes.liveBytes());
    }

    @Test
    public void allocateLeavesTheBytesAndAllocateZeroedClearsThem()
    {
        final long slot = Memory.allocate(64, 8);
        try
        {
            final Allocator reuse = new Allocator()
            {
                @Override
                public long allocate(final long size, final int alignment)
                {
                    Memory.fill(slot, 64, (byte)0x5A);
                    return slot;
                }

                @Override
                public void free(final long address, final long size, final int alignment)
                {
                }
            };
            final ArrayLayout layout = ArrayLayout.thin(ElementType.LONG).withLabel(8).counted(Counter.U32)
                .withAllocator(reuse);
            try (RcArray array = RcArray.allocate(layout, 2))
            {
                assertEquals(1, array.refCount());
                assertEquals("the length is written", 2, layout.length(array.block()));
                assertEquals("elements not zeroed", 0x5A5A5A5A5A5A5A5AL, array.getLong(1));
                assertEquals("label not zeroed", 0x5A5A5A5A5A5A5A5AL, array.label().getLong(0));
            }
            try (RcArray array = RcArray.allocateZeroed(layout, 2))
            {
                assertEquals(1, array.refCount());
                assertEquals(0L, array.getLong(1));
                assertEquals(0L, array.label().getLong(0));
            }
            final ArrayLayout plain = ArrayLayout.thin(ElementType.LONG).withLabel(8).withAllocator(reuse);
            try (LabeledArray array = LabeledArray.allocate(plain, 2))
            {
                assertEquals(2, array.length());
                assertEquals("elements not zeroed", 0x5A5A5A5A5A5A5A5AL, array.getLong(1));
            }
            try (LabeledArray array = LabeledArray.allocateZeroed(plain, 2))
            {
                assertEquals(0L, array.getLong(1));
                assertEquals(0L, array.label().getLong(0));
            }
            final UnsafeBuffer label = new UnsafeBuffer(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8 });
            try (LabeledArray array = LabeledArray.allocateZeroed(plain, label, 2))
            {
                assertEquals(1, array.label().getByte(0));
                assertEquals(0L, array.getLong(0));
            }
            try (LabeledArray array = LabeledArray.allocate(plain, label, 2))
            {
                assertEquals(8, array.label().getByte(7));
                assertEquals(0x5A5A5A5A5A5A5A5AL, array.getLong(0));
            }
        }
        finally
        {
            Memory.free(slot, 8);
        }
        final LabeledArray a = LabeledArray.allocate(ArrayLayout.fat(ElementType.INT), 2);
        final LabeledArray b = LabeledArray.allocate(ArrayLayout.fat(ElementType.INT), 2);
        assertTrue(a.refEquals(a));
        assertFalse(a.refEquals(b));
        b.close();
        assertThrows(IllegalStateException.class, () -> a.refEquals(b));
        a.close();
    }

    @Test
    public void eachHandleReleasesOnce()
    {
        final RcArray array = RcArray.allocate(layout(false, Counter.U8), 1);
        final RcArray other = array.retain();
        assertFalse(array.release());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, array::release);
        assertThat(ex.getMessage(), containsString("RcArray handle is empty: already released"));
        assertThrows(IllegalStateException.class, array::retain);
        assertThrows(IllegalStateException.class, array::refCount);
        assertThrows(IllegalStateException.class, () -> array.getLong(0));
        array.close();
        assertEquals(1, other.refCount());
        other.close();
        other.close();
    }

    @Test
    public void retainPastTheCounterMaximumThrowsAndLeavesTheCount()
    {
        final RcArray array = RcArray.allocate(layout(true, Counter.U8), 1);
        final List<RcArray> handles = new ArrayList<>();
        for (int i = 1; i < 255; i++)
        {
            handles.add(array.retain());
        }
        assertEquals(255, array.refCount());
        assertThrows(IllegalStateException.class, array::retain);
        assertEquals(255, array.refCount());
        for (final RcArray handle : handles)
        {
            handle.close();
        }
        array.close();
    }

    @Test
    public void rawReferencesMoveInAndOut()
    {
        final ArrayLayout layout = layout(true, Counter.ATOMIC_U32);
        final RcArray array = RcArray.ofLongs(layout, 2, i -> 5);
        final long block = array.retain().intoRaw();
        assertEquals(2, layout.refCount(block));
        assertEquals(3, layout.retain(block));
        try (RcArray taken = RcArray.fromRaw(layout, block); RcArray fat = RcArray.fromRaw(layout, block, 2))
        {
            assertTrue(taken.refEquals(array));
            assertEquals(3, array.refCount());
            assertEquals(5, fat.getLong(1));
        }
        assertEquals(1, array.refCount());
        layout.retain(block);
        assertThrows(IllegalStateException.class, () -> layout.free(block, 2));
        assertEquals("a refused free changes nothing", 2, layout.refCount(block));
        layout.release(block);
        array.close();
    }

    @Test
    public void anUncountedLayoutIsRefused()
    {
        final ArrayLayout plain = ArrayLayout.thin(ElementType.LONG).withAllocator(bytes);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> RcArray.allocate(plain, 1));
        assertThat(ex.getMessage(), containsString("counted"));
        final long block = plain.allocate(1);
        assertThrows(IllegalStateException.class, () -> plain.retain(block));
        assertThrows(IllegalStateException.class, () -> plain.release(block));
        plain.free(block);
        assertEquals(1, bytes.allocations());
    }

    @Test
    public void labelInitialiserAndFailureWorkForCountedArraysToo()
    {
        final ArrayLayout layout = ArrayLayout.thin(ElementType.INT).withLabel(Parity.LENGTH)
            .counted(Counter.ATOMIC_U8).withAllocator(bytes);
        final Parity parity = new Parity();
        try (RcArray array = RcArray.withLabel(layout, 5, (a, i) ->
        {
            a.label(parity);
            if (i % 2 == 0)
            {
                parity.even(parity.even() + 1);
            }
            else
            {
                parity.odd(parity.odd() + 1);
            }
            a.putInt(i, i);
        }))
        {
            assertEquals(3, array.label(parity).even());
            assertEquals(2, parity.odd());
            assertEquals(4, array.getInt(4));
        }
        assertThrows(IllegalStateException.class, () -> RcArray.withLabel(layout, 5, (a, i) ->
        {
            throw new IllegalStateException("no");
        }));
        assertEquals(2, bytes.allocations());
        assertEquals(0, bytes.liveBytes());
    }
}
