package io.hoarfrost.bench;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.pool.ConcurrentPool;
import io.hoarfrost.pool.Pool;
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

import java.util.concurrent.TimeUnit;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * Scaling with the allocation size (issue 8): one block of {@code size} bytes out and back on one
 * thread, for every size from 16 B to 64 KiB in steps of 4&times;. Part of the scaling pass
 * ({@code benchmarks/run --scaling}), which charts ns/op against the size; the ordinary pass
 * leaves it out unless named.
 *
 * <p>Operations, per {@code size}:
 * <ul>
 *   <li>{@code allocateFree}: {@code pool.allocate()} + {@code pool.free(b)} on a {@link Pool}
 *       of {@code size}-byte blocks, filled in setup. Baselines: {@code unsafe}
 *       ({@code allocateMemory}/{@code freeMemory}: malloc and free) and {@code netty}
 *       ({@code PooledByteBufAllocator.DEFAULT.directBuffer(size).release()}; Netty caches
 *       buffers of up to 32 KiB per thread by default, so 64 KiB goes to its shared arena).</li>
 *   <li>{@code allocateFreeConcurrent}: the same on a {@link ConcurrentPool} of {@code size}-byte
 *       blocks, from one thread (its thread cache; magazines of 64 KiB, at least one block).</li>
 *   <li>{@code arenaAllocate}: {@code arena.allocate(size, 8)} on a {@link BumpArena} of
 *       {@value #ARENA_CAPACITY} bytes, reset when full, as in {@link ArenaBenchmark}: the
 *       reset is on the measured path, amortised over {@code capacity / size} allocations (64 at
 *       64 KiB), and stands for the free. Nothing is touched: neither do the other rows.</li>
 * </ul>
 * {@code ByteBuffer.allocateDirect} is left out: it zeroes the memory, and once the direct memory
 * limit is reached it calls {@code System.gc()} and waits for cleaners, so in a trial run it took
 * 3.6 &plusmn; 14 &micro;s at 1 KiB and 10 &micro;s at 64 KiB: the garbage collector's cost, not
 * allocation's, and noise enough to hide every other line ({@link PoolBenchmark} has it at 64 B
 * and 1 KiB).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AllocationSizeBenchmark
{
    /** Most free blocks the single-threaded pool keeps; it is filled to this in setup. */
    static final int MAX_POOLED = 64;

    /** Bytes of the bump arena: 64 allocations of the largest size between resets. */
    static final int ARENA_CAPACITY = 4 * 1024 * 1024;

    /** Alignment of every bump allocation. */
    static final int ARENA_ALIGNMENT = 8;

    /** Bytes per allocation. */
    @Param({"16", "64", "256", "1024", "4096", "16384", "65536"})
    public int size;

    private Pool pool;
    private ConcurrentPool concurrentPool;
    private BumpArena arena;

    /**
     * Creates and fills the pool, creates the concurrent pool and the arena; refuses checked mode.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        ChecksOff.require("AllocationSizeBenchmark");
        pool = Pool.create(size, MAX_POOLED);
        pool.fill();
        concurrentPool = ConcurrentPool.create(size);
        arena = new BumpArena(ARENA_CAPACITY);
    }

    /**
     * Closes all three.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        pool.close();
        concurrentPool.close();
        arena.close();
    }

    /**
     * {@link Pool#allocate()} and {@link Pool#free(long)}.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long allocateFree_hoarfrost()
    {
        final Pool pool = this.pool;
        final long block = pool.allocate();
        pool.free(block);
        return block;
    }

    /**
     * {@code allocateMemory} and {@code freeMemory}: malloc and free.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long allocateFree_unsafe()
    {
        final long address = UNSAFE.allocateMemory(size);
        UNSAFE.freeMemory(address);
        return address;
    }

    /**
     * Netty's pooled direct buffer, released at once.
     *
     * @return whether the release freed it.
     */
    @Benchmark
    public boolean allocateFree_netty()
    {
        return PooledByteBufAllocator.DEFAULT.directBuffer(size).release();
    }

    /**
     * {@link ConcurrentPool#allocate()} and {@link ConcurrentPool#free(long)} on one thread.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long allocateFreeConcurrent_hoarfrost()
    {
        final ConcurrentPool pool = concurrentPool;
        final long block = pool.allocate();
        pool.free(block);
        return block;
    }

    /**
     * {@code BumpArena.allocate(size, 8)}, and a reset when it returns 0 (full).
     *
     * @return the address allocated.
     */
    @Benchmark
    public long arenaAllocate_hoarfrost()
    {
        final BumpArena arena = this.arena;
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
