package io.hoarfrost.bench.journal;

/**
 * The writer of a {@link Store}: appends messages of one fixed length, each a copy of the writer's
 * own message buffer whose first two longs are set per message. Confined to one thread, except
 * {@link #pretouch()}, which one background thread may call concurrently.
 */
interface StoreWriter extends AutoCloseable
{
    /**
     * Sets the message's first two longs, then appends a copy of it (committed on return).
     *
     * @param first  bytes 0 to 7: a send time in {@code System.nanoTime()} units, or -1 to end.
     * @param second bytes 8 to 15: the message's number.
     */
    void append(long first, long second);

    /** Touches pages ahead of the writer: Hoarfrost's {@code pretouch()}, Chronicle's pretoucher. */
    void pretouch();

    /** Closes the store's writer. */
    @Override
    void close();
}
