package io.hoarfrost.bench.journal;

import com.google.gson.JsonObject;

import java.nio.file.Path;

/**
 * Open-to-first-record and open-to-last-record time on a written store, in a fresh JVM: cold, from
 * the first line of the probe's {@code main} (so the store's class loading, static initialisation
 * and first mappings are in it; the JVM's own start-up is not, the driver times the whole process
 * apart), to the record's bytes read; then warm, the same again in the same JVM after a close.
 */
final class OpenProbe
{
    private OpenProbe()
    {
    }

    /**
     * Opens, reads the first or last record, closes; twice.
     *
     * @param store    the store.
     * @param messages the messages the store holds, numbered from 0.
     * @param last     the last record (a seek to the end) rather than the first.
     * @param dir      the store's directory.
     * @param mainNanos {@code System.nanoTime()} at the first line of {@code main}.
     * @return {@code coldNanos}, {@code warmNanos} (open to the record read), {@code closeNanos}
     * (the warm reader's close).
     * @throws IllegalStateException if the record read is not the one wanted.
     */
    static JsonObject open(final Store store, final long messages, final boolean last, final Path dir,
        final long mainNanos)
    {
        final long[] cold = openAndRead(store, messages, last, dir, mainNanos);
        final long[] warm = openAndRead(store, messages, last, dir, System.nanoTime());
        final JsonObject result = new JsonObject();
        result.addProperty("coldNanos", cold[0]);
        result.addProperty("warmNanos", warm[0]);
        result.addProperty("closeNanos", warm[1]);
        return result;
    }

    /** {open to record read, close} in ns, the first counted from {@code start}. */
    private static long[] openAndRead(final Store store, final long messages, final boolean last, final Path dir,
        final long start)
    {
        final StoreReader reader = store.openReader(dir);
        if (last)
        {
            reader.toLast();
        }
        if (!reader.next())
        {
            throw new IllegalStateException("no record in " + dir);
        }
        final long number = reader.second();
        final long nanos = System.nanoTime() - start;
        final long wanted = last ? messages - 1 : 0;
        if (number != wanted)
        {
            throw new IllegalStateException("read record " + number + " of " + dir + ", wanted " + wanted);
        }
        final long closeStart = System.nanoTime();
        reader.close();
        return new long[] {nanos, System.nanoTime() - closeStart};
    }
}
