package io.hoarfrost.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report of the tail pass (issue 15, item 3): the operations of {@code TailLatencyBenchmark},
 * each with the implementations that do it, and for each operation a table (a row per
 * implementation: p50 to p99.99, the maximum, the samples and the forks' GC pauses; at most
 * {@value #MAX_WIDTH} columns on the console) and a PNG chart in the HdrHistogram convention:
 * latency (log scale) against the percentile, placed at log<sub>10</sub>(1 / (1 - p)) so that each
 * "nine" (90%, 99%, 99.9%, 99.99%) is one step to the right.
 *
 * <p>Stateless and thread-safe.
 */
final class TailReport
{
    /** The benchmark class of the pass. */
    static final String BENCHMARK = "TailLatencyBenchmark";

    /** Widest console table, in columns. */
    static final int MAX_WIDTH = 120;

    static final int WIDTH = 960;
    static final int HEIGHT = 600;

    /** The timer floor's method, drawn on every chart. */
    static final String TIMER = "timer_empty";

    /** Latencies from this many ns on print in ms (or s), so that no cell is wider than 9 characters. */
    private static final double MS_FROM = 10_000_000;

    /** The operations, in report order. */
    static final List<Operation> OPERATIONS = Collections.unmodifiableList(Arrays.asList(
        new Operation("allocate-free", "allocate + free, 64 B blocks, 256 live",
            "Each call takes a 64-byte block and gives back the one taken 256 calls earlier (heap and " +
            "allocateDirect: drop it for the GC).",
            "allocateFree_pool", "Pool", "Pool (hoarfrost)",
            "allocateFree_concurrentPool", "ConcurrentPool", "ConcurrentPool, 1 thread (hoarfrost)",
            "allocateFree_malloc", "malloc/free", "malloc + free (Unsafe)",
            "allocateFree_netty", "Netty pooled", "Netty pooled direct ByteBuf",
            "allocateFree_allocateDirect", "allocateDirect", "ByteBuffer.allocateDirect, left to the GC",
            "allocateFree_heap", "heap byte[64]", "new byte[64], left to the GC",
            TIMER, "timer floor", "timer floor (empty method)"),
        new Operation("arena-allocate", "arena allocate, 64 B, reset when full",
            "BumpArena.allocate(64, 8) on a 64 MiB arena, reset when full; the other rows are the " +
            "allocate + free measurements, the same 64 bytes got another way.",
            "arenaAllocate_bumpArena", "BumpArena", "BumpArena, reset when full (hoarfrost)",
            "allocateFree_malloc", "malloc/free", "malloc + free (Unsafe)",
            "allocateFree_netty", "Netty pooled", "Netty pooled direct ByteBuf",
            "allocateFree_allocateDirect", "allocateDirect", "ByteBuffer.allocateDirect, left to the GC",
            "allocateFree_heap", "heap byte[64]", "new byte[64], left to the GC",
            TIMER, "timer floor", "timer floor (empty method)"),
        new Operation("retain-release", "retain + release, 256 live counts",
            "One retain and one release on the next of 256 live counted blocks (atomic 32-bit counts).",
            "retainRelease_rime", "Rime ATOMIC_U32", "Rime, ATOMIC_U32 (hoarfrost)",
            "retainRelease_unsafe", "raw getAndAdd", "raw getAndAddInt (Unsafe)",
            "retainRelease_netty", "Netty ByteBuf", "Netty pooled ByteBuf retain + release",
            "retainRelease_atomicInteger", "AtomicInteger", "AtomicInteger on the heap",
            TIMER, "timer floor", "timer floor (empty method)"),
        new Operation("copy-close", "copy 64 B off the heap + close, 256 live",
            "Each call copies a 64-byte array into a new block and frees the copy made 256 calls earlier " +
            "(heap and allocateDirect: drop it for the GC). The Flakes are live objects, so they are heap " +
            "garbage once closed.",
            "copyClose_flake", "Flake", "Flake.copyOf + close (hoarfrost)",
            "copyClose_malloc", "malloc+copy+free", "malloc + copy + free (Unsafe)",
            "copyClose_netty", "Netty pooled", "Netty pooled directBuffer + writeBytes + release",
            "copyClose_allocateDirect", "allocateDirect", "ByteBuffer.allocateDirect + put, left to the GC",
            "copyClose_heap", "heap byte[] copy", "new byte[64] + arraycopy, left to the GC",
            TIMER, "timer floor", "timer floor (empty method)"),
        new Operation("append", "MappedArena.append, 64 B records",
            "Append and commit a 64-byte record to a 64 MiB mapped arena on tmpfs, every page touched in " +
            "setup, reset when full; the raw floor does the same frame, copy and release store by hand.",
            "append_mappedArena", "MappedArena", "MappedArena.append (hoarfrost)",
            "append_unsafe", "raw append", "raw frame + copy + release store (Unsafe)",
            TIMER, "timer floor", "timer floor (empty method)")));

    private TailReport()
    {
    }

    /** Every method the operations name, once each, in report order. */
    static List<String> methods()
    {
        final Set<String> methods = new LinkedHashSet<>();
        for (final Operation operation : OPERATIONS)
        {
            methods.addAll(operation.methods);
        }
        return new ArrayList<>(methods);
    }

    /**
     * Whether an operation has a result other than the timer floor's: only then is it reported.
     *
     * @param operation the operation.
     * @param results   the distributions, by method.
     * @return whether it has one.
     */
    static boolean measured(final Operation operation, final Map<String, TailLatency> results)
    {
        for (final String method : operation.methods)
        {
            if (!TIMER.equals(method) && results.containsKey(method))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The table of one operation: a row per implementation measured.
     *
     * @param operation the operation.
     * @param results   the distributions, by method; methods without one are left out.
     * @return the table; no rows if nothing was measured.
     */
    static MarkdownTable table(final Operation operation, final Map<String, TailLatency> results)
    {
        final MarkdownTable table = new MarkdownTable("lrrrrrrrrrr",
            "implementation", "p50", "p90", "p99", "p99.9", "p99.99", "max", "samples", "GCs", "GC ms", "GC max");
        for (int i = 0; i < operation.methods.size(); i++)
        {
            final TailLatency result = results.get(operation.methods.get(i));
            if (null == result)
            {
                continue;
            }
            final String[] cells = new String[11];
            cells[0] = operation.names.get(i);
            for (int p = 0; p < TailLatency.PERCENTILES.length; p++)
            {
                cells[1 + p] = latency(result.values[p]);
            }
            cells[6] = latency(result.max);
            cells[7] = String.format(Locale.ROOT, "%,d", result.samples);
            final boolean logged = result.gc.logs > 0;
            cells[8] = logged ? String.format(Locale.ROOT, "%,d", result.gc.count) : MarkdownTable.MISSING;
            cells[9] = logged ? millis(result.gc.totalMillis) : MarkdownTable.MISSING;
            cells[10] = logged ? millis(result.gc.longestMillis) : MarkdownTable.MISSING;
            table.addRow(cells);
        }
        return table;
    }

    /**
     * The console text: per operation with data, its title and its plain table.
     *
     * @param results the distributions, by method.
     * @return the text.
     */
    static String console(final Map<String, TailLatency> results)
    {
        final String newline = System.lineSeparator();
        final StringBuilder text = new StringBuilder();
        for (final Operation operation : OPERATIONS)
        {
            final MarkdownTable table = table(operation, results);
            if (measured(operation, results))
            {
                text.append(operation.title).append(" (ns)").append(newline).append(table.renderPlain()).append(newline);
            }
        }
        return text.append(legend()).append(newline).toString();
    }

    /**
     * The markdown sections: per operation with data, a {@code ##} heading, what it does, the table.
     *
     * @param results the distributions, by method.
     * @return the text.
     */
    static String markdown(final Map<String, TailLatency> results)
    {
        final String newline = System.lineSeparator();
        final StringBuilder text = new StringBuilder();
        for (final Operation operation : OPERATIONS)
        {
            final MarkdownTable table = table(operation, results);
            if (measured(operation, results))
            {
                text.append("## ").append(operation.title).append(newline).append(newline).append(operation.note)
                    .append(newline).append(newline).append(table.render()).append(newline);
            }
        }
        return text.append(legend()).append(newline).toString();
    }

    /** What the columns mean. */
    static String legend()
    {
        final String newline = System.lineSeparator();
        return "Latencies: ns per call (ms or s where marked), from JMH SampleTime: a random subset of the calls," +
            newline + "each timed alone, so a GC pause that stops a call not sampled is not in them. GCs, GC ms," +
            newline + "GC max: the stop-the-world pauses in the GC logs of the row's forks, warmup included: count," +
            newline + "total ms, longest ms.";
    }

    /**
     * Writes one operation's chart: a line per implementation measured, latency (log scale) against
     * the percentile (log<sub>10</sub> of 1 / (1 - p), labelled 50%, 90%, 99%, 99.9%, ...).
     *
     * @param operation the operation.
     * @param results   the distributions, by method.
     * @param png       the file, replaced if it exists.
     * @throws IOException              if it cannot be written.
     * @throws IllegalArgumentException naming the operation if no implementation was measured.
     */
    static void writeChart(final Operation operation, final Map<String, TailLatency> results, final Path png)
        throws IOException
    {
        final XYChart chart = PercentileChart.create(WIDTH, HEIGHT, "Tail latency: " + operation.title,
            "percentile (1 / (1 - p), log scale)", "ns per call (log scale)", Styler.LegendPosition.OutsideS, 5, "#,###");
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        double right = PercentileChart.x(PercentileChart.labelled(4));
        for (int i = 0; i < operation.methods.size(); i++)
        {
            final TailLatency result = results.get(operation.methods.get(i));
            if (null == result)
            {
                continue;
            }
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final double[] point : result.curve)
            {
                if (point[1] > 0 && point[0] < 100)
                {
                    xs.add(TailLatency.chartX(point[0]));
                    ys.add(point[1]);
                    lowest = Math.min(lowest, point[1]);
                    highest = Math.max(highest, point[1]);
                    right = Math.max(right, xs.get(xs.size() - 1));
                }
            }
            if (!xs.isEmpty())
            {
                final XYSeries line = chart.addSeries(operation.legends.get(i), xs, ys);
                if (TIMER.equals(operation.methods.get(i)))
                {
                    line.setLineColor(Color.GRAY);
                    line.setLineStyle(SeriesLines.DASH_DASH);
                    line.setMarker(SeriesMarkers.NONE);
                }
            }
        }
        if (chart.getSeriesMap().isEmpty())
        {
            throw new IllegalArgumentException("operation '" + operation.id + "' has no line to draw");
        }
        final double bottom = Math.pow(10, Math.floor(Math.log10(lowest)));
        final double top = Math.pow(10, Math.ceil(Math.log10(highest * 1.01)));
        right = Math.ceil(right * 2) / 2;
        PercentileChart.frame(chart, bottom, top, right);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * A latency cell: whole ns with thousands separators below {@value #MS_FROM} ns, else ms or s
     * with one decimal and the unit, so that a cell is at most 9 characters.
     */
    static String latency(final double nanos)
    {
        if (Double.isNaN(nanos))
        {
            return MarkdownTable.MISSING;
        }
        if (nanos < MS_FROM)
        {
            return String.format(Locale.ROOT, "%,d", Math.round(nanos));
        }
        final double millis = nanos / 1e6;
        return millis < 999.95 ?
            String.format(Locale.ROOT, "%.1f ms", millis) : String.format(Locale.ROOT, "%,.1f s", millis / 1000);
    }

    /** A pause time in ms, one decimal below 100 ms and whole above: {@code "12.3"}, {@code "1,234"}. */
    static String millis(final double millis)
    {
        return millis < 100 ?
            String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%,d", Math.round(millis));
    }

    /** One operation of the pass: its implementations' methods, table names and chart legends. */
    static final class Operation
    {
        final String id; // for files: <stamp>-tail-<id>.png
        final String title;
        final String note;
        final List<String> methods;
        final List<String> names;
        final List<String> legends;

        /** {@code lines}: method, table name, legend; repeated. */
        Operation(final String id, final String title, final String note, final String... lines)
        {
            if (lines.length % 3 != 0)
            {
                throw new IllegalArgumentException(id + ": method, name, legend expected, got " + Arrays.toString(lines));
            }
            this.id = id;
            this.title = title;
            this.note = note;
            final List<String> methods = new ArrayList<>();
            final List<String> names = new ArrayList<>();
            final List<String> legends = new ArrayList<>();
            for (int i = 0; i < lines.length; i += 3)
            {
                methods.add(lines[i]);
                names.add(lines[i + 1]);
                legends.add(lines[i + 2]);
            }
            this.methods = Collections.unmodifiableList(methods);
            this.names = Collections.unmodifiableList(names);
            this.legends = Collections.unmodifiableList(legends);
        }
    }
}
