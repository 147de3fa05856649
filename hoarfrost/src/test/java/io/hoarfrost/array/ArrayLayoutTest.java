package io.hoarfrost.array;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class ArrayLayoutTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    @Test
    public void thinArrayOf200LongsIsHeaderPlus1600BytesAndFatIsExactly1600()
    {
        final ArrayLayout thin = ArrayLayout.thin(ElementType.LONG).withAllocator(bytes);
        final ArrayLayout fat = ArrayLayout.fat(ElementType.LONG).withAllocator(bytes);

        assertEquals(0, thin.lengthOffset());
        assertEquals(8, thin.elementsOffset());
        assertEquals(8 + 1600, thin.blockSize(200));
        assertEquals(-1, fat.lengthOffset());
        assertEquals(0, fat.elementsOffset());
        assertEquals(1600, fat.blockSize(200));

        final long thinBlock = thin.allocate(200);
        assertEquals(1608, bytes.allocatedBytes());
        assertEquals(200, thin.length(thinBlock));
        thin.free(thinBlock);

        try (LabeledArray array = LabeledArray.allocate(fat, 200))
        {
            assertEquals(1608 + 1600, bytes.allocatedBytes());
            assertEquals(array.block(), array.elementsAddress());
        }
    }

    @Test
    public void bothFormsPadTheLabelToTheElementAlignment()
    {
        final ArrayLayout fat = ArrayLayout.fat(ElementType.LONG).withLabel(3);
        assertEquals(0, fat.labelOffset());
        assertEquals(1, fat.labelAlignment());
        assertEquals(8, fat.elementsOffset());
        assertEquals(8 + 16, fat.blockSize(2));

        final ArrayLayout thin = ArrayLayout.thin(ElementType.LONG).withLabel(3);
        assertEquals(4, thin.lengthOffset());
        assertEquals(8, thin.elementsOffset());

        final ArrayLayout thinLabel8 = ArrayLayout.thin(ElementType.LONG).withLabel(8);
        assertEquals(8, thinLabel8.lengthOffset());
        assertEquals(16, thinLabel8.elementsOffset());

        final ArrayLayout bytesAfterLabel = ArrayLayout.fat(ElementType.BYTE).withLabel(3);
        assertEquals("bytes need no padding", 3, bytesAfterLabel.elementsOffset());

        final ArrayLayout records = ArrayLayout.fat(ElementType.record(32, 16)).withLabel(4);
        assertEquals(16, records.elementsOffset());
        assertEquals(16, records.blockAlignment());
    }

    @Test
    public void defaultLabelAlignmentIsTheLargestPowerOfTwoDividingItsLengthUpTo8()
    {
        assertEquals(8, ArrayLayout.fat(ElementType.BYTE).withLabel(16).labelAlignment());
        assertEquals(4, ArrayLayout.fat(ElementType.BYTE).withLabel(12).labelAlignment());
        assertEquals(2, ArrayLayout.fat(ElementType.BYTE).withLabel(6).labelAlignment());
        assertEquals(1, ArrayLayout.fat(ElementType.BYTE).withLabel(7).labelAlignment());
        assertEquals(8, ArrayLayout.fat(ElementType.BYTE).withLabel(64).labelAlignment());
        assertEquals(64, ArrayLayout.fat(ElementType.BYTE).withLabel(64, 64).labelAlignment());
    }

    @Test
    public void countedLayoutsPutTheCounterFirstAsARimeBlock()
    {
        final ArrayLayout thin = ArrayLayout.thin(ElementType.LONG).counted(Counter.ATOMIC_U32);
        assertEquals(ArrayLayout.COUNTER_OFFSET, 0);
        assertEquals(4, thin.labelOffset());
        assertEquals(4, thin.lengthOffset());
        assertEquals(8, thin.elementsOffset());
        assertEquals(8 + 1600, thin.blockSize(200));

        final ArrayLayout fat = ArrayLayout.fat(ElementType.LONG).counted(Counter.U64).withLabel(16);
        assertEquals(8, fat.labelOffset());
        assertEquals(24, fat.elementsOffset());

        final ArrayLayout tiny = ArrayLayout.fat(ElementType.BYTE).counted(Counter.ATOMIC_U8);
        assertEquals("an atomic 8-bit counter needs its whole word", 4, tiny.blockSize(0));
    }

    @Test
    public void aLengthWhoseBlockSizeOverflowsThrowsBeforeAnythingIsAllocated()
    {
        final long allocations = MemoryChecks.allocations();
        final ArrayLayout longs = ArrayLayout.thin(ElementType.LONG).withAllocator(bytes);
        assertEquals(Integer.MAX_VALUE / 8, longs.maxLength());

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> longs.allocate(Integer.MAX_VALUE));
        assertThat(ex.getMessage(), containsString("length " + Integer.MAX_VALUE));
        assertThat(ex.getMessage(), containsString(String.valueOf(Integer.MAX_VALUE * 8L)));

        final ArrayLayout records = ArrayLayout.fat(ElementType.record(1 << 20, 8)).withAllocator(bytes);
        assertThrows(IllegalArgumentException.class, () -> records.allocate(1 << 11));
        assertThrows(IllegalArgumentException.class, () -> LabeledArray.ofLongs(longs, longs.maxLength() + 1, i -> i));
        assertThrows(IllegalArgumentException.class,
            () -> RcArray.allocate(longs.counted(Counter.ATOMIC_U64), Integer.MAX_VALUE));

        final IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> longs.allocate(-1));
        assertThat(negative.getMessage(), containsString("-1"));

        assertEquals(0, bytes.allocations());
        assertEquals(allocations, MemoryChecks.allocations());
    }

    @Test
    public void theLongestArrayIsAccepted()
    {
        final ArrayLayout layout = ArrayLayout.fat(ElementType.record(1 << 20, 8));
        assertEquals(2047, layout.maxLength());
        assertEquals(2047L << 20, layout.blockSize(2047));
    }

    @Test
    public void recordTypesMustBeWellFormed()
    {
        assertThrows(IllegalArgumentException.class, () -> ElementType.record(0, 1));
        assertThrows(IllegalArgumentException.class, () -> ElementType.record(8, 3));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ElementType.record(12, 8));
        assertThat(ex.getMessage(), containsString("12"));
        assertEquals(ElementType.record(16, 8), ElementType.record(16, 8));
        assertTrue(ElementType.record(16, 8).isRecord());
        assertEquals("record(16, 8)", ElementType.record(16, 8).toString());
        assertEquals("long", ElementType.LONG.toString());
    }

    @Test
    public void badLabelsAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> ArrayLayout.thin(ElementType.INT).withLabel(-1));
        assertThrows(IllegalArgumentException.class, () -> ArrayLayout.thin(ElementType.INT).withLabel(8, 3));
        assertThrows(IllegalArgumentException.class,
            () -> ArrayLayout.thin(ElementType.INT).withLabel(Integer.MAX_VALUE - 2));
    }

    @Test
    public void fatBlocksHaveNoLengthToRead()
    {
        final ArrayLayout fat = ArrayLayout.fat(ElementType.INT).withAllocator(bytes);
        final long block = fat.allocate(4);
        try
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> fat.length(block));
            assertThat(ex.getMessage(), containsString("fat"));
        }
        finally
        {
            fat.free(block, 4);
        }
    }

    @Test
    public void anEmptyFatArrayStillHasABlock()
    {
        final ArrayLayout fat = ArrayLayout.fat(ElementType.LONG).withAllocator(bytes);
        assertEquals(1, fat.blockSize(0));
        try (LabeledArray empty = LabeledArray.allocate(fat, 0))
        {
            assertEquals(0, empty.length());
            assertThrows(IndexOutOfBoundsException.class, () -> empty.getLong(0));
        }
    }
}
