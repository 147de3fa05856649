package io.hoarfrost.pool;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** Slab growth, carving and the address-to-slab search. */
public class SlabsTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void slabsGrowGeometricallyFromFourKibToOneMib()
    {
        final Slabs slabs = new Slabs(64, 8);
        try
        {
            assertEquals(64, slabs.nextSlabBlocks(Integer.MAX_VALUE));
            slabs.grow(64);
            assertEquals(64, slabs.nextSlabBlocks(Integer.MAX_VALUE));
            slabs.grow(64);
            assertEquals(128, slabs.nextSlabBlocks(Integer.MAX_VALUE));
            assertEquals("capped by the caller's budget", 10, slabs.nextSlabBlocks(10));
            while (slabs.blocks() < 100_000)
            {
                slabs.grow(slabs.nextSlabBlocks(Integer.MAX_VALUE));
            }
            assertEquals("1 MiB of 64-byte blocks", 16_384, slabs.nextSlabBlocks(Integer.MAX_VALUE));
            assertEquals(slabs.count() * 8L + slabs.blocks() * 64, slabs.bytes());
        }
        finally
        {
            slabs.releaseAll();
        }
        assertEquals(0, slabs.bytes());
        assertEquals(0, slabs.blocks());
    }

    @Test
    public void aBigBlockGetsASlabOfItsOwn()
    {
        final Slabs slabs = new Slabs(2 << 20, 4096);
        assertEquals(1, slabs.nextSlabBlocks(Integer.MAX_VALUE));
        slabs.grow(1);
        final long block = slabs.carve();
        assertEquals(0, block % 4096);
        assertEquals(0, slabs.carve());
        slabs.releaseAll();
    }

    @Test
    public void carvesEveryBlockOfTheNewestSlabOnce()
    {
        final Slabs slabs = new Slabs(24, 8);
        slabs.grow(3);
        final long first = slabs.carve();
        assertEquals(first + 24, slabs.carve());
        assertEquals(1, slabs.freshRemaining());
        assertEquals(first + 48, slabs.carve());
        assertEquals(0, slabs.carve());
        assertEquals(-1, slabs.freshIndex());
        slabs.releaseAll();
    }

    @Test
    public void findsTheSlabOfEveryBlockAndNoneOutside()
    {
        final Slabs slabs = new Slabs(16, 8);
        final long[] starts = new long[20];
        for (int i = 0; i < starts.length; i++)
        {
            slabs.grow(4);
            starts[i] = slabs.carve();
        }
        for (final long start : starts)
        {
            final int index = slabs.indexOf(start);
            assertTrue(index >= 0);
            assertEquals(index, slabs.indexOf(start + 4 * 16 - 1));
            assertEquals(4, slabs.blocksIn(index));
            assertFalse(slabs.contains(start - 1));
            assertFalse(slabs.contains(start + 4 * 16));
        }
        final int last = slabs.indexOf(starts[starts.length - 1]);
        assertEquals(last, slabs.freshIndex());
        slabs.release(last);
        assertEquals(-1, slabs.freshIndex());
        assertEquals(0, slabs.carve());
        assertFalse(slabs.contains(starts[starts.length - 1]));
        assertEquals(19, slabs.count());
        slabs.releaseAll();
    }
}
