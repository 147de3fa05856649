package io.hoarfrost.bench;

import io.hoarfrost.rc.Counter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * {@link io.hoarfrost.rc.Rime} with plain (single-threaded) counters of 8 to 64 bits: a retain
 * and a release per operation (see {@link AbstractRimeBenchmark}) against a raw plain increment
 * and decrement of the same width. Target: a retain/release pair in 2 ns or less; 0 B/op for the
 * {@code long}-handle API. See {@link RimeBenchmark} for why the counter kinds are split across
 * classes.
 *
 * <p>The raw baseline picks its width per call with a switch on a field, as Hoarfrost's counter
 * switches on its kind; it has no overflow or underflow check, Hoarfrost's has both.
 *
 * <p>Raw counter (native, 8-byte aligned, zeroed, then set to 1):
 * <pre>
 *   0                   8
 *   +-------------------+
 *   | count (width B)   |
 *   +-------------------+
 * </pre>
 */
public class RimePlainBenchmark extends AbstractRimeBenchmark
{
    /** Bytes of the raw counter's block. */
    static final int RAW_LENGTH = 8;

    /** The counter kind. */
    @Param({"U8", "U16", "U32", "U64"})
    public Counter counter;

    private long raw;
    private int width;

    /** {@inheritDoc} */
    @Override
    protected Counter counter()
    {
        return counter;
    }

    /**
     * Allocates the raw counter with a count of 1 at the counter's width.
     */
    @Setup(Level.Trial)
    public void setUpBaselines()
    {
        width = counter.width();
        raw = UNSAFE.allocateMemory(RAW_LENGTH);
        UNSAFE.putLong(raw, 0L);
        switch (width)
        {
            case Byte.BYTES:
                UNSAFE.putByte(raw, (byte)1);
                break;
            case Short.BYTES:
                UNSAFE.putShort(raw, (short)1);
                break;
            case Integer.BYTES:
                UNSAFE.putInt(raw, 1);
                break;
            default:
                UNSAFE.putLong(raw, 1L);
                break;
        }
    }

    /**
     * Frees the raw counter.
     */
    @TearDown(Level.Trial)
    public void tearDownBaselines()
    {
        UNSAFE.freeMemory(raw);
        raw = 0;
    }

    /**
     * Raw plain reads and writes: count + 1 then count &minus; 1 at the counter's width.
     *
     * @return the count after the pair.
     */
    @Benchmark
    public long retainRelease_unsafe()
    {
        final long address = raw;
        switch (width)
        {
            case Byte.BYTES:
                UNSAFE.putByte(address, (byte)(UNSAFE.getByte(address) + 1));
                UNSAFE.putByte(address, (byte)(UNSAFE.getByte(address) - 1));
                return UNSAFE.getByte(address);
            case Short.BYTES:
                UNSAFE.putShort(address, (short)(UNSAFE.getShort(address) + 1));
                UNSAFE.putShort(address, (short)(UNSAFE.getShort(address) - 1));
                return UNSAFE.getShort(address);
            case Integer.BYTES:
                UNSAFE.putInt(address, UNSAFE.getInt(address) + 1);
                UNSAFE.putInt(address, UNSAFE.getInt(address) - 1);
                return UNSAFE.getInt(address);
            default:
                UNSAFE.putLong(address, UNSAFE.getLong(address) + 1);
                UNSAFE.putLong(address, UNSAFE.getLong(address) - 1);
                return UNSAFE.getLong(address);
        }
    }
}
