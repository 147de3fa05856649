package io.hoarfrost.rc;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * 10 threads each do 1,000,000 retain/release pairs on one atomic block while another thread keeps
 * writing the metadata byte right after the counter (inside the CAS word for 8- and 16-bit
 * counters). The count must come out exact, the block must be freed exactly once, and the
 * neighbouring byte must hold the last value written to it.
 */
@RunWith(Parameterized.class)
public class RimeConcurrencyTest
{
    private static final int THREADS = 10;
    private static final int PAIRS = 1_000_000;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Parameterized.Parameter
    public Counter counter;

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> counters()
    {
        return Arrays.asList(new Object[][]{
            { Counter.ATOMIC_U8 }, { Counter.ATOMIC_U16 }, { Counter.ATOMIC_U32 }, { Counter.ATOMIC_U64 } });
    }

    @Test
    public void retainReleaseFromTenThreadsIsExactAndFreesOnce() throws Exception
    {
        final RimeLayout layout = RimeLayout.of(counter, 4);
        final long block = layout.allocate(8);
        final long neighbour = layout.metadataAddress(block);
        Memory.putByte(neighbour, (byte)0);
        final long freesBefore = MemoryChecks.frees();

        final CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final byte[] lastWritten = new byte[1];

        final Thread writer = new Thread(() ->
        {
            byte value = 0;
            while (!stop.get())
            {
                value = (byte)(value + 1);
                Memory.putByteVolatile(neighbour, value);
            }
            lastWritten[0] = value;
        }, "neighbour-writer");

        final Thread[] workers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++)
        {
            workers[t] = new Thread(() ->
            {
                try
                {
                    start.await();
                    for (int i = 0; i < PAIRS; i++)
                    {
                        layout.retain(block);
                        if (layout.release(block, 8))
                        {
                            throw new AssertionError("a pair freed the block");
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "retainer-" + t);
            workers[t].start();
        }
        writer.start();
        start.await();
        for (final Thread worker : workers)
        {
            worker.join();
        }
        stop.set(true);
        writer.join();

        assertNull("worker failure: " + failure.get(), failure.get());
        assertEquals("exact count", 1, layout.refCount(block));
        assertEquals("neighbour keeps its last write", lastWritten[0], Memory.getByte(neighbour));
        assertEquals("no frees yet", freesBefore, MemoryChecks.frees());
        assertTrue(layout.release(block, 8));
        if (MemoryChecks.ENABLED)
        {
            assertEquals("freed exactly once", freesBefore + 1, MemoryChecks.frees());
        }
    }
}
