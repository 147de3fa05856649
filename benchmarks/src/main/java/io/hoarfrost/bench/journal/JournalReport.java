package io.hoarfrost.bench.journal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The journal pass's results as tables: the headline measurements side by side with the ratio
 * Hoarfrost / Chronicle, the cross-process percentiles, and issue 16's goals, each met or missed.
 * Reads the report {@link JournalVsChronicle} assembles (its {@code runs}).
 */
final class JournalReport
{
    private static final String H = Store.HOARFROST;
    private static final String C = Store.CHRONICLE;
    private static final String NL = System.lineSeparator();

    private final JsonObject report;
    private final JsonArray runs;

    /**
     * A report's tables.
     *
     * @param report the report, with its {@code runs}.
     */
    JournalReport(final JsonObject report)
    {
        this.report = report;
        this.runs = report.getAsJsonArray("runs");
    }

    /**
     * One line on the console as a measurement finishes.
     *
     * @param run the measurement.
     * @return e.g. {@code append hoarfrost 64 B touched: 35.6 M msg/s, 0 GCs}.
     */
    static String progress(final JsonObject run)
    {
        final String measure = run.get("measure").getAsString();
        final String head = String.format(Locale.ROOT, "%-12s %-9s %3d B", measure, run.get("store").getAsString(),
            run.get("size").getAsInt());
        switch (measure)
        {
            case "append":
            case "fill":
                return head + " " + (run.has("pages") ? run.get("pages").getAsString() : "fresh") + ": " +
                    rate(run) + ", " + run.get("gcs").getAsLong() + " GCs, close " + millis(run.get("closeNanos").getAsLong()) +
                    " ms, " + String.format(Locale.ROOT, "%.1f", run.get("bytesPerMessage").getAsDouble()) + " B/msg on disk";
            case "replay":
                return head + ": " + rate(run) + ", " + run.get("gcs").getAsLong() + " GCs";
            case "writer":
                return head + " at " + run.get("rate").getAsLong() + "/s: append p99.99 " +
                    micros(percentile(run.getAsJsonObject("service"), "p99.99")) + " us, from intended p99.99 " +
                    micros(percentile(run.getAsJsonObject("fromIntended"), "p99.99")) + " us, " +
                    run.get("gcs").getAsLong() + " GCs";
            case "crossProcess":
                final JsonObject latency = run.getAsJsonObject("latency");
                return head + " at " + run.get("rate").getAsLong() + "/s: p50 " + micros(percentile(latency, "p50")) +
                    " us, p99.9 " + micros(percentile(latency, "p99.9")) + " us, max " + micros(percentile(latency, "max")) +
                    " us, GCs " + run.get("writerGcs").getAsLong() + " + " + run.get("readerGcs").getAsLong();
            case "open":
                return head + " " + run.get("record").getAsString() + " record: cold " +
                    millis(run.get("coldNanos").getAsLong()) +
                    " ms, warm " + millis(run.get("warmNanos").getAsLong()) + " ms, process " +
                    millis(run.get("processNanos").getAsLong()) + " ms";
            default:
                return head + ": " + run;
        }
    }

    /**
     * The console's summary: the headline table with its ratios, then the goals.
     *
     * @return the text.
     */
    String console()
    {
        return header() + NL + headline() + NL + crossProcess() + NL + goals();
    }

    /**
     * The markdown file: title, conditions, tables, chart, goals.
     *
     * @param png the chart's file name, beside the markdown.
     * @return the text.
     */
    String markdown(final String png)
    {
        return "# " + report.get("title").getAsString() + ", " + report.get("date").getAsString() + NL + NL + header() + NL +
            "## Side by side" + NL + NL + headline() + NL + "## Cross-process latency" + NL + NL + crossProcess() + NL +
            "![latency percentiles](" + png + ")" + NL + NL + "## Goals (issue 16)" + NL + NL + goals() + NL + notes();
    }

