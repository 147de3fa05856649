package io.hoarfrost.bench.journal;

import com.google.gson.JsonObject;

import java.nio.file.Path;

/**
 * Append throughput and replay throughput, each in a process of its own.
 *
 * <p><b>Append.</b> A warm-up store of its own first (same loop, same mode, then closed and
 * deleted), then the measured store, a fresh directory: {@code messages} appends of
 * {@code size} bytes, timed with {@code System.nanoTime()}, the GC count read before and after,
 * then {@code close()} timed. Two modes:
 * <ul>
 *   <li>{@code touched}: pages already touched. The appends go in batches of
 *       {@value #BATCH_BYTES} bytes of messages; before each, untimed, the appending thread calls
 *       the store's pretoucher (Hoarfrost's {@code pretouch()} touches 4 MiB ahead and prepares the
 *       next segment; Chronicle's {@code Pretoucher.execute()}), so the timed appends write into
 *       pages the process has already faulted in.</li>
 *   <li>{@code fresh}: fresh pages, touched by the pretoucher on a background thread every
 *       millisecond ({@link BackgroundPretoucher}) while the appending thread runs flat out: what
 *       the writer does not get ahead of, it faults in itself.</li>
 *   <li>{@code untouched}: fresh pages and no pretoucher: the appending thread faults in every page
 *       (and, for Hoarfrost, creates every segment file) itself.</li>
 * </ul>
 *
 * <p><b>Replay.</b> A fresh process opens a reader on a written store and reads every message
 * (its length checked, its number summed): JIT warm-up included, the open timed apart.
 */
final class AppendProbe
{
    /** Bytes of messages between two untimed pretouch calls in {@code touched} mode: 2 MiB. */
    static final int BATCH_BYTES = 2 << 20;
    /** Pages already touched: the pretoucher between batches, untimed. */
    static final String TOUCHED = "touched";
    /** Fresh pages, a background pretoucher. */
    static final String FRESH = "fresh";
    /** Fresh pages and no pretoucher at all: the appending thread faults every page in. */
    static final String UNTOUCHED = "untouched";

    private AppendProbe()
    {
    }

    /**
     * Warm-up, then the measured appends into {@code dir}, which is left for the replay.
     *
     * @param store    the store.
     * @param size     bytes per message, at least 16.
     * @param messages measured messages.
     * @param warmup   warm-up messages, into a sibling directory deleted after.
     * @param pages    {@value #TOUCHED}, {@value #FRESH} or {@value #UNTOUCHED}.
     * @param dir      the measured store's directory, which must not exist.
     * @return {@code messages}, {@code nanos}, {@code messagesPerSecond}, {@code megabytesPerSecond}
     * (of message bytes, 10^6 B), {@code gcs}, {@code closeNanos}.
     */
    static JsonObject append(final Store store, final int size, final long messages, final long warmup,
        final String pages, final Path dir)
    {
        final Path warmDir = dir.resolveSibling(dir.getFileName() + "-warmup");
        run(store, size, warmup, pages, warmDir);
        Dirs.delete(warmDir);
        return run(store, size, messages, pages, dir);
    }

    private static JsonObject run(final Store store, final int size, final long messages, final String pages,
        final Path dir)
    {
        final boolean fresh = !TOUCHED.equals(pages);
        final StoreWriter writer = store.createWriter(dir, size);
        final BackgroundPretoucher pretoucher = FRESH.equals(pages) ? BackgroundPretoucher.start(writer) : null;
        final long gcBefore = GcCount.now();
        final long nanos = fresh ? flatOut(writer, messages) : batched(writer, messages, Math.max(1, BATCH_BYTES / size));
        final long gcs = GcCount.now() - gcBefore;
        if (null != pretoucher)
        {
            pretoucher.stop();
        }
        final long closeStart = System.nanoTime();
        writer.close();
        final long closeNanos = System.nanoTime() - closeStart;
        final JsonObject result = new JsonObject();
        result.addProperty("messages", messages);
        result.addProperty("nanos", nanos);
        result.addProperty("messagesPerSecond", messages * 1e9 / nanos);
        result.addProperty("megabytesPerSecond", messages * (double)size * 1e3 / nanos);
        result.addProperty("gcs", gcs);
        result.addProperty("closeNanos", closeNanos);
        return result;
    }

    private static long flatOut(final StoreWriter writer, final long messages)
    {
        final long start = System.nanoTime();
        for (long i = 0; i < messages; i++)
        {
            writer.append(i, i);
        }
        return System.nanoTime() - start;
    }

    private static long batched(final StoreWriter writer, final long messages, final int batch)
    {
        long nanos = 0;
        long i = 0;
        while (i < messages)
        {
            writer.pretouch();
            final long end = Math.min(messages, i + batch);
            final long start = System.nanoTime();
            for (; i < end; i++)
            {
                writer.append(i, i);
            }
            nanos += System.nanoTime() - start;
        }
        return nanos;
    }

    /**
     * Reads every message of a written store from the start.
     *
     * @param store    the store.
     * @param size     the length every message must have.
     * @param messages how many messages it must hold, numbered from 0.
     * @param dir      its directory.
     * @return {@code openNanos}, {@code messages}, {@code nanos}, {@code messagesPerSecond},
     * {@code megabytesPerSecond}, {@code gcs}.
     * @throws IllegalStateException if a message has another length, or the count or numbers differ.
     */
    static JsonObject replay(final Store store, final int size, final long messages, final Path dir)
    {
        final long openStart = System.nanoTime();
        final StoreReader reader = store.openReader(dir);
        final long openNanos = System.nanoTime() - openStart;
        final long gcBefore = GcCount.now();
        final long start = System.nanoTime();
        long count = 0;
        long sum = 0;
        while (reader.next())
        {
            if (reader.length() != size)
            {
                throw new IllegalStateException("message " + count + " of " + dir + " has " + reader.length() +
                    " bytes, not " + size);
            }
            sum += reader.second();
            count++;
        }
        final long nanos = System.nanoTime() - start;
        final long gcs = GcCount.now() - gcBefore;
        reader.close();
        if (count != messages || sum != messages * (messages - 1) / 2)
        {
            throw new IllegalStateException("replayed " + count + " messages of " + dir + " (numbers summing to " + sum +
                "), expected " + messages);
        }
        final JsonObject result = new JsonObject();
        result.addProperty("openNanos", openNanos);
        result.addProperty("messages", count);
        result.addProperty("nanos", nanos);
        result.addProperty("messagesPerSecond", count * 1e9 / nanos);
        result.addProperty("megabytesPerSecond", count * (double)size * 1e3 / nanos);
        result.addProperty("gcs", gcs);
        return result;
    }
}
