package io.hoarfrost.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures what checked mode costs per live block: retained heap and allocation time. Not a test;
 * a program to run by hand, whose numbers the README's checked-mode section quotes.
 *
 * <p>First times allocation and free: the best of 10 rounds of allocating 100,000 blocks (or
 * {@code N} if fewer) and freeing them. Then allocates {@code N} live 16-byte blocks with
 * {@link Memory#allocate(long)} from one call site, {@code D} frames below {@code main} (as a
 * test under JUnit and Maven is), and after {@code System.gc()} reports the used heap per live
 * block (the program's own {@code long[]} of addresses is allocated before the baseline, so it is
 * not counted); then frees them all and reports
 * again. Run from the project directory after {@code mvn -o -q test-compile}, with
 * {@code AGRONA_JAR} the Agrona jar (in {@code ~/.m2/repository/org/agrona/agrona/1.22.0/}):
 * <pre>
 * java -Xmx2g -Dhoarfrost.checks=true [-Dhoarfrost.checks.sites=caller|full] \
 *     -cp target/classes:target/test-classes:$AGRONA_JAR \
 *     io.hoarfrost.memory.CheckedModeFootprint 10000000 40
 * </pre>
 * The arguments are the number of live blocks (default 1,000,000) and the stack depth {@code D}
 * at the allocation (default 40).
 */
public final class CheckedModeFootprint
{
    private static final int BLOCK_SIZE = 16;
    private static final int TIMING_BATCH = 100_000;

    private CheckedModeFootprint()
    {
    }

    /**
     * Runs the measurement.
     *
     * @param args the number of live blocks and the stack depth, both optional.
     */
    public static void main(final String[] args)
    {
        final int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int depth = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        final long[] addresses = new long[count];
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // time: the best of 10 rounds of allocating then freeing a batch (the first rounds warm up)
        final int batch = Math.min(count, TIMING_BATCH);
        long bestAllocate = Long.MAX_VALUE;
        long bestFree = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++)
        {
            final long start = System.nanoTime();
            allocateAt(depth, addresses, 0, batch);
            final long allocated = System.nanoTime();
            for (int i = 0; i < batch; i++)
            {
                Memory.free(addresses[i]);
            }
            bestAllocate = Math.min(bestAllocate, allocated - start);
            bestFree = Math.min(bestFree, System.nanoTime() - allocated);
        }
        // space: the heap retained by count live blocks
        final long before = usedHeapAfterGc(memory);
        allocateAt(depth, addresses, 0, count);
        final long live = usedHeapAfterGc(memory);
        System.out.printf(
            "java %s, checks=%s, sites=%s, max heap %d MiB, stack depth %d%n" +
            "%,d live blocks of %d B: %.1f bytes of heap per live block%n" +
            "allocation %.2f us, free %.2f us (best of 10 rounds of %,d)%n",
            System.getProperty("java.version"), MemoryChecks.ENABLED, System.getProperty("hoarfrost.checks.sites"),
            Runtime.getRuntime().maxMemory() >> 20, depth, count, BLOCK_SIZE, (live - before) / (double)count,
            bestAllocate / 1000.0 / batch, bestFree / 1000.0 / batch, batch);
        if (MemoryChecks.ENABLED && MemoryChecks.liveCount() < count)
        {
            throw new IllegalStateException("expected " + count + " live blocks, checked mode has " +
                MemoryChecks.liveCount());
        }
        for (int i = 0; i < count; i++)
        {
            Memory.free(addresses[i]);
        }
        System.out.printf("all freed: %.1f bytes of heap per block still retained%n",
            (usedHeapAfterGc(memory) - before) / (double)count);
    }

    /** Fills {@code addresses[from, to)} with new blocks, {@code depth} frames down. */
    private static long[] allocateAt(final int depth, final long[] addresses, final int from, final int to)
    {
        if (depth > 1)
        {
            return allocateAt(depth - 1, addresses, from, to);
        }
        for (int i = from; i < to; i++)
        {
            addresses[i] = Memory.allocate(BLOCK_SIZE);
        }
        return addresses;
    }

    private static long usedHeapAfterGc(final MemoryMXBean memory)
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
