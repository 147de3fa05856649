package io.hoarfrost.examples;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The measured window of a run, taken by the thread that watches it (not counted itself): JVM
 * uptime at both ends (to pick the GC log's pauses inside it), wall time, heap bytes allocated by
 * every other live thread and by the handler thread alone ({@code com.sun.management.ThreadMXBean},
 * -1 where the JVM does not count), the machine's load average at both ends, and resident memory
 * at the end.
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
    String startLoad = "";
    String endLoad = "";

    Measurement(final long handlerThread)
    {
        this.handlerThread = handlerThread;
    }

    void start()
    {
        startLoad = loadAverage();
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
        endLoad = loadAverage();
        final long[] kib = FeedRun.residentKiB();
        rssKiB = kib[0];
        hwmKiB = kib[1];
    }

    /** The machine's 1-minute load average from /proc/loadavg (other processes count), or "". */
    private static String loadAverage()
    {
        try
        {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/loadavg")),
                java.nio.charset.StandardCharsets.ISO_8859_1).split(" ")[0];
        }
        catch (final java.io.IOException | RuntimeException e)
        {
            return "";
        }
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
