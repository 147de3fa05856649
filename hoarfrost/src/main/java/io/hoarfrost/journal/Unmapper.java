package io.hoarfrost.journal;

import org.agrona.IoUtil;

import java.nio.MappedByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Unmaps the journal's retired mappings on a background daemon thread, as Chronicle Queue does, so
 * that {@code close()} and a roll do not wait for the kernel to tear down the page tables of a
 * mapping (20 to 260 ms per touched GiB, measured on a loaded 2-core machine). The thread,
 * {@value #THREAD_NAME}, is started on first use and lives as long as the JVM; it only calls
 * {@code munmap} (through Agrona's {@link IoUtil#unmap(MappedByteBuffer)}).
 *
 * <p><b>Safety.</b> A mapping is handed over only once nothing can reach its memory any more (the
 * writer, reader or pretoucher dropped its address first, and {@link Segment}'s state machine kept
 * the pretoucher out), so unmapping it later changes nothing anyone can see; the file is not
 * touched by an unmap (pages written through a shared mapping are already in the page cache). The
 * mappings pending are kept reachable here, so no cleaner races the thread.
 *
 * <p><b>Timing.</b> The thread waits {@link #DELAY_NANOS} after a hand-over before it unmaps, so
 * that the closing (or rolling) thread goes on first rather than competing for a core with the
 * kernel's page-table teardown; measured on a loaded 2-core machine, unmapping at once made a
 * reader's {@code close()} take 6 to 22 ms instead of 0.2.
 *
 * <p><b>Back-pressure.</b> Beyond {@link #MAX_PENDING} mappings waiting, the caller unmaps its own
 * synchronously: a loop of open and close faster than the thread cannot pile up address space.
 */
final class Unmapper
{
    /** The background thread's name. */
    static final String THREAD_NAME = "hoarfrost-journal-unmapper";

    /** Mappings that may wait at once; beyond them the caller unmaps. */
    static final int MAX_PENDING = 64;

    /** How long the thread lets a hand-over rest before unmapping (and what else arrives meanwhile): 2 ms. */
    static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private static final ArrayDeque<MappedByteBuffer> QUEUE = new ArrayDeque<>();
    /** Mappings handed over and not yet unmapped (queued, or being unmapped by the thread); guarded by QUEUE. */
    private static int pending;
    private static Thread thread;

    private Unmapper()
    {
    }

    /**
     * Unmaps {@code buffer} on the background thread, soon; or now, on the calling thread, if
     * {@link #MAX_PENDING} are already waiting. The caller must not touch the mapping again.
     */
    static void unmapLater(final MappedByteBuffer buffer)
    {
        synchronized (QUEUE)
        {
            if (pending < MAX_PENDING && (null != thread || startThread()))
            {
                pending++;
                QUEUE.addLast(buffer);
                QUEUE.notifyAll();
                return;
            }
        }
        IoUtil.unmap(buffer);
    }

    /**
     * Starts the background thread; guarded by QUEUE. If the JVM cannot start a thread (an
     * {@code OutOfMemoryError} for native threads), the caller unmaps synchronously instead and
     * the next hand-over tries again.
     *
     * @return whether the thread runs.
     */
    private static boolean startThread()
    {
        final Thread started = new Thread(Unmapper::run, THREAD_NAME);
        started.setDaemon(true);
        // it loads nothing: holding the first caller's class loader would pin an application's classes
        started.setContextClassLoader(null);
        try
        {
            started.start();
        }
        catch (final OutOfMemoryError ex)
        {
            return false;
        }
        thread = started;
        return true;
    }

    /**
     * Waits until every mapping handed over so far is unmapped: for tests and measurements that
     * count mappings or memory.
     *
     * @return true if none is pending; false if the wait of 10 seconds ran out or was interrupted.
     */
    static boolean awaitIdle()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (QUEUE)
        {
            while (0 != pending)
            {
                final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0)
                {
                    return false;
                }
                try
                {
                    QUEUE.wait(left);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Mappings handed over and not yet unmapped. */
    static int pending()
    {
        synchronized (QUEUE)
        {
            return pending;
        }
    }

    private static void run()
    {
        while (true)
        {
            synchronized (QUEUE)
            {
                while (QUEUE.isEmpty())
                {
                    waitQuietly(0);
                }
            }
            // Let the closing thread go on first: an unmap occupies a core (the kernel tears down the page tables,
            // tens of milliseconds per touched GiB), and woken at once it would compete for the CPU with the thread it serves.
            LockSupport.parkNanos(DELAY_NANOS);
            while (true)
            {
                final MappedByteBuffer next;
                synchronized (QUEUE)
                {
                    next = QUEUE.pollFirst();
                }
                if (null == next)
                {
                    break;
                }
                try
                {
                    IoUtil.unmap(next);
                }
                catch (final RuntimeException | Error ex)
                {
                    // an unmap that cannot happen leaks one mapping until the JVM exits; the thread must keep serving
                }
                finally
                {
                    synchronized (QUEUE)
                    {
                        pending--;
                        QUEUE.notifyAll();
                    }
                }
            }
        }
    }

    /** Waits on the queue's monitor (held), ignoring interrupts: a daemon nobody else holds keeps serving. */
    private static void waitQuietly(final long millis)
    {
        try
        {
            QUEUE.wait(millis);
        }
        catch (final InterruptedException ex)
        {
            // keep serving
        }
    }
}
