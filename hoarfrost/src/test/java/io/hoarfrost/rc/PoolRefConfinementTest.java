package io.hoarfrost.rc;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.pool.Pool;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * Checked mode: the last release of a {@link PoolRef} over a confined {@link Pool}, from a thread
 * other than the pool's owner, is refused and loses nothing: the count stays 1, the handle keeps
 * its reference, and the owner can still release the block into the pool.
 */
public class PoolRefConfinementTest
{
    private static final int BLOCK_SIZE = 64;
    private static final int MAX_POOLED = 4;
    private static final int DATA_LENGTH = 16;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    /** Confinement is checked only in checked mode. */
    @Before
    public void checkedModeOnly()
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
    }

    @Test
    public void lastReleaseFromAnotherThreadIsRefusedAndLosesNothing() throws InterruptedException
    {
        try (Pool pool = Pool.create(BLOCK_SIZE, MAX_POOLED))
        {
            final RimeLayout layout = RimeLayout.of(pool, Counter.ATOMIC_U32, 0, 8);
            final PoolRef ref = PoolRef.allocate(layout, DATA_LENGTH);
            final long block = ref.block();
            ref.data().putLong(0, 42L);

            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final Thread other = new Thread(() ->
            {
                try
                {
                    ref.release();
                }
                catch (final Throwable ex)
                {
                    thrown.set(ex);
                }
            });
            other.start();
            other.join();

            assertNotNull("a release into a confined pool from another thread must throw", thrown.get());
            assertEquals(IllegalStateException.class, thrown.get().getClass());
            assertFalse("the handle keeps its reference", ref.isReleased());
            assertEquals(block, ref.block());
            assertEquals(1L, ref.refCount());
            assertEquals(42L, ref.data().getLong(0));

            assertTrue("the owner's release frees the block into the pool", ref.release());
            assertTrue(ref.isReleased());
            assertEquals(1, pool.pooled());
        }
    }
}
