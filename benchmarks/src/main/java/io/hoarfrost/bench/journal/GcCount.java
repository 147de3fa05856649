package io.hoarfrost.bench.journal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/** The number of collections this JVM's collectors have run, summed: read before and after a measured part. */
final class GcCount
{
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private GcCount()
    {
    }

    /**
     * Collections so far, young and old, by every collector.
     *
     * @return the sum of {@link GarbageCollectorMXBean#getCollectionCount()}.
     */
    static long now()
    {
        long count = 0;
        for (int i = 0; i < COLLECTORS.size(); i++)
        {
            count += Math.max(0, COLLECTORS.get(i).getCollectionCount());
        }
        return count;
    }
}
