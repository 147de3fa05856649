package io.hoarfrost.bench.journal;

import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that calls a writer's {@link StoreWriter#pretouch()} every millisecond, off the
 * appending thread, as Hoarfrost's {@code Journal.pretouch()} and Chronicle's pretoucher are meant
 * to be called.
 */
final class BackgroundPretoucher implements Runnable
{
    /** Between two calls: 1 ms. */
    static final long PERIOD_NANOS = 1_000_000L;

    private final StoreWriter writer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private BackgroundPretoucher(final StoreWriter writer)
    {
        this.writer = writer;
        this.thread = new Thread(this, "pretoucher");
        thread.setDaemon(true);
    }

    /**
     * Starts the thread.
     *
     * @param writer the writer whose pages to touch.
     * @return the running pretoucher.
     */
    static BackgroundPretoucher start(final StoreWriter writer)
    {
        final BackgroundPretoucher pretoucher = new BackgroundPretoucher(writer);
        pretoucher.thread.start();
        return pretoucher;
    }

    @Override
    public void run()
    {
        try
        {
            while (running)
            {
                writer.pretouch();
                LockSupport.parkNanos(PERIOD_NANOS);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            failure = ex;
        }
    }

    /**
     * Stops the thread and waits for it.
     *
     * @throws IllegalStateException with the cause if a call to {@code pretouch()} failed.
     */
    void stop()
    {
        running = false;
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (null != failure)
        {
            throw new IllegalStateException("the pretoucher failed: " + failure, failure);
        }
    }
}
