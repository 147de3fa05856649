package io.hoarfrost.array;

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
import static org.junit.Assume.assumeTrue;

public class LabeledArrayLifecycleTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    @Test
    public void afterCloseEveryAccessThrowsAndViewsAreDetached()
    {
        final LabeledArray array =
            LabeledArray.ofLongs(ArrayLayout.thin(ElementType.LONG).withLabel(8).withAllocator(bytes), 4, i -> i);
        final UnsafeBuffer label = array.label();
        final UnsafeBuffer elements = array.elements();
        array.close();
        assertTrue(array.isClosed());
        assertEquals(0, array.length());

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> array.getLong(0));
        assertThat(ex.getMessage(), containsString("LabeledArray is closed"));
        assertThrows(IllegalStateException.class, () -> array.putLong(0, 1));
        assertThrows(IllegalStateException.class, array::label);
        assertThrows(IllegalStateException.class, array::elements);
        assertThrows(IllegalStateException.class, array::block);
        assertThrows(IllegalStateException.class, array::intoRaw);
        assertThrows(IllegalStateException.class, array::copy);
        assertThrows(IllegalStateException.class, () -> array.elementAddress(0));
        assertEquals(0, label.capacity());
        assertEquals(0, elements.capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> elements.getLong(0));
        assertEquals("LabeledArray { closed }", array.toString());
        array.close();
    }

    @Test
    public void aViewIsRepointedWithoutAllocating()
    {
        final ArrayLayout thin = ArrayLayout.thin(ElementType.INT).withAllocator(bytes);
        final ArrayLayout fat = ArrayLayout.fat(ElementType.INT).withLabel(4).withAllocator(bytes);
        final long first = thin.allocateInts(3, i -> i + 1);
        final long second = fat.allocateInts(5, i -> -i);
        final LabeledArrayView view = new LabeledArrayView();
        try
        {
            assertThrows(IllegalStateException.class, () -> view.getInt(0));
            assertEquals("LabeledArrayView { not wrapped }", view.toString());

            assertSame(view, view.wrap(thin, first));
            assertEquals(3, view.length());
            assertEquals(3, view.getInt(2));
            final UnsafeBuffer elements = view.elements();
            assertEquals(12, elements.capacity());

            view.wrap(fat, second, 5);
            assertSame("the view re-wraps its buffers", elements, view.elements());
            assertEquals(20, elements.capacity());
            assertEquals(-4, elements.getInt(16));
            view.putInt(0, 42);
            view.label().putInt(0, 7);

            try (LabeledArray owned = LabeledArray.fromRaw(fat, second, 5))
            {
                assertEquals(42, owned.getInt(0));
                assertEquals(7, new LabeledArrayView().wrap(owned).label().getInt(0));
            }
            view.unwrap();
            assertThrows(IllegalStateException.class, () -> view.getInt(0));
            assertThrows(IllegalArgumentException.class, () -> view.wrap(thin, 0));
            assertThrows(IllegalArgumentException.class, () -> view.wrap(fat, first, -1));
        }
        finally
        {
            thin.free(first);
        }
    }

    @Test
    public void checkedModeCatchesUseAfterFreeThroughAView()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final ArrayLayout layout = ArrayLayout.thin(ElementType.LONG).withAllocator(bytes);
        final long block = layout.allocate(2);
        final LabeledArrayView view = new LabeledArrayView().wrap(layout, block);
        layout.free(block);

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> view.getLong(0));
        assertThat(ex.getMessage(), containsString("use after free"));
        assertThat(ex.getMessage(), containsString("freed at"));
        assertThrows(IllegalStateException.class, () -> new LabeledArrayView().wrap(layout, block));
        assertThrows(IllegalStateException.class, () -> layout.free(block, 2));
        assertThrows(IllegalStateException.class, () -> LabeledArray.fromRaw(layout, block, 2));
    }

    @Test
    public void checkedModeCatchesADoubleFreeBehindAnArraysBack()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final ArrayLayout layout = ArrayLayout.fat(ElementType.LONG).withAllocator(bytes);
        final LabeledArray array = LabeledArray.allocate(layout, 2);
        final long block = array.block();
        layout.free(block, 2);
        assertThrows(IllegalStateException.class, array::close);
        assertThrows(IllegalStateException.class, () -> array.getLong(0));
    }
}
