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
 * switches on its kind, and checks for overflow and underflow as Hoarfrost does: the ratio is the
 * cost of the layout and counter abstraction, not of the checks.
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
     * Raw plain reads and writes at the counter's width, with the same checks Hoarfrost must make
     * (no retain past the maximum, no release at 0): what the pair costs written by hand. Without
     * the checks C2 folds the +1 and &minus;1 away, which no counter that refuses to wrap could do.
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
            {
                final int count = UNSAFE.getByte(address) & 0xFF;
                if (count == 0xFF)
                {
                    throw new IllegalStateException("overflow");
                }
                UNSAFE.putByte(address, (byte)(count + 1));
                final int after = UNSAFE.getByte(address) & 0xFF;
                if (after == 0)
                {
                    throw new IllegalStateException("underflow");
                }
                UNSAFE.putByte(address, (byte)(after - 1));
                return after - 1;
            }
            case Short.BYTES:
            {
                final int count = UNSAFE.getShort(address) & 0xFFFF;
                if (count == 0xFFFF)
                {
                    throw new IllegalStateException("overflow");
                }
                UNSAFE.putShort(address, (short)(count + 1));
                final int after = UNSAFE.getShort(address) & 0xFFFF;
                if (after == 0)
                {
                    throw new IllegalStateException("underflow");
                }
                UNSAFE.putShort(address, (short)(after - 1));
                return after - 1;
            }
            case Integer.BYTES:
            {
                final int count = UNSAFE.getInt(address);
                if (count == -1)
                {
                    throw new IllegalStateException("overflow");
                }
                UNSAFE.putInt(address, count + 1);
                final int after = UNSAFE.getInt(address);
                if (after == 0)
                {
                    throw new IllegalStateException("underflow");
                }
                UNSAFE.putInt(address, after - 1);
                return (after - 1) & 0xFFFF_FFFFL;
            }
            default:
            {
                final long count = UNSAFE.getLong(address);
                if (count == Long.MAX_VALUE)
                {
                    throw new IllegalStateException("overflow");
                }
                UNSAFE.putLong(address, count + 1);
                final long after = UNSAFE.getLong(address);
                if (after == 0)
                {
                    throw new IllegalStateException("underflow");
                }
                UNSAFE.putLong(address, after - 1);
                return after - 1;
            }
        }
    }
}