    private String header()
    {
        final JsonObject jdk = report.getAsJsonObject("jdk");
        final JsonObject plan = report.getAsJsonObject("plan");
        return "JDK " + jdk.get("version").getAsString() + ", " + jdk.get("vm").getAsString() + "; " +
            report.get("cpus").getAsInt() + " CPUs; stores in " + report.get("storeDir").getAsString() + "; plan " +
            plan.get("name").getAsString() + ", " + report.get("seconds").getAsLong() + " s." + NL + NL +
            "Load average (1, 5, 15 min) before: " + report.get("loadBefore").getAsString() + "; after: " +
            report.get("loadAfter").getAsString() + "." + NL;
    }

    private String headline()
    {
        final Table table = new Table(1, "measurement", "Hoarfrost", "Chronicle", "Hoarfrost / Chronicle");
        for (final int size : Plan.SIZES)
        {
            for (final String pages : new String[] {AppendProbe.TOUCHED, AppendProbe.FRESH, AppendProbe.UNTOUCHED})
            {
                final JsonObject h = find("append", H, size, "pages", pages);
                final JsonObject c = find("append", C, size, "pages", pages);
                table.row("append " + size + " B, " + pagesTitle(pages) + " (msg/s, MB/s, GCs)", appendCell(h), appendCell(c),
                    ratio(speed(h), speed(c)) + " (x)");
            }
        }
        for (final int size : Plan.SIZES)
        {
            final JsonObject h = find("replay", H, size, null, null);
            final JsonObject c = find("replay", C, size, null, null);
            table.row("replay " + size + " B, fresh process (msg/s)", rate(h), rate(c), ratio(speed(h), speed(c)) + " (x)");
        }
        final JsonObject hw = find("writer", H, Plan.WRITER_SIZE, null, null);
        final JsonObject cw = find("writer", C, Plan.WRITER_SIZE, null, null);
        for (final String kind : new String[] {"service", "fromIntended"})
        {
            final long hv = percentile(hw.getAsJsonObject(kind), "p99.99");
            final long cv = percentile(cw.getAsJsonObject(kind), "p99.99");
            table.row("writer p99.99, " + Plan.WRITER_SIZE + " B at " + Plan.WRITER_RATE / 1000 + "k/s, " +
                ("service".equals(kind) ? "in append (us)" : "from intended send time (us)"), micros(hv), micros(cv),
                ratio(hv, cv));
        }
        for (final String record : new String[] {"first", "last"})
        {
            final JsonObject h = find("open", H, Plan.OPEN_SIZE, "record", record);
            final JsonObject c = find("open", C, Plan.OPEN_SIZE, "record", record);
            final String journal = mebibytes(h.get("journalBytes").getAsLong());
            table.row("open + " + record + " record, " + journal + ", fresh JVM incl. class loading (ms)",
                millis(h.get("coldNanos").getAsLong()), millis(c.get("coldNanos").getAsLong()),
                ratio(h.get("coldNanos").getAsLong(), c.get("coldNanos").getAsLong()));
            table.row("open + " + record + " record, " + journal + ", again in that JVM (ms)",
                millis(h.get("warmNanos").getAsLong()), millis(c.get("warmNanos").getAsLong()),
                ratio(h.get("warmNanos").getAsLong(), c.get("warmNanos").getAsLong()));
            table.row("open + " + record + " record, whole process incl. JVM start (ms)",
                millis(h.get("processNanos").getAsLong()), millis(c.get("processNanos").getAsLong()),
                ratio(h.get("processNanos").getAsLong(), c.get("processNanos").getAsLong()));
        }
        for (final String pages : new String[] {"touched", "fresh"})
        {
            final JsonObject h = find("append", H, Plan.SIZES[0], "pages", pages);
            final JsonObject c = find("append", C, Plan.SIZES[0], "pages", pages);
            table.row("writer close() after " + count(h.get("messages").getAsLong()) + " x " + Plan.SIZES[0] + " B, " + pages +
                " (ms)", millis(h.get("closeNanos").getAsLong()), millis(c.get("closeNanos").getAsLong()),
                ratio(h.get("closeNanos").getAsLong(), c.get("closeNanos").getAsLong()));
        }
        final JsonObject hf = find("fill", H, Plan.OPEN_SIZE, null, null);
        final JsonObject cf = find("fill", C, Plan.OPEN_SIZE, null, null);
        table.row("writer close() of the " + mebibytes(hf.get("apparentBytes").getAsLong()) + " journal (ms)",
            millis(hf.get("closeNanos").getAsLong()), millis(cf.get("closeNanos").getAsLong()),
            ratio(hf.get("closeNanos").getAsLong(), cf.get("closeNanos").getAsLong()));
        for (final int size : Plan.SIZES)
        {
            final JsonObject h = find("append", H, size, "pages", "touched");
            final JsonObject c = find("append", C, size, "pages", "touched");
            table.row("bytes on disk per " + size + " B message (du / " + count(h.get("messages").getAsLong()) + ")",
                bytes(h), bytes(c), ratio(h.get("bytesPerMessage").getAsDouble(), c.get("bytesPerMessage").getAsDouble()));
        }
        table.row("GCs in all measured parts", String.valueOf(gcs(H)), String.valueOf(gcs(C)), "-");
        return table.render() + NL + "Ratios: Hoarfrost / Chronicle; marked (x), a rate: above 1 is Hoarfrost faster; " +
            "unmarked, a time or size: below 1 is Hoarfrost faster or smaller." + NL;
    }

