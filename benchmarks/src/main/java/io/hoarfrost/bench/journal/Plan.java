package io.hoarfrost.bench.journal;

import com.google.gson.JsonObject;

/**
 * How many messages each measurement of the journal pass takes: the default (the real numbers,
 * about five minutes per JDK), {@code --quick} (seconds: is everything working?), or one count
 * for everything ({@code --messages N}, for the tests).
 */
final class Plan
{
    /** The message sizes, bytes. */
    static final int[] SIZES = {64, 256};
    /** The cross-process rates, messages per second. */
    static final long[] RATES = {100_000, 1_000_000};
    /** The writer's own latency: this size ... */
    static final int WRITER_SIZE = 256;
    /** ... at this rate. */
    static final long WRITER_RATE = 100_000;
    /** The message size of the journal the open times are taken on. */
    static final int OPEN_SIZE = 256;
    /** The frame of an {@link #OPEN_SIZE} message in either store: a 4-byte header, then the bytes. */
    static final int OPEN_FRAME = OPEN_SIZE + 4;

    /** The name of the plan: {@code default}, {@code quick} or {@code messages=N}. */
    final String name;
    /** Measured appends per throughput run (and messages replayed). */
    final long appendMessages;
    /** Warm-up appends before them, into a store of their own. */
    final long appendWarmup;
    /** Recorded messages of the writer's own latency run. */
    final long writerMessages;
    /** Seconds of warm-up at the rate, before any latency is recorded. */
    final double warmupSeconds;
    /** Seconds recorded per cross-process run, by rate: {@link #RATES}. */
    final double[] crossSeconds;
    /** The bytes of the journal the open times are taken on (rounded down to whole frames). */
    final long openBytes;
    /** With {@code --messages N}: every count is N, whatever the seconds say. */
    final long fixed;

    private Plan(final String name, final long appendMessages, final long appendWarmup, final long writerMessages,
        final double warmupSeconds, final double[] crossSeconds, final long openBytes, final long fixed)
    {
        this.name = name;
        this.appendMessages = appendMessages;
        this.appendWarmup = appendWarmup;
        this.writerMessages = writerMessages;
        this.warmupSeconds = warmupSeconds;
        this.crossSeconds = crossSeconds;
        this.openBytes = openBytes;
        this.fixed = fixed;
    }

    /**
     * The real numbers: 10M appends per run, the writer's latency over 3M messages (30 s), 20 s
     * (2M messages) at 100k/s and 5 s (5M) at 1M/s after 3 s of warm-up, a 1 GiB journal to open.
     *
     * @return it.
     */
    static Plan full()
    {
        return new Plan("default", 10_000_000, 2_000_000, 3_000_000, 3, new double[] {20, 5}, 1L << 30, 0);
    }

    /**
     * Seconds: 200k appends, 0.5 to 1 s at each rate, a 64 MiB journal to open.
     *
     * @return it.
     */
    static Plan quick()
    {
        return new Plan("quick", 200_000, 200_000, 100_000, 0.3, new double[] {1, 0.5}, 64L << 20, 0);
    }

    /**
     * Every count {@code messages}: warm-ups, runs, and the journal to open.
     *
     * @param messages the count, at least 1.
     * @return it.
     */
    static Plan fixed(final long messages)
    {
        return new Plan("messages=" + messages, messages, messages, messages, 0, new double[] {0, 0},
            messages * OPEN_FRAME, messages);
    }

    /**
     * Warm-up messages at a rate.
     *
     * @param rate messages per second.
     * @return them.
     */
    long warmup(final long rate)
    {
        return fixed > 0 ? fixed : (long)(warmupSeconds * rate);
    }

    /**
     * Recorded messages of a cross-process run.
     *
     * @param rateIndex the rate's index in {@link #RATES}.
     * @return them.
     */
    long crossMessages(final int rateIndex)
    {
        return fixed > 0 ? fixed : (long)(crossSeconds[rateIndex] * RATES[rateIndex]);
    }

    /**
     * Messages of the journal the open times are taken on.
     *
     * @return {@link #openBytes} over {@link #OPEN_FRAME}.
     */
    long openMessages()
    {
        return openBytes / OPEN_FRAME;
    }

    /**
     * The plan as JSON, for the results.
     *
     * @return its counts.
     */
    JsonObject toJson()
    {
        final JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("appendMessages", appendMessages);
        json.addProperty("appendWarmup", appendWarmup);
        json.addProperty("writerMessages", writerMessages);
        json.addProperty("writerWarmup", warmup(WRITER_RATE));
        for (int i = 0; i < RATES.length; i++)
        {
            json.addProperty("crossMessagesAt" + RATES[i], crossMessages(i));
            json.addProperty("crossWarmupAt" + RATES[i], warmup(RATES[i]));
        }
        json.addProperty("openMessages", openMessages());
        json.addProperty("openBytes", openMessages() * OPEN_FRAME);
        return json;
    }
}
