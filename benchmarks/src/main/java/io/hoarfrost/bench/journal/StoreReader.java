package io.hoarfrost.bench.journal;

/** A reader of a {@link Store}: a cursor over its messages, confined to one thread. */
interface StoreReader extends AutoCloseable
{
    /**
     * Moves to the next message, if one is committed.
     *
     * @return true if there was one: {@link #first()}, {@link #second()} and {@link #length()}
     * describe it; false if every committed message has been read.
     */
    boolean next();

    /** Positions the reader so that {@link #next()} reads the last committed message. */
    void toLast();

    /**
     * The current message's bytes 0 to 7.
     *
     * @return them, as a long.
     */
    long first();

    /**
     * The current message's bytes 8 to 15.
     *
     * @return them, as a long.
     */
    long second();

    /**
     * The current message's length.
     *
     * @return bytes.
     */
    int length();

    /** Closes the reader. */
    @Override
    void close();
}
