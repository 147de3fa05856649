package io.hoarfrost.array;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/** Iteration and the typed factories allocate nothing on the Java heap per element. */
public class IterationGarbageTest
{
    private static final int LENGTH = 200_000;
    private static final long SLACK = 4_096;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    private static long sum;

    private static long allocatedBytes()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue("needs HotSpot's allocation counter", threads instanceof com.sun.management.ThreadMXBean);
        return ((com.sun.management.ThreadMXBean)threads).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static void iterateEverything(final LabeledArrayView view, final ArrayLayout longs, final long longBlock,
        final ArrayLayout bytes, final long byteBlock)
    {
        view.wrap(longs, longBlock).forEachLong(v -> sum += v);
        view.forEachLongIndexed((i, v) -> sum += v + i);
        view.forEachDouble(v -> sum += (long)v);
        view.wrap(bytes, byteBlock).forEachByte(v -> sum += v);
        view.forEachByteIndexed((i, v) -> sum += v);
    }

    @Test
    public void iterationAndLongHandleFactoriesAllocateNothingPerElement()
    {
        assumeTrue("checked mode tracks blocks on the heap", !MemoryChecks.ENABLED);
        final ArrayLayout longs = ArrayLayout.thin(ElementType.LONG);
        final ArrayLayout bytes = ArrayLayout.thin(ElementType.BYTE);
        final LabeledArrayView view = new LabeledArrayView();
        for (int round = 0; round < 3; round++)
        {
            final long warmLongs = longs.allocateLongs(16, i -> i * 1_000_000L);
            final long warmBytes = bytes.allocateBytes(16, i -> (byte)i);
            iterateEverything(view, longs, warmLongs, bytes, warmBytes);
            view.unwrap();
            longs.free(warmLongs);
            bytes.free(warmBytes);
        }

        long least = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++)
        {
            final long before = allocatedBytes();
            final long longBlock = longs.allocateLongs(LENGTH, i -> i * 1_000_000L);
            final long byteBlock = bytes.allocateBytes(LENGTH, i -> (byte)i);
            iterateEverything(view, longs, longBlock, bytes, byteBlock);
            least = Math.min(least, allocatedBytes() - before);
            view.unwrap();
            longs.free(longBlock);
            bytes.free(byteBlock);
        }
        assertTrue(least + " bytes of heap for " + LENGTH + " elements, six passes", least < SLACK);
        assertTrue(sum != 0);
    }
}
