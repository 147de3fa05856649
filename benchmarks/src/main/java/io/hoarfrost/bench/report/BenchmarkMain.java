package io.hoarfrost.bench.report;

import io.hoarfrost.bench.journal.JournalVsChronicle;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Entry point of {@code benchmarks.jar}: runs the benchmarks through JMH's Java API, saves JMH's
 * JSON, prints the {@link Verdict} (one row per claim, at most {@value Verdict#MAX_WIDTH} columns) and
 * saves it in markdown with the wide table of every row ({@link RunTables#ratios}); also re-prints an
 * old run's verdict or wide table, compares two runs, and runs the scaling pass ({@link ScalingRun}) and
 * the tail pass ({@link TailRun}) and the journal pass ({@link JournalVsChronicle}).
 * See {@link #USAGE}.
 *
 * <p>Every run is AverageTime in nanoseconds with {@code -prof gc}, whatever the classes'
 * annotations say. Forks get {@link #FORK_JVM_ARGS} and nothing else from this JVM: in particular
 * never {@code -Dhoarfrost.checks}, so the library runs with checked mode off.
 */
public final class BenchmarkMain
{
    /**
     * JVM arguments of every fork: accepted by JDK 8 to 25 (the first makes older JVMs skip the
     * second, which silences JDK 24+'s warning on {@code Unsafe} memory access), and a fixed heap.
     */
    public static final String[] FORK_JVM_ARGS =
    {
        "-XX:+IgnoreUnrecognizedVMOptions", "--sun-misc-unsafe-memory-access=allow", "-Xms1g", "-Xmx1g"
    };

    /** The command line. */
    public static final String USAGE = String.join(System.lineSeparator(),
        "usage: java -jar benchmarks.jar [--full] [--forks N] [--jvm PATH] [--tag TAG] [--results DIR] [--verbose] [REGEX...]",
        "       java -jar benchmarks.jar --scaling [--full] [--forks N] [--jvm PATH] [--tag TAG] [--results DIR] [--verbose]",
        "       java -jar benchmarks.jar --tail [--full] [--forks N] [--jvm PATH] [--tag TAG] [--results DIR] [--verbose] " +
            "[REGEX...]",
        "       java -jar benchmarks.jar --checked [--full] [--forks N] [--jvm PATH] [--tag TAG] [--results DIR] " +
            "[--verbose] [REGEX...]",
        "       java -jar benchmarks.jar --journal [--quick | --messages N] [--jvm PATH] [--tag TAG] [--results DIR] " +
            "[--dir DIR]",
        "       java -jar benchmarks.jar --list",
        "       java -jar benchmarks.jar --table RUN.json",
        "       java -jar benchmarks.jar --wide-table RUN.json",
        "       java -jar benchmarks.jar --compare OLD.json NEW.json",
        "       java -jar benchmarks.jar --side-by-side RUN.json RUN.json...",
        "  REGEX          JMH include patterns, found in package.Class.method (default: all but the",
        "                 scaling classes, AllocationSizeBenchmark and ThreadScalingBenchmark, and",
        "                 TailLatencyBenchmark); with --tail, found in TailLatencyBenchmark.method",
        "  --scaling      the scaling pass: cost by allocation size and thread count, footprint by",
        "                 string count; tables in <timestamp>-scaling.md and a PNG chart per series",
        "  --tail         the tail pass: latency percentiles (SampleTime) and GC pauses per operation",
        "                 under steady load; tables in <timestamp>-tail.md and a PNG chart per operation",
        "  --checked      the cost of checked mode: the headline Hoarfrost rows (or REGEX) with checks",
        "                 off, then with -Dhoarfrost.checks=true; on/off per row in <timestamp>-checked.md",
        "  --journal      Hoarfrost's journal side by side with Chronicle Queue: throughput, latency, open,",
        "                 close, bytes on disk, each in fresh JVMs; <date>-journal-vs-chronicle-<tag>.{json,md,png}",
        "                 (--quick: seconds, -quick in the names; --dir: where the stores go, default /dev/shm)",
        "  --full         3 forks, 5 x 2 s warmup, 5 x 2 s measurement (default: quick,",
        "                 1 fork, 2 x 300 ms warmup, 3 x 300 ms measurement); --tail: 3 forks,",
        "                 5 x 2 s warmup, 5 x 5 s measured (quick: 1 fork, 2 x 500 ms, 3 x 1 s)",
        "  --forks N      override the fork count",
        "  --jvm PATH     java executable for the forks (default: this JVM's)",
        "  --tag TAG      appended to the result file names: <timestamp>-TAG.json (e.g. jdk8)",
        "  --results DIR  where the results go (default: results)",
        "  --verbose      JMH's full output instead of one line per benchmark",
        "  --list         the benchmarks in this jar",
        "  --table        re-print the verdict of a saved run: a row per claim, its target, met or missed",
        "  --wide-table   re-print the wide table of a saved run: every row, a column pair per baseline",
        "  --compare      compare two saved runs: change, and whether it is outside the noise",
        "  --side-by-side the verdicts of saved runs (one per JDK) side by side, a column group per run");

    /** What the ordinary pass leaves out unless named: the scaling classes and the tail pass's class. */
    static final String DEFAULT_EXCLUDE =
        "\\.(" + ScalingSeries.SIZE_BENCHMARK + "|" + ScalingSeries.THREADS_BENCHMARK + "|" + TailReport.BENCHMARK + ")\\.";

    static final int EXIT_FAILURE = 1;
    private static final int EXIT_USAGE = 2;

    /** The settings of one run, from the command line. */
    static final class Settings
    {
        /** Full: 3 forks, 5 x 2 s warmup and measurement; quick: 1 fork, 2 x 300 ms warmup, 3 x 300 ms measured. */
        boolean full;
        int forks = -1;
        String jvm;
        boolean verbose;
        /** Whether the forks run with checked mode on ({@link CheckedRun}). */
        boolean checks;
        Path resultsDir = Paths.get("results");
        /** {@code <timestamp>} or {@code <timestamp>-TAG}: the result files' prefix. */
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss"));
    }

    private BenchmarkMain()
    {
    }

    /**
     * Runs the command line and exits with 0 on success, 1 on a failed run, 2 on bad usage.
     *
     * @param args see {@link #USAGE}.
     */
    public static void main(final String[] args)
    {
        if (null == System.getProperty("java.awt.headless"))
        {
            System.setProperty("java.awt.headless", "true"); // the scaling charts are drawn off screen
        }
        int status;
        try
        {
            status = run(args);
        }
        catch (final UsageException ex)
        {
            System.err.println("error: " + ex.getMessage());
            System.err.println(USAGE);
            status = EXIT_USAGE;
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            System.err.println("error: " + ex.getMessage());
            status = EXIT_FAILURE;
        }
        catch (final RunnerException ex)
        {
            System.err.println("error: the benchmark run failed: " + ex.getMessage() +
                (null == ex.getCause() ? "" : " (" + ex.getCause() + ")"));
            status = EXIT_FAILURE;
        }
        System.exit(status);
    }

    private static int run(final String[] args) throws IOException, RunnerException
    {
        if (Arrays.asList(args).contains("--journal"))
        {
            return JournalVsChronicle.run(args);
        }
        final Settings settings = new Settings();
        boolean scaling = false;
        boolean tail = false;
        boolean checked = false;
        final List<String> includes = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "-h":
                case "--help":
                    System.out.println(USAGE);
                    return 0;
                case "--list":
                    new Runner(new OptionsBuilder().build()).list();
                    return 0;
                case "--table":
                    expectFiles(args, i, 1);
                    printVerdict(RecordedRun.read(existing(args[i + 1])), "--wide-table " + args[i + 1]);
                    return 0;
                case "--wide-table":
                    expectFiles(args, i, 1);
                    final RecordedRun saved = RecordedRun.read(existing(args[i + 1]));
                    printHeader(saved);
                    System.out.print(wideTable(saved));
                    return 0;
                case "--compare":
                    expectFiles(args, i, 2);
                    final RecordedRun older = RecordedRun.read(existing(args[i + 1]));
                    final RecordedRun newer = RecordedRun.read(existing(args[i + 2]));
                    System.out.println("old: " + older.file + ": " + older.description);
                    System.out.println("new: " + newer.file + ": " + newer.description);
                    System.out.println();
                    System.out.println(RunTables.comparison(older, newer).render());
                    System.out.println("verdict: faster/slower when the 99.9% confidence intervals do not overlap, " +
                        "~ when they do.");
                    return 0;
                case "--side-by-side":
                    if (args.length - i - 1 < 2)
                    {
                        throw new UsageException("--side-by-side takes two or more files and no other argument");
                    }
                    final List<RecordedRun> runs = new ArrayList<>();
                    for (int f = i + 1; f < args.length; f++)
                    {
                        runs.add(RecordedRun.read(existing(args[f])));
                        System.out.println(SideBySide.jdk(runs.get(runs.size() - 1)) + ": " + args[f] + ": " +
                            runs.get(runs.size() - 1).description);
                    }
                    System.out.println();
                    System.out.print(SideBySide.table(runs).render());
                    System.out.println(Verdict.LEGEND);
                    return 0;
                case "--full":
                    settings.full = true;
                    break;
                case "--scaling":
                    scaling = true;
                    break;
                case "--tail":
                    tail = true;
                    break;
                case "--checked":
                    checked = true;
                    break;
                case "--verbose":
                    settings.verbose = true;
                    break;
                case "--forks":
                    settings.forks = positive(value(args, ++i, arg), arg);
                    break;
                case "--jvm":
                    settings.jvm = value(args, ++i, arg);
                    if (!new File(settings.jvm).isFile() || !new File(settings.jvm).canExecute())
                    {
                        throw new UsageException("--jvm " + settings.jvm + " is not an executable file");
                    }
                    break;
                case "--tag":
                    settings.stamp += "-" + value(args, ++i, arg);
                    break;
                case "--results":
                    settings.resultsDir = Paths.get(value(args, ++i, arg));
                    break;
                default:
                    if (arg.startsWith("-"))
                    {
                        throw new UsageException("unknown option " + arg);
                    }
                    includes.add(pattern(arg));
            }
        }
        settings.forks = settings.forks > 0 ? settings.forks : settings.full ? 3 : 1;
        Files.createDirectories(settings.resultsDir);
        if ((scaling ? 1 : 0) + (tail ? 1 : 0) + (checked ? 1 : 0) > 1)
        {
            throw new UsageException("--scaling, --tail and --checked are three passes: give one");
        }
        if (checked)
        {
            return CheckedRun.run(settings, includes);
        }
        if (tail)
        {
            return TailRun.run(settings, includes);
        }
        if (scaling)
        {
            if (!includes.isEmpty())
            {
                throw new UsageException("--scaling takes no REGEX (it runs " + ScalingSeries.SIZE_BENCHMARK + ", " +
                    ScalingSeries.THREADS_BENCHMARK + " and the footprint scaling); got " + String.join(" ", includes));
            }
            return ScalingRun.run(settings);
        }

        final Path json = settings.resultsDir.resolve(settings.stamp + ".json");
        final Path markdown = settings.resultsDir.resolve(settings.stamp + ".md");
        final long start = System.nanoTime();
        jmh(settings, json, includes, includes.isEmpty() ? DEFAULT_EXCLUDE : null);
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        final RecordedRun run = RecordedRun.read(json);
        final String title = "# Hoarfrost benchmarks, " + settings.stamp + System.lineSeparator() +
            System.lineSeparator() + (settings.full ? "full" : "quick") + " run of " + seconds + " s; " +
            run.description + System.lineSeparator() + System.lineSeparator();
        Files.write(markdown, (title + markdown(run)).getBytes(StandardCharsets.UTF_8));
        printVerdict(run, markdown.toString());
        System.out.println("Ran in " + seconds + " s. Saved " + json + " and " + markdown);
        return 0;
    }

    /**
     * The saved markdown of a run, under its title: the verdict if a claim has its rows in the run,
     * then the wide table of every row.
     */
    static String markdown(final RecordedRun run)
    {
        final Verdict verdict = Verdict.of(run.measurements);
        final String n = System.lineSeparator();
        return (verdict.isEmpty() ? "" : "## Verdict" + n + n + verdict.markdown() + n) +
            "## Every row" + n + n + wideTable(run);
    }

    /** The forks' JVM arguments: {@link #FORK_JVM_ARGS}, and checked mode on if the settings ask for it. */
    static String[] forkJvmArgs(final Settings settings)
    {
        final List<String> args = new ArrayList<>(Arrays.asList(FORK_JVM_ARGS));
        if (settings.checks)
        {
            args.addAll(CheckedRun.CHECKED_JVM_ARGS);
        }
        return args.toArray(new String[0]);
    }

    /**
     * Runs the benchmarks that match an include pattern (all if none) and not the exclude pattern:
     * AverageTime in nanoseconds with the GC profiler, the forks given {@link #FORK_JVM_ARGS} only,
     * JMH's JSON written to a file, and JMH's output cut to one line per benchmark unless verbose.
     *
     * @param settings the pass, forks, fork JVM and verbosity.
     * @param json     where JMH writes its JSON result.
     * @param includes JMH include patterns; empty for all.
     * @param exclude  a JMH exclude pattern, or null.
     * @throws RunnerException          if JMH fails.
     * @throws IllegalArgumentException naming the patterns if no benchmark matches.
     */
    static void jmh(final Settings settings, final Path json, final List<String> includes, final String exclude)
        throws RunnerException
    {
        final TimeValue time = settings.full ? TimeValue.seconds(2) : TimeValue.milliseconds(300);
        final ChainedOptionsBuilder options = new OptionsBuilder().mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS)
            .forks(settings.forks).warmupIterations(settings.full ? 5 : 2).warmupTime(time)
            .measurementIterations(settings.full ? 5 : 3).measurementTime(time).addProfiler(GCProfiler.class)
            .jvmArgs(forkJvmArgs(settings)).shouldFailOnError(true).resultFormat(ResultFormatType.JSON).result(json.toString());
        if (null != settings.jvm)
        {
            options.jvm(settings.jvm);
        }
        includes.forEach(options::include);
        if (null != exclude)
        {
            options.exclude(exclude);
        }
        try
        {
            (settings.verbose ? new Runner(options.build()) : new Runner(options.build(), new ProgressFormat(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL), System.out))).run();
        }
        catch (final NoBenchmarksException ex)
        {
            throw new IllegalArgumentException("no benchmark matches " +
                (includes.isEmpty() ? "(no pattern given: the jar has none)" : String.join(" or ", includes)) +
                "; --list shows them all", ex);
        }
    }

    /** The wide table of every row, a column pair per baseline, and the line that explains it. */
    private static String wideTable(final RecordedRun run)
    {
        return RunTables.ratios(run.measurements).render() + System.lineSeparator() +
            "ns/op: average time ± 99.9% confidence interval; ratio < 1: Hoarfrost is faster; " +
            "B/op: heap bytes allocated per operation (-prof gc)." + System.lineSeparator() +
            (run.skipped > 0 ? run.skipped + " results in modes other than AverageTime left out." +
            System.lineSeparator() : "");
    }

    private static void printHeader(final RecordedRun run)
    {
        System.out.println();
        System.out.println(run.description);
        System.out.println();
    }

    /**
     * Prints the verdict of a run and where its wide table is; if no claim has its rows in the run,
     * the wide table instead (a run of classes without claims still shows its numbers).
     */
    private static void printVerdict(final RecordedRun run, final String wideTableAt)
    {
        final Verdict verdict = Verdict.of(run.measurements);
        printHeader(run);
        if (verdict.isEmpty())
        {
            System.out.print(wideTable(run));
            return;
        }
        System.out.print(verdict.console());
        System.out.println("Every row, against every baseline: " + wideTableAt);
    }

    private static void expectFiles(final String[] args, final int index, final int count)
    {
        if (args.length != index + count + 1)
        {
            throw new UsageException(args[index] + " takes exactly " + count + (count == 1 ? " file" : " files") +
                " and no other argument");
        }
    }

    private static String value(final String[] args, final int index, final String option)
    {
        if (index >= args.length)
        {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(final String text, final String option)
    {
        try
        {
            final int value = Integer.parseInt(text);
            if (value >= 1)
            {
                return value;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw new UsageException(option + " needs a whole number of at least 1, was '" + text + "'");
    }

    private static Path existing(final String path)
    {
        if (!Files.isRegularFile(Paths.get(path)))
        {
            throw new IllegalArgumentException("no such file: " + path);
        }
        return Paths.get(path);
    }

    private static String pattern(final String regex)
    {
        try
        {
            Pattern.compile(regex);
            return regex;
        }
        catch (final PatternSyntaxException ex)
        {
            throw new UsageException("'" + regex + "' is not a regular expression: " + ex.getDescription());
        }
    }

    /** Bad command line: reported with the usage text. */
    private static final class UsageException extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        UsageException(final String message)
        {
            super(message);
        }
    }
}
