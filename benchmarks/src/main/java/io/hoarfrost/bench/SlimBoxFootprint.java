package io.hoarfrost.bench;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.box.SlimHandle;
import io.hoarfrost.memory.Memory;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * Measures and prints, once per fork of {@code SlimBoxBenchmark.storeMillion_hoarfrost}, the
 * memory a million short ASCII strings ({@link AsciiStrings}) take in each representation, per
 * string:
 * <ul>
 *   <li>Hoarfrost: {@link io.hoarfrost.box.LengthWidth#U8} slim boxes packed back to back in one
 *       {@link BumpArena} plus their 8-byte packed handles in an off-heap index: the arena bytes
 *       used plus 8 (target: 26 or less). Also the heap bytes allocated while storing them, from
 *       the JVM's per-thread allocation counter: 0 means no heap object per string (target 0).</li>
 *   <li>{@code String} in a {@code String[]} and {@code byte[]} in a {@code byte[][]}: the growth
 *       of the used heap after full collections ({@code System.gc()}), reference included.</li>
 *   <li>Hand-packed {@code [u16 length | bytes]} with an {@code int} offset index: bytes used.</li>
 * </ul>
 * Lines start with {@value #LABEL}. Takes a few seconds; nothing is left allocated.
 */
@State(Scope.Thread)
public class SlimBoxFootprint
{
    /** The prefix of every printed line. */
    static final String LABEL = "SlimBox footprint:";

    private static final int MIN_OBJECT_BYTES = 16;
    private static final int GC_ROUNDS = 4;
    private static final long GC_PAUSE_MS = 50;

    private Object retained;

    /**
     * Builds each representation once, measures it, prints the results and frees it all.
     *
     * @throws InterruptedException if interrupted between collections.
     */
    @Setup(Level.Trial)
    public void measure() throws InterruptedException
    {
        ChecksOff.require("SlimBoxBenchmark");
        final byte[] pool = AsciiStrings.pool();
        final int count = AsciiStrings.COUNT;
        final double meanLength = (double)pool.length / count;

        final long beforeStrings = usedHeapAfterGc();
        retained = strings(pool);
        final double stringBytes = (double)(usedHeapAfterGc() - beforeStrings) / count;
        retained = null;

        final long beforeArrays = usedHeapAfterGc();
        retained = arrays(pool);
        final double arrayBytes = (double)(usedHeapAfterGc() - beforeArrays) / count;
        retained = null;

        final long values = UNSAFE.allocateMemory((long)count * SlimBoxBenchmark.HAND_PACKED_PREFIX + pool.length);
        final long offsets = UNSAFE.allocateMemory((long)count * Integer.BYTES);
        final double handPackedBytes;
        try
        {
            handPackedBytes = (double)SlimBoxBenchmark.storeHandPacked(pool, values, offsets) / count + Integer.BYTES;
        }
        finally
        {
            UNSAFE.freeMemory(values);
            UNSAFE.freeMemory(offsets);
        }

        final UnsafeBuffer poolBuffer = new UnsafeBuffer(pool);
        final long index = Memory.allocate((long)count * Long.BYTES);
        final double slimBytes;
        final double heapPerString;
        final long heapTotal;
        try (BumpArena arena = new BumpArena(pool.length))
        {
            SlimBoxBenchmark.storePacked(arena, poolBuffer, index); // warms the path up, once
            final long calibrationStart = allocatedBytes();
            final long allocatedBefore = allocatedBytes();
            final long used = SlimBoxBenchmark.storePacked(arena, poolBuffer, index);
            final long allocated = allocatedBytes() - allocatedBefore - (allocatedBefore - calibrationStart);
            heapTotal = Math.max(0, allocated);
            heapPerString = calibrationStart < 0 ? Double.NaN : (double)heapTotal / count;
            checkReadBack(pool, index);
            slimBytes = (double)used / count + Long.BYTES;
        }
        finally
        {
            Memory.free(index);
        }

        System.out.println(String.format(Locale.ROOT,
            "%s %,d ASCII strings of %d-%d bytes (mean %.2f), bytes per string including its handle or reference:",
            LABEL, count, AsciiStrings.MIN_LENGTH, AsciiStrings.MAX_LENGTH, meanLength));
        System.out.println(String.format(Locale.ROOT,
            "%s   hoarfrost  U8 slim boxes in one BumpArena + 8-byte packed handles: %6.2f B (target <= 26)",
            LABEL, slimBytes));
        System.out.println(String.format(Locale.ROOT,
            "%s   hoarfrost  heap allocated while storing all of them: %,d B = %.4f B/string, " +
            "so at most %.5f heap objects/string (an object takes 16 B or more; target 0)",
            LABEL, heapTotal, heapPerString, heapPerString / MIN_OBJECT_BYTES));
        System.out.println(String.format(Locale.ROOT,
            "%s   String     in a String[] (heap growth after GC):                  %6.2f B (reference 63.3)",
            LABEL, stringBytes));
        System.out.println(String.format(Locale.ROOT,
            "%s   byte[]     in a byte[][] (heap growth after GC):                  %6.2f B (reference 39.5)",
            LABEL, arrayBytes));
        System.out.println(String.format(Locale.ROOT,
            "%s   unsafe     hand-packed [u16 length | bytes] + int offset index:  %6.2f B (reference 18 + 4)",
            LABEL, handPackedBytes));
    }

    private static String[] strings(final byte[] pool)
    {
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

    private static byte[][] arrays(final byte[] pool)
    {
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

    private static void checkReadBack(final byte[] pool, final long index)
    {
        int offset = 0;
        for (int i = 0; i < AsciiStrings.COUNT; i++)
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
