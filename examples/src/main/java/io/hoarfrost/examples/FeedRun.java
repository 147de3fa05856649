package io.hoarfrost.examples;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.hoarfrost.journal.Journal;
import io.hoarfrost.journal.JournalOptions;
import org.agrona.IoUtil;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * One run of the whole path in this JVM: an embedded Aeron media driver (its directory unique to
 * the run, deleted afterwards), a publisher thread sending {@link FeedGenerator}'s messages on an
 * IPC publication at a fixed rate (each carrying its intended send time, so latency counts
 * coordinated omission) and then as fast as it can, a handler thread polling the subscription into
 * a {@link FeedHandler} that journals into a fresh journal (deleted afterwards), reader threads,
 * and a journal pretoucher. Measures the window of the measured messages: GC window (JVM uptime),
 * heap allocated by every thread, resident memory.
 */
final class FeedRun
{
    private static final int STREAM_ID = 1019;
    private static final String CHANNEL = "aeron:ipc?term-length=16m";

    private FeedRun()
    {
    }

    /**
     * Runs the feed through a handler made by {@code factory} (on the handler thread) and returns
     * what was measured, as properties (see {@link RunResult}).
     *
     * @param name    the handler's name, for the result.
     * @param options what to feed.
     * @param factory makes the handler from the instrument count and its journal.
     * @return the results.
     * @throws Exception if the run fails; a reader's or the handler's failure is rethrown.
     */
    static Properties run(final String name, final FeedOptions options,
        final BiFunction<Integer, Journal, FeedHandler> factory) throws Exception
    {
        final Path scratch = Files.createTempDirectory(shm(), "hoarfrost-md-");
        final Path journalDir = scratch.resolve("journal");
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(scratch.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        final Properties result = new Properties();
        try (MediaDriver driver = MediaDriver.launchEmbedded(driverContext);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            ExclusivePublication publication = aeron.addExclusivePublication(CHANNEL, STREAM_ID);
            Subscription subscription = aeron.addSubscription(CHANNEL, STREAM_ID))
        {
            while (!publication.isConnected() || !subscription.isConnected())
            {
                Thread.sleep(1);
            }
            runConnected(name, options, factory, journalDir, publication, subscription, result);
        }
        finally
        {
            IoUtil.delete(scratch.toFile(), true);
        }
        return result;
    }

    private static Path shm()
    {
        final Path shm = Paths.get("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
    }

    private static void runConnected(final String name, final FeedOptions options,
        final BiFunction<Integer, Journal, FeedHandler> factory, final Path journalDir,
        final ExclusivePublication publication, final Subscription subscription, final Properties result) throws Exception
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicReference<FeedHandler> handlerRef = new AtomicReference<>();
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch readersDone = new CountDownLatch(1);
        final long[] digest = new long[1];
        final long total = options.total();

        final Thread handlerThread = new Thread(() ->
        {
            try (Journal journal = Journal.create(journalDir, JournalOptions.defaults().withSegmentSize(64 << 20)))
            {
                journal.retain(2, null);
                try (FeedHandler handler = factory.apply(options.instruments, journal))
                {
                    handler.measure(options.warmup, options.warmup + options.measured, options.warmup + options.measured);
                    handlerRef.set(handler);
                    ready.countDown();
                    while (handler.handled() < total && null == failure.get())
                    {
                        if (subscription.poll(handler, 64) == 0)
                        {
                            Thread.yield();
                        }
                    }
                    readersDone.await();
                    digest[0] = handler.digest();
                }
            }
            catch (final Throwable t)
            {
                failure.compareAndSet(null, t);
                ready.countDown();
            }
        }, name + "-handler");
        handlerThread.start();
        ready.await();
        rethrow(failure);
        final FeedHandler handler = handlerRef.get();

        final List<BookReader> readers = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.readers; i++)
        {
            final BookReader reader = handler.newReader();
            readers.add(reader);
            threads.add(new Thread(reader, name + "-reader-" + i));
        }
        final Thread pretoucher = new Thread(() ->
        {
            while (handler.handled() < total && null == failure.get())
            {
                handler.pretouch();
                LockSupport.parkNanos(1_000_000);
            }
        }, name + "-pretoucher");
        threads.add(pretoucher);
        final Thread publisher = new Thread(() -> publish(options, publication, failure), name + "-publisher");
        threads.add(publisher);
        for (final Thread thread : threads)
        {
            thread.start();
        }

        final Measurement window = new Measurement(handlerThread.getId());
        awaitHandled(handler, options.warmup, failure);
        window.start();
        awaitHandled(handler, options.warmup + options.measured, failure);
        window.end(options.measured);
        awaitHandled(handler, total, failure);
        for (final BookReader reader : readers)
        {
            reader.finish();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        readersDone.countDown();
        handlerThread.join();
        rethrow(failure);

        final StringBuilder checksums = new StringBuilder();
        long snapshots = 0;
        for (final BookReader reader : readers)
        {
            if (null != reader.failure())
            {
                throw new IllegalStateException("a reader failed", reader.failure());
            }
            checksums.append(checksums.length() == 0 ? "" : ",").append(Long.toHexString(reader.checksum()));
            snapshots += reader.snapshots();
        }
        RunResult.put(result, name, options, handler, window, digest[0], checksums.toString(), snapshots);
    }

    private static void publish(final FeedOptions options, final ExclusivePublication publication,
        final AtomicReference<Throwable> failure)
    {
        try
        {
            final FeedGenerator generator = new FeedGenerator(options.instruments, options.seed);
            final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedGenerator.MAX_MESSAGE_LENGTH));
            final long paced = options.warmup + options.measured;
            final long interval = 1_000_000_000L / options.rate;
            final long start = System.nanoTime() + 1_000_000;
            for (long i = 0; i < options.total(); i++)
            {
                final long intended;
                if (i < paced)
                {
                    intended = start + i * interval;
                    long now;
                    while ((now = System.nanoTime()) < intended)
                    {
                        if (intended - now > 200_000)
                        {
                            LockSupport.parkNanos(intended - now - 100_000);
                        }
                        else
                        {
                            Thread.yield();
                        }
                    }
                }
                else
                {
                    intended = System.nanoTime();
                }
                final int length = generator.next(scratch, 0, intended);
                while (publication.offer(scratch, 0, length) < 0)
                {
                    if (null != failure.get())
                    {
                        return;
                    }
                    Thread.yield();
                }
            }
        }
        catch (final Throwable t)
        {
            failure.compareAndSet(null, t);
        }
    }

    private static void awaitHandled(final FeedHandler handler, final long count, final AtomicReference<Throwable> failure)
        throws Exception
    {
        while (handler.handled() < count)
        {
            rethrow(failure);
            LockSupport.parkNanos(200_000);
        }
    }

    private static void rethrow(final AtomicReference<Throwable> failure) throws Exception
    {
        final Throwable t = failure.get();
        if (t instanceof Exception)
        {
            throw (Exception)t;
        }
        if (t instanceof Error)
        {
            throw (Error)t;
        }
    }

    /** VmRSS and VmHWM of this process, KiB, from /proc/self/status; -1 where unknown. */
    static long[] residentKiB()
    {
        final long[] kib = {-1, -1};
        final File status = new File("/proc/self/status");
        if (!status.canRead())
        {
            return kib;
        }
        try
        {
            for (final String line : Files.readAllLines(status.toPath(), StandardCharsets.ISO_8859_1))
            {
                if (line.startsWith("VmRSS:"))
                {
                    kib[0] = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
                else if (line.startsWith("VmHWM:"))
                {
                    kib[1] = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        catch (final IOException | NumberFormatException ignored)
        {
            // unknown stays -1
        }
        return kib;
    }

    /** JVM uptime now, ms. */
    static long uptimeMillis()
    {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
