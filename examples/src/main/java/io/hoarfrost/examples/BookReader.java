package io.hoarfrost.examples;

import java.util.concurrent.locks.LockSupport;

/**
 * A reader thread's work, the same for both handlers: while the feed runs, take snapshots of the
 * books round-robin (a batch, then a pause of {@value #PAUSE_NANOS} ns), checking each (its check
 * word, and versions never going back); once the feed has ended and {@link #finish()} is called,
 * take every book's final snapshot and fold them into {@link #checksum()}: instrument, version,
 * chain (the running checksum of every version's best bid/ask) and top levels. That checksum does
 * not depend on timing, so both handlers' readers must agree on it.
 */
abstract class BookReader implements Runnable
{
    private static final int BATCH = 64;
    private static final long PAUSE_NANOS = 1_000_000;

    /** Snapshot values of the book just sampled: {@link Snapshot}'s layout. */
    final long[] values = new long[Snapshot.LONGS];
    private final int instruments;
    private final long[] lastVersion;
    private volatile boolean finishing;
    private volatile boolean done;
    private long snapshots;
    private long checksum;
    private volatile Throwable failure;

    BookReader(final int instruments)
    {
        this.instruments = instruments;
        this.lastVersion = new long[instruments];
    }

    /**
     * Copies the current snapshot of a book into {@link #values}.
     *
     * @param instrument the book.
     * @return false if the book has none yet.
     */
    abstract boolean sample(int instrument);

    /** Called on the reader's thread as it ends. */
    void onExit()
    {
    }

    @Override
    public final void run()
    {
        try
        {
            int next = 0;
            while (!finishing)
            {
                for (int i = 0; i < BATCH; i++)
                {
                    take(next);
                    next = next + 1 == instruments ? 0 : next + 1;
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
            long sum = 0;
            for (int instrument = 0; instrument < instruments; instrument++)
            {
                sum = Mix.mix(sum, instrument);
                if (take(instrument))
                {
                    for (int i = 0; i < Snapshot.CHECK; i++)
                    {
                        sum = Mix.mix(sum, values[i]);
                    }
                }
            }
            checksum = sum;
        }
        catch (final Throwable t)
        {
            failure = t;
        }
        finally
        {
            onExit();
            done = true;
        }
    }

    private boolean take(final int instrument)
    {
        if (!sample(instrument))
        {
            return false;
        }
        snapshots++;
        long check = 0;
        for (int i = 0; i < Snapshot.CHECK; i++)
        {
            check = Mix.mix(check, values[i]);
        }
        if (check != values[Snapshot.CHECK])
        {
            throw new IllegalStateException("torn snapshot of instrument " + instrument + " at version " +
                values[Snapshot.VERSION]);
        }
        if (values[Snapshot.VERSION] < lastVersion[instrument])
        {
            throw new IllegalStateException("instrument " + instrument + " went back from version " +
                lastVersion[instrument] + " to " + values[Snapshot.VERSION]);
        }
        lastVersion[instrument] = values[Snapshot.VERSION];
        return true;
    }

    /** Asks the reader to take the final snapshots and end; the feed must be over. */
    final void finish()
    {
        finishing = true;
    }

    /** True once the reader has ended. */
    final boolean isDone()
    {
        return done;
    }

    /** The checksum of the final snapshots; valid once done. */
    final long checksum()
    {
        return checksum;
    }

    /** Snapshots taken and checked. */
    final long snapshots()
    {
        return snapshots;
    }

    /** What the reader threw, or null. */
    final Throwable failure()
    {
        return failure;
    }
}
