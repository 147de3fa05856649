package io.hoarfrost.bench.journal;

import com.google.gson.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Latency at a fixed rate: the writer's own append latency, and write-to-read latency across two
 * processes.
 *
 * <p>The writer appends message {@code i} at its intended send time, {@code start + i / rate},
 * spinning until then, and writes that intended time into the message (bytes 0 to 7, a
 * {@code System.nanoTime()}, which on Linux reads {@code CLOCK_MONOTONIC}, one clock for every
 * process). When the writer falls behind it sends at once, still stamping the intended time, so a
 * stall counts against every message it delays (coordinated omission counted). Its background
 * pretoucher runs every millisecond. The first {@code warmup} messages are not recorded; a last
 * message stamped -1 ends the run.
 *
 * <p>The reader, in another process, spins on {@code next()} and records, per message, the time
 * it read it minus the intended send time.
 *
 * <p>The two processes meet through marker files beside the store's directory: the writer creates
 * the store, then {@code <dir>.writer-ready}; the reader opens the store, then
 * {@code <dir>.reader-ready}, which the writer waits for before its first message.
 */
final class LatencyProbe
{
    /** How long either side waits for the other's marker: a minute. */
    static final long MEET_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private LatencyProbe()
    {
    }

    /**
     * Appends at a fixed rate.
     *
     * @param store    the store.
     * @param size     bytes per message, at least 16.
     * @param rate     messages per second.
     * @param warmup   messages sent before the recorded ones.
     * @param messages messages recorded.
     * @param dir      the store's directory, which must not exist.
     * @param alone    true for the writer's own latency, with no reader (records append times);
     *                 false to wait for a reader process (records nothing).
     * @return {@code gcs} in the recorded part, {@code behind} (the most ns a send was late), and
     * if alone, {@code service} (ns in {@code append}) and {@code fromIntended} (ns from the
     * intended send time to {@code append}'s return) as {@link Percentiles#toJson(Histogram)}.
     */
    static JsonObject write(final Store store, final int size, final long rate, final long warmup, final long messages,
        final Path dir, final boolean alone)
    {
        final StoreWriter writer = store.createWriter(dir, size);
        final BackgroundPretoucher pretoucher = BackgroundPretoucher.start(writer);
        final Histogram service = Percentiles.histogram();
        final Histogram fromIntended = Percentiles.histogram();
        if (!alone)
        {
            touch(marker(dir, "writer-ready"));
            await(marker(dir, "reader-ready"));
        }
        final long total = warmup + messages;
        long gcBefore = GcCount.now();
        long behind = 0;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        for (long i = 0; i < total; i++)
        {
            if (i == warmup)
            {
                gcBefore = GcCount.now();
                behind = 0;
            }
            final long intended = start + i * 1_000_000_000L / rate;
            long now = System.nanoTime();
            while (now < intended)
            {
                now = System.nanoTime();
            }
            writer.append(intended, i);
            if (alone && i >= warmup)
            {
                final long done = System.nanoTime();
                service.recordValue(Math.min(Percentiles.HIGHEST, done - now));
                fromIntended.recordValue(Math.min(Percentiles.HIGHEST, done - intended));
            }
            behind = Math.max(behind, now - intended);
        }
        final long gcs = GcCount.now() - gcBefore;
        writer.append(-1L, total);
        pretoucher.stop();
        writer.close();
        final JsonObject result = new JsonObject();
        result.addProperty("gcs", gcs);
        result.addProperty("behind", behind);
        if (alone)
        {
            result.add("service", Percentiles.toJson(service));
            result.add("fromIntended", Percentiles.toJson(fromIntended));
        }
        return result;
    }

    /**
     * Reads what a writer process appends, until its last message, recording each latency from
     * the intended send time.
     *
     * @param store  the store.
     * @param size   the length every message must have.
     * @param warmup the writer's warm-up messages, not recorded.
     * @param dir    the store's directory, created by the writer.
     * @return {@code gcs} in the recorded part, {@code messages} read, and {@code latency} as
     * {@link Percentiles#toJson(Histogram)}.
     * @throws IllegalStateException if a message has another length or comes out of order.
     */
    static JsonObject read(final Store store, final int size, final long warmup, final Path dir)
    {
        await(marker(dir, "writer-ready"));
        final StoreReader reader = store.openReader(dir);
        final Histogram latency = Percentiles.histogram();
        touch(marker(dir, "reader-ready"));
        long gcBefore = GcCount.now();
        long expected = 0;
        while (true)
        {
            if (!reader.next())
            {
                continue;
            }
            final long now = System.nanoTime();
            final long sent = reader.first();
            final long number = reader.second();
            if (number != expected || reader.length() != size)
            {
                throw new IllegalStateException("read message " + number + " of " + reader.length() + " bytes, expected " +
                    expected + " of " + size);
            }
            expected++;
            if (-1L == sent)
            {
                break;
            }
            if (number >= warmup)
            {
                latency.recordValue(Math.max(0, Math.min(Percentiles.HIGHEST, now - sent)));
            }
            else if (number == warmup - 1)
            {
                gcBefore = GcCount.now();
            }
        }
        final long gcs = GcCount.now() - gcBefore;
        reader.close();
        final JsonObject result = new JsonObject();
        result.addProperty("gcs", gcs);
        result.addProperty("messages", expected - 1);
        result.add("latency", Percentiles.toJson(latency));
        return result;
    }

    /**
     * A marker file beside a store's directory.
     *
     * @param dir  the store's directory.
     * @param name {@code writer-ready} or {@code reader-ready}.
     * @return {@code <dir>.<name>}.
     */
    static Path marker(final Path dir, final String name)
    {
        return dir.resolveSibling(dir.getFileName() + "." + name);
    }

    private static void touch(final Path marker)
    {
        try
        {
            Files.createFile(marker);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + marker + ": " + ex, ex);
        }
    }

    private static void await(final Path marker)
    {
        final long deadline = System.nanoTime() + MEET_TIMEOUT_NANOS;
        while (!Files.exists(marker))
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("no " + marker + " after a minute: the other process did not start");
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + marker, ex);
            }
        }
    }
}
