package io.hoarfrost.bench;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.box.SlimHandle;
import io.hoarfrost.memory.Memory;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * The memory the first {@code count} strings of {@link AsciiStrings} take in each representation,
 * per string, measured by building each representation once:
 * <ul>
 *   <li>Hoarfrost: {@link io.hoarfrost.box.LengthWidth#U8} slim boxes packed back to back in one
 *       {@link BumpArena} plus their 8-byte packed handles in an off-heap index: the arena bytes
 *       used plus 8. Also the heap bytes allocated while storing them (after storing them once to
 *       warm the path up), from the JVM's per-thread allocation counter.</li>
 *   <li>{@code String} in a {@code String[]} and {@code byte[]} in a {@code byte[][]}: the growth
 *       of the used heap after full collections ({@code System.gc()}), reference included.</li>
 *   <li>Hand-packed {@code [u16 length | bytes]} with an {@code int} offset index: bytes used
 *       plus 4.</li>
 * </ul>
 * With {@code countObjects}, each representation is also bracketed by two {@link HeapCensus}es:
 * the live heap objects it added, divided by the count, container and arena objects included
 * (one {@code String[]}, one {@code BumpArena}...: a ten-thousandth of an object per string at
 * 10<sup>4</sup> strings). Without it the steps are exactly those {@link SlimBoxFootprint} has
 * always taken. Nothing is left allocated afterwards.
 *
 * <p>Immutable once measured; {@link #measure(int, boolean)} is for one thread at a time (it
 * parks each representation in a static field while it weighs it).
 */
final class StringFootprint
{
    /** The smallest heap object, in bytes: 16 with compressed class pointers. */
    static final int MIN_OBJECT_BYTES = 16;

    private static final int SLIM = 0;
    private static final int STRING = 1;
    private static final int ARRAY = 2;
    private static final int HAND_PACKED = 3;
    private static final int REPRESENTATIONS = 4;

    private static final int GC_ROUNDS = 4;
    private static final long GC_PAUSE_MS = 50;

    /** What is being weighed: a static field, so no compiler can treat it as dead while it is. */
    private static Object retained;

    final int count;
    final double meanLength;
    final double slimBytes;
    final long slimHeapAllocated;
    final double slimHeapPerString;
    final double stringBytes;
    final double arrayBytes;
    final double handPackedBytes;
    final double slimObjects;
    final double stringObjects;
    final double arrayObjects;
    final double handPackedObjects;

    private StringFootprint(final int count, final double meanLength, final double[] bytes, final double[] objects,
        final long slimHeapAllocated, final double slimHeapPerString)
    {
        this.count = count;
        this.meanLength = meanLength;
        this.slimBytes = bytes[SLIM];
        this.stringBytes = bytes[STRING];
        this.arrayBytes = bytes[ARRAY];
        this.handPackedBytes = bytes[HAND_PACKED];
        this.slimObjects = objects[SLIM];
        this.stringObjects = objects[STRING];
        this.arrayObjects = objects[ARRAY];
        this.handPackedObjects = objects[HAND_PACKED];
        this.slimHeapAllocated = slimHeapAllocated;
        this.slimHeapPerString = slimHeapPerString;
    }

    /**
     * Builds each representation of the first {@code count} strings once and weighs it: strings,
     * arrays, hand-packed, slim boxes, in that order. Refuses checked mode.
     *
     * @param count        how many strings, from 1 to {@link AsciiStrings#MAX_COUNT}.
     * @param countObjects whether to count heap objects too ({@link HeapCensus}); the caller
     *                     checks {@link HeapCensus#isAvailable()} first.
     * @return the footprint; objects per string are NaN unless counted.
     * @throws InterruptedException if interrupted between collections.
     */
    static StringFootprint measure(final int count, final boolean countObjects) throws InterruptedException
    {
        ChecksOff.require("StringFootprint");
        if (count < 1)
        {
            throw new IllegalArgumentException("string count " + count + " must be at least 1");
        }
        final byte[] pool = AsciiStrings.pool(count);
        final double meanLength = (double)pool.length / count;
        final double[] bytes = new double[REPRESENTATIONS];
        final double[] objects = new double[REPRESENTATIONS];
        Arrays.fill(objects, Double.NaN);

        final long beforeStrings = usedHeapAfterGc();
        final long stringCensus = census(countObjects);
        retained = strings(pool, count);
        bytes[STRING] = (double)(usedHeapAfterGc() - beforeStrings) / count;
        objects[STRING] = objectsPerString(countObjects, stringCensus, count);
        retained = null;

        final long beforeArrays = usedHeapAfterGc();
        final long arrayCensus = census(countObjects);
        retained = arrays(pool, count);
        bytes[ARRAY] = (double)(usedHeapAfterGc() - beforeArrays) / count;
        objects[ARRAY] = objectsPerString(countObjects, arrayCensus, count);
        retained = null;

        final long handPackedCensus = census(countObjects);
        final long values = UNSAFE.allocateMemory((long)count * SlimBoxBenchmark.HAND_PACKED_PREFIX + pool.length);
        final long offsets = UNSAFE.allocateMemory((long)count * Integer.BYTES);
        try
        {
            bytes[HAND_PACKED] = (double)SlimBoxBenchmark.storeHandPacked(pool, values, offsets, count) / count + Integer.BYTES;
            objects[HAND_PACKED] = objectsPerString(countObjects, handPackedCensus, count);
        }
        finally
        {
            UNSAFE.freeMemory(values);
            UNSAFE.freeMemory(offsets);
        }

        final UnsafeBuffer poolBuffer = new UnsafeBuffer(pool);
        final long slimCensus = census(countObjects);
        final long index = Memory.allocate((long)count * Long.BYTES);
        final double heapPerString;
        final long heapTotal;
        try (BumpArena arena = new BumpArena(pool.length))
        {
            SlimBoxBenchmark.storePacked(arena, poolBuffer, index, count); // warms the path up, once
            final long calibrationStart = allocatedBytes();
            final long allocatedBefore = allocatedBytes();
            final long used = SlimBoxBenchmark.storePacked(arena, poolBuffer, index, count);
            final long allocated = allocatedBytes() - allocatedBefore - (allocatedBefore - calibrationStart);
            heapTotal = Math.max(0, allocated);
            heapPerString = calibrationStart < 0 ? Double.NaN : (double)heapTotal / count;
            checkReadBack(pool, index, count);
            bytes[SLIM] = (double)used / count + Long.BYTES;
            objects[SLIM] = objectsPerString(countObjects, slimCensus, count);
        }
        finally
        {
            Memory.free(index);
        }
        return new StringFootprint(count, meanLength, bytes, objects, heapTotal, heapPerString);
    }

    private static String[] strings(final byte[] pool, final int count)
    {
        final String[] strings = new String[count];
        int offset = 0;
        for (int i = 0; i < strings.length; i++)
        {
            final int length = AsciiStrings.length(i);
            strings[i] = new String(pool, offset, length, StandardCharsets.US_ASCII);
            offset += length;
        }
        return strings;
    }

    private static byte[][] arrays(final byte[] pool, final int count)
    {
        final byte[][] arrays = new byte[count][];
        int offset = 0;
        for (int i = 0; i < arrays.length; i++)
        {
            final int length = AsciiStrings.length(i);
            arrays[i] = Arrays.copyOfRange(pool, offset, offset + length);
            offset += length;
        }
        return arrays;
    }

    private static void checkReadBack(final byte[] pool, final long index, final int count)
    {
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            final long handle = Memory.getLong(index + ((long)i << 3));
            final int length = SlimHandle.packedLength(handle);
            final long address = SlimHandle.packedAddress(handle);
            if (length != AsciiStrings.length(i) || Memory.getByte(address) != pool[offset] ||
                Memory.getByte(address + length - 1) != pool[offset + length - 1])
            {
                throw new IllegalStateException("slim box " + i + " does not read back as stored");
            }
            offset += length;
        }
    }

    private static long census(final boolean countObjects)
    {
        return countObjects ? HeapCensus.liveObjects() : 0;
    }

    private static double objectsPerString(final boolean countObjects, final long before, final int count)
    {
        return countObjects ? (double)(HeapCensus.liveObjects() - before) / count : Double.NaN;
    }

    private static long usedHeapAfterGc() throws InterruptedException
    {
        final Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < GC_ROUNDS; i++)
        {
            System.gc();
            Thread.sleep(GC_PAUSE_MS);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Heap bytes this thread has allocated so far, or -1 if the JVM does not say. */
    @SuppressWarnings("deprecation") // Thread.getId(), deprecated from JDK 19, is the only Java 8 way
    private static long allocatedBytes()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean)
        {
            return ((com.sun.management.ThreadMXBean)threads).getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
