package io.hoarfrost.examples;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What both handlers share: the Aeron fragment callback, the count of messages handled (read by
 * other threads), and the latency of each measured message from its intended send time to its book
 * updated and published, recorded into an HdrHistogram (no allocation). Subclasses decode and apply
 * a message in {@link #handle}. Confined to the handler thread, except {@link #handled()}.
 */
abstract class FeedHandler implements FragmentHandler, AutoCloseable
{
    /** Latencies above this many ns are recorded as this. */
    static final long HIGHEST_LATENCY = 60_000_000_000L;

    private final Histogram latency = new Histogram(HIGHEST_LATENCY, 3);
    private final AtomicLong handled = new AtomicLong();
    private long count;
    private long measureFrom = Long.MAX_VALUE;
    private long measureTo = Long.MAX_VALUE;
    private long burstFrom = Long.MAX_VALUE;
    private long burstStart;
    private long lastHandled;

    /**
     * Which messages (by their index in the stream) are measured, and where the unpaced burst starts.
     *
     * @param from  the first measured message.
     * @param to    one past the last measured message.
     * @param burst the first message of the burst.
     */
    final void measure(final long from, final long to, final long burst)
    {
        measureFrom = from;
        measureTo = to;
        burstFrom = burst;
    }

    @Override
    public final void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long sendTime = handle(buffer, offset, length);
        final long now = System.nanoTime();
        final long index = count++;
        if (index >= measureFrom && index < measureTo)
        {
            latency.recordValue(Math.min(HIGHEST_LATENCY, Math.max(0, now - sendTime)));
        }
        if (index == burstFrom)
        {
            burstStart = now;
        }
        lastHandled = now;
        handled.lazySet(index + 1);
    }

    /**
     * Decodes and applies one message: journal, book, snapshot.
     *
     * @param buffer Aeron's buffer, borrowed for the call.
     * @param offset where the message (its SBE header) starts.
     * @param length its length.
     * @return the message's intended send time.
     */
    abstract long handle(DirectBuffer buffer, int offset, int length);

    /**
     * A digest of every book and every live order, equal for equal states.
     *
     * @return the digest.
     */
    abstract long digest();

    /**
     * A reader of this handler's snapshots, to run on its own thread.
     *
     * @return the reader.
     */
    abstract BookReader newReader();

    /**
     * The journal's background duty: call every millisecond or so from another thread.
     */
    abstract void pretouch();

    /** Frees what the handler holds and closes its journal; the readers must have ended. */
    @Override
    public abstract void close();

    /** Messages handled so far; any thread. */
    final long handled()
    {
        return handled.get();
    }

    /** The latencies of the measured messages; read after the handler stopped. */
    final Histogram latency()
    {
        return latency;
    }

    /** ns from the burst's first message handled to the last message handled. */
    final long burstNanos()
    {
        return lastHandled - burstStart;
    }
}
