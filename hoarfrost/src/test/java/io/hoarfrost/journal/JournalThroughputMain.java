package io.hoarfrost.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.locks.LockSupport;

/**
 * A rough measurement, not a benchmark (the JMH comparison with Chronicle Queue is still to come):
 * appends {@code count} 64-byte messages with a pretouch thread, then times open + first record,
 * open + last record, and close. Arguments: a parent directory (e.g. /dev/shm) and the count.
 */
public final class JournalThroughputMain
{
    private JournalThroughputMain()
    {
    }

    /**
     * Runs the measurement.
     *
     * @param args the parent directory and the message count.
     * @throws Exception if a file operation fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path parent = Paths.get(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        final long count = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        for (int round = 0; round < 3; round++)
        {
            final Path dir = parent.resolve("hoarfrost-journal-measure-" + System.nanoTime());
            final long start;
            final long end;
            try (Journal journal = Journal.create(dir, JournalOptions.defaults()))
            {
                final boolean[] stop = { false };
                final Thread pretoucher = new Thread(() ->
                {
                    while (!stopped(stop))
                    {
                        journal.pretouch();
                        LockSupport.parkNanos(100_000);
                    }
                });
                pretoucher.setDaemon(true);
                pretoucher.start();
                start = System.nanoTime();
                for (long i = 0; i < count; i++)
                {
                    message.putLong(0, i);
                    journal.append(message, 0, 64);
                }
                end = System.nanoTime();
                synchronized (stop)
                {
                    stop[0] = true;
                }
                pretoucher.join();
            }
            final long bytes = du(dir);
            final long openStart = System.nanoTime();
            final JournalReader reader = JournalReader.open(dir);
            reader.next();
            final long first = reader.buffer().getLong(0);
            final long openFirst = System.nanoTime() - openStart;
            final long lastStart = System.nanoTime();
            reader.seek(reader.lastSequence());
            reader.next();
            final long last = reader.buffer().getLong(0);
            final long seekLast = System.nanoTime() - lastStart;
            final long closeStart = System.nanoTime();
            reader.close();
            final long closeNanos = System.nanoTime() - closeStart;
            final long writerOpen = System.nanoTime();
            final Journal reopened = Journal.open(dir);
            final long writerOpenNanos = System.nanoTime() - writerOpen;
            final long writerClose = System.nanoTime();
            reopened.close();
            final long writerCloseNanos = System.nanoTime() - writerClose;
            System.out.printf("round %d: %,d appends of 64 bytes in %.1f ms: %.1f M/s, %.1f ns each; %s bytes on disk " +
                "(%.1f per message); reader open + first %.0f us (%d), seek last %.0f us (%d), reader close %.0f us, " +
                "writer open %.0f us, writer close %.0f us%n", round, count, (end - start) / 1e6,
                count * 1e3 / (end - start), (end - start) / (double)count, bytes, bytes / (double)count, openFirst / 1e3,
                first, seekLast / 1e3, last, closeNanos / 1e3, writerOpenNanos / 1e3, writerCloseNanos / 1e3);
            delete(dir.toFile());
        }
    }

    private static boolean stopped(final boolean[] stop)
    {
        synchronized (stop)
        {
            return stop[0];
        }
    }

    /** Allocated bytes of the directory's files, as {@code du} counts them (files are sparse). */
    private static long du(final Path dir) throws IOException, InterruptedException
    {
        final Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).start();
        final String out = new String(readAll(du), StandardCharsets.US_ASCII).trim();
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static byte[] readAll(final Process process) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] chunk = new byte[4096];
        int n;
        while ((n = process.getInputStream().read(chunk)) > 0)
        {
            bytes.write(chunk, 0, n);
        }
        return bytes.toByteArray();
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
