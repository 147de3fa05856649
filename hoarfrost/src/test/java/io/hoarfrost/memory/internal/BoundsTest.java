package io.hoarfrost.memory.internal;

import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertThrows;

public class BoundsTest
{
    @Test
    public void rangeCheckIsOverflowSafe()
    {
        Bounds.checkRange(0, 0, 0);
        Bounds.checkRange(2, 6, 8);
        assertThrows(IndexOutOfBoundsException.class, () -> Bounds.checkRange(3, 6, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> Bounds.checkRange(-1, 1, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> Bounds.checkRange(1, Long.MAX_VALUE, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> Bounds.checkRange(Long.MAX_VALUE, 1, 8));
        final IndexOutOfBoundsException ex =
            assertThrows(IndexOutOfBoundsException.class, () -> Bounds.checkIndex(5, 5));
        assertThat(ex.getMessage(), containsString("index 5"));
        assertThat(ex.getMessage(), containsString("length 5"));
        assertThrows(IndexOutOfBoundsException.class, () -> Bounds.checkIndex(-1, 5));
    }
}
