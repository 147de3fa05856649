package io.hoarfrost.pool;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

/** PoolBox.copy(): a block of the same pool with the same bytes, independent of the source. */
public class PoolBoxCopyTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void aCopyIsAnEqualIndependentBlockOfTheSamePool()
    {
        try (ConcurrentPool pool = ConcurrentPool.create(32))
        {
            final PoolBox source = PoolBox.allocateZeroed(pool);
            source.buffer().putLong(8, 42L);
            final PoolBox copy = source.copy();
            assertSame(pool, copy.pool());
            assertFalse(source.refEquals(copy));
            assertEquals(32, copy.length());
            assertEquals(42L, copy.buffer().getLong(8));
            assertEquals(0L, copy.buffer().getLong(24));
            copy.buffer().putLong(8, 7L);
            assertEquals(42L, source.buffer().getLong(8));
            assertEquals(2, pool.outstanding());
            source.close();
            assertEquals(7L, copy.buffer().getLong(8));
            copy.close();
            assertEquals(0, pool.outstanding());
        }
    }

    @Test
    public void aClosedPoolRefusesAndTheSourceStaysValid()
    {
        final Pool pool = Pool.create(16, 4);
        try (PoolBox source = PoolBox.allocateZeroed(pool))
        {
            pool.close();
            final IllegalStateException refused = assertThrows(IllegalStateException.class, source::copy);
            assertThat(refused.getMessage(), containsString("closed"));
            assertEquals(1, pool.outstanding());
            assertEquals(0L, source.buffer().getLong(0));
        }
    }

    @Test
    public void anEmptyBoxHasNothingToCopy()
    {
        final IllegalStateException empty = assertThrows(IllegalStateException.class, () -> new PoolBox().copy());
        assertThat(empty.getMessage(), containsString("PoolBox is empty"));
    }
}
