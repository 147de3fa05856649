package io.hoarfrost.bench.journal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The journal pass ({@code bash benchmarks/run --journal}): Hoarfrost's journal and Chronicle Queue
 * side by side, the same messages, each measurement in fresh JVMs ({@link JournalProbe}), the two
 * stores one after the other per measurement so that both see the same machine load. Writes
 * {@code <date>-journal-vs-chronicle-<tag>.json}, {@code .md} (the tables and the goals of issue
 * 16, {@link JournalReport}) and {@code .png} (the latency percentile curves,
 * {@link LatencyChart}), and prints the table with the ratios Hoarfrost / Chronicle.
 *
 * <p>Stores go in {@code --dir} (default {@code /dev/shm}), each deleted after its measurement.
 */
public final class JournalVsChronicle
{
    /** The command line. */
    public static final String USAGE = String.join(System.lineSeparator(),
        "usage: java -jar benchmarks.jar --journal [--quick | --messages N] [--jvm PATH] [--tag TAG] [--results DIR] [--dir DIR]",
        "  --quick        seconds, not minutes: 200k appends, under a second per latency run, a 64 MiB journal to open",
        "  --messages N   every count N (the tests' end-to-end run)",
        "  --jvm PATH     java executable of the probes (default: this JVM's)",
        "  --tag TAG      the result files' suffix (default: jdkN of the probes' JVM)",
        "  --results DIR  where the JSON, markdown and PNG go (default: results)",
        "  --dir DIR      where the stores are written (default: /dev/shm, else the temporary directory)");

    private static final String[] STORES = {Store.HOARFROST, Store.CHRONICLE};

    private final Plan plan;
    private final ChildJvm jvm;
    private final Path base;
    private final JsonArray runs = new JsonArray();
    private int serial;

    private JournalVsChronicle(final Plan plan, final ChildJvm jvm, final Path base)
    {
        this.plan = plan;
        this.jvm = jvm;
        this.base = base;
    }

    /**
     * Runs the pass from {@code BenchmarkMain}'s command line ({@code --journal} and the options of
     * {@link #USAGE}; {@code --full}, {@code --verbose} and {@code --forks} are accepted and
     * ignored).
     *
     * @param args the command line.
     * @return 0.
     * @throws IOException              if a probe cannot be started or a result written.
     * @throws IllegalArgumentException naming the option if the command line is wrong.
     * @throws IllegalStateException    with the probe's log if a probe fails.
     */
    public static int run(final String[] args) throws IOException
    {
        Plan plan = Plan.full();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String tag = null;
        Path results = Paths.get("results");
        Path dir = Files.isDirectory(Paths.get("/dev/shm")) ? Paths.get("/dev/shm") :
            Paths.get(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--journal":
                case "--full":
                case "--verbose":
                case "--no-build":
                    break;
                case "--forks":
                    i++;
                    break;
                case "--quick":
                    plan = Plan.quick();
                    break;
                case "--messages":
                    plan = Plan.fixed(Long.parseLong(value(args, ++i)));
                    break;
                case "--jvm":
                    java = value(args, ++i);
                    break;
                case "--tag":
                    tag = value(args, ++i);
                    break;
                case "--results":
                    results = Paths.get(value(args, ++i));
                    break;
                case "--dir":
                    dir = Paths.get(value(args, ++i));
                    break;
                default:
                    throw new IllegalArgumentException("--journal: unknown option " + args[i] + System.lineSeparator() + USAGE);
            }
        }
        final JsonObject jdk = jdkOf(java);
        final int feature = jdk.get("feature").getAsInt();
        tag = null == tag ? "jdk" + feature : tag;
        Files.createDirectories(results);
        final Path work = Files.createTempDirectory(dir, "journal-vs-chronicle-");
        final String stem = LocalDate.now(ZoneOffset.UTC) + "-journal-vs-chronicle-" + tag +
            ("quick".equals(plan.name) ? "-quick" : "");
        final JsonObject report = new JsonObject();
        try
        {
            final JournalVsChronicle pass = new JournalVsChronicle(plan,
                new ChildJvm(java, feature, System.getProperty("java.class.path"), work), work);
            report.addProperty("title", "Hoarfrost Journal vs Chronicle Queue " + Environment.chronicleVersion());
            report.addProperty("date", LocalDate.now(ZoneOffset.UTC).toString());
            report.add("jdk", jdk);
            report.addProperty("storeDir", dir.toString());
            report.addProperty("cpus", Runtime.getRuntime().availableProcessors());
            report.addProperty("loadBefore", Environment.load());
            report.add("plan", plan.toJson());
            report.add("probeOptions", pass.probeOptions());
            final long start = System.nanoTime();
            pass.measureAll();
            report.addProperty("seconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            report.addProperty("loadAfter", Environment.load());
            report.add("runs", pass.runs);
        }
        finally
        {
            Dirs.delete(work);
        }
        final JournalReport tables = new JournalReport(report);
        report.add("goals", tables.goalsJson());
        final Path json = results.resolve(stem + ".json");
        final Path markdown = results.resolve(stem + ".md");
        final Path png = results.resolve(stem + ".png");
        Files.write(json, new GsonBuilder().setPrettyPrinting().create().toJson(report).getBytes(StandardCharsets.UTF_8));
        LatencyChart.write(report, png);
        Files.write(markdown, tables.markdown(png.getFileName().toString()).getBytes(StandardCharsets.UTF_8));
        System.out.println(tables.console());
        System.out.println("Saved " + json + ", " + markdown + " and " + png);
        return 0;
    }