    private String crossProcess()
    {
        final List<String> columns = new ArrayList<>();
        columns.add("rate, size");
        columns.add("store");
        for (final String name : Percentiles.NAMES)
        {
            columns.add(name + " (us)");
        }
        columns.add("max (us)");
        columns.add("GCs");
        final Table table = new Table(2, columns.toArray(new String[0]));
        for (final long rate : Plan.RATES)
        {
            for (final int size : Plan.SIZES)
            {
                final JsonObject h = find("crossProcess", H, size, "rate", rate);
                final JsonObject c = find("crossProcess", C, size, "rate", rate);
                final String head = rate / 1000 + "k/s, " + size + " B";
                table.row(latencyRow(head, "Hoarfrost", h));
                table.row(latencyRow(head, "Chronicle", c));
                final List<String> ratios = new ArrayList<>();
                ratios.add(head);
                ratios.add("Hoarfrost / Chronicle");
                for (final String name : Percentiles.NAMES)
                {
                    ratios.add(ratio(percentile(h.getAsJsonObject("latency"), name),
                        percentile(c.getAsJsonObject("latency"), name)));
                }
                ratios.add(ratio(percentile(h.getAsJsonObject("latency"), "max"),
                    percentile(c.getAsJsonObject("latency"), "max")));
                ratios.add("-");
                table.row(ratios.toArray(new String[0]));
            }
        }
        return table.render() + NL + "Write to read, writer and reader in separate JVMs, from the intended send time " +
            "(coordinated omission counted), after a warm-up at the rate; GCs: writer + reader, in the recorded part." + NL;
    }

    private static String[] latencyRow(final String head, final String store, final JsonObject run)
    {
        final List<String> cells = new ArrayList<>();
        cells.add(head);
        cells.add(store);
        final JsonObject latency = run.getAsJsonObject("latency");
        for (final String name : Percentiles.NAMES)
        {
            cells.add(micros(percentile(latency, name)));
        }
        cells.add(micros(percentile(latency, "max")));
        cells.add(run.get("writerGcs").getAsLong() + " + " + run.get("readerGcs").getAsLong());
        return cells.toArray(new String[0]);
    }

