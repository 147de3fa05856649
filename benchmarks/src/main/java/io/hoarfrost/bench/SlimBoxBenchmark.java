package io.hoarfrost.bench;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.box.LengthWidth;
import io.hoarfrost.box.SlimHandle;
import io.hoarfrost.memory.Memory;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.agrona.BufferUtil.ARRAY_BASE_OFFSET;
import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * Slim-length boxes as a string store: copy a short ASCII string in and read it back, and store a
 * million of them, against {@code String}, {@code byte[]} and a hand-packed raw layout. The
 * footprint of a million strings (target: 26 bytes or less per string with its handle, and no
 * heap object per string) is printed by {@link SlimBoxFootprint} before the
 * {@code storeMillion_hoarfrost} result.
 *
 * <p><b>copyRead</b>: one {@value #COPY_LENGTH}-byte ASCII string from a {@code byte[]}. Hoarfrost
 * copies it with {@link SlimHandle#copyPacked(io.hoarfrost.memory.Allocator, org.agrona.DirectBuffer,
 * int, int)} into a {@link BumpArena} of {@value #COPY_ARENA_CAPACITY} bytes that is reset when
 * it cannot take the next string (every 4096 operations, on the measured path): the arena is how
 * slim boxes are meant to be stored, back to back with no per-value header, and freed in bulk.
 * The baselines make a {@code String} ({@code new String(bytes, US_ASCII)}) or a {@code byte[]}
 * ({@code clone()}). Each then sums the bytes (chars) read back and hands the stored value (handle,
 * string, array) to a {@link Blackhole}, so no copy is optimised away.
 *
 * <p><b>storeMillion</b>: all of {@link AsciiStrings} per invocation, reported per string
 * ({@code @OperationsPerInvocation}): ns/op and B/op are per string stored. Hoarfrost: each string as a
 * {@link LengthWidth#U8} slim box packed into one {@link BumpArena} sized to fit them exactly,
 * with its 8-byte packed handle in an off-heap index of 8 MB ({@code Memory.allocate}); the
 * arena is reset at the start of each invocation. Its B/op is the heap allocated per string, 0
 * (JMH's own few hundred bytes per invocation are a ten-thousandth of a byte per string).
 * Baselines: a {@code String[]} of new strings, a {@code byte[][]} of copies, and
 * {@code unsafe}: the same strings hand-packed as {@code [u16 length | bytes]} into a raw bump
 * region with an {@code int} offset index.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SlimBoxBenchmark
{
    /** Bytes of the copyRead string. */
    static final int COPY_LENGTH = 16;

    /** Bytes of the copyRead arena: 4096 strings between resets. */
    static final int COPY_ARENA_CAPACITY = 64 * 1024;

    /** Bytes of a hand-packed length prefix. */
    static final int HAND_PACKED_PREFIX = Short.BYTES;

    private final byte[] copySource = "hoarfrost-slim16".getBytes(StandardCharsets.US_ASCII);
    private final UnsafeBuffer copySourceBuffer = new UnsafeBuffer(copySource);
    private BumpArena copyArena;

    /**
     * The million strings and what each representation stores them in.
     */
    @State(Scope.Thread)
    public static class Million
    {
        byte[] pool;
        UnsafeBuffer poolBuffer;
        BumpArena arena;
        long index;
        long rawValues;
        long rawIndex;

        /**
         * Generates the strings and allocates the arena, the handle index and the raw region.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("SlimBoxBenchmark");
            pool = AsciiStrings.pool();
            poolBuffer = new UnsafeBuffer(pool);
            arena = new BumpArena(pool.length);
            index = Memory.allocate((long)AsciiStrings.COUNT * Long.BYTES);
            rawValues = UNSAFE.allocateMemory((long)AsciiStrings.COUNT * HAND_PACKED_PREFIX + pool.length);
            rawIndex = UNSAFE.allocateMemory((long)AsciiStrings.COUNT * Integer.BYTES);
        }

        /**
         * Frees all of it.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            arena.close();
            Memory.free(index);
            UNSAFE.freeMemory(rawValues);
            UNSAFE.freeMemory(rawIndex);
            index = 0;
            rawValues = 0;
            rawIndex = 0;
        }
    }

    /**
     * Creates the copyRead arena; refuses to run in checked mode.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        ChecksOff.require("SlimBoxBenchmark");
        copyArena = new BumpArena(COPY_ARENA_CAPACITY);
    }

    /**
     * Frees the copyRead arena.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        copyArena.close();
    }

    /**
     * Copies the string into the arena as a packed slim handle and sums its bytes through
     * {@link SlimHandle#packedAddress(long)} and {@link SlimHandle#packedLength(long)}.
     *
     * @param blackhole takes the handle.
     * @return the sum of the bytes.
     */
    @Benchmark
    public int copyRead_hoarfrost(final Blackhole blackhole)
    {
        final BumpArena arena = copyArena;
        if (arena.remaining() < COPY_LENGTH)
        {
            arena.reset();
        }
        final long handle = SlimHandle.copyPacked(arena, copySourceBuffer, 0, COPY_LENGTH);
        blackhole.consume(handle);
        final long address = SlimHandle.packedAddress(handle);
        final int length = SlimHandle.packedLength(handle);
        int sum = 0;
        for (int i = 0; i < length; i++)
        {
            sum += Memory.getByte(address + i);
        }
        return sum;
    }

    /**
     * {@code new String(bytes, US_ASCII)} and a {@code charAt} loop.
     *
     * @param blackhole takes the string.
     * @return the sum of the chars.
     */
    @Benchmark
    public int copyRead_string(final Blackhole blackhole)
    {
        final String text = new String(copySource, StandardCharsets.US_ASCII);
        blackhole.consume(text);
        int sum = 0;
        for (int i = 0; i < text.length(); i++)
        {
            sum += text.charAt(i);
        }
        return sum;
    }

    /**
     * {@code bytes.clone()} and a loop over the copy.
     *
     * @param blackhole takes the copy.
     * @return the sum of the bytes.
     */
    @Benchmark
    public int copyRead_byteArray(final Blackhole blackhole)
    {
        final byte[] copy = copySource.clone();
        blackhole.consume(copy);
        int sum = 0;
        for (int i = 0; i < copy.length; i++)
        {
            sum += copy[i];
        }
        return sum;
    }

    /**
     * A million {@code U8} slim boxes packed into the arena, handles into the index.
     *
     * @param state     the strings, the arena and the index.
     * @param footprint not used here: its setup measures and prints the footprint once per fork.
     * @return the arena bytes used.
     */
    @Benchmark
    @OperationsPerInvocation(AsciiStrings.COUNT)
    public long storeMillion_hoarfrost(final Million state, final SlimBoxFootprint footprint)
    {
        return storePacked(state.arena, state.poolBuffer, state.index, AsciiStrings.COUNT);
    }

    /**
     * A million new {@code String}s in a {@code String[]}.
     *
     * @param state the strings.
     * @return the array.
     */
    @Benchmark
    @OperationsPerInvocation(AsciiStrings.COUNT)
    public String[] storeMillion_string(final Million state)
    {
        final byte[] pool = state.pool;
        final String[] strings = new String[AsciiStrings.COUNT];
        int offset = 0;
        for (int i = 0; i < strings.length; i++)
        {
            final int length = AsciiStrings.length(i);
            strings[i] = new String(pool, offset, length, StandardCharsets.US_ASCII);
            offset += length;
        }
        return strings;
    }

    /**
     * A million {@code byte[]} copies in a {@code byte[][]}.
     *
     * @param state the strings.
     * @return the array.
     */
    @Benchmark
    @OperationsPerInvocation(AsciiStrings.COUNT)
    public byte[][] storeMillion_byteArray(final Million state)
    {
        final byte[] pool = state.pool;
        final byte[][] arrays = new byte[AsciiStrings.COUNT][];
        int offset = 0;
        for (int i = 0; i < arrays.length; i++)
        {
            final int length = AsciiStrings.length(i);
            arrays[i] = Arrays.copyOfRange(pool, offset, offset + length);
            offset += length;
        }
        return arrays;
    }

    /**
     * A million strings hand-packed with raw {@code Unsafe} as {@code [u16 length | bytes]} back
     * to back, with an {@code int} offset index: 22 bytes per string of 16.
     *
     * @param state the strings and the raw region.
     * @return the bytes of the raw region used.
     */
    @Benchmark
    @OperationsPerInvocation(AsciiStrings.COUNT)
    public long storeMillion_unsafe(final Million state)
    {
        return storeHandPacked(state.pool, state.rawValues, state.rawIndex, AsciiStrings.COUNT);
    }

    /**
     * Stores the first {@code count} strings as {@code U8} slim boxes in the (reset) arena, the
     * packed handle of string {@code i} at {@code index + 8 i}. Allocates nothing on the heap.
     *
     * @param arena holds the values; reset first.
     * @param pool  the strings, back to back.
     * @param index room for {@code count} handles.
     * @param count how many strings.
     * @return the arena bytes used.
     */
    static long storePacked(final BumpArena arena, final UnsafeBuffer pool, final long index, final int count)
    {
        arena.reset();
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            final int length = LengthWidth.U8.checkLength(AsciiStrings.length(i));
            Memory.putLong(index + ((long)i << 3), SlimHandle.copyPacked(arena, pool, offset, length));
            offset += length;
        }
        return arena.used();
    }

    /**
     * Stores the first {@code count} strings hand-packed into the raw region, the offset of
     * string {@code i} at {@code index + 4 i}.
     *
     * @param pool   the strings, back to back.
     * @param values room for every string and its 2-byte length.
     * @param index  room for {@code count} {@code int} offsets.
     * @param count  how many strings.
     * @return the bytes of the raw region used.
     */
    static long storeHandPacked(final byte[] pool, final long values, final long index, final int count)
    {
        int offset = 0;
        int position = 0;
        for (int i = 0; i < count; i++)
        {
            final int length = AsciiStrings.length(i);
            UNSAFE.putInt(index + ((long)i << 2), position);
            UNSAFE.putShort(values + position, (short)length);
            UNSAFE.copyMemory(pool, ARRAY_BASE_OFFSET + offset, null, values + position + HAND_PACKED_PREFIX, length);
            offset += length;
            position += HAND_PACKED_PREFIX + length;
        }
        return position;
    }
}
