package io.hoarfrost.bench;

import io.hoarfrost.rc.Counter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteOrder;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * {@link io.hoarfrost.rc.Rime} with atomic 8- and 16-bit counters: a retain and a release per
 * operation (see {@link AbstractRimeBenchmark}) against a raw CAS loop on the enclosing aligned
 * 32-bit word, the least a correct sub-word atomic add can do with Java 8's {@code Unsafe}.
 * Target: within 1.3&times; the raw word CAS; 0 B/op for the {@code long}-handle API. See
 * {@link RimeBenchmark} for why the counter kinds are split across classes.
 *
 * <p>Raw counter (native, 8-byte aligned): the count in the low-addressed byte or short of the
 * word at offset 0, where Hoarfrost's counter sits too; the other bytes of the word are 0.
 * <pre>
 *   0          width            4
 *   +----------+----------------+
 *   | count    | 0              |
 *   +----------+----------------+
 *   |&lt;-- word CASed ----------&gt;|
 * </pre>
 */
public class RimeSubWordBenchmark extends AbstractRimeBenchmark
{
    /** Bytes of the raw counter's block. */
    static final int RAW_LENGTH = 8;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** The counter kind. */
    @Param({"ATOMIC_U8", "ATOMIC_U16"})
    public Counter counter;

    private long word;
    private int shift;
    private int laneMask;
    private int mask;

    /** {@inheritDoc} */
    @Override
    protected Counter counter()
    {
        return counter;
    }

    /**
     * Allocates the raw word with a count of 1 in the counter's lane.
     */
    @Setup(Level.Trial)
    public void setUpBaselines()
    {
        final int bits = counter.width() * Byte.SIZE;
        shift = LITTLE_ENDIAN ? 0 : Integer.SIZE - bits;
        laneMask = (int)counter.max();
        mask = laneMask << shift;
        word = UNSAFE.allocateMemory(RAW_LENGTH);
        UNSAFE.putLong(word, 0L);
        UNSAFE.putInt(word, 1 << shift);
    }

    /**
     * Frees the raw word.
     */
    @TearDown(Level.Trial)
    public void tearDownBaselines()
    {
        UNSAFE.freeMemory(word);
        word = 0;
    }

    /**
     * A raw CAS loop on the word doing +1 then &minus;1 on the counter's lane, wrapping within
     * the lane, with no overflow check.
     *
     * @return the count before the second update.
     */
    @Benchmark
    public int retainRelease_casLoop()
    {
        final long word = this.word;
        final int shift = this.shift;
        final int laneMask = this.laneMask;
        final int mask = this.mask;
        int current;
        do
        {
            current = UNSAFE.getIntVolatile(null, word);
        }
        while (!UNSAFE.compareAndSwapInt(
            null, word, current, (current & ~mask) | ((((current >>> shift) + 1) & laneMask) << shift)));
        do
        {
            current = UNSAFE.getIntVolatile(null, word);
        }
        while (!UNSAFE.compareAndSwapInt(
            null, word, current, (current & ~mask) | ((((current >>> shift) - 1) & laneMask) << shift)));
        return (current >>> shift) & laneMask;
    }
}
