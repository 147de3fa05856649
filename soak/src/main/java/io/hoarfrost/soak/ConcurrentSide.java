package io.hoarfrost.soak;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.pool.ConcurrentPool;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The concurrent part of the soak: a {@link ConcurrentPool} shared by two threads, one allocating
 * blocks, stamping them and handing them over a queue, the other checking the stamp and freeing
 * them, so every block is freed on another thread than the one that took it.
 */
final class ConcurrentSide implements AutoCloseable
{
    private static final int BLOCK = 128;

    private final ConcurrentPool pool = ConcurrentPool.create(BLOCK);
    private final ArrayBlockingQueue<Long> handOff = new ArrayBlockingQueue<>(4096);
    private final AtomicLong ops = new AtomicLong();
    private final SplittableRandom random;
    private final Thread producer = new Thread(this::produce, "soak-producer");
    private final Thread consumer = new Thread(this::consume, "soak-consumer");
    private volatile boolean running = true;
    private volatile Throwable failure;

    ConcurrentSide(final SplittableRandom random)
    {
        this.random = random;
    }

    void start()
    {
        producer.start();
        consumer.start();
    }

    long ops()
    {
        return ops.get();
    }

    private void produce()
    {
        try
        {
            long stamp = random.nextLong();
            while (running)
            {
                final long block = pool.allocate();
                Memory.putLong(block, ++stamp);
                Memory.putLong(block + BLOCK - 8, ~stamp);
                while (!handOff.offer(block, 10, TimeUnit.MILLISECONDS))
                {
                    if (!running)
                    {
                        pool.free(block);
                        return;
                    }
                }
                ops.incrementAndGet();
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
    }

    private void consume()
    {
        try
        {
            while (running || !handOff.isEmpty())
            {
                final Long block = handOff.poll(10, TimeUnit.MILLISECONDS);
                if (null != block)
                {
                    if (Memory.getLong(block + BLOCK - 8) != ~Memory.getLong(block))
                    {
                        throw new IllegalStateException("soak: a ConcurrentPool block was handed to two threads");
                    }
                    pool.free(block);
                    ops.incrementAndGet();
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
    }

    void stop()
    {
        running = false;
        try
        {
            producer.join();
            consumer.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("soak: interrupted while stopping", ex);
        }
        if (null != failure)
        {
            throw new IllegalStateException("soak: the concurrent side failed", failure);
        }
    }

    @Override
    public void close()
    {
        if (running)
        {
            stop();
        }
        Long block;
        while (null != (block = handOff.poll()))
        {
            pool.free(block);
        }
        pool.close();
    }
}
