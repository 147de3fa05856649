package io.hoarfrost.pool;

/**
 * A fixed-capacity stack of free block addresses (Bonwick and Adams' magazine, 2001): the unit in
 * which a {@link ConcurrentPool} moves blocks between a thread's cache and the shared depot, so
 * shared state is touched once per magazine rather than once per block.
 *
 * <p>Owned by one thread at a time: a thread cache, or the depot between a push and a pop (the
 * depot's CAS publishes and acquires its contents).
 */
final class Magazine
{
    /** Index in the depot's registry, fixed for life. */
    final int id;

    /** Block addresses; {@code rounds[0 .. count)} are free blocks. */
    final long[] rounds;

    /** Number of blocks held. */
    int count;

    /** {@code id + 1} of the magazine below this one on a depot stack, 0 at the bottom. */
    int next;

    Magazine(final int id, final int capacity)
    {
        this.id = id;
        this.rounds = new long[capacity];
    }
}
