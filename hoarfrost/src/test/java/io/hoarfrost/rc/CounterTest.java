package io.hoarfrost.rc;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

@RunWith(Parameterized.class)
public class CounterTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Parameterized.Parameter
    public Counter counter;

    private long address;

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> counters()
    {
        final List<Object[]> all = new ArrayList<>();
        for (final Counter counter : Counter.values())
        {
            all.add(new Object[]{ counter });
        }
        return all;
    }

    @Before
    public void allocate()
    {
        address = Memory.allocate(16);
        Memory.fill(address, 16, (byte)0x77);
    }

    @After
    public void free()
    {
        Memory.free(address);
    }

    @Test
    public void maximaAreTheUnsignedLimits()
    {
        final long expected;
        switch (counter.width())
        {
            case 1:
                expected = 255;
                break;
            case 2:
                expected = 65535;
                break;
            case 4:
                expected = (1L << 32) - 1;
                break;
            default:
                expected = Long.MAX_VALUE;
                break;
        }
        assertEquals(expected, counter.max());
    }

    @Test
    public void retainAndReleaseCount()
    {
        counter.init(address, 1);
        assertEquals(2, counter.retain(address));
        assertEquals(3, counter.retain(address));
        assertEquals(3, counter.get(address));
        assertEquals(2, counter.release(address));
        assertEquals(1, counter.release(address));
        assertEquals(0, counter.release(address));
        assertEquals("neighbour untouched", 0x77, Memory.getByte(address + 8));
    }

    @Test
    public void retainPastTheMaximumThrowsAndLeavesTheCount()
    {
        counter.init(address, counter.max() - 1);
        assertEquals(counter.max(), counter.retain(address));
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> counter.retain(address));
        assertThat(ex.getMessage(), containsString(counter.toString()));
        assertThat(ex.getMessage(), containsString("maximum count " + counter.max()));
        assertEquals(counter.max(), counter.get(address));
        assertEquals(counter.max() - 1, counter.release(address));
    }

    @Test
    public void releaseAtZeroThrowsAndLeavesTheCount()
    {
        counter.init(address, 0);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> counter.release(address));
        assertThat(ex.getMessage(), containsString("count 0"));
        assertEquals(0, counter.get(address));
        assertEquals(1, counter.retain(address));
    }

    @Test
    public void initRejectsCountsOutOfRange()
    {
        assertThrows(IllegalArgumentException.class, () -> counter.init(address, -1));
        if (counter.max() < Long.MAX_VALUE)
        {
            assertThrows(IllegalArgumentException.class, () -> counter.init(address, counter.max() + 1));
        }
    }

    @Test
    public void theCounterOccupiesExactlyItsWidth()
    {
        counter.init(address, counter.max());
        for (int i = counter.width(); i < 16; i++)
        {
            assertEquals("byte " + i, 0x77, Memory.getByte(address + i));
        }
    }
}
