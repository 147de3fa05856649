package io.hoarfrost.memory;

import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class AlignmentTest
{
    @Test
    public void validAlignmentsArePowersOfTwoUpTo4096()
    {
        for (int alignment = 1; alignment <= 4096; alignment <<= 1)
        {
            assertTrue(Alignment.isValid(alignment));
        }
        assertFalse(Alignment.isValid(0));
        assertFalse(Alignment.isValid(6));
        assertFalse(Alignment.isValid(8192));
        assertFalse(Alignment.isValid(-4));
    }

    @Test
    public void alignUpRoundsAndRefusesOverflow()
    {
        assertEquals(0, Alignment.alignUp(0, 8));
        assertEquals(8, Alignment.alignUp(1, 8));
        assertEquals(4096, Alignment.alignUp(4095, 4096));
        assertEquals(13, Alignment.alignUp(13, 1));
        assertThat(assertThrows(IllegalArgumentException.class, () -> Alignment.alignUp(Long.MAX_VALUE - 2, 8))
            .getMessage(), containsString(String.valueOf(Long.MAX_VALUE - 2)));
    }
}