    /**
     * Issue 16's goals, each with the measured numbers and met or missed.
     *
     * @return an object per goal: {@code goal}, {@code hoarfrost}, {@code chronicle}, {@code ratio}, {@code met}.
     */
    JsonArray goalsJson()
    {
        final JsonArray goals = new JsonArray();
        for (final int size : Plan.SIZES)
        {
            for (final String pages : new String[] {"touched", "fresh"})
            {
                final double h = speed(find("append", H, size, "pages", pages));
                final double c = speed(find("append", C, size, "pages", pages));
                goals.add(goal("append " + size + " B, " + pages + " pages: >= 2x Chronicle's msg/s", count(h) + "/s",
                    count(c) + "/s", h / c, h >= 2 * c));
            }
        }
        final JsonObject hw = find("writer", H, Plan.WRITER_SIZE, null, null);
        final JsonObject cw = find("writer", C, Plan.WRITER_SIZE, null, null);
        for (final String kind : new String[] {"service", "fromIntended"})
        {
            final long h = percentile(hw.getAsJsonObject(kind), "p99.99");
            final long c = percentile(cw.getAsJsonObject(kind), "p99.99");
            goals.add(goal("writer p99.99 " + ("service".equals(kind) ? "in append" : "from intended send time") +
                ", 256 B at 100k/s: no worse than Chronicle's", micros(h) + " us", micros(c) + " us", (double)h / c, h <= c));
        }
        for (final long rate : Plan.RATES)
        {
            for (final int size : Plan.SIZES)
            {
                for (final String name : new String[] {"p50", "p99.9"})
                {
                    final long h = percentile(find("crossProcess", H, size, "rate", rate).getAsJsonObject("latency"), name);
                    final long c = percentile(find("crossProcess", C, size, "rate", rate).getAsJsonObject("latency"), name);
                    goals.add(goal("cross-process " + name + ", " + rate / 1000 + "k/s, " + size +
                        " B: no worse than Chronicle's",
                        micros(h) + " us", micros(c) + " us", (double)h / c, h <= c));
                }
            }
        }
        goals.add(goal("0 GCs in the measured parts", String.valueOf(gcs(H)), String.valueOf(gcs(C)), Double.NaN, 0 == gcs(H)));
        for (final String when : new String[] {"coldNanos", "warmNanos"})
        {
            for (final String record : new String[] {"first", "last"})
            {
                final long h = find("open", H, Plan.OPEN_SIZE, "record", record).get(when).getAsLong();
                final long c = find("open", C, Plan.OPEN_SIZE, "record", record).get(when).getAsLong();
                goals.add(goal("open + " + record + " record < 1 ms, " + ("coldNanos".equals(when) ?
                    "fresh JVM incl. class loading" : "again in the same JVM"), millis(h) + " ms", millis(c) + " ms",
                    (double)h / c, h < 1_000_000));
            }
        }
        long worstClose = 0;
        long chronicleClose = 0;
        for (final JsonElement element : runs)
        {
            final JsonObject run = element.getAsJsonObject();
            if (run.has("closeNanos") && ("append".equals(run.get("measure").getAsString()) ||
                "fill".equals(run.get("measure").getAsString())))
            {
                final long close = run.get("closeNanos").getAsLong();
                if (H.equals(run.get("store").getAsString()))
                {
                    worstClose = Math.max(worstClose, close);
                }
                else
                {
                    chronicleClose = Math.max(chronicleClose, close);
                }
            }
        }
        goals.add(goal("writer close() < 1 ms (the slowest of every append run's)", millis(worstClose) + " ms",
            millis(chronicleClose) + " ms", (double)worstClose / chronicleClose, worstClose < 1_000_000));
        for (final int size : Plan.SIZES)
        {
            final JsonObject h = find("append", H, size, "pages", "touched");
            final JsonObject c = find("append", C, size, "pages", "touched");
            final double hb = h.get("bytesPerMessage").getAsDouble();
            final double cb = c.get("bytesPerMessage").getAsDouble();
            goals.add(goal("bytes on disk per " + size + " B message no more than Chronicle's", bytes(h), bytes(c), hb / cb,
                hb <= cb));
        }
        return goals;
    }

