package io.hoarfrost.bench;

import io.hoarfrost.bench.report.FootprintPoint;
import io.hoarfrost.bench.report.RecordedFootprint;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The footprint scaling (issue 8): {@link StringFootprint} for each string count given, with heap
 * objects counted by {@link HeapCensus}, written as a {@link RecordedFootprint} file. The runner
 * ({@code benchmarks/run --scaling}) starts it in a JVM of its own with a heap big enough for ten
 * million {@code String}s (about 650 MB of them, and the 160 MB pool they are made from); it is
 * not a JMH benchmark, as nothing here is timed.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks.jar io.hoarfrost.bench.FootprintScaling OUT.json COUNT...
 * </pre>
 *
 * <p>A first pass over {@value #WARM_UP_COUNT} strings is thrown away. Prints one line per count as
 * it goes. Exits with 0 on success, 1 if a measurement fails,
 * 2 on bad arguments.
 */
public final class FootprintScaling
{
    /**
     * Strings of the first pass, whose results are thrown away: it loads and initialises every
     * class and code path the measurement touches, which would otherwise add a few hundred heap
     * objects to the first count's census.
     */
    static final int WARM_UP_COUNT = 10_000;

    private static final int EXIT_FAILURE = 1;
    private static final int EXIT_USAGE = 2;
    private static final String USAGE = "usage: java -cp benchmarks.jar " + FootprintScaling.class.getName() +
        " OUT.json COUNT...   (COUNT from 1 to " + AsciiStrings.MAX_COUNT + ")";

    private FootprintScaling()
    {
    }

    /**
     * Measures every count and writes the file.
     *
     * @param args the output file, then one or more string counts.
     */
    public static void main(final String[] args)
    {
        int status = 0;
        try
        {
            run(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("error: " + ex.getMessage());
            System.err.println(USAGE);
            status = EXIT_USAGE;
        }
        catch (final IOException | IllegalStateException | OutOfMemoryError ex)
        {
            System.err.println("error: the footprint scaling failed: " + ex);
            status = EXIT_FAILURE;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            System.err.println("error: interrupted");
            status = EXIT_FAILURE;
        }
        System.exit(status);
    }

    private static void run(final String[] args) throws IOException, InterruptedException
    {
        if (args.length < 2)
        {
            throw new IllegalArgumentException("expected an output file and at least one count");
        }
        final int[] counts = new int[args.length - 1];
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = count(args[i + 1]);
        }
        final boolean census = HeapCensus.isAvailable();
        if (!census)
        {
            System.out.println("footprint: this JVM takes no class histogram; heap objects per string are not counted");
        }
        StringFootprint.measure(WARM_UP_COUNT, census);
        final List<FootprintPoint> points = new ArrayList<>();
        for (final int count : counts)
        {
            final StringFootprint footprint = StringFootprint.measure(count, census);
            points.add(new FootprintPoint(FootprintPoint.HOARFROST, count, footprint.slimBytes, footprint.slimObjects,
                footprint.slimHeapPerString));
            points.add(new FootprintPoint(FootprintPoint.STRING, count, footprint.stringBytes, footprint.stringObjects,
                Double.NaN));
            points.add(new FootprintPoint(FootprintPoint.BYTE_ARRAY, count, footprint.arrayBytes, footprint.arrayObjects,
                Double.NaN));
            points.add(new FootprintPoint(FootprintPoint.UNSAFE, count, footprint.handPackedBytes,
                footprint.handPackedObjects, Double.NaN));
            System.out.println(String.format(Locale.ROOT,
                "footprint: %,d strings: hoarfrost %.2f B, %.4f objects (%.4f B allocated); String %.2f B, %.4f objects; " +
                "byte[] %.2f B, %.4f objects; unsafe %.2f B, %.4f objects (per string)",
                count, footprint.slimBytes, footprint.slimObjects, footprint.slimHeapPerString,
                footprint.stringBytes, footprint.stringObjects, footprint.arrayBytes, footprint.arrayObjects,
                footprint.handPackedBytes, footprint.handPackedObjects));
        }
        RecordedFootprint.write(Paths.get(args[0]), describeJvm(), points);
    }

    private static int count(final String text)
    {
        try
        {
            final int count = Integer.parseInt(text);
            if (count < 1 || count > AsciiStrings.MAX_COUNT)
            {
                throw new IllegalArgumentException("count " + count + " is out of range");
            }
            return count;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("count '" + text + "' is not a whole number", ex);
        }
    }

    private static String describeJvm()
    {
        final StringBuilder collectors = new StringBuilder();
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            collectors.append(collectors.length() == 0 ? "" : " + ").append(collector.getName());
        }
        return String.format(Locale.ROOT, "JDK %s, %s; max heap %d MB; collectors %s",
            System.getProperty("java.version"), System.getProperty("java.vm.name"),
            Runtime.getRuntime().maxMemory() >> 20, collectors);
    }
}