    private static String value(final String[] args, final int i)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(args[i - 1] + " needs a value" + System.lineSeparator() + USAGE);
        }
        return args[i];
    }

    /** The probes' JVM: its feature version, version string and VM name, asked of it. */
    private static JsonObject jdkOf(final String java) throws IOException
    {
        final Process process = new ProcessBuilder(java, "-XshowSettings:properties", "-version")
            .redirectErrorStream(true).start();
        final String text = new String(readAll(process), StandardCharsets.UTF_8);
        final JsonObject jdk = new JsonObject();
        jdk.addProperty("java", java);
        final String spec = property(text, "java.specification.version");
        final String major = spec.startsWith("1.") ? spec.substring(2) : spec;
        jdk.addProperty("feature", Integer.parseInt(major.split("\\.")[0]));
        jdk.addProperty("version", property(text, "java.runtime.version"));
        jdk.addProperty("vm", property(text, "java.vm.name"));
        return jdk;
    }

    private static String property(final String settings, final String name)
    {
        for (final String line : settings.split("\\R"))
        {
            final String trimmed = line.trim();
            if (trimmed.startsWith(name + " = "))
            {
                return trimmed.substring(name.length() + 3);
            }
        }
        throw new IllegalStateException("the probes' JVM did not report " + name + ":" + System.lineSeparator() + settings);
    }

    private static byte[] readAll(final Process process) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] chunk = new byte[4096];
        try (InputStream in = process.getInputStream())
        {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk))
            {
                out.write(chunk, 0, n);
            }
        }
        return out.toByteArray();
    }

    private JsonArray probeOptions()
    {
        final JsonArray options = new JsonArray();
        final List<String> command = jvm.command("ARGS");
        for (int i = 1; i < command.size() && !"-cp".equals(command.get(i)); i++)
        {
            options.add(command.get(i));
        }
        return options;
    }

    /** Every measurement, each store after the other. */
    private void measureAll() throws IOException
    {
        for (final int size : Plan.SIZES)
        {
            for (final String pages : new String[] {AppendProbe.TOUCHED, AppendProbe.FRESH, AppendProbe.UNTOUCHED})
            {
                for (final String store : STORES)
                {
                    append(store, size, pages);
                }
            }
        }
        for (final String store : STORES)
        {
            writerAlone(store);
        }
        for (int r = 0; r < Plan.RATES.length; r++)
        {
            for (final int size : Plan.SIZES)
            {
                for (final String store : STORES)
                {
                    crossProcess(store, size, r);
                }
            }
        }
        for (final String store : STORES)
        {
            open(store);
        }
    }

    /** Append throughput; after the touched run, the replay and the bytes on disk of the same store. */
    private void append(final String store, final int size, final String pages) throws IOException
    {
        final Path dir = next(store);
        try
        {
            final JsonObject run = jvm.run(label("append", store, size + "-" + pages), "append", store, String.valueOf(size),
                String.valueOf(plan.appendMessages), String.valueOf(plan.appendWarmup), pages, dir.toString());
            tag(run, "append", store, size);
            run.addProperty("pages", pages);
            disk(run, dir, plan.appendMessages);
            add(run);
            if (AppendProbe.TOUCHED.equals(pages))
            {
                final JsonObject replay = jvm.run(label("replay", store, String.valueOf(size)), "replay", store,
                    String.valueOf(size), String.valueOf(plan.appendMessages), dir.toString());
                tag(replay, "replay", store, size);
                add(replay);
            }
        }
        finally
        {
            Dirs.delete(dir);
        }
    }

    private void writerAlone(final String store) throws IOException
    {
        final Path dir = next(store);
        try
        {
            final JsonObject run = jvm.run(label("writer", store, String.valueOf(Plan.WRITER_SIZE)), "writer", store,
                String.valueOf(Plan.WRITER_SIZE), String.valueOf(Plan.WRITER_RATE), String.valueOf(plan.warmup(Plan.WRITER_RATE)),
                String.valueOf(plan.writerMessages), "alone", dir.toString());
            tag(run, "writer", store, Plan.WRITER_SIZE);
            run.addProperty("rate", Plan.WRITER_RATE);
            add(run);
        }
        finally
        {
            Dirs.delete(dir);
        }
    }

    private void crossProcess(final String store, final int size, final int rateIndex) throws IOException
    {
        final long rate = Plan.RATES[rateIndex];
        final Path dir = next(store);
        final String name = label("cross", store, size + "-" + rate);
        try
        {
            final long warmup = plan.warmup(rate);
            final Process reader = jvm.start(name + "-reader", "reader", store, String.valueOf(size), String.valueOf(warmup),
                dir.toString());
            final JsonObject writer;
            final JsonObject read;
            try
            {
                writer = jvm.run(name + "-writer", "writer", store, String.valueOf(size), String.valueOf(rate),
                    String.valueOf(warmup), String.valueOf(plan.crossMessages(rateIndex)), "paired", dir.toString());
                read = jvm.finish(name + "-reader", reader);
            }
            finally
            {
                reader.destroyForcibly();
            }
            final JsonObject run = new JsonObject();
            tag(run, "crossProcess", store, size);
            run.addProperty("rate", rate);
            run.addProperty("messages", read.get("messages").getAsLong());
            run.addProperty("readerGcs", read.get("gcs").getAsLong());
            run.addProperty("writerGcs", writer.get("gcs").getAsLong());
            run.addProperty("writerBehind", writer.get("behind").getAsLong());
            run.add("latency", read.get("latency"));
            add(run);
        }
        finally
        {
            Dirs.delete(dir);
            Dirs.delete(LatencyProbe.marker(dir, "writer-ready"));
            Dirs.delete(LatencyProbe.marker(dir, "reader-ready"));
        }
    }

    /** Fills a journal of {@link Plan#openBytes}, then opens it in fresh JVMs for its first and its last record. */
    private void open(final String store) throws IOException
    {
        final Path dir = next(store);
        final long messages = plan.openMessages();
        try
        {
            final JsonObject fill = jvm.run(label("fill", store, String.valueOf(Plan.OPEN_SIZE)), "append", store,
                String.valueOf(Plan.OPEN_SIZE), String.valueOf(messages), String.valueOf(Math.min(messages, plan.appendWarmup)),
                "fresh", dir.toString());
            tag(fill, "fill", store, Plan.OPEN_SIZE);
            disk(fill, dir, messages);
            add(fill);
            for (final String which : new String[] {"first", "last"})
            {
                final JsonObject run = jvm.run(label("open", store, which), "open", store, String.valueOf(messages), which,
                    dir.toString());
                tag(run, "open", store, Plan.OPEN_SIZE);
                run.addProperty("record", which);
                run.addProperty("journalBytes", messages * Plan.OPEN_FRAME);
                add(run);
            }
        }
        finally
        {
            Dirs.delete(dir);
        }
    }

    private Path next(final String store)
    {
        return base.resolve(store + "-" + (++serial));
    }

    private String label(final String measure, final String store, final String detail)
    {
        return String.format(Locale.ROOT, "%02d-%s-%s-%s", serial, measure, store, detail);
    }

    private static void tag(final JsonObject run, final String measure, final String store, final int size)
    {
        run.addProperty("measure", measure);
        run.addProperty("store", store);
        run.addProperty("size", size);
    }

    private static void disk(final JsonObject run, final Path dir, final long messages)
    {
        final long disk = Dirs.diskUsage(dir);
        run.addProperty("diskBytes", disk);
        run.addProperty("apparentBytes", Dirs.apparentSize(dir));
        run.addProperty("bytesPerMessage", disk < 0 ? -1 : (double)disk / messages);
    }

    private void add(final JsonObject run)
    {
        runs.add(run);
        System.out.println(JournalReport.progress(run));
    }
}
