package io.hoarfrost.examples;

/**
 * What one run feeds: how many instruments, the seed, the fixed send rate, how many messages are
 * sent at that rate before measuring (warm-up) and while measuring, how many are then sent as fast
 * as the publication takes them (the throughput burst), and how many reader threads read the books.
 * Immutable.
 */
final class FeedOptions
{
    final int instruments;
    final long seed;
    final int rate;
    final long warmup;
    final long measured;
    final long burst;
    final int readers;

    FeedOptions(final int instruments, final long seed, final int rate, final long warmup, final long measured,
        final long burst, final int readers)
    {
        this.instruments = instruments;
        this.seed = seed;
        this.rate = rate;
        this.warmup = warmup;
        this.measured = measured;
        this.burst = burst;
        this.readers = readers;
    }

    /** Every message of the run. */
    long total()
    {
        return warmup + measured + burst;
    }

    @Override
    public String toString()
    {
        return instruments + " instruments, seed " + seed + ", " + rate + " msg/s, " + warmup + " warm-up + " + measured +
            " measured + " + burst + " burst messages, " + readers + " readers";
    }
}
