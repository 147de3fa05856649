package io.hoarfrost.rc;

import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;

import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

/**
 * {@link SnapshotCell} on one thread: what each operation does to the counts (the cell's batch is
 * visible as {@code refCount} above the holders), ownership moves, refills, bad input, and both
 * storages. The races are in {@link SnapshotCellModelTest} and the jcstress module.
 */
public class SnapshotCellTest
{
    private static final int DATA = 16;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    private final Frees frees = new Frees();
    private final RimeLayout layout = RimeLayout.of(frees, Counter.ATOMIC_U64, 0, 8);
    private final RimeLayout small = RimeLayout.of(frees, Counter.ATOMIC_U8, 0, 8);
    private long cellMemory;

    @After
    public void freeCellMemory()
    {
        if (cellMemory != 0)
        {
            Memory.free(cellMemory, 8);
        }
    }

    @Test
    public void anEmptyCellAcquiresNothing()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(layout, DATA);
        assertTrue(cell.isEmpty());
        assertEquals(SnapshotCell.EMPTY, cell.acquire());
        assertFalse(cell.acquire(new Rime()));
        cell.close();
    }

    @Test
    public void acquireGivesAReferenceThatOutlivesTheCell()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(layout, DATA);
        final long block = newBlock(layout, 7);
        cell.set(block);
        assertEquals(cell.batch(), layout.refCount(block));

        final long acquired = cell.acquire();
        assertEquals(block, acquired);
        assertEquals("a ticket is a pre-paid reference: the count does not move", cell.batch(), layout.refCount(block));

        cell.close();
        assertEquals("the cell dropped its share, the reader's stays", 1, layout.refCount(block));
        assertEquals(0, frees.count(block));
        assertEquals(7, Memory.getLong(layout.dataAddress(block)));
        assertTrue(layout.release(block, DATA));
        assertEquals(1, frees.count(block));
    }

    @Test
    public void setReleasesThePreviousBlockAndGetAndSetHandsItOver()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(layout, DATA);
        final long first = newBlock(layout, 1);
        final long second = newBlock(layout, 2);
        final long third = newBlock(layout, 3);
        cell.set(first);
        cell.set(second);
        assertEquals("set released the cell's only reference to the first", 1, frees.count(first));

        final long reader = cell.acquire();
        assertEquals(second, cell.getAndSet(third));
        assertEquals("the caller's and the reader's", 2, layout.refCount(second));
        assertFalse(layout.release(second, DATA));
        assertTrue(layout.release(reader, DATA));
        assertEquals(1, frees.count(second));
        cell.close();
        assertEquals(1, frees.count(third));
    }

    @Test
    public void compareAndSetMovesReferencesOnlyOnSuccess()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(layout, DATA);
        final long first = newBlock(layout, 1);
        final long second = newBlock(layout, 2);
        cell.set(first);

        assertFalse(cell.compareAndSet(second, second));
        assertEquals("a failed CAS leaves the caller its reference", 1, layout.refCount(second));
        assertEquals(first, cell.compareAndExchange(second, second));

        assertTrue(cell.compareAndSet(first, second));
        assertEquals("the cell's reference to the old block moved to the caller", 1, layout.refCount(first));
        assertTrue(layout.release(first, DATA));
        assertEquals(second, cell.get());
        cell.close();
        assertEquals(1, frees.count(second));
    }

    @Test
    public void compareAndSetOfTheHeldBlockAgainstItselfKeepsTheCountsRight()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(layout, DATA);
        final long block = newBlock(layout, 1);
        cell.set(block);
        final long reader = cell.acquire();
        final long mine = cell.acquire();
        assertTrue(cell.compareAndSet(block, mine));
        assertTrue("the caller got the cell's old reference back", layout.refCount(block) > 2);
        assertFalse(layout.release(block, DATA));
        assertFalse(layout.release(reader, DATA));
        cell.close();
        assertEquals(1, frees.count(block));
    }

    @Test
    public void readersRefillTheBatchAndEveryReferenceComesBack()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(small, DATA);
        assertEquals("a quarter of an 8-bit counter", 63, cell.batch());
        final long block = newBlock(small, 5);
        cell.set(block);
        final int reads = 1_000;
        final long[] held = new long[reads];
        for (int i = 0; i < reads; i++)
        {
            held[i] = cell.acquire();
            assertEquals(block, held[i]);
            if (i % 8 != 0)
            {
                small.release(held[i], DATA);
                held[i] = 0;
            }
        }
        cell.close();
        for (final long reference : held)
        {
            if (reference != 0)
            {
                small.release(reference, DATA);
            }
        }
        assertEquals("freed once, by the last reader", 1, frees.count(block));
    }

    @Test
    public void anAcquirePastTheCountersMaximumIsRefusedAndLeaksNothing()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(small, DATA);
        final long block = newBlock(small, 5);
        cell.set(block);
        final long[] held = new long[400];
        int count = 0;
        try
        {
            while (count < held.length)
            {
                held[count] = cell.acquire();
                count++;
            }
            fail("an 8-bit counter cannot hold 400 references");
        }
        catch (final IllegalStateException expected)
        {
            assertThat(expected.getMessage(), containsString("acquire of block 0x" + Long.toHexString(block) + " refused"));
        }
        assertTrue("the refusal came near the 8-bit maximum, at " + count, count > 150);
        small.release(held[0], DATA);
        small.release(held[1], DATA);
        cell.close();
        for (int i = 2; i < count; i++)
        {
            small.release(held[i], DATA);
        }
        assertEquals("every reference came back: freed once", 1, frees.count(block));
    }

    @Test
    public void acquireIntoARimeHandleOwnsTheReference()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(layout, DATA);
        final Rime book = Rime.allocateZeroed(layout, DATA);
        book.data().putLong(0, 42);
        cell.set(book.intoRaw());

        final Rime reader = new Rime();
        assertTrue(cell.acquire(reader));
        assertEquals(42, reader.data().getLong(0));
        assertEquals(DATA, reader.dataLength());
        try
        {
            cell.acquire(reader);
            fail("acquire into a held handle");
        }
        catch (final IllegalStateException expected)
        {
            assertThat(expected.getMessage(), containsString("still holds block 0x"));
        }
        cell.close();
        assertTrue(reader.release());
    }

    @Test
    public void offHeapCellsShareTheWordAndRePoint()
    {
        cellMemory = Memory.allocate(16, 8);
        Memory.putLong(cellMemory, SnapshotCell.EMPTY);
        Memory.putLong(cellMemory + 8, SnapshotCell.EMPTY);
        final OffHeapSnapshotCell cell = SnapshotCell.offHeap(layout, DATA, cellMemory);
        final long block = newBlock(layout, 9);
        cell.set(block);
        final OffHeapSnapshotCell other = SnapshotCell.offHeap(layout, DATA, cellMemory);
        final long reader = other.acquire();
        assertEquals(block, reader);
        assertTrue(other.wrap(cellMemory + 8).isEmpty());
        cell.close();
        assertTrue(layout.release(reader, DATA));
        assertEquals(1, frees.count(block));
        assertEquals(SnapshotCell.EMPTY, Memory.getLong(cellMemory));
    }

    @Test
    public void badInputIsRefusedAndChangesNothing()
    {
        try
        {
            SnapshotCell.onHeap(RimeLayout.of(Counter.U32), DATA);
            fail("plain counter");
        }
        catch (final IllegalArgumentException expected)
        {
            assertThat(expected.getMessage(), containsString("atomic counter"));
        }
        try
        {
            SnapshotCell.onHeap(layout, -1);
            fail("negative length");
        }
        catch (final IllegalArgumentException expected)
        {
            assertThat(expected.getMessage(), containsString("-1"));
        }
        try
        {
            SnapshotCell.offHeap(layout, DATA, 12);
            fail("misaligned cell");
        }
        catch (final IllegalArgumentException expected)
        {
            assertThat(expected.getMessage(), containsString("0xc"));
        }
        final SnapshotCell cell = SnapshotCell.onHeap(layout, DATA);
        try
        {
            cell.set(1L << 48);
            fail("above 48 bits");
        }
        catch (final IllegalArgumentException expected)
        {
            assertThat(expected.getMessage(), containsString("0x1000000000000"));
        }
        assertTrue(cell.isEmpty());
    }

    @Test
    public void aBlockWhoseCountCannotTakeTheBatchIsRefusedAndStaysTheCallers()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(small, DATA);
        final long first = newBlock(small, 1);
        cell.set(first);
        final long crowded = newBlock(small, 2);
        for (int i = 0; i < 250; i++)
        {
            small.retain(crowded);
        }
        try
        {
            cell.set(crowded);
            fail("255 cannot take a batch of 63");
        }
        catch (final IllegalStateException expected)
        {
            assertThat(expected.getMessage(), containsString("would leave 0..255"));
        }
        assertEquals(first, cell.get());
        assertEquals(251, small.refCount(crowded));
        try
        {
            cell.compareAndSet(first, crowded);
            fail("nor through compareAndSet");
        }
        catch (final IllegalStateException expected)
        {
            assertEquals(first, cell.get());
        }
        assertEquals(251, small.refCount(crowded));
        for (int i = 0; i < 251; i++)
        {
            small.release(crowded, DATA);
        }
        cell.close();
        assertEquals(1, frees.count(first));
        assertEquals(1, frees.count(crowded));
    }

    @Test
    public void checkedModeNamesABlockFreedBehindTheCellsBack()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final RimeLayout tracked = RimeLayout.of(Counter.ATOMIC_U64);
        final SnapshotCell cell = SnapshotCell.onHeap(tracked, DATA);
        final long block = tracked.allocate(DATA);
        cell.set(block);
        // The user bug: releasing references it does not own, the cell's among them.
        while (!tracked.release(block, DATA))
        {
            continue;
        }
        try
        {
            cell.acquire();
            fail("acquired a freed block");
        }
        catch (final IllegalStateException expected)
        {
            assertThat(expected.getMessage(), containsString("use after free"));
            assertThat(expected.getMessage(), containsString(Long.toHexString(block)));
        }
    }

    @Test
    public void toStringShowsBlockTicketsAndBatch()
    {
        final SnapshotCell cell = SnapshotCell.onHeap(layout, DATA);
        final long block = newBlock(layout, 1);
        cell.set(block);
        layout.release(cell.acquire(), DATA);
        assertThat(cell.toString(), containsString("block: 0x" + Long.toHexString(block) + ", tickets: 1 of 32768"));
        cell.close();
    }

    private static long newBlock(final RimeLayout layout, final long value)
    {
        final long block = layout.allocate(DATA);
        Memory.putLong(layout.dataAddress(block), value);
        return block;
    }

    /** Native memory, counting frees per block so a test can tell "freed once" from "twice". */
    private static final class Frees implements Allocator
    {
        private final Map<Long, Integer> counts = new HashMap<>();

        @Override
        public long allocate(final long size, final int alignment)
        {
            return NativeAllocator.INSTANCE.allocate(size, alignment);
        }

        @Override
        public void free(final long address, final long size, final int alignment)
        {
            counts.merge(address, 1, Integer::sum);
            NativeAllocator.INSTANCE.free(address, size, alignment);
        }

        int count(final long block)
        {
            return counts.getOrDefault(block, 0);
        }
    }
}