    private String goals()
    {
        final Table table = new Table(1, "goal", "Hoarfrost", "Chronicle", "ratio", "verdict");
        for (final JsonElement element : report.has("goals") ? report.getAsJsonArray("goals") : goalsJson())
        {
            final JsonObject goal = element.getAsJsonObject();
            final double ratio = goal.get("ratio").getAsDouble();
            table.row(goal.get("goal").getAsString(), goal.get("hoarfrost").getAsString(), goal.get("chronicle").getAsString(),
                Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio),
                goal.get("met").getAsBoolean() ? "met" : "**missed**");
        }
        return table.render();
    }

    private String notes()
    {
        final JsonObject plan = report.getAsJsonObject("plan");
        final StringBuilder options = new StringBuilder();
        for (final JsonElement option : report.getAsJsonArray("probeOptions"))
        {
            options.append(' ').append(option.getAsString());
        }
        return NL + "## How" + NL + NL +
            "- Each measurement in fresh JVMs (`JournalProbe`), Hoarfrost then Chronicle, with the same options:" + NL +
            "  `" + options.toString().trim() + "`." + NL +
            "- Hoarfrost: `Journal.create(dir, JournalOptions.defaults())` (64 MiB segments, no checksums), " +
            "`append(buffer, 0, length)`, `JournalReader.next()` and `buffer()`. Chronicle: " +
            "`SingleChronicleQueueBuilder.binary(dir)` defaults, `ExcerptAppender.writeBytes(BytesStore)`, " +
            "`ExcerptTailer.readingDocument()` reading the bytes in place." + NL +
            "- Append: " + plan.get("appendMessages").getAsLong() + " messages after " + plan.get("appendWarmup").getAsLong() +
            " of warm-up into a store of their own. Pages already touched: appends in 2 MiB batches, the store's " +
            "pretoucher called on the appending thread before each, untimed. Fresh pages: the pretoucher on a " +
            "background thread every millisecond (Hoarfrost `Journal.pretouch()`, Chronicle `Pretoucher.execute()`); " +
            "no pretoucher: fresh pages faulted in by the appending thread itself (no goal; for comparison)." + NL +
            "- Writer latency: " + plan.get("writerMessages").getAsLong() + " messages after " +
            plan.get("writerWarmup").getAsLong() + " of warm-up, background pretoucher; in append: the call alone; " +
            "from intended: from the message's scheduled send time to the call's return." + NL +
            "- Cross-process: the reader JVM spins on its next record; messages carry their intended send time " +
            "(System.nanoTime, CLOCK_MONOTONIC, shared by processes on Linux)." + NL +
            "- Open: a fresh JVM times from the first line of main (class loading and static initialisation of the " +
            "store's classes included, the JVM's own start-up not) to the record's bytes read; then again after a close " +
            "in the same JVM; the whole process, JVM start and exit included, as the driver saw it." + NL +
            "- Bytes on disk: `du -s -B1` of the store's directory after the writer's close, over the message count." + NL;
    }

    private static JsonObject goal(final String goal, final String hoarfrost, final String chronicle, final double ratio,
        final boolean met)
    {
        final JsonObject json = new JsonObject();
        json.addProperty("goal", goal);
        json.addProperty("hoarfrost", hoarfrost);
        json.addProperty("chronicle", chronicle);
        json.addProperty("ratio", ratio);
        json.addProperty("met", met);
        return json;
    }

    private JsonObject find(final String measure, final String store, final int size, final String key, final Object value)
    {
        for (final JsonElement element : runs)
        {
            final JsonObject run = element.getAsJsonObject();
            if (measure.equals(run.get("measure").getAsString()) && store.equals(run.get("store").getAsString()) &&
                size == run.get("size").getAsInt() && (null == key || String.valueOf(value).equals(run.get(key).getAsString())))
            {
                return run;
            }
        }
        throw new IllegalStateException("no " + measure + " run of " + store + " at " + size + " B" +
            (null == key ? "" : " with " + key + " " + value));
    }

    private long gcs(final String store)
    {
        long gcs = 0;
        for (final JsonElement element : runs)
        {
            final JsonObject run = element.getAsJsonObject();
            if (store.equals(run.get("store").getAsString()))
            {
                for (final String key : new String[] {"gcs", "writerGcs", "readerGcs"})
                {
                    gcs += run.has(key) ? run.get(key).getAsLong() : 0;
                }
            }
        }
        return gcs;
    }

    private static String pagesTitle(final String pages)
    {
        if (AppendProbe.TOUCHED.equals(pages))
        {
            return "pages already touched";
        }
        return AppendProbe.FRESH.equals(pages) ? "fresh pages, background pretoucher" : "fresh pages, no pretoucher";
    }

    private static String appendCell(final JsonObject run)
    {
        return rate(run) + ", " + String.format(Locale.ROOT, "%.0f MB/s", run.get("megabytesPerSecond").getAsDouble()) + ", " +
            run.get("gcs").getAsLong() + " GC";
    }

    private static double speed(final JsonObject run)
    {
        return run.get("messagesPerSecond").getAsDouble();
    }

    private static String rate(final JsonObject run)
    {
        return count(speed(run)) + "/s";
    }

    private static String bytes(final JsonObject run)
    {
        return String.format(Locale.ROOT, "%.1f", run.get("bytesPerMessage").getAsDouble());
    }

    private static long percentile(final JsonObject latency, final String name)
    {
        return latency.get(name).getAsLong();
    }

    /** A count: 35.6 M, 712 k, 950. */
    static String count(final double value)
    {
        if (value >= 1e6)
        {
            return String.format(Locale.ROOT, "%.2f M", value / 1e6);
        }
        if (value >= 1e3)
        {
            return String.format(Locale.ROOT, "%.0f k", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** Nanoseconds as microseconds: 3 significant digits, at least 2 decimals below 10. */
    static String micros(final long nanos)
    {
        final double us = nanos / 1e3;
        return String.format(Locale.ROOT, us < 10 ? "%.2f" : us < 100 ? "%.1f" : "%.0f", us);
    }

    /** Nanoseconds as milliseconds. */
    static String millis(final long nanos)
    {
        final double ms = nanos / 1e6;
        return String.format(Locale.ROOT, ms < 1 ? "%.3f" : ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%.0f", ms);
    }

    private static String mebibytes(final long bytes)
    {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double)(1L << 30)) :
            String.format(Locale.ROOT, "%.0f MiB", bytes / (double)(1L << 20));
    }

    private static String ratio(final double hoarfrost, final double chronicle)
    {
        return chronicle <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", hoarfrost / chronicle);
    }

    /** A markdown table, columns padded to their widest cell. */
    private static final class Table
    {
        private final List<String[]> rows = new ArrayList<>();
        private final int left;

        /** A table whose first {@code left} columns are text (left-aligned) and the others numbers. */
        Table(final int left, final String... header)
        {
            this.left = left;
            rows.add(header);
        }

        private boolean right(final int column)
        {
            return column >= left && !"verdict".equals(rows.get(0)[column]);
        }

        void row(final String... cells)
        {
            rows.add(cells);
        }

        String render()
        {
            final int[] widths = new int[rows.get(0).length];
            for (final String[] row : rows)
            {
                for (int i = 0; i < row.length; i++)
                {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            final StringBuilder text = new StringBuilder();
            for (int r = 0; r < rows.size(); r++)
            {
                line(text, rows.get(r), widths, r > 0);
                if (0 == r)
                {
                    text.append('|');
                    for (int i = 0; i < widths.length; i++)
                    {
                        text.append(' ').append(dashes(widths[i], right(i))).append(" |");
                    }
                    text.append(NL);
                }
            }
            return text.toString();
        }

        private void line(final StringBuilder text, final String[] cells, final int[] widths, final boolean body)
        {
            text.append('|');
            for (int i = 0; i < cells.length; i++)
            {
                final String cell = cells[i];
                final StringBuilder pad = new StringBuilder();
                for (int n = cell.length(); n < widths[i]; n++)
                {
                    pad.append(' ');
                }
                text.append(' ').append(body && right(i) ? pad + cell : cell + pad).append(" |");
            }
            text.append(NL);
        }

        private static String dashes(final int width, final boolean right)
        {
            final StringBuilder dashes = new StringBuilder();
            for (int i = 0; i < width - (right ? 1 : 0); i++)
            {
                dashes.append('-');
            }
            return right ? dashes.append(':').toString() : dashes.toString();
        }
    }
}
