package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The four series of the scaling pass (issue 8), built from its JMH measurements and its
 * footprint points, with the legend names and notes a reader needs:
 * <ul>
 *   <li>{@code size}: ns per allocation by block size, from {@value #SIZE_BENCHMARK};</li>
 *   <li>{@code threads}: throughput on 1 and 2 threads, from {@value #THREADS_BENCHMARK};</li>
 *   <li>{@code footprint-bytes} and {@code footprint-objects}: bytes and heap objects per string
 *       by string count, from the footprint scaling.</li>
 * </ul>
 * A method with no legend name here still gets a line, named {@code operation_impl}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScalingSeries
{
    /** The benchmark class of the size series. */
    public static final String SIZE_BENCHMARK = "AllocationSizeBenchmark";

    /** The benchmark class of the threads series. */
    public static final String THREADS_BENCHMARK = "ThreadScalingBenchmark";

    /** JMH include pattern that matches both scaling classes and nothing else. */
    public static final String BENCHMARKS_PATTERN = "\\.(" + SIZE_BENCHMARK + "|" + THREADS_BENCHMARK + ")\\.";

    /** The string counts of the footprint series. */
    public static final List<Integer> FOOTPRINT_COUNTS =
        Collections.unmodifiableList(Arrays.asList(10_000, 100_000, 1_000_000, 10_000_000));

    private static final Pattern THREAD_SUFFIX = Pattern.compile("\\d+t$");
    private static final String GARBAGE = "hoarfrost B/op";
    private static final Series.Format MEASURED = MarkdownTable::measured;
    private static final Series.Format TWO_DECIMALS = (value, error) -> String.format(Locale.ROOT, "%.2f", value);
    private static final Series.Format BYTES = (value, error) -> MarkdownTable.bytes(value);

    /** Size series: method, legend, column name. */
    private static final String[][] SIZE_LINES =
    {
        {"allocateFree_hoarfrost", "Pool (hoarfrost)", "Pool"},
        {"allocateFreeConcurrent_hoarfrost", "ConcurrentPool, one thread (hoarfrost)", "ConcurrentPool"},
        {"arenaAllocate_hoarfrost", "BumpArena, reset when full (hoarfrost)", "BumpArena"},
        {"allocateFree_unsafe", "malloc + free (unsafe)", "unsafe"},
        {"allocateFree_netty", "Netty pooled direct buffer (netty)", "netty"},
    };

    /** Threads series: operation without its thread count and impl, legend, column name. */
    private static final String[][] THREAD_LINES =
    {
        {"allocateFree_hoarfrost", "ConcurrentPool, shared (hoarfrost)", "ConcurrentPool"},
        {"arenaAllocate_hoarfrost", "BumpArena per thread (hoarfrost)", "BumpArena"},
        {"allocateFree_unsafe", "malloc + free (unsafe)", "unsafe"},
        {"allocateFree_netty", "Netty pooled direct buffer (netty)", "netty"},
    };

    /** Footprint series: representation, legend, column name. */
    private static final String[][] FOOTPRINT_LINES =
    {
        {FootprintPoint.HOARFROST, "U8 slim boxes in one BumpArena + 8 B handle (hoarfrost)", "hoarfrost"},
        {FootprintPoint.STRING, "String in a String[]", "String"},
        {FootprintPoint.BYTE_ARRAY, "byte[] in a byte[][]", "byte[]"},
        {FootprintPoint.UNSAFE, "hand-packed [u16 length | bytes] + int offset (unsafe)", "unsafe"},
    };

    private ScalingSeries()
    {
    }

    /** The series with data, in report order: size, threads, footprint-bytes, footprint-objects. */
    static List<Series> all(final List<Measurement> measurements, final List<FootprintPoint> footprint)
    {
        final List<Series> kept = new ArrayList<>();
        for (final Series one : Arrays.asList(size(measurements), threads(measurements), footprintBytes(footprint),
            footprintObjects(footprint)))
        {
            if (!one.isEmpty())
            {
                kept.add(one);
            }
        }
        return kept;
    }

    /** The series as markdown: per series a {@code ##} heading, its table and its note. */
    static String markdown(final List<Series> series)
    {
        final String newline = System.lineSeparator();
        final StringBuilder text = new StringBuilder();
        for (final Series one : series)
        {
            text.append("## ").append(one.title).append(newline).append(newline).append(one.table().render())
                .append(newline).append(one.note).append(newline).append(newline);
        }
        return text.toString();
    }

    /**
     * ns per allocate and free by block size, one line per method of {@value #SIZE_BENCHMARK}, and a
     * table-only column with the most heap bytes any Hoarfrost method allocated per operation.
     */
    static Series size(final List<Measurement> measurements)
    {
        final Series series = new Series("size", "Allocation size: ns per allocation and free, one thread", "size",
            ScalingSeries::bytesLabel, "allocation size, bytes (log scale)", true, "ns per operation (log scale)", true,
            true, "ns per block allocated and freed on one thread (average ± 99.9% confidence interval). BumpArena " +
            "frees in bulk: its time is one allocation plus its share of the reset when the 4 MiB arena is full. " +
            "The last row is the time at the largest size over the time at the smallest: 1.00 means the cost " +
            "does not grow with the size. " + GARBAGE + ": the most heap bytes any Hoarfrost row allocated per " +
            "operation (0 expected).");
        addKnown(series, SIZE_LINES, " ns/op", MEASURED);
        for (final Measurement m : measurements)
        {
            final String size = m.param("size");
            if (SIZE_BENCHMARK.equals(m.benchmarkClass) && null != size)
            {
                final double x = Double.parseDouble(size);
                series.column(m.method, m.method, m.method + " ns/op", MEASURED).put(x, m.nanos, m.nanosError);
                addGarbage(series, m, x);
            }
        }
        return series;
    }

    /**
     * Throughput of all threads together, threads &times; 10<sup>3</sup> / (ns/op), in million
     * operations per second, by thread count, one line per operation and impl of
     * {@value #THREADS_BENCHMARK} (the operation's {@code 1t}/{@code 2t} suffix removed; the thread
     * count is the one JMH recorded), and a table-only column with the most heap bytes any Hoarfrost
     * method allocated per operation.
     */
    static Series threads(final List<Measurement> measurements)
    {
        final Series series = new Series("threads", "Threads: allocations per second, all threads together", "threads",
            x -> String.format(Locale.ROOT, "%d", Math.round(x)), "threads", false, "million operations per second",
            false, true, "Million blocks allocated and freed per second by all threads together: threads x 1000 / " +
            "(ns per operation on each thread); the error is scaled from the time's. The last row is the speed-up: " +
            "2.00 at 2 threads is perfect scaling. The rows with more threads need as many free cores; on fewer the " +
            "threads take turns. " + GARBAGE + ": the most heap bytes any Hoarfrost row allocated per operation " +
            "(0 expected).");
        addKnown(series, THREAD_LINES, " M ops/s", MEASURED);
        for (final Measurement m : measurements)
        {
            if (THREADS_BENCHMARK.equals(m.benchmarkClass))
            {
                final String key = THREAD_SUFFIX.matcher(m.operation).replaceFirst("") + '_' + m.impl;
                final double throughput = m.threads * 1e3 / m.nanos;
                series.column(key, key, key + " M ops/s", MEASURED)
                    .put(m.threads, throughput, throughput * m.nanosError / m.nanos);
                addGarbage(series, m, m.threads);
            }
        }
        return series;
    }

    /** Bytes per string by string count, one line per representation. */
    static Series footprintBytes(final List<FootprintPoint> points)
    {
        final Series series = new Series("footprint-bytes", "Footprint: bytes per string", "strings",
            ScalingSeries::countLabel, "strings stored (log scale)", true, "bytes per string", false, true,
            "Bytes per ASCII string of 8 to 24 bytes (mean 16), what finds it included: String and byte[] are " +
            "the used heap's growth after full collections, reference included; hoarfrost is the arena bytes " +
            "used plus its 8-byte handle; unsafe the raw bytes used plus its 4-byte offset. The last row is " +
            "the value at the largest count over the value at the smallest: 1.00 means a flat cost per string.");
        addKnown(series, FOOTPRINT_LINES, " B", TWO_DECIMALS);
        for (final FootprintPoint point : points)
        {
            series.column(point.impl, point.impl, point.impl + " B", TWO_DECIMALS)
                .put(point.count, point.bytesPerString, Double.NaN);
        }
        return series;
    }

    /**
     * Heap objects per string by string count, one line per representation, and a table-only column
     * with Hoarfrost's heap bytes allocated per string while storing.
     */
    static Series footprintObjects(final List<FootprintPoint> points)
    {
        final Series series = new Series("footprint-objects", "Footprint: heap objects per string", "strings",
            ScalingSeries::countLabel, "strings stored (log scale)", true, "heap objects per string", false, false,
            "Live heap objects each representation added, per string: HotSpot's class histogram " +
            "(GC.class_histogram) before and after building it, containers included (one String[] or BumpArena " +
            "for all the strings). hoarfrost B allocated: heap bytes allocated per string while storing them, " +
            "from the thread's allocation counter (0 expected).");
        addKnown(series, FOOTPRINT_LINES, " objects", TWO_DECIMALS);
        final Series.Column allocated = series.column("allocated", null, "hoarfrost B allocated", TWO_DECIMALS);
        for (final FootprintPoint point : points)
        {
            series.column(point.impl, point.impl, point.impl + " objects", TWO_DECIMALS)
                .put(point.count, point.objectsPerString, Double.NaN);
            if (FootprintPoint.HOARFROST.equals(point.impl))
            {
                allocated.put(point.count, point.heapAllocatedPerString, Double.NaN);
            }
        }
        return series;
    }

    /** How the tables name a string count: {@code "10,000"}. */
    static String countLabel(final double count)
    {
        return String.format(Locale.ROOT, "%,d", Math.round(count));
    }

    /** How the tables name a byte count: {@code "64 B"}, {@code "1 KiB"}, {@code "4 MiB"}. */
    static String bytesLabel(final double value)
    {
        final long bytes = Math.round(value);
        if (bytes >= (1 << 20) && bytes % (1 << 20) == 0)
        {
            return (bytes >> 20) + " MiB";
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " B";
    }

    private static void addKnown(final Series series, final String[][] known, final String unit, final Series.Format format)
    {
        for (final String[] line : known)
        {
            series.column(line[0], line[1], line[2] + unit, format);
        }
    }

    private static void addGarbage(final Series series, final Measurement m, final double x)
    {
        final Series.Column garbage = series.column(GARBAGE, null, GARBAGE, BYTES);
        if (m.isHoarfrost() && !(m.bytesPerOp <= garbage.value(x))) // the most; true when none yet, a NaN is not put
        {
            garbage.put(x, m.bytesPerOp, Double.NaN);
        }
    }
}
