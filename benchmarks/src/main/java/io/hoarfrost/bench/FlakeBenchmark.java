package io.hoarfrost.bench;

import io.hoarfrost.box.Flake;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.agrona.BufferUtil.ARRAY_BASE_OFFSET;
import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * {@link Flake}: copy a {@code byte[]} off the heap and free it again, the whole life of an owned
 * box, against the same with raw {@code Unsafe}, a heap copy and a direct {@link ByteBuffer}.
 * Target: {@code copyOf} of 64 bytes plus {@code close} within 1.15&times; raw {@code Unsafe}.
 *
 * <p>Each operation copies {@code size} bytes from the same source array. The Flake object itself
 * is heap garbage unless escape analysis removes it: the B/op column says which.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FlakeBenchmark
{
    /** Bytes copied per operation. */
    @Param({"16", "64", "1024"})
    public int size;

    private byte[] source;

    /**
     * Fills the source array; refuses to run in checked mode.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        ChecksOff.require("FlakeBenchmark");
        source = new byte[size];
        for (int i = 0; i < size; i++)
        {
            source[i] = (byte)('a' + i % 26);
        }
    }

    /**
     * {@code Flake.copyOf(byte[])} then {@code close()}: malloc, copy, free, plus the Flake object.
     *
     * @return the address the copy had, so nothing is eliminated.
     */
    @Benchmark
    public long copyClose_hoarfrost()
    {
        final Flake flake = Flake.copyOf(source);
        final long address = flake.address();
        flake.close();
        return address;
    }

    /**
     * The same with raw {@code Unsafe}: {@code allocateMemory}, {@code copyMemory} from the array,
     * {@code freeMemory}. The floor: no object, no checks.
     *
     * @return the address the copy had.
     */
    @Benchmark
    public long copyClose_unsafe()
    {
        final byte[] source = this.source;
        final long address = UNSAFE.allocateMemory(source.length);
        UNSAFE.copyMemory(source, ARRAY_BASE_OFFSET, null, address, source.length);
        UNSAFE.freeMemory(address);
        return address;
    }

    /**
     * A heap copy: {@code new byte[size]} and {@code System.arraycopy}; the garbage collector frees
     * it later, off the measured path except for the allocation rate it adds.
     *
     * @return the copy.
     */
    @Benchmark
    public byte[] copyClose_heap()
    {
        final byte[] source = this.source;
        final byte[] copy = new byte[source.length];
        System.arraycopy(source, 0, copy, 0, source.length);
        return copy;
    }

    /**
     * A direct buffer: {@code ByteBuffer.allocateDirect(size)} and {@code put(byte[])}. It is never
     * freed explicitly: its cleaner frees the native memory after a GC finds the buffer
     * unreachable, as in most Java code that uses direct buffers. That is the realistic baseline,
     * and its cost includes zeroing the memory, the cleaner and (under pressure on
     * {@code -XX:MaxDirectMemorySize}) the {@code System.gc()} that {@code allocateDirect}
     * triggers.
     *
     * @return the buffer.
     */
    @Benchmark
    public ByteBuffer copyClose_allocateDirect()
    {
        final byte[] source = this.source;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(source.length);
        buffer.put(source);
        return buffer;
    }
}
