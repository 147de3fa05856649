package io.hoarfrost.array;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class LabeledArrayFactoryTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    @Test
    public void allocateZeroedGivesZeroedLabelAndElements()
    {
        for (final ArrayLayout layout : new ArrayLayout[]{
            ArrayLayout.thin(ElementType.LONG).withLabel(16).withAllocator(bytes),
            ArrayLayout.fat(ElementType.BYTE).withLabel(3).withAllocator(bytes) })
        {
            final long block = layout.allocate(64);
            Memory.fill(block, layout.blockSize(64), (byte)0x5A);
            layout.free(block, 64);
            try (LabeledArray array = LabeledArray.allocateZeroed(layout, 64))
            {
                assertEquals(64, array.length());
                for (int i = 0; i < layout.labelLength(); i++)
                {
                    assertEquals(0, array.label().getByte(i));
                }
                for (int i = 0; i < array.elements().capacity(); i++)
                {
                    assertEquals(0, array.elements().getByte(i));
                }
            }
        }
    }

    @Test
    public void indexInitialisersLikeHeaparraysNew()
    {
        try (LabeledArray array = LabeledArray.ofLongs(ArrayLayout.fat(ElementType.LONG).withAllocator(bytes), 10, i -> i + 3))
        {
            assertEquals(4, array.getLong(1));
            assertEquals(12, array.getLong(9));
        }
        try (LabeledArray ints = LabeledArray.ofInts(ArrayLayout.thin(ElementType.INT).withAllocator(bytes), 5, i -> -i))
        {
            assertEquals(-4, ints.getInt(4));
        }
        try (LabeledArray doubles =
            LabeledArray.ofDoubles(ArrayLayout.thin(ElementType.DOUBLE).withAllocator(bytes), 4, i -> i / 2.0))
        {
            assertEquals(1.5, doubles.getDouble(3), 0.0);
        }
    }

    @Test
    public void labelInitialiserCountsEvenAndOddIndicesLikeHeaparraysDocExample()
    {
        final ArrayLayout layout = ArrayLayout.fat(ElementType.LONG).withLabel(Parity.LENGTH).withAllocator(bytes);
        final Parity parity = new Parity();
        try (LabeledArray array = LabeledArray.withLabel(layout, 10, (a, index) ->
        {
            a.label(parity);
            if (index % 2 == 0)
            {
                parity.even(parity.even() + 1);
            }
            else
            {
                parity.odd(parity.odd() + 1);
            }
            a.putLong(index, index * 10L);
        }))
        {
            array.label(parity);
            assertEquals(5, parity.even());
            assertEquals(5, parity.odd());
            assertEquals(90, array.getLong(9));
        }

        final UnsafeBuffer start = new UnsafeBuffer(new byte[Parity.LENGTH]);
        start.putLong(Parity.EVEN_OFFSET, 100);
        try (LabeledArray array = LabeledArray.withLabel(layout, start, 7, (a, index) ->
        {
            a.label(parity);
            if (index % 2 == 0)
            {
                parity.even(parity.even() + 1);
            }
        }))
        {
            assertEquals(104, array.label(parity).even());
            assertEquals(0, parity.odd());
            assertEquals(0, array.getLong(6));
        }
        assertEquals("the initial label is copied, not kept", 100, start.getLong(Parity.EVEN_OFFSET));
    }

    @Test
    public void allocateZeroedWithALabelCopiesTheLabelAndZeroesTheElements()
    {
        final ArrayLayout layout = ArrayLayout.thin(ElementType.INT).withLabel(4).withAllocator(bytes);
        final UnsafeBuffer label = new UnsafeBuffer(new byte[8]);
        label.putInt(0, 17);
        try (LabeledArray array = LabeledArray.allocateZeroed(layout, label, 8))
        {
            assertEquals(17, array.label().getInt(0));
            assertEquals(4, array.label().capacity());
            assertEquals(0, array.getInt(7));
        }
        try (LabeledArray array = LabeledArray.allocate(layout, label, 8))
        {
            assertEquals(17, array.label().getInt(0));
            assertEquals(8, array.length());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> LabeledArray.allocate(layout, new UnsafeBuffer(new byte[3]), 8));
        assertThrows(IndexOutOfBoundsException.class,
            () -> LabeledArray.allocateZeroed(layout, new UnsafeBuffer(new byte[3]), 8));
    }

    @Test
    public void aThrowingInitialiserFreesTheBlock()
    {
        final ArrayLayout layout = ArrayLayout.thin(ElementType.LONG).withAllocator(bytes);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> LabeledArray.ofLongs(layout, 10, i ->
        {
            if (i == 5)
            {
                throw new IllegalStateException("init failed at " + i);
            }
            return i;
        }));
        assertEquals("init failed at 5", ex.getMessage());
        assertEquals(1, bytes.allocations());

        final ArithmeticException arithmetic = assertThrows(ArithmeticException.class,
            () -> LabeledArray.withLabel(layout, 3, (a, i) -> a.putLong(i, 1 / (2 - i))));
        assertThat(arithmetic.getMessage(), containsString("zero"));
        assertEquals(2, bytes.allocations());
        assertEquals(0, bytes.liveBytes());
    }

    @Test
    public void aTypedInitialiserOfTheWrongWidthAllocatesNothing()
    {
        final long allocations = MemoryChecks.allocations();
        final ArrayLayout ints = ArrayLayout.thin(ElementType.INT).withAllocator(bytes);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> LabeledArray.ofLongs(ints, 3, i -> i));
        assertThat(ex.getMessage(), containsString("8-byte"));
        assertThat(ex.getMessage(), containsString("int"));
        assertThrows(IllegalStateException.class, () -> LabeledArray.ofDoubles(ints, 3, i -> i));
        assertThrows(IllegalStateException.class, () -> LabeledArray.ofInts(ArrayLayout.thin(ElementType.SHORT), 3, i -> i));
        assertEquals(0, bytes.allocations());
        assertEquals(allocations, MemoryChecks.allocations());
    }

    @Test
    public void rawHandlesMoveInAndOut()
    {
        final ArrayLayout thin = ArrayLayout.thin(ElementType.LONG).withAllocator(bytes);
        final long block = thin.allocateLongs(3, i -> i * i);
        final LabeledArray array = LabeledArray.fromRaw(thin, block);
        assertEquals(3, array.length());
        assertEquals(4, array.getLong(2));
        assertEquals(block, array.intoRaw());
        assertTrue(array.isClosed());
        array.close();
        thin.free(block);

        final ArrayLayout fat = ArrayLayout.fat(ElementType.LONG).withAllocator(bytes);
        try (LabeledArray owned = LabeledArray.fromRaw(fat, fat.allocateZeroed(5), 5); LabeledArray copy = owned.copy())
        {
            owned.putLong(4, 9);
            assertEquals(0, copy.getLong(4));
            assertSame(fat, copy.layout());
        }
    }
}
