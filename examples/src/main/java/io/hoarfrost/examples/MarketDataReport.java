package io.hoarfrost.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Compares the two runs {@code examples/run} made: prints the table (messages/s, latency
 * percentiles, GC pauses in the measured part from each GC log, heap allocated per message,
 * resident memory), the goals of issue 19 met or missed, and whether both handlers computed the
 * same final books and reader checksums; writes {@code PREFIX.md}, {@code PREFIX.json} and the
 * chart {@code PREFIX.png}. Exits 1 if the results differ.
 */
public final class MarketDataReport
{
    private MarketDataReport()
    {
    }

    /**
     * {@code MarketDataReport PREFIX TITLE HOARFROST_RESULT HOARFROST_GC_LOG HEAP_RESULT HEAP_GC_LOG}.
     *
     * @param args as above.
     * @throws IOException if a file cannot be read or written.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 6)
        {
            throw new IllegalArgumentException(
                "usage: MarketDataReport PREFIX TITLE HOARFROST_RESULT HOARFROST_GC_LOG HEAP_RESULT HEAP_GC_LOG");
        }
        final Properties hoarfrost = load(Paths.get(args[2]));
        final Properties heap = load(Paths.get(args[4]));
        final GcLog hoarfrostGc = gc(hoarfrost, Paths.get(args[3]));
        final GcLog heapGc = gc(heap, Paths.get(args[5]));
        final String markdown = markdown(args[1], hoarfrost, hoarfrostGc, heap, heapGc);
        System.out.print(markdown);
        final String prefix = args[0];
        Files.write(Paths.get(prefix + ".md"), markdown.getBytes(StandardCharsets.UTF_8));
        Files.write(Paths.get(prefix + ".json"), json(args[1], hoarfrost, hoarfrostGc, heap, heapGc)
            .getBytes(StandardCharsets.UTF_8));
        LatencyChart.write(args[1], Arrays.asList(hoarfrost, heap), Paths.get(prefix + ".png"));
        System.out.println("wrote " + prefix + ".{md,json,png}");
        if (!same(hoarfrost, heap))
        {
            System.err.println("FAILED: the handlers' final books or reader checksums differ");
            System.exit(1);
        }
    }

    static boolean same(final Properties a, final Properties b)
    {
        final String checksums = a.getProperty("reader.checksums");
        final String first = checksums.split(",")[0];
        boolean agree = a.getProperty("digest").equals(b.getProperty("digest"));
        for (final String each : (checksums + "," + b.getProperty("reader.checksums")).split(","))
        {
            agree &= each.equals(first);
        }
        return agree;
    }

    private static Properties load(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            properties.load(in);
        }
        return properties;
    }

    private static GcLog gc(final Properties run, final Path log) throws IOException
    {
        return GcLog.read(log, Long.parseLong(run.getProperty("window.start.uptime.ms")),
            Long.parseLong(run.getProperty("window.end.uptime.ms")));
    }

    private static double number(final Properties run, final String key)
    {
        return Double.parseDouble(run.getProperty(key));
    }

    private static String micros(final Properties run, final String key)
    {
        return String.format(Locale.ROOT, "%,.1f", number(run, key) / 1000);
    }

    private static String gcCell(final GcLog gc)
    {
        return String.format(Locale.ROOT, "%d / %.1f ms / %.1f ms", gc.count, gc.totalMillis, gc.longestMillis);
    }

    static String markdown(final String title, final Properties hoarfrost, final GcLog hoarfrostGc, final Properties heap,
        final GcLog heapGc)
    {
        final StringBuilder md = new StringBuilder();
        md.append("### ").append(title).append("\n\n");
        md.append("JVM: ").append(hoarfrost.getProperty("java.vm")).append(". Feed: ").append(hoarfrost.getProperty("feed"))
            .append(".\n\n");
        md.append("| | Hoarfrost | heap | Hoarfrost / heap |\n|---|--:|--:|--:|\n");
        row(md, "messages/s, fixed rate (measured part)", hoarfrost, heap, "measured.rate", "%,.0f", 1);
        row(md, "messages/s, unpaced burst (throughput)", hoarfrost, heap, "burst.rate", "%,.0f", 1);
        for (final String label : RunResult.LABELS)
        {
            row(md, "latency " + label + ", µs", hoarfrost, heap, "latency." + label, "%,.1f", 1000);
        }
        row(md, "latency max, µs", hoarfrost, heap, "latency.max", "%,.1f", 1000);
        md.append("| GC pauses in the measured part: count / total / longest | ").append(gcCell(hoarfrostGc)).append(" | ")
            .append(gcCell(heapGc)).append(" | |\n");
        row(md, "heap allocated per message, all threads, B", hoarfrost, heap, "allocated.bytes.per.message", "%,.2f", 1);
        row(md, "heap allocated per message, handler thread, B", hoarfrost, heap,
            "allocated.handler.bytes.per.message", "%,.2f", 1);
        row(md, "resident memory (VmRSS) at the end of the measured part, MiB", hoarfrost, heap, "rss.kib", "%,.0f", 1024);
        md.append("| final books (digest) | `").append(hoarfrost.getProperty("digest")).append("` | `")
            .append(heap.getProperty("digest")).append("` | ").append(hoarfrost.getProperty("digest")
            .equals(heap.getProperty("digest")) ? "same" : "DIFFERENT").append(" |\n");
        md.append("| reader checksums (each reader) | `").append(hoarfrost.getProperty("reader.checksums")).append("` | `")
            .append(heap.getProperty("reader.checksums")).append("` | ").append(same(hoarfrost, heap) ? "same" : "DIFFERENT")
            .append(" |\n");
        md.append("| snapshots taken and checked by the readers | ").append(hoarfrost.getProperty("reader.snapshots"))
            .append(" | ").append(heap.getProperty("reader.snapshots")).append(" | |\n\n");
        md.append("Machine: ").append(hoarfrost.getProperty("cpus")).append(" CPUs; 1-minute load average over the " +
            "measured part (all processes): Hoarfrost run ").append(hoarfrost.getProperty("load.average"))
            .append(", heap run ").append(heap.getProperty("load.average")).append(".\n\n");
        md.append("Goals (issue 19):\n\n");
        md.append("- Hoarfrost has 0 GC pauses in the measured part: ").append(hoarfrostGc.count == 0 ? "**met**" :
            "**missed**: " + gcCell(hoarfrostGc)).append(".\n");
        final double p9999 = number(hoarfrost, "latency.p99.99") / number(heap, "latency.p99.99");
        md.append(String.format(Locale.ROOT, "- Hoarfrost p99.99 at most 1/5 of the heap version's: %s (%,.1f µs against " +
            "%,.1f µs: %.3f, target 0.200).\n", p9999 <= 0.2 ? "**met**" : "**missed**",
            number(hoarfrost, "latency.p99.99") / 1000, number(heap, "latency.p99.99") / 1000, p9999));
        final double throughput = number(hoarfrost, "burst.rate") / number(heap, "burst.rate");
        md.append(String.format(Locale.ROOT, "- Hoarfrost throughput at least the heap version's: %s (%,.0f against " +
            "%,.0f messages/s: %.2fx).\n\n", throughput >= 1 ? "**met**" : "**missed**",
            number(hoarfrost, "burst.rate"), number(heap, "burst.rate"), throughput));
        return md.toString();
    }

    private static void row(final StringBuilder md, final String what, final Properties hoarfrost, final Properties heap,
        final String key, final String format, final double divisor)
    {
        final double a = number(hoarfrost, key) / divisor;
        final double b = number(heap, key) / divisor;
        md.append("| ").append(what).append(" | ").append(String.format(Locale.ROOT, format, a)).append(" | ")
            .append(String.format(Locale.ROOT, format, b)).append(" | ")
            .append(b == 0 ? "" : String.format(Locale.ROOT, "%.3f", a / b)).append(" |\n");
    }

    private static String json(final String title, final Properties hoarfrost, final GcLog hoarfrostGc,
        final Properties heap, final GcLog heapGc)
    {
        return "{\n  \"title\": \"" + title + "\",\n  \"same\": " + same(hoarfrost, heap) + ",\n  \"runs\": [\n" +
            jsonRun(hoarfrost, hoarfrostGc) + ",\n" + jsonRun(heap, heapGc) + "\n  ]\n}\n";
    }

    private static String jsonRun(final Properties run, final GcLog gc)
    {
        final StringBuilder json = new StringBuilder("    {");
        final List<String> keys = new java.util.ArrayList<>(run.stringPropertyNames());
        java.util.Collections.sort(keys);
        for (final String key : keys)
        {
            json.append("\n      \"").append(key).append("\": \"").append(run.getProperty(key).replace("\"", "'")).append("\",");
        }
        json.append(String.format(Locale.ROOT, "%n      \"gc.pauses\": %d,%n      \"gc.total.ms\": %.3f,%n" +
            "      \"gc.longest.ms\": %.3f%n    }", gc.count, gc.totalMillis, gc.longestMillis));
        return json.toString();
    }
}
