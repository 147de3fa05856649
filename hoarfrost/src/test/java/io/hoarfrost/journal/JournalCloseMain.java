package io.hoarfrost.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A rough measurement, not a benchmark: fills a journal of {@code gigabytes} GB (256-byte records,
 * with a pretouch thread) and times, in microseconds, the writer's {@code close()} with its
 * mappings touched, {@code fills} times; then, on the last journal, {@code rounds} rounds of:
 * writer open + {@code lastSequence()}, writer close, reader open + first record, reader open +
 * last record (a seek), reader close after a replay of the last segment. Prints the median and
 * maximum of each. Arguments: a parent directory (e.g. /dev/shm), the size in GB (2.6), the
 * segment size in MiB (1024), fills (3), rounds (20).
 */
public final class JournalCloseMain
{
    private JournalCloseMain()
    {
    }

    /**
     * Runs the measurement.
     *
     * @param args the parent directory, the journal's size in GB and the segment size in MiB.
     * @throws Exception if a file operation fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path parent = Paths.get(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        final double gigabytes = args.length > 1 ? Double.parseDouble(args[1]) : 2.6;
        final int segmentMiB = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        final int fills = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        final int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        final long count = (long)(gigabytes * 1e9 / 260);
        final double[] fillClose = new double[fills];
        final double[][] times = new double[6][rounds];
        for (int fill = 0; fill < fills; fill++)
        {
            final Path dir = parent.resolve("hoarfrost-close-measure-" + System.nanoTime());
            try
            {
                fillClose[fill] = fillAndClose(dir, count, segmentMiB);
                System.out.printf("fill %d: %,d records of 256 bytes, %d MiB segments: writer close %.1f us%n",
                    fill, count, segmentMiB, fillClose[fill]);
                if (fill == fills - 1)
                {
                    for (int round = 0; round < rounds; round++)
                    {
                        measureRound(dir, count, segmentMiB, times, round);
                    }
                }
            }
            finally
            {
                Unmapper.awaitIdle();
                delete(dir.toFile());
            }
        }
        final String[] names = { "writer open + lastSequence", "writer close", "reader open + first record",
            "reader open + last record", "reader close after a segment's replay", "" };
        System.out.printf("writer close after filling: median %.1f us, max %.1f us (%d fills)%n",
            median(fillClose), max(fillClose), fills);
        for (int i = 0; i < 5; i++)
        {
            System.out.printf("%s: median %.1f us, max %.1f us (%d rounds)%n", names[i], median(times[i]), max(times[i]),
                rounds);
        }
    }

    private static double fillAndClose(final Path dir, final long count, final int segmentMiB) throws Exception
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
        final Journal journal = Journal.create(dir, JournalOptions.defaults().withSegmentSize(segmentMiB << 20));
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread pretoucher = new Thread(() ->
        {
            while (!stop.get())
            {
                journal.pretouch();
                LockSupport.parkNanos(100_000);
            }
        });
        pretoucher.start();
        for (long i = 0; i < count; i++)
        {
            message.putLong(0, i);
            journal.append(message, 0, message.capacity());
        }
        stop.set(true);
        pretoucher.join();
        Unmapper.awaitIdle();
        final long start = System.nanoTime();
        journal.close();
        return micros(start);
    }

    private static void measureRound(
        final Path dir, final long count, final int segmentMiB, final double[][] times, final int round)
    {
        long start = System.nanoTime();
        final Journal reopened = Journal.open(dir);
        final long last = reopened.lastSequence();
        times[0][round] = micros(start);
        start = System.nanoTime();
        reopened.close();
        times[1][round] = micros(start);

        start = System.nanoTime();
        final JournalReader first = JournalReader.open(dir);
        first.next();
        final long firstValue = first.buffer().getLong(0);
        times[2][round] = micros(start);
        first.close();

        start = System.nanoTime();
        final JournalReader reader = JournalReader.open(dir);
        reader.seek(reader.lastSequence());
        reader.next();
        final long lastValue = reader.buffer().getLong(0);
        times[3][round] = micros(start);
        reader.seek(Math.max(0, last - (long)(segmentMiB << 20) / 260));
        long replayed = 0;
        while (reader.next())
        {
            replayed++;
        }
        Unmapper.awaitIdle();
        start = System.nanoTime();
        reader.close();
        times[4][round] = micros(start);
        Unmapper.awaitIdle();
        if (firstValue != 0 || lastValue != count - 1 || last != count - 1 || 0 == replayed)
        {
            throw new IllegalStateException("read " + firstValue + " and " + lastValue + ", last " + last);
        }
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(final double[] values)
    {
        double max = 0;
        for (final double value : values)
        {
            max = Math.max(max, value);
        }
        return max;
    }

    private static double micros(final long start)
    {
        return (System.nanoTime() - start) / 1e3;
    }

    private static void delete(final File file) throws IOException
    {
        final File[] children = file.listFiles();
        if (null != children)
        {
            for (final File child : children)
            {
                delete(child);
            }
        }
        Files.deleteIfExists(file.toPath());
    }
}
