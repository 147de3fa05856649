package io.hoarfrost.array;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** The operations of the cell, run against both forms: on the heap and inside an off-heap record. */
@RunWith(Parameterized.class)
public class AtomicArrayRefTest
{
    private static final int RECORD_SIZE = 24;
    private static final int CELL_OFFSET = 8;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    private final boolean onHeap;
    private long record;

    public AtomicArrayRefTest(final String name, final boolean onHeap)
    {
        this.onHeap = onHeap;
    }

    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> cells()
    {
        return Arrays.asList(new Object[]{ "on heap", true }, new Object[]{ "off heap", false });
    }

    private AtomicArrayRef cell(final ArrayLayout layout)
    {
        if (onHeap)
        {
            return AtomicArrayRef.onHeap(layout);
        }
        record = Memory.allocate(RECORD_SIZE);
        Memory.fill(record, RECORD_SIZE, (byte)0);
        return AtomicArrayRef.offHeap(layout, record + CELL_OFFSET);
    }

    @After
    public void freeRecord()
    {
        if (record != 0)
        {
            Memory.free(record);
        }
    }

    @Test
    public void getSetCompareAndSetGetAndSet()
    {
        final ArrayLayout layout = ArrayLayout.thin(ElementType.LONG).withAllocator(bytes);
        try (AtomicArrayRef cell = cell(layout))
        {
            assertTrue(cell.isEmpty());
            assertEquals(AtomicArrayRef.EMPTY, cell.get());
            final long a = layout.allocateLongs(2, i -> 1);
            final long b = layout.allocateLongs(3, i -> 2);

            cell.set(a);
            assertFalse(cell.isEmpty());
            assertEquals(a, cell.get());
            assertEquals(2, new LabeledArrayView().wrap(layout, cell.get()).length());

            assertFalse("the cell holds a, not b", cell.compareAndSet(b, b));
            assertEquals(a, cell.get());
            assertTrue(cell.compareAndSet(a, b));
            assertEquals(b, cell.get());
            layout.free(a);

            final long c = layout.allocate(1);
            assertEquals(b, cell.getAndSet(c));
            layout.free(b);
            assertEquals(c, cell.get());
            assertSame(layout, cell.layout());
            assertThat(cell.toString(), containsString(Long.toHexString(c)));
        }
    }

    @Test
    public void compareAndExchangeReturnsTheWitness() throws Exception
    {
        final ArrayLayout layout = ArrayLayout.thin(ElementType.LONG).withAllocator(bytes);
        try (AtomicArrayRef cell = cell(layout))
        {
            final long a = layout.allocateLongs(1, i -> 1);
            final long b = layout.allocateLongs(1, i -> 2);
            assertEquals("empty: the swap happens", AtomicArrayRef.EMPTY, cell.compareAndExchange(AtomicArrayRef.EMPTY, a));
            assertEquals(a, cell.get());
            assertEquals("the witness is a, nothing moves", a, cell.compareAndExchange(b, b));
            assertEquals(a, cell.get());
            assertEquals("a is there: the swap happens", a, cell.compareAndExchange(a, b));
            assertEquals(b, cell.get());
            layout.free(a);

            final int threads = 2;
            final int rounds = 20_000;
            final long[] blocks = new long[threads];
            for (int t = 0; t < threads; t++)
            {
                blocks[t] = layout.allocateLongs(1, i -> 9);
            }
            final AtomicInteger swaps = new AtomicInteger();
            final Thread[] racers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                final long mine = blocks[t];
                racers[t] = new Thread(() ->
                {
                    for (int r = 0; r < rounds; r++)
                    {
                        final long seen = cell.get();
                        if (cell.compareAndExchange(seen, seen == mine ? seen : mine) == seen && seen != mine)
                        {
                            swaps.incrementAndGet();
                        }
                    }
                });
                racers[t].start();
            }
            for (final Thread racer : racers)
            {
                racer.join();
            }
            final long last = cell.getAndSet(AtomicArrayRef.EMPTY);
            assertTrue("the cell holds one of the racers' blocks or b", last == b || last == blocks[0] || last == blocks[1]);
            assertTrue(swaps.get() > 0);
            layout.free(b);
            for (final long block : blocks)
            {
                layout.free(block);
            }
        }
    }

    @Test
    public void initializeCasesFromEmptyAndFailsWhenAlreadySet()
    {
        final ArrayLayout layout = ArrayLayout.thin(ElementType.INT).withAllocator(bytes);
        try (AtomicArrayRef cell = cell(layout))
        {
            final long first = layout.allocate(1);
            final long second = layout.allocate(1);
            assertTrue(cell.initialize(first));
            assertFalse(cell.initialize(second));
            assertEquals(first, cell.get());
            layout.free(second);
            assertThrows(IllegalArgumentException.class, () -> cell.initialize(AtomicArrayRef.EMPTY));
        }
    }

    @Test
    public void clearFreesOrReleasesWhatTheCellHolds()
    {
        final ArrayLayout plain = ArrayLayout.thin(ElementType.LONG).withAllocator(bytes);
        final AtomicArrayRef cell = cell(plain);
        cell.set(plain.allocate(4));
        cell.clear();
        assertTrue(cell.isEmpty());
        cell.clear();
        assertEquals(0, bytes.liveBytes());

        final ArrayLayout counted = plain.counted(Counter.ATOMIC_U32);
        final AtomicArrayRef countedCell = onHeap ? AtomicArrayRef.onHeap(counted) :
            AtomicArrayRef.offHeap(counted, record + CELL_OFFSET);
        try (RcArray array = RcArray.allocate(counted, 4))
        {
            countedCell.set(array.retain().intoRaw());
            assertEquals(2, array.refCount());
            countedCell.close();
            assertEquals(1, array.refCount());
        }
    }

    @Test
    public void fatLayoutsAreRefusedForTheyDoNotFitOneLong()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> cell(ArrayLayout.fat(ElementType.LONG)));
        assertThat(ex.getMessage(), containsString("thin"));
    }

    @Test
    public void offHeapCellsMustBeAligned()
    {
        final ArrayLayout layout = ArrayLayout.thin(ElementType.LONG);
        final OffHeapArrayRef cell = AtomicArrayRef.offHeap(layout, 64);
        assertThrows(IllegalArgumentException.class, () -> cell.wrap(0));
        assertThrows(IllegalArgumentException.class, () -> cell.wrap(68));
        assertEquals("unchanged by a refused wrap", 64, cell.cellAddress());
    }
}
