package io.hoarfrost.memory;

import org.junit.Rule;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

public class LiveBlocksTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    private static TrackedBlock block(final long address)
    {
        return new TrackedBlock(address, 16, 8, "test", address, Site.here(false));
    }

    @Test
    public void addsOnceFindsAndRemovesOnlyTheSameBlock()
    {
        final LiveBlocks live = new LiveBlocks();
        final TrackedBlock block = block(0x1000);
        assertNull(live.putIfAbsent(block));
        assertSame(block, live.putIfAbsent(block(0x1000)));
        assertSame(block, live.get(0x1000));
        assertTrue(live.contains(0x1000));
        assertFalse(live.remove(block(0x1000)));
        assertTrue(live.remove(block));
        assertFalse(live.remove(block));
        assertFalse(live.contains(0x1000));
    }

    @Test
    public void growsAndShrinksAcrossThreads() throws Exception
    {
        final LiveBlocks live = new LiveBlocks();
        final int count = 50_000;
        final TrackedBlock[] blocks = new TrackedBlock[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = block(0x10000L + 16L * i);
            assertNull(live.putIfAbsent(blocks[i]));
        }
        assertEquals(count, live.size());
        assertEquals(count, live.snapshot().size());
        final Thread other = new Thread(() ->
        {
            for (int i = 0; i < count; i += 2)
            {
                live.remove(blocks[i]);
            }
        });
        other.start();
        for (int i = 1; i < count; i += 2)
        {
            assertTrue(live.remove(blocks[i]));
        }
        other.join();
        assertEquals(0, live.size());
        assertNull(live.get(0x10000L));
    }
}
