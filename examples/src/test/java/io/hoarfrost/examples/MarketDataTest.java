package io.hoarfrost.examples;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.Properties;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The CI run of the whole path (surefire runs it in checked mode): a few seconds of messages
 * through both handlers, each with its own media driver and journal; both must end with the same
 * books and the same reader checksums, and nothing may leak. No timing is asserted.
 */
public class MarketDataTest
{
    private static final FeedOptions SHORT = new FeedOptions(256, 19, 20_000, 5_000, 30_000, 15_000, 2);

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void bothHandlersComputeTheSameBooksAndChecksums() throws Exception
    {
        assertTrue("surefire runs this test in checked mode", MemoryChecks.ENABLED);
        final Properties hoarfrost = MarketDataMain.run("hoarfrost", SHORT);
        final Properties heap = MarketDataMain.run("heap", SHORT);
        assertEquals(hoarfrost.getProperty("digest"), heap.getProperty("digest"));
        assertEquals(hoarfrost.getProperty("reader.checksums"), heap.getProperty("reader.checksums"));
        assertTrue(MarketDataReport.same(hoarfrost, heap));
        assertEquals(Long.toString(SHORT.measured), hoarfrost.getProperty("latency.count"));
    }

    @Test
    public void theSameSeedGivesTheSameStream()
    {
        final org.agrona.concurrent.UnsafeBuffer a = new org.agrona.concurrent.UnsafeBuffer(new byte[64]);
        final org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(new byte[64]);
        final FeedGenerator first = new FeedGenerator(100, 7);
        final FeedGenerator second = new FeedGenerator(100, 7);
        for (int i = 0; i < 100_000; i++)
        {
            final int length = first.next(a, 0, i);
            assertEquals(length, second.next(b, 0, i));
            assertEquals(0, a.compareTo(b));
        }
    }
}
