package io.hoarfrost.examples;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The measured window of a run, taken by the thread that watches it (not counted itself): JVM
 * uptime at both ends (to pick the GC log's pauses inside it), wall time, heap bytes allocated by
 * every other live thread and by the handler thread alone ({@code com.sun.management.ThreadMXBean},
 * -1 where the JVM does not count), and resident memory at the end.
 */
final class Measurement
{
    private final long handlerThread;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long[] ids;
    private long[] startBytes;
    long startUptime;
    long endUptime;
    long startNanos;
    long endNanos;
    long messages;
    long allocatedBytes = -1;
    long handlerAllocatedBytes = -1;
    long rssKiB;
    long hwmKiB;

    Measurement(final long handlerThread)
    {
        this.handlerThread = handlerThread;
    }

    void start()
    {
        startUptime = FeedRun.uptimeMillis();
        startNanos = System.nanoTime();
        ids = threads.getAllThreadIds();
        startBytes = allocated(ids);
    }

    void end(final long measuredMessages)
    {
        endNanos = System.nanoTime();
        endUptime = FeedRun.uptimeMillis();
        messages = measuredMessages;
        final long[] endBytes = allocated(ids);
        if (null != startBytes && null != endBytes)
        {
            final long self = Thread.currentThread().getId();
            long sum = 0;
            for (int i = 0; i < ids.length; i++)
            {
                if (ids[i] != self && startBytes[i] >= 0 && endBytes[i] >= 0)
                {
                    sum += endBytes[i] - startBytes[i];
                    if (ids[i] == handlerThread)
                    {
                        handlerAllocatedBytes = endBytes[i] - startBytes[i];
                    }
                }
            }
            allocatedBytes = sum;
        }
        final long[] kib = FeedRun.residentKiB();
        rssKiB = kib[0];
        hwmKiB = kib[1];
    }

    private long[] allocated(final long[] of)
    {
        if (threads instanceof com.sun.management.ThreadMXBean)
        {
            final com.sun.management.ThreadMXBean counting = (com.sun.management.ThreadMXBean)threads;
            if (counting.isThreadAllocatedMemorySupported() && counting.isThreadAllocatedMemoryEnabled())
            {
                return counting.getThreadAllocatedBytes(of);
            }
        }
        return null;
    }
}
