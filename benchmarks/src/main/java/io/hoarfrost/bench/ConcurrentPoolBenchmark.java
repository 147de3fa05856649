package io.hoarfrost.bench;

import io.hoarfrost.pool.ConcurrentPool;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.TimeUnit;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * The thread-safe {@link ConcurrentPool}, one pool shared by every benchmark thread
 * ({@code Scope.Benchmark}), against malloc/free ({@code unsafe}) and Netty's pooled allocator
 * (thread-safe with per-thread caches, like ours). Target: {@code allocateFree1t} at least 4x
 * faster than {@code allocateFree1t_unsafe} (ratio &le; 0.25); 0 B/op.
 *
 * <p>Operations, per {@code size} in bytes. The thread count is in the operation's name, so each
 * count is a row of its own; times are per operation on each thread (JMH averages the threads),
 * so a row that scales perfectly shows the same ns/op at 2 threads as at 1.
 * <ul>
 *   <li>{@code allocateFree1t}, {@code allocateFree2t}: {@code b = pool.allocate(); pool.free(b)}
 *       on 1 and on 2 threads at once. Baselines {@code allocateMemory}/{@code freeMemory}
 *       ({@code unsafe}) and {@code PooledByteBufAllocator.DEFAULT.directBuffer(size).release()}
 *       ({@code netty}) on as many threads.</li>
 *   <li>{@code handOff}: a JMH group of two threads: one allocates blocks and offers them to a
 *       single-producer single-consumer {@link AddressRing}, the other polls and frees them, so
 *       every block is freed on a thread that did not allocate it (ConcurrentPool moves them back
 *       in magazines through its depot). Time per block handed over, ring included (JMH reports
 *       the mean of the producer's and the consumer's time per call, equal in steady state);
 *       baseline malloc on one thread and free on the other ({@code unsafe}). The ring is the
 *       same for both, so the difference is the allocator's.</li>
 * </ul>
 * On a machine with fewer free cores than threads the two-thread rows measure time-slicing as
 * much as the allocators; read them with {@code uptime}'s load average.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ConcurrentPoolBenchmark
{
    /** Block size in bytes. */
    @Param({"64", "1024"})
    public int size;

    private ConcurrentPool pool;
    private AddressRing poolRing;
    private AddressRing mallocRing;

    /**
     * Creates the pool and the hand-off rings; refuses checked mode.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        ChecksOff.require("ConcurrentPoolBenchmark");
        pool = ConcurrentPool.create(size);
        poolRing = new AddressRing();
        mallocRing = new AddressRing();
    }

    /**
     * Frees the malloc'ed blocks left in the hand-off ring, and closes the pool, which gives back
     * its blocks wherever they are (thread caches, depot, the pool's ring). Runs after every
     * benchmark thread has stopped.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        mallocRing.drain(UNSAFE::freeMemory);
        pool.close();
    }

    /**
     * {@link ConcurrentPool#allocate()} and {@link ConcurrentPool#free(long)} on one thread.
     *
     * @return the address the block had.
     */
    @Benchmark
    @Threads(1)
    public long allocateFree1t_hoarfrost()
    {
        return allocateFreePool();
    }

    /**
     * {@code allocateMemory} and {@code freeMemory} on one thread.
     *
     * @return the address the block had.
     */
    @Benchmark
    @Threads(1)
    public long allocateFree1t_unsafe()
    {
        return allocateFreeMalloc();
    }

    /**
     * Netty's pooled direct buffer, released at once, on one thread.
     *
     * @return whether the release freed it.
     */
    @Benchmark
    @Threads(1)
    public boolean allocateFree1t_netty()
    {
        return PooledByteBufAllocator.DEFAULT.directBuffer(size).release();
    }

    /**
     * {@link ConcurrentPool#allocate()} and {@link ConcurrentPool#free(long)} on two threads
     * sharing the pool.
     *
     * @return the address the block had.
     */
    @Benchmark
    @Threads(2)
    public long allocateFree2t_hoarfrost()
    {
        return allocateFreePool();
    }

    /**
     * {@code allocateMemory} and {@code freeMemory} on two threads.
     *
     * @return the address the block had.
     */
    @Benchmark
    @Threads(2)
    public long allocateFree2t_unsafe()
    {
        return allocateFreeMalloc();
    }

    /**
     * Netty's pooled direct buffer, released at once, on two threads.
     *
     * @return whether the release freed it.
     */
    @Benchmark
    @Threads(2)
    public boolean allocateFree2t_netty()
    {
        return PooledByteBufAllocator.DEFAULT.directBuffer(size).release();
    }

    /**
     * Hand-off producer: allocates from the pool and offers the block to the consumer.
     *
     * @param producer this thread's position in the ring.
     * @param control  JMH's control, to stop spinning when the measurement ends.
     */
    @Benchmark
    @Group("handOff_hoarfrost")
    @GroupThreads(1)
    public void produceHoarfrost(final AddressRing.Position producer, final Control control)
    {
        final long block = pool.allocate();
        if (!poolRing.offer(producer, block, control))
        {
            pool.free(block);
        }
    }

    /**
     * Hand-off consumer: takes a block from the producer and frees it into the pool.
     *
     * @param consumer this thread's position in the ring.
     * @param control  JMH's control, to stop spinning when the measurement ends.
     * @return the address freed, or 0 if the measurement ended first.
     */
    @Benchmark
    @Group("handOff_hoarfrost")
    @GroupThreads(1)
    public long consumeHoarfrost(final AddressRing.Position consumer, final Control control)
    {
        final long block = poolRing.poll(consumer, control);
        if (block != 0)
        {
            pool.free(block);
        }
        return block;
    }

    /**
     * Hand-off producer baseline: mallocs and offers the block to the consumer.
     *
     * @param producer this thread's position in the ring.
     * @param control  JMH's control, to stop spinning when the measurement ends.
     */
    @Benchmark
    @Group("handOff_unsafe")
    @GroupThreads(1)
    public void produceUnsafe(final AddressRing.Position producer, final Control control)
    {
        final long address = UNSAFE.allocateMemory(size);
        if (!mallocRing.offer(producer, address, control))
        {
            UNSAFE.freeMemory(address);
        }
    }

    /**
     * Hand-off consumer baseline: takes a block from the producer and frees it.
     *
     * @param consumer this thread's position in the ring.
     * @param control  JMH's control, to stop spinning when the measurement ends.
     * @return the address freed, or 0 if the measurement ended first.
     */
    @Benchmark
    @Group("handOff_unsafe")
    @GroupThreads(1)
    public long consumeUnsafe(final AddressRing.Position consumer, final Control control)
    {
        final long address = mallocRing.poll(consumer, control);
        if (address != 0)
        {
            UNSAFE.freeMemory(address);
        }
        return address;
    }

    private long allocateFreePool()
    {
        final ConcurrentPool pool = this.pool;
        final long block = pool.allocate();
        pool.free(block);
        return block;
    }

    private long allocateFreeMalloc()
    {
        final long address = UNSAFE.allocateMemory(size);
        UNSAFE.freeMemory(address);
        return address;
    }
}
