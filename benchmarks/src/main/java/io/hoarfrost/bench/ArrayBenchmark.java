package io.hoarfrost.bench;

import io.hoarfrost.array.ArrayLayout;
import io.hoarfrost.array.ElementType;
import io.hoarfrost.array.LabeledArray;
import io.hoarfrost.array.LabeledArrayView;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * Label-headed arrays of 200 longs (issue 4): element access by index through
 * {@link LabeledArray}, against Agrona's {@link UnsafeBuffer} over the same memory (bounds checks
 * on, Agrona's default) and a plain {@code long[]}; and allocate + initialise + free through the
 * zero-garbage {@code long}-handle API of {@link ArrayLayout}, against a heap {@code long[]} and raw
 * {@code Unsafe}. Targets: access within 1.1x of {@code UnsafeBuffer}; 0 B/op everywhere.
 *
 * <p>Operations:
 * <ul>
 *   <li>{@code getLong}, {@code putLong}: one access per op, at the next index of a fixed
 *       pseudo-random sequence ({@link #INDICES}), so neither the index nor the bounds check folds.
 *       The sequence costs every implementation the same load.</li>
 *   <li>{@code sumLongs}, {@code putLongs}: 200 accesses per op, one at each index of the array in
 *       the sequence's order: the per-access cost shows above JMH's own loop.</li>
 *   <li>{@code wrapGetLong}: the long-handle path ({@link LabeledArrayView}): re-point a view at a
 *       thin block (reading its length from the block) and read one element, against re-wrapping
 *       an {@code UnsafeBuffer} at the block's elements with the same stored length. The view and
 *       {@code LabeledArray} share one {@code getLong}, so a separate "view" access row would
 *       measure the same code twice.</li>
 *   <li>{@code allocInitFree}: {@code LAYOUT.allocateLongs(200, INIT)} then {@code LAYOUT.free(b)};
 *       baselines {@code new long[200]} filled by the same {@code INIT} (the GC frees it) and
 *       {@code allocateMemory}, a fill loop and {@code freeMemory}.</li>
 * </ul>
 *
 * <p>Block of the thin layout ({@code ArrayLayout.thin(ElementType.LONG)}, no label, no counter):
 * <pre>
 *   0            4            8                                              1608
 *   +------------+------------+------------------------------------------------+
 *   | length 200 |    pad     | elements: 200 x long                           |
 *   +------------+------------+------------------------------------------------+
 *   lengthOffset()             elementsOffset()
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ArrayBenchmark
{
    /** Elements of every array. */
    static final int LENGTH = 200;

    /** Length of {@link #INDICES}: a power of two, so the cursor wraps with a mask. */
    static final int INDEX_COUNT = 256;

    /** Multiplier of the index sequence: coprime with {@link #LENGTH}, so its first 200 are a permutation. */
    static final int INDEX_STRIDE = 37;

    /** Offset of the index sequence. */
    static final int INDEX_START = 11;

    /** Layout of the arrays: thin, longs, no label, native heap. */
    static final ArrayLayout LAYOUT = ArrayLayout.thin(ElementType.LONG);

    /** Offset of the elements in a block of {@link #LAYOUT}. */
    static final int ELEMENTS_OFFSET = LAYOUT.elementsOffset();

    /** Offset of the stored length in a block of {@link #LAYOUT}. */
    static final int LENGTH_OFFSET = LAYOUT.lengthOffset();

    /** Element initialiser: static and non-capturing, so it is one object for the whole run. */
    static final IntToLongFunction INIT = (i) -> i;

    /**
     * Indices in {@code [0, 200)}: entry {@code k} is {@code (37k + 11) mod 200}; the first 200 are
     * a permutation of the array's indices.
     */
    static final int[] INDICES = indices();

    private LabeledArray array;
    private UnsafeBuffer buffer;
    private long[] longs;
    private LabeledArrayView view;
    private UnsafeBuffer wrapBuffer;
    private long block;
    private int cursor;
    private long value = 0x0102030405060708L;

    private static int[] indices()
    {
        final int[] indices = new int[INDEX_COUNT];
        for (int k = 0; k < INDEX_COUNT; k++)
        {
            indices[k] = (INDEX_STRIDE * k + INDEX_START) % LENGTH;
        }
        return indices;
    }

    /**
     * Allocates the array and points the baselines at the same values; refuses checked mode.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        ChecksOff.require("ArrayBenchmark");
        array = LabeledArray.ofLongs(LAYOUT, LENGTH, INIT);
        block = array.block();
        buffer = new UnsafeBuffer(array.elementsAddress(), LENGTH * 8);
        longs = new long[LENGTH];
        for (int i = 0; i < LENGTH; i++)
        {
            longs[i] = INIT.applyAsLong(i);
        }
        view = new LabeledArrayView();
        wrapBuffer = new UnsafeBuffer();
    }

    /**
     * Frees the array.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        array.close();
        block = 0;
    }

    private int nextIndex()
    {
        final int k = cursor;
        cursor = (k + 1) & (INDEX_COUNT - 1);
        return INDICES[k];
    }

    /**
     * {@link LabeledArray#getLong(int)} at the next index.
     *
     * @return the element.
     */
    @Benchmark
    public long getLong_hoarfrost()
    {
        return array.getLong(nextIndex());
    }

    /**
     * {@code UnsafeBuffer.getLong(i << 3)} over the same elements, bounds-checked.
     *
     * @return the element.
     */
    @Benchmark
    public long getLong_unsafeBuffer()
    {
        return buffer.getLong(nextIndex() << 3);
    }

    /**
     * {@code a[i]} on a heap {@code long[200]}.
     *
     * @return the element.
     */
    @Benchmark
    public long getLong_longArray()
    {
        return longs[nextIndex()];
    }

    /**
     * {@link LabeledArray#putLong(int, long)} at the next index.
     */
    @Benchmark
    public void putLong_hoarfrost()
    {
        array.putLong(nextIndex(), value);
    }

    /**
     * {@code UnsafeBuffer.putLong(i << 3, v)} over the same elements, bounds-checked.
     */
    @Benchmark
    public void putLong_unsafeBuffer()
    {
        buffer.putLong(nextIndex() << 3, value);
    }

    /**
     * {@code a[i] = v} on a heap {@code long[200]}.
     */
    @Benchmark
    public void putLong_longArray()
    {
        longs[nextIndex()] = value;
    }

    /**
     * Sums the 200 elements through {@link LabeledArray#getLong(int)}, in the sequence's order.
     *
     * @return the sum.
     */
    @Benchmark
    public long sumLongs_hoarfrost()
    {
        final LabeledArray array = this.array;
        long sum = 0;
        for (int k = 0; k < LENGTH; k++)
        {
            sum += array.getLong(INDICES[k]);
        }
        return sum;
    }

    /**
     * Baseline of {@link #sumLongs_hoarfrost()} on the {@code UnsafeBuffer}.
     *
     * @return the sum.
     */
    @Benchmark
    public long sumLongs_unsafeBuffer()
    {
        final UnsafeBuffer buffer = this.buffer;
        long sum = 0;
        for (int k = 0; k < LENGTH; k++)
        {
            sum += buffer.getLong(INDICES[k] << 3);
        }
        return sum;
    }

    /**
     * Baseline of {@link #sumLongs_hoarfrost()} on the {@code long[]}.
     *
     * @return the sum.
     */
    @Benchmark
    public long sumLongs_longArray()
    {
        final long[] longs = this.longs;
        long sum = 0;
        for (int k = 0; k < LENGTH; k++)
        {
            sum += longs[INDICES[k]];
        }
        return sum;
    }

    /**
     * Writes the 200 elements through {@link LabeledArray#putLong(int, long)}, in the sequence's
     * order.
     *
     * @return the value written last.
     */
    @Benchmark
    public long putLongs_hoarfrost()
    {
        final LabeledArray array = this.array;
        final long value = this.value;
        for (int k = 0; k < LENGTH; k++)
        {
            array.putLong(INDICES[k], value + k);
        }
        return value;
    }

    /**
     * Baseline of {@link #putLongs_hoarfrost()} on the {@code UnsafeBuffer}.
     *
     * @return the value written last.
     */
    @Benchmark
    public long putLongs_unsafeBuffer()
    {
        final UnsafeBuffer buffer = this.buffer;
        final long value = this.value;
        for (int k = 0; k < LENGTH; k++)
        {
            buffer.putLong(INDICES[k] << 3, value + k);
        }
        return value;
    }

    /**
     * Baseline of {@link #putLongs_hoarfrost()} on the {@code long[]}.
     *
     * @return the value written last.
     */
    @Benchmark
    public long putLongs_longArray()
    {
        final long[] longs = this.longs;
        final long value = this.value;
        for (int k = 0; k < LENGTH; k++)
        {
            longs[INDICES[k]] = value + k;
        }
        return value;
    }

    /**
     * Re-points a {@link LabeledArrayView} at the block (reading its stored length) and reads one
     * element: the long-handle access path.
     *
     * @return the element.
     */
    @Benchmark
    public long wrapGetLong_hoarfrost()
    {
        return view.wrap(LAYOUT, block).getLong(nextIndex());
    }

    /**
     * Re-wraps an {@code UnsafeBuffer} at the block's elements, with the length stored in the
     * block, and reads one element, bounds-checked.
     *
     * @return the element.
     */
    @Benchmark
    public long wrapGetLong_unsafeBuffer()
    {
        final long block = this.block;
        final UnsafeBuffer buffer = wrapBuffer;
        buffer.wrap(block + ELEMENTS_OFFSET, UNSAFE.getInt(block + LENGTH_OFFSET) << 3);
        return buffer.getLong(nextIndex() << 3);
    }

    /**
     * Allocates a thin block of 200 longs set by {@link #INIT} and frees it, through the
     * long-handle API: no object per array.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long allocInitFree_hoarfrost()
    {
        final long block = LAYOUT.allocateLongs(LENGTH, INIT);
        LAYOUT.free(block);
        return block;
    }

    /**
     * {@code new long[200]} set by {@link #INIT}, left to the GC.
     *
     * @return the array.
     */
    @Benchmark
    public long[] allocInitFree_heap()
    {
        final long[] longs = new long[LENGTH];
        for (int i = 0; i < LENGTH; i++)
        {
            longs[i] = INIT.applyAsLong(i);
        }
        return longs;
    }

    /**
     * {@code allocateMemory} of 200 longs, set by {@link #INIT}, and {@code freeMemory}: the same
     * work as {@link #allocInitFree_hoarfrost()} without the layout.
     *
     * @return the address the block had.
     */
    @Benchmark
    public long allocInitFree_unsafe()
    {
        final long address = UNSAFE.allocateMemory(LENGTH * 8L);
        for (int i = 0; i < LENGTH; i++)
        {
            UNSAFE.putLong(address + ((long)i << 3), INIT.applyAsLong(i));
        }
        UNSAFE.freeMemory(address);
        return address;
    }
}
