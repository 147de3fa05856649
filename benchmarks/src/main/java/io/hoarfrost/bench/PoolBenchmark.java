package io.hoarfrost.bench;

import io.hoarfrost.pool.Pool;
import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.RimeLayout;
import io.netty.buffer.ByteBuf;
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

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * The single-threaded {@link Pool} (issue 6): a block out and back, and a counted pooled block
 * ({@code PoolRef}'s long-handle API) through one retain and two releases, against the system
 * allocator, Netty's pooled allocator, {@code ByteBuffer.allocateDirect} and a raw free list.
 * Targets: {@code allocateFree} at least 15x faster than {@code allocateFree_unsafe} (ratio
 * &le; 0.067) and 30x faster than {@code allocateFree_netty} (ratio &le; 0.033); 0 B/op.
 *
 * <p>Operations, per {@code size} in bytes:
 * <ul>
 *   <li>{@code allocateFree}: {@code pool.allocate()} + {@code pool.free(b)} on a pool made with
 *       {@code Pool.create(size, 1024)} and filled in setup. Baselines: {@code unsafe}
 *       ({@code allocateMemory}/{@code freeMemory}: malloc and free); {@code netty}
 *       ({@code PooledByteBufAllocator.DEFAULT.directBuffer(size).release()}, leak detection at its
 *       default, simple sampling); {@code allocateDirect} ({@code ByteBuffer.allocateDirect(size)},
 *       left to the GC and its {@code Cleaner}: the cost of the JDK's way, paid partly on other
 *       threads and in GC pauses); {@code freeList} (pop and push on a free list threaded through
 *       pre-allocated blocks, with the pool's checks and count: the floor any pool can reach).</li>
 *   <li>{@code churn}: the steady state of a pool in use: {@value #CHURN_LIVE} blocks live, each
 *       operation allocates one and frees the oldest, against malloc/free ({@code unsafe}) and
 *       Netty ({@code netty}) doing the same, and against the raw free list ({@code freeList}), the
 *       floor that cannot be folded. {@code allocateFree} frees the block it just took,
 *       which the JIT can partly cancel; {@code churn} cannot be cancelled.</li>
 *   <li>{@code refCycle}: {@code b = l.allocate(n); l.retain(b); l.release(b, n); l.release(b, n)}
 *       with {@code l = RimeLayout.of(pool, Counter.U32, 0, 8)} and {@code n = size - 8}, so each
 *       block is exactly {@code size} bytes and the last release returns it to the pool.
 *       Baselines do the same count (a plain {@code int} at offset 0) on a malloc'ed block
 *       ({@code unsafe}) and on a free-list block ({@code freeList}).</li>
 *   <li>{@code refCycleAtomic}: the same with {@code Counter.ATOMIC_U32}, against Netty's
 *       {@code directBuffer(n)} with {@code retain()} and two {@code release()}s (Netty's counts are
 *       atomic, so this is the row to compare Netty with) and against a malloc'ed block counted
 *       with {@code getAndAddInt} ({@code unsafe}).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PoolBenchmark
{
    /** Most blocks the pool keeps, and blocks on the free-list baseline's stack. */
    static final int MAX_POOLED = 1024;

    /** Alignment of the counted blocks' data: 8, so a block is counter, pad, data. */
    static final int DATA_ALIGNMENT = 8;

    /** Counter offset of the baselines: 0, as in {@link RimeLayout}. */
    static final int COUNT_OFFSET = 0;

    /** Blocks live at a time in the churn benchmarks: a power of two, so the cursor wraps with a mask. */
    static final int CHURN_LIVE = 256;

    /** Block size in bytes. */
    @Param({"64", "1024"})
    public int size;

    private Pool pool;
    private RimeLayout layout;
    private RimeLayout atomicLayout;
    private int dataLength;
    private long[] freeList;
    private int freeTop;
    private long rawHead;
    private int rawPooled;
    private int rawKeep = MAX_POOLED;
    private final long[] churnPool = new long[CHURN_LIVE];
    private final long[] churnUnsafe = new long[CHURN_LIVE];
    private final long[] churnRaw = new long[CHURN_LIVE];
    private final ByteBuf[] churnNetty = new ByteBuf[CHURN_LIVE];
    private int churnCursor;

    /**
     * Creates and fills the pool, the layouts and the free list; refuses checked mode.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        ChecksOff.require("PoolBenchmark");
        pool = Pool.create(size, MAX_POOLED);
        pool.fill();
        layout = RimeLayout.of(pool, Counter.U32, 0, DATA_ALIGNMENT);
        atomicLayout = RimeLayout.of(pool, Counter.ATOMIC_U32, 0, DATA_ALIGNMENT);
        dataLength = size - DATA_ALIGNMENT;
        if (layout.blockSize(dataLength) != size || atomicLayout.blockSize(dataLength) != size)
        {
            throw new IllegalStateException("counted blocks of " + dataLength + " data bytes are not " + size + " bytes");
        }
        freeList = new long[MAX_POOLED];
        for (int i = 0; i < MAX_POOLED; i++)
        {
            freeList[i] = UNSAFE.allocateMemory(size);
        }
        freeTop = MAX_POOLED;
        for (int i = 0; i < MAX_POOLED; i++)
        {
            final long block = UNSAFE.allocateMemory(size);
            UNSAFE.putLong(block, rawHead);
            rawHead = block;
            rawPooled++;
        }
        for (int i = 0; i < CHURN_LIVE; i++)
        {
            churnPool[i] = pool.allocate();
            churnRaw[i] = rawHead;
            rawHead = UNSAFE.getLong(rawHead);
            rawPooled--;
            churnUnsafe[i] = UNSAFE.allocateMemory(size);
            churnNetty[i] = PooledByteBufAllocator.DEFAULT.directBuffer(size);
        }
    }

    /**
     * Closes the pool and frees the free list's blocks.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        for (int i = 0; i < CHURN_LIVE; i++)
        {
            pool.free(churnPool[i]);
            UNSAFE.freeMemory(churnRaw[i]);
            UNSAFE.freeMemory(churnUnsafe[i]);
            churnNetty[i].release();
        }
        pool.close();
        for (int i = 0; i < freeTop; i++)
        {
            UNSAFE.freeMemory(freeList[i]);
        }
        freeTop = 0;
        while (rawHead != 0)
        {
            final long next = UNSAFE.getLong(rawHead);
            UNSAFE.freeMemory(rawHead);
            rawHead = next;
        }
        rawPooled = 0;
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
     * {@code ByteBuffer.allocateDirect}, left to the GC.
     *
     * @return the buffer.
     */
    @Benchmark
    public ByteBuffer allocateFree_allocateDirect()
    {
        return ByteBuffer.allocateDirect(size);
    }

    /**
     * The raw floor of {@link Pool}: the same work by hand. A free list threaded through the free
     * blocks themselves (pop reads the next address from the block, push writes it there: the
     * pool's memory traffic), the same count of pooled blocks against the same limit, and the same
     * refusal of block 0; no slabs, no checked mode, no closed state.
     *
     * @return the address popped and pushed back.
     */
    @Benchmark
    public long allocateFree_freeList()
    {
        final long block = rawHead;
        if (block == 0)
        {
            throw new IllegalStateException("the raw free list is empty");
        }
        rawHead = UNSAFE.getLong(block);
        rawPooled--;
        if (rawPooled < rawKeep)
        {
            UNSAFE.putLong(block, rawHead);
            rawHead = block;
            rawPooled++;
        }
        else
        {
            UNSAFE.freeMemory(block);
        }
        return block;
    }

    /**
     * The churn floor: the steady state of {@code churn_hoarfrost} over the intrusive raw free list
     * of {@code allocateFree_freeList}, with its checks (the empty-list refusal, the count and its
     * keep limit). The block freed is never the one just taken, so the JIT cannot fold the pair
     * as it can in {@code allocateFree_freeList}.
     *
     * @return the address of the new block.
     */
    @Benchmark
    public long churn_freeList()
    {
        final long[] live = churnRaw;
        final int cursor = churnCursor;
        final long block = rawHead;
        if (block == 0)
        {
            throw new IllegalStateException("the raw free list is empty");
        }
        rawHead = UNSAFE.getLong(block);
        rawPooled--;
        final long freed = live[cursor];
        if (rawPooled < rawKeep)
        {
            UNSAFE.putLong(freed, rawHead);
            rawHead = freed;
            rawPooled++;
        }
        else
        {
            UNSAFE.freeMemory(freed);
        }
        live[cursor] = block;
        churnCursor = (cursor + 1) & (CHURN_LIVE - 1);
        return block;
    }

    /**
     * Steady-state churn: {@link Pool#allocate()} a block and {@link Pool#free(long)} the one
     * allocated {@value #CHURN_LIVE} operations ago, so the block freed is never the one just
     * taken and nothing can be folded away (unlike {@code allocateFree}, where the JIT may cancel
     * a pop against the push of the same block).
     *
     * @return the address of the new block.
     */
    @Benchmark
    public long churn_hoarfrost()
    {
        final Pool pool = this.pool;
        final long[] live = churnPool;
        final int cursor = churnCursor;
        final long block = pool.allocate();
        pool.free(live[cursor]);
        live[cursor] = block;
        churnCursor = (cursor + 1) & (CHURN_LIVE - 1);
        return block;
    }

    /**
     * The churn with malloc and free.
     *
     * @return the address of the new block.
     */
    @Benchmark
    public long churn_unsafe()
    {
        final long[] live = churnUnsafe;
        final int cursor = churnCursor;
        final long block = UNSAFE.allocateMemory(size);
        UNSAFE.freeMemory(live[cursor]);
        live[cursor] = block;
        churnCursor = (cursor + 1) & (CHURN_LIVE - 1);
        return block;
    }

    /**
     * The churn with Netty's pooled direct buffers.
     *
     * @return whether the old buffer was released.
     */
    @Benchmark
    public boolean churn_netty()
    {
        final ByteBuf[] live = churnNetty;
        final int cursor = churnCursor;
        final ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(size);
        final boolean released = live[cursor].release();
        live[cursor] = buffer;
        churnCursor = (cursor + 1) & (CHURN_LIVE - 1);
        return released;
    }

    /**
     * A counted pooled block ({@code Counter.U32}): allocate, retain, release, release.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long refCycle_hoarfrost()
    {
        final RimeLayout layout = this.layout;
        final int dataLength = this.dataLength;
        final long block = layout.allocate(dataLength);
        layout.retain(block);
        layout.release(block, dataLength);
        layout.release(block, dataLength);
        return block;
    }

    /**
     * A malloc'ed block counted by a plain {@code int}: malloc, count 1, 2, 1, 0, free.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long refCycle_unsafe()
    {
        final long block = UNSAFE.allocateMemory(size);
        final long count = block + COUNT_OFFSET;
        UNSAFE.putInt(count, 1);
        UNSAFE.putInt(count, UNSAFE.getInt(count) + 1);
        UNSAFE.putInt(count, UNSAFE.getInt(count) - 1);
        final int left = UNSAFE.getInt(count) - 1;
        UNSAFE.putInt(count, left);
        if (left == 0)
        {
            UNSAFE.freeMemory(block);
        }
        return block;
    }

    /**
     * A free-list block counted by a plain {@code int}: pop, count 1, 2, 1, 0, push.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long refCycle_freeList()
    {
        final long block = freeList[--freeTop];
        final long count = block + COUNT_OFFSET;
        UNSAFE.putInt(count, 1);
        UNSAFE.putInt(count, UNSAFE.getInt(count) + 1);
        UNSAFE.putInt(count, UNSAFE.getInt(count) - 1);
        final int left = UNSAFE.getInt(count) - 1;
        UNSAFE.putInt(count, left);
        if (left == 0)
        {
            freeList[freeTop++] = block;
        }
        return block;
    }

    /**
     * A counted pooled block ({@code Counter.ATOMIC_U32}): allocate, retain, release, release.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long refCycleAtomic_hoarfrost()
    {
        final RimeLayout layout = atomicLayout;
        final int dataLength = this.dataLength;
        final long block = layout.allocate(dataLength);
        layout.retain(block);
        layout.release(block, dataLength);
        layout.release(block, dataLength);
        return block;
    }

    /**
     * Netty's pooled direct buffer of {@code size - 8} bytes: retain, release, release (atomic
     * counts).
     *
     * @return whether the last release freed it.
     */
    @Benchmark
    public boolean refCycleAtomic_netty()
    {
        final ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(dataLength);
        buffer.retain();
        buffer.release();
        return buffer.release();
    }

    /**
     * A malloc'ed block counted with atomic adds on an {@code int} (the count starts with a plain
     * write, as {@code Counter.init} does): malloc, count 1, 2, 1, 0, free.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long refCycleAtomic_unsafe()
    {
        final long block = UNSAFE.allocateMemory(size);
        final long count = block + COUNT_OFFSET;
        UNSAFE.putInt(count, 1);
        UNSAFE.getAndAddInt(null, count, 1);
        UNSAFE.getAndAddInt(null, count, -1);
        if (UNSAFE.getAndAddInt(null, count, -1) == 1)
        {
            UNSAFE.freeMemory(block);
        }
        return block;
    }
}
