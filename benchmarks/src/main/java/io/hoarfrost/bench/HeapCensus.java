package io.hoarfrost.bench;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Counts the live objects on this JVM's heap with HotSpot's class histogram, the in-process form
 * of {@code jcmd <pid> GC.class_histogram}: a full collection, then a walk of the heap that counts
 * instances per class. The footprint scaling takes one census before building a representation
 * and one after, and divides the difference by the string count: heap objects per string,
 * measured rather than assumed.
 *
 * <p>Reads only the histogram's {@code Total} line. Needs the {@code DiagnosticCommand} MBean
 * (HotSpot, JDK 8 and later); {@link #isAvailable()} says whether this JVM has it. A census of
 * ten million objects takes about a second.
 */
final class HeapCensus
{
    private static final String MBEAN = "com.sun.management:type=DiagnosticCommand";
    private static final String OPERATION = "gcClassHistogram";
    private static final String TOTAL = "Total";

    private HeapCensus()
    {
    }

    /**
     * Whether this JVM can take a census: one is taken and thrown away, which also loads and
     * warms the machinery so that later censuses count none of its own objects.
     *
     * @return true if {@link #liveObjects()} works here.
     */
    static boolean isAvailable()
    {
        try
        {
            liveObjects();
            return true;
        }
        catch (final IllegalStateException ex)
        {
            return false;
        }
    }

    /**
     * Collects garbage and counts the objects left.
     *
     * @return live objects on the heap, of every class.
     * @throws IllegalStateException saying why if this JVM has no class histogram or its output
     *                               has no {@code Total} line.
     */
    static long liveObjects()
    {
        final String histogram;
        try
        {
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            histogram = (String)server.invoke(new ObjectName(MBEAN), OPERATION,
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
        }
        catch (final JMException | RuntimeException ex)
        {
            throw new IllegalStateException("this JVM takes no class histogram (" + ex + ")", ex);
        }
        return totalInstances(histogram);
    }

    /**
     * The instance count of a class histogram's {@code Total} line,
     * {@code "Total   <instances>   <bytes>"}.
     *
     * @param histogram the text {@code GC.class_histogram} prints.
     * @return the total instance count.
     * @throws IllegalStateException if the text has no such line.
     */
    static long totalInstances(final String histogram)
    {
        for (final String line : histogram.split("\n"))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length >= 3 && TOTAL.equals(fields[0]))
            {
                try
                {
                    return Long.parseLong(fields[1]);
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalStateException("class histogram total '" + line.trim() + "' is not a count", ex);
                }
            }
        }
        throw new IllegalStateException("class histogram has no Total line");
    }
}
