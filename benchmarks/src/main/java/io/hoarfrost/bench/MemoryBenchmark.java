package io.hoarfrost.bench;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.SubWordAtomics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * The {@link Memory} gate against raw {@code sun.misc.Unsafe}, with checked mode off: what the one
 * gate costs on the hottest paths. Targets: plain {@code getLong}/{@code putLong} and the emulated
 * 8-bit atomic add within 10% of the raw form.
 *
 * <p>Block used by the access benchmarks (64 bytes, 8-byte aligned, zeroed in setup):
 * <pre>
 *   0                 8          12   13   14        16              64
 *   +-----------------+----------+----+----+---------+---- ... ------+
 *   | long: getLong,  | int:     |    | b: |         |    unused     |
 *   | putLong         | getAndAdd|    | add|         |               |
 *   +-----------------+----------+----+----+---------+---- ... ------+
 *                                |&lt;-- word CASed ---&gt;|
 * </pre>
 * The byte {@code b} sits at offset 13 so that its shift within the enclosing word is not zero.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MemoryBenchmark
{
    /** Bytes of the block the access benchmarks use. */
    static final int BLOCK_LENGTH = 64;

    /** Bytes allocated and freed by the allocation benchmarks. */
    static final int ALLOCATION_LENGTH = 64;

    static final int LONG_OFFSET = 0;
    static final int INT_OFFSET = 8;
    static final int BYTE_OFFSET = 13;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** Longs in the block that the loop benchmarks walk: long enough that the load dominates JMH's overhead. */
    static final int LOOP_LONGS = 512;

    private long block;
    private long loopBlock;
    private long longAddress;
    private long intAddress;
    private long byteAddress;
    private long longValue = 0x0102030405060708L;
    private int intDelta = 1;
    private byte byteDelta = 1;

    /**
     * Allocates and zeroes the block; refuses to run in checked mode, which would measure the
     * tracking instead of the gate.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        ChecksOff.require("MemoryBenchmark");
        block = Memory.allocate(BLOCK_LENGTH);
        Memory.fill(block, BLOCK_LENGTH, (byte)0);
        longAddress = block + LONG_OFFSET;
        intAddress = block + INT_OFFSET;
        byteAddress = block + BYTE_OFFSET;
        loopBlock = Memory.allocate(LOOP_LONGS * 8L);
        for (int i = 0; i < LOOP_LONGS; i++)
        {
            Memory.putLong(loopBlock + i * 8L, i);
        }
    }

    /**
     * Frees the block.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        Memory.free(block);
        block = 0;
        Memory.free(loopBlock);
        loopBlock = 0;
    }

    /**
     * Plain 64-bit read through the gate.
     *
     * @return the value read.
     */
    @Benchmark
    public long getLong_hoarfrost()
    {
        return Memory.getLong(longAddress);
    }

    /**
     * Plain 64-bit read with {@code Unsafe}.
     *
     * @return the value read.
     */
    @Benchmark
    public long getLong_unsafe()
    {
        return UNSAFE.getLong(longAddress);
    }

    /**
     * Plain 64-bit write through the gate.
     */
    /**
     * Sums 512 longs with {@link Memory#getLong(long)}: the same load as {@link #getLong_hoarfrost()}
     * but long enough that a wrapper's cost, if any, would show above the benchmark loop's.
     *
     * @return the sum.
     */
    @Benchmark
    public long sumLongs_hoarfrost()
    {
        final long base = loopBlock;
        long sum = 0;
        for (int i = 0; i < LOOP_LONGS; i++)
        {
            sum += Memory.getLong(base + ((long)i << 3));
        }
        return sum;
    }

    /**
     * Baseline of {@link #sumLongs_hoarfrost()}: the same loop on raw {@code Unsafe}.
     *
     * @return the sum.
     */
    @Benchmark
    public long sumLongs_unsafe()
    {
        final long base = loopBlock;
        long sum = 0;
        for (int i = 0; i < LOOP_LONGS; i++)
        {
            sum += UNSAFE.getLong(base + ((long)i << 3));
        }
        return sum;
    }

    /**
     * Writes 512 longs with {@link Memory#putLong(long, long)}.
     *
     * @return the base address written.
     */
    @Benchmark
    public long putLongs_hoarfrost()
    {
        final long base = loopBlock;
        final long value = longValue;
        for (int i = 0; i < LOOP_LONGS; i++)
        {
            Memory.putLong(base + ((long)i << 3), value + i);
        }
        return base;
    }

    /**
     * Baseline of {@link #putLongs_hoarfrost()} on raw {@code Unsafe}.
     *
     * @return the base address written.
     */
    @Benchmark
    public long putLongs_unsafe()
    {
        final long base = loopBlock;
        final long value = longValue;
        for (int i = 0; i < LOOP_LONGS; i++)
        {
            UNSAFE.putLong(base + ((long)i << 3), value + i);
        }
        return base;
    }

    @Benchmark
    public void putLong_hoarfrost()
    {
        Memory.putLong(longAddress, longValue);
    }

    /**
     * Plain 64-bit write with {@code Unsafe}.
     */
    @Benchmark
    public void putLong_unsafe()
    {
        UNSAFE.putLong(longAddress, longValue);
    }

    /**
     * 32-bit atomic add through the gate.
     *
     * @return the value before the add.
     */
    @Benchmark
    public int getAndAddInt_hoarfrost()
    {
        return Memory.getAndAddInt(intAddress, intDelta);
    }

    /**
     * 32-bit atomic add with {@code Unsafe}.
     *
     * @return the value before the add.
     */
    @Benchmark
    public int getAndAddInt_unsafe()
    {
        return UNSAFE.getAndAddInt(null, intAddress, intDelta);
    }

    /**
     * 8-bit atomic add through the gate (CAS on the enclosing 32-bit word).
     *
     * @return the value before the add.
     */
    @Benchmark
    public byte getAndAddByte_hoarfrost()
    {
        return SubWordAtomics.getAndAddByte(byteAddress, byteDelta);
    }

    /**
     * 8-bit atomic add written out by hand: a CAS loop on the enclosing aligned 32-bit word, the
     * least a correct byte-wide atomic add can do with Java 8's {@code Unsafe}.
     *
     * @return the value before the add.
     */
    @Benchmark
    public byte getAndAddByte_casLoop()
    {
        final long address = byteAddress;
        final long word = address & ~3L;
        final int index = (int)address & 3;
        final int shift = (LITTLE_ENDIAN ? index : 3 - index) << 3;
        final int mask = 0xFF << shift;
        final int delta = byteDelta;
        int current;
        int next;
        do
        {
            current = UNSAFE.getIntVolatile(null, word);
            next = (current & ~mask) | ((((current >>> shift) + delta) & 0xFF) << shift);
        }
        while (!UNSAFE.compareAndSwapInt(null, word, current, next));
        return (byte)(current >>> shift);
    }

    /**
     * Allocates and frees {@value #ALLOCATION_LENGTH} bytes through the gate.
     *
     * @return the address the block had, so the pair is not eliminated.
     */
    @Benchmark
    public long allocateFree_hoarfrost()
    {
        final long address = Memory.allocate(ALLOCATION_LENGTH);
        Memory.free(address);
        return address;
    }

    /**
     * Allocates and frees {@value #ALLOCATION_LENGTH} bytes with {@code Unsafe}.
     *
     * @return the address the block had, so the pair is not eliminated.
     */
    @Benchmark
    public long allocateFree_unsafe()
    {
        final long address = UNSAFE.allocateMemory(ALLOCATION_LENGTH);
        UNSAFE.freeMemory(address);
        return address;
    }
}
