package io.hoarfrost.array;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.rc.Counter;
import org.junit.Rule;
import org.junit.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assume.assumeTrue;

public class RcArrayThreadsTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final ByteAccounting bytes = new ByteAccounting();

    @Test
    public void atomicCountsSurviveConcurrentRetainsAndReleases() throws InterruptedException
    {
        final ArrayLayout layout = ArrayLayout.thin(ElementType.LONG).counted(Counter.ATOMIC_U16).withAllocator(bytes);
        final RcArray array = RcArray.ofLongs(layout, 8, i -> i);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++)
        {
            final RcArray mine = array.retain();
            threads[t] = new Thread(() ->
            {
                try
                {
                    for (int i = 0; i < 20_000; i++)
                    {
                        mine.retain().close();
                    }
                    mine.close();
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            threads[t].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertNull(failure.get());
        assertEquals(1, array.refCount());
        array.close();
    }

    @Test
    public void checkedModeConfinesPlainCountedArraysToTheirThread() throws InterruptedException
    {
        assumeTrue(MemoryChecks.ENABLED);
        final ArrayLayout layout = ArrayLayout.fat(ElementType.INT).counted(Counter.U32).withAllocator(bytes);
        try (RcArray array = RcArray.allocate(layout, 2))
        {
            final RcArray handle = array.retain();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread other = new Thread(() ->
            {
                try
                {
                    handle.retain();
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "intruder");
            other.start();
            other.join();
            assertThat(failure.get(), instanceOf(IllegalStateException.class));
            assertThat(failure.get().getMessage(), containsString("intruder"));
            assertEquals(2, array.refCount());
            handle.close();
        }
    }
}
