package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The JMH parameter of the size series. */
    static final String SIZE_PARAM = "size";

    private static final Pattern THREAD_SUFFIX = Pattern.compile("\\d+t$");
    private static final double NANOS_PER_MICRO = 1e3;
    private static final String GARBAGE = "hoarfrost B/op";

    /** Size series: method to {legend, column name}. */
    private static final String[][] SIZE_LINES =
    {
        {"allocateFree_hoarfrost", "Pool (hoarfrost)", "Pool"},
        {"allocateFreeConcurrent_hoarfrost", "ConcurrentPool, one thread (hoarfrost)", "ConcurrentPool"},
        {"arenaAllocate_hoarfrost", "BumpArena, reset when full (hoarfrost)", "BumpArena"},
        {"allocateFree_unsafe", "malloc + free (unsafe)", "unsafe"},
        {"allocateFree_netty", "Netty pooled direct buffer (netty)", "netty"},
    };

    /** Threads series: operation without its thread count, and impl, to {legend, column name}. */
    private static final String[][] THREAD_LINES =
    {
        {"allocateFree_hoarfrost", "ConcurrentPool, shared (hoarfrost)", "ConcurrentPool"},
        {"arenaAllocate_hoarfrost", "BumpArena per thread (hoarfrost)", "BumpArena"},
        {"allocateFree_unsafe", "malloc + free (unsafe)", "unsafe"},
        {"allocateFree_netty", "Netty pooled direct buffer (netty)", "netty"},
    };

    /** Footprint series: representation to {legend, column name}. */
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

    /**
     * All four series, in the order the report shows them; series without data are empty.
     *
     * @param measurements the scaling pass's JMH measurements (other classes are ignored).
     * @param footprint    the footprint points, or an empty list.
     * @return size, threads, footprint-bytes, footprint-objects.
     */
    public static List<Series> all(final List<Measurement> measurements, final List<FootprintPoint> footprint)
    {
        return Arrays.asList(size(measurements), threads(measurements), footprintBytes(footprint),
            footprintObjects(footprint));
    }

    /**
     * ns per allocate and free by block size, one line per method of {@value #SIZE_BENCHMARK},
     * and a table-only column with the most heap bytes any Hoarfrost method allocated per
     * operation.
     *
     * @param measurements measurements of any classes.
     * @return the series.
     */
    public static Series size(final List<Measurement> measurements)
    {
        final Map<String, SeriesLine> lines = lines(SIZE_LINES, " ns/op", SeriesLine.Format.MEASURED);
        final SeriesLine garbage = new SeriesLine(GARBAGE, GARBAGE, SeriesLine.Format.BYTES, false);
        for (final Measurement measurement : measurements)
        {
            final String size = measurement.param(SIZE_PARAM);
            if (!SIZE_BENCHMARK.equals(measurement.benchmarkClass()) || null == size)
            {
                continue;
            }
            final double x = Double.parseDouble(size);
            line(lines, measurement.method(), " ns/op", SeriesLine.Format.MEASURED)
                .put(x, measurement.nanos(), measurement.nanosError());
            if (measurement.isHoarfrost())
            {
                putMax(garbage, x, measurement.bytesPerOp());
            }
        }
        final List<SeriesLine> all = new ArrayList<>(lines.values());
        all.add(garbage);
        return new Series("size", "Allocation size: ns per allocation and free, one thread", SeriesAxis.BYTES_LOG2,
            "ns per operation (log scale)", true, true,
            "ns per block allocated and freed on one thread (average ± 99.9% confidence interval). BumpArena " +
            "frees in bulk: its time is one allocation plus its share of the reset when the 4 MiB arena is full. " +
            "The last row is the time at the largest size over the time at the smallest: 1.00 means the cost " +
            "does not grow with the size. " + GARBAGE + ": the most heap bytes any Hoarfrost row allocated per " +
            "operation (0 expected).",
            all);
    }

    /**
     * Throughput of all threads together, threads &times; 10<sup>3</sup> / (ns/op), in million
     * operations per second, by thread count, one line per operation and impl of
     * {@value #THREADS_BENCHMARK} (the operation's {@code 1t}/{@code 2t} suffix removed; the
     * thread count is the one JMH recorded), and a table-only column with the most heap bytes any
     * Hoarfrost method allocated per operation.
     *
     * @param measurements measurements of any classes.
     * @return the series.
     */
    public static Series threads(final List<Measurement> measurements)
    {
        final Map<String, SeriesLine> lines = lines(THREAD_LINES, " M ops/s", SeriesLine.Format.MEASURED);
        final SeriesLine garbage = new SeriesLine(GARBAGE, GARBAGE, SeriesLine.Format.BYTES, false);
        for (final Measurement measurement : measurements)
        {
            if (!THREADS_BENCHMARK.equals(measurement.benchmarkClass()))
            {
                continue;
            }
            final String key = THREAD_SUFFIX.matcher(measurement.operation()).replaceFirst("") + '_' + measurement.impl();
            final int threads = measurement.threads();
            final double throughput = threads * NANOS_PER_MICRO / measurement.nanos();
            final double error = throughput * measurement.nanosError() / measurement.nanos();
            line(lines, key, " M ops/s", SeriesLine.Format.MEASURED).put(threads, throughput, error);
            if (measurement.isHoarfrost())
            {
                putMax(garbage, threads, measurement.bytesPerOp());
            }
        }
        final List<SeriesLine> all = new ArrayList<>(lines.values());
        all.add(garbage);
        return new Series("threads", "Threads: allocations per second, all threads together", SeriesAxis.THREADS,
            "million operations per second", false, true,
            "Million blocks allocated and freed per second by all threads together: threads x 1000 / (ns per " +
            "operation on each thread); the error is scaled from the time's. The last row is the speed-up: 2.00 " +
            "at 2 threads is perfect scaling. The rows with more threads need as many free cores; on fewer the " +
            "threads take turns. " + GARBAGE + ": the most heap bytes any Hoarfrost row allocated per operation " +
            "(0 expected).",
            all);
    }

    /**
     * Bytes per string by string count, one line per representation.
     *
     * @param points the footprint points.
     * @return the series.
     */
    public static Series footprintBytes(final List<FootprintPoint> points)
    {
        final Map<String, SeriesLine> lines = lines(FOOTPRINT_LINES, " B", SeriesLine.Format.TWO_DECIMALS);
        for (final FootprintPoint point : points)
        {
            line(lines, point.impl(), " B", SeriesLine.Format.TWO_DECIMALS)
                .put(point.count(), point.bytesPerString(), Double.NaN);
        }
        return new Series("footprint-bytes", "Footprint: bytes per string", SeriesAxis.COUNT_LOG10,
            "bytes per string", false, true,
            "Bytes per ASCII string of 8 to 24 bytes (mean 16), what finds it included: String and byte[] are " +
            "the used heap's growth after full collections, reference included; hoarfrost is the arena bytes " +
            "used plus its 8-byte handle; unsafe the raw bytes used plus its 4-byte offset. The last row is " +
            "the value at the largest count over the value at the smallest: 1.00 means a flat cost per string.",
            new ArrayList<>(lines.values()));
    }

    /**
     * Heap objects per string by string count, one line per representation, and a table-only
     * column with Hoarfrost's heap bytes allocated per string while storing.
     *
     * @param points the footprint points.
     * @return the series.
     */
    public static Series footprintObjects(final List<FootprintPoint> points)
    {
        final Map<String, SeriesLine> lines = lines(FOOTPRINT_LINES, " objects", SeriesLine.Format.TWO_DECIMALS);
        final SeriesLine allocated = new SeriesLine("hoarfrost B allocated", "hoarfrost B allocated",
            SeriesLine.Format.TWO_DECIMALS, false);
        for (final FootprintPoint point : points)
        {
            line(lines, point.impl(), " objects", SeriesLine.Format.TWO_DECIMALS)
                .put(point.count(), point.objectsPerString(), Double.NaN);
            if (FootprintPoint.HOARFROST.equals(point.impl()) && !Double.isNaN(point.heapAllocatedPerString()))
            {
                allocated.put(point.count(), point.heapAllocatedPerString(), Double.NaN);
            }
        }
        final List<SeriesLine> all = new ArrayList<>(lines.values());
        all.add(allocated);
        return new Series("footprint-objects", "Footprint: heap objects per string", SeriesAxis.COUNT_LOG10,
            "heap objects per string", false, false,
            "Live heap objects each representation added, per string: HotSpot's class histogram (GC.class_histogram) " +
            "before and after building it, containers included (one String[] or BumpArena for all the strings). " +
            "hoarfrost B allocated: heap bytes allocated per string while storing them, from the thread's " +
            "allocation counter (0 expected).",
            all);
    }

    private static Map<String, SeriesLine> lines(final String[][] known, final String unit, final SeriesLine.Format format)
    {
        final Map<String, SeriesLine> lines = new LinkedHashMap<>();
        for (final String[] line : known)
        {
            lines.put(line[0], new SeriesLine(line[1], line[2] + unit, format, true));
        }
        return lines;
    }

    private static SeriesLine line(
        final Map<String, SeriesLine> lines, final String key, final String unit, final SeriesLine.Format format)
    {
        SeriesLine line = lines.get(key);
        if (null == line)
        {
            line = new SeriesLine(key, key + unit, format, true);
            lines.put(key, line);
        }
        return line;
    }

    private static void putMax(final SeriesLine line, final double x, final double value)
    {
        if (Double.isNaN(value))
        {
            return;
        }
        final double current = line.value(x);
        if (Double.isNaN(current) || value > current)
        {
            line.put(x, value, Double.NaN);
        }
    }
}
