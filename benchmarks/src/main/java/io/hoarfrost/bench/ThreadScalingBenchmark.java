package io.hoarfrost.bench;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.pool.ConcurrentPool;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * Scaling with the thread count (issue 8): allocate and free a {@code size}-byte block on 1 and on
 * 2 threads at once. Part of the scaling pass ({@code benchmarks/run --scaling}), which turns the
 * times into throughput, threads &times; 10<sup>3</sup> / (ns/op) million operations per second,
 * and charts it against the thread count; the ordinary pass leaves it out unless named.
 *
 * <p>The thread count is in the operation's name ({@code 1t}, {@code 2t}), as in
 * {@link ConcurrentPoolBenchmark}, so each count is a row of its own; times are per operation on
 * each thread (JMH averages the threads), so an implementation that scales perfectly shows the
 * same ns/op at 2 threads as at 1, and twice the throughput.
 * <ul>
 *   <li>{@code allocateFree}: {@code b = pool.allocate(); pool.free(b)} on one
 *       {@link ConcurrentPool} shared by every thread (each thread works from its own cache).
 *       Baselines: {@code allocateMemory}/{@code freeMemory} ({@code unsafe}: glibc's malloc, with
 *       per-thread caches and arenas) and
 *       {@code PooledByteBufAllocator.DEFAULT.directBuffer(size).release()} ({@code netty}:
 *       per-thread caches in front of shared arenas).</li>
 *   <li>{@code arenaAllocate}: {@code arena.allocate(size, 8)} on a {@link BumpArena} of each
 *       thread's own ({@value #ARENA_CAPACITY} bytes, reset when full, the reset amortised on
 *       the measured path as in {@link ArenaBenchmark}): the share-nothing way, the ceiling for
 *       scaling.</li>
 * </ul>
 * The two-thread rows need two free cores: on fewer (a loaded machine, or {@code taskset} to one
 * CPU) the threads take turns, and throughput stays flat or drops. The runner prints how many
 * CPUs the JVM could use.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ThreadScalingBenchmark
{
    /** Bytes of each thread's bump arena. */
    static final int ARENA_CAPACITY = 256 * 1024;

    /** Alignment of every bump allocation. */
    static final int ARENA_ALIGNMENT = 8;

    /** Block size in bytes. */
    @Param({"64"})
    public int size;

    private ConcurrentPool pool;

    /**
     * One thread's bump arena.
     */
    @State(Scope.Thread)
    public static class ThreadArena
    {
        BumpArena arena;

        /**
         * Creates the arena; refuses to run in checked mode.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("ThreadScalingBenchmark");
            arena = new BumpArena(ARENA_CAPACITY);
        }

        /**
         * Frees it.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            arena.close();
        }
    }

    /**
     * Creates the shared pool; refuses checked mode.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        ChecksOff.require("ThreadScalingBenchmark");
        pool = ConcurrentPool.create(size);
    }

    /**
     * Closes the pool, after every benchmark thread has stopped.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        pool.close();
    }

    /**
     * The shared {@link ConcurrentPool}, one thread.
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
     * malloc and free, one thread.
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
     * Netty's pooled direct buffer, released at once, one thread.
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
     * The thread's own bump arena, one thread.
     *
     * @param state the thread's arena.
     * @return the address allocated.
     */
    @Benchmark
    @Threads(1)
    public long arenaAllocate1t_hoarfrost(final ThreadArena state)
    {
        return bumpAllocate(state.arena);
    }

    /**
     * The shared {@link ConcurrentPool}, two threads.
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
     * malloc and free, two threads.
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
     * Netty's pooled direct buffer, released at once, two threads.
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
     * Each thread's own bump arena, two threads.
     *
     * @param state the thread's arena.
     * @return the address allocated.
     */
    @Benchmark
    @Threads(2)
    public long arenaAllocate2t_hoarfrost(final ThreadArena state)
    {
        return bumpAllocate(state.arena);
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

    private long bumpAllocate(final BumpArena arena)
    {
        final long size = this.size;
        long address = arena.allocate(size, ARENA_ALIGNMENT);
        if (0 == address)
        {
            arena.reset();
            address = arena.allocate(size, ARENA_ALIGNMENT);
        }
        return address;
    }
}
