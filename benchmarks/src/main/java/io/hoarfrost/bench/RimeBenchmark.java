package io.hoarfrost.bench;

import io.hoarfrost.rc.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.atomic.AtomicInteger;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * {@link io.hoarfrost.rc.Rime} with atomic 32- and 64-bit counters: a retain and a release per
 * operation (see {@link AbstractRimeBenchmark}) against raw atomic adds of the same width, a raw
 * CAS loop, {@link AtomicInteger} and Netty's pooled {@link ByteBuf}. Target: within 1.2&times;
 * the raw get-and-add; 0 B/op for the {@code long}-handle API.
 *
 * <p>The counter kinds are split across three classes so that every row compares like with like
 * and no baseline is measured twice over: atomic 32/64 here, atomic 8/16 in
 * {@link RimeSubWordBenchmark}, plain counters in {@link RimePlainBenchmark}. Within this class
 * the raw baselines use an {@code int} for {@code ATOMIC_U32} and a {@code long} for
 * {@code ATOMIC_U64}, chosen per call by one well-predicted branch on a field, as Hoarfrost's
 * counter chooses by a switch on its kind.
 *
 * <p>Raw counter (native, 8-byte aligned, zeroed, then set to 1):
 * <pre>
 *   0                   8
 *   +-------------------+
 *   | int or long count |
 *   +-------------------+
 * </pre>
 */
public class RimeBenchmark extends AbstractRimeBenchmark
{
    /** Bytes of the raw counter's block. */
    static final int RAW_LENGTH = 8;

    /** The counter kind. */
    @Param({"ATOMIC_U32", "ATOMIC_U64"})
    public Counter counter;

    private final AtomicInteger atomicInteger = new AtomicInteger(1);
    private long raw;
    private boolean wide;
    private ByteBuf netty;

    /** {@inheritDoc} */
    @Override
    protected Counter counter()
    {
        return counter;
    }

    /**
     * Allocates the raw counter (count 1) and Netty's buffer (count 1), leak detection off.
     */
    @Setup(Level.Trial)
    public void setUpBaselines()
    {
        wide = counter.width() == Long.BYTES;
        raw = UNSAFE.allocateMemory(RAW_LENGTH);
        UNSAFE.putLong(raw, 0L);
        if (wide)
        {
            UNSAFE.putLong(raw, 1L);
        }
        else
        {
            UNSAFE.putInt(raw, 1);
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        netty = PooledByteBufAllocator.DEFAULT.directBuffer(DATA_LENGTH);
    }

    /**
     * Frees the raw counter and releases Netty's buffer to its pool.
     */
    @TearDown(Level.Trial)
    public void tearDownBaselines()
    {
        UNSAFE.freeMemory(raw);
        raw = 0;
        netty.release();
    }

    /**
     * Raw {@code Unsafe.getAndAddInt}/{@code getAndAddLong} of +1 then &minus;1 at the counter's
     * width: the floor, with no overflow check (a raw add wraps silently).
     *
     * @return the count before the second add.
     */
    @Benchmark
    public long retainRelease_unsafe()
    {
        final long address = raw;
        if (wide)
        {
            UNSAFE.getAndAddLong(null, address, 1L);
            return UNSAFE.getAndAddLong(null, address, -1L);
        }
        UNSAFE.getAndAddInt(null, address, 1);
        return UNSAFE.getAndAddInt(null, address, -1);
    }

    /**
     * A raw CAS loop of +1 then &minus;1 at the counter's width: what Hoarfrost's atomic counter
     * does, minus its overflow and underflow checks.
     *
     * @return the count before the second update.
     */
    @Benchmark
    public long retainRelease_casLoop()
    {
        final long address = raw;
        if (wide)
        {
            long current;
            do
            {
                current = UNSAFE.getLongVolatile(null, address);
            }
            while (!UNSAFE.compareAndSwapLong(null, address, current, current + 1));
            do
            {
                current = UNSAFE.getLongVolatile(null, address);
            }
            while (!UNSAFE.compareAndSwapLong(null, address, current, current - 1));
            return current;
        }
        int current;
        do
        {
            current = UNSAFE.getIntVolatile(null, address);
        }
        while (!UNSAFE.compareAndSwapInt(null, address, current, current + 1));
        do
        {
            current = UNSAFE.getIntVolatile(null, address);
        }
        while (!UNSAFE.compareAndSwapInt(null, address, current, current - 1));
        return current;
    }

    /**
     * {@link AtomicInteger#incrementAndGet()} then {@link AtomicInteger#decrementAndGet()} on a
     * heap counter (32 bits in both rows): what plain Java code would use.
     *
     * @return the count after the pair.
     */
    @Benchmark
    public int retainRelease_atomicInteger()
    {
        final AtomicInteger count = atomicInteger;
        count.incrementAndGet();
        return count.decrementAndGet();
    }

    /**
     * Netty 4.1: {@code retain()} then {@code release()} on a pooled direct {@link ByteBuf} of
     * {@value AbstractRimeBenchmark#DATA_LENGTH} bytes allocated in setup (its count is a 32-bit
     * field updated atomically; it is the same in both rows).
     *
     * @return whether the release freed the buffer (never).
     */
    @Benchmark
    public boolean retainRelease_netty()
    {
        final ByteBuf buffer = netty;
        buffer.retain();
        return buffer.release();
    }
}
