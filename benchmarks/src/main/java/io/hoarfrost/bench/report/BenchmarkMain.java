package io.hoarfrost.bench.report;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Entry point of {@code benchmarks.jar}: runs the benchmarks through JMH's Java API, saves JMH's
 * JSON and prints one table (see {@link ResultTable}); also re-prints an old run's table and
 * compares two runs.
 *
 * <pre>
 * java -jar benchmarks.jar [--full] [--forks N] [--jvm PATH] [--results DIR] [--verbose] [REGEX...]
 * java -jar benchmarks.jar --scaling [--full] [--forks N] [--jvm PATH] [--results DIR] [--verbose]
 * java -jar benchmarks.jar --list
 * java -jar benchmarks.jar --table RUN.json
 * java -jar benchmarks.jar --compare OLD.json NEW.json
 * </pre>
 *
 * <p>Every run is AverageTime in nanoseconds with {@code -prof gc}, whatever the classes'
 * annotations say. Forks get {@link #FORK_JVM_ARGS} and nothing else from this JVM: in
 * particular never {@code -Dhoarfrost.checks}, so the library runs with checked mode off.
 *
 * <p>Without patterns the ordinary pass leaves out the scaling classes
 * ({@link ScalingSeries#BENCHMARKS_PATTERN}); {@code --scaling} runs them, and the footprint
 * scaling, through {@link ScalingRun}.
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

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    static final String HEADLESS = "java.awt.headless";

    private static final String USAGE = String.join(System.lineSeparator(),
        "usage: java -jar benchmarks.jar [--full] [--forks N] [--jvm PATH] [--results DIR] [--verbose] [REGEX...]",
        "       java -jar benchmarks.jar --scaling [--full] [--forks N] [--jvm PATH] [--results DIR] [--verbose]",
        "       java -jar benchmarks.jar --list",
        "       java -jar benchmarks.jar --table RUN.json",
        "       java -jar benchmarks.jar --compare OLD.json NEW.json",
        "  REGEX          JMH include patterns, found in package.Class.method (default: all but the",
        "                 scaling classes, AllocationSizeBenchmark and ThreadScalingBenchmark)",
        "  --scaling      the scaling pass: cost by allocation size and thread count, footprint by",
        "                 string count; tables in <timestamp>-scaling.md and a PNG chart per series",
        "  --full         3 forks, 5 x 2 s warmup, 5 x 2 s measurement (default: quick,",
        "                 1 fork, 2 x 300 ms warmup, 3 x 300 ms measurement)",
        "  --forks N      override the fork count",
        "  --jvm PATH     java executable for the forks (default: this JVM's)",
        "  --results DIR  where the results go (default: results)",
        "  --verbose      JMH's full output instead of one line per benchmark",
        "  --list         the benchmarks in this jar",
        "  --table        re-print the table of a saved run",
        "  --compare      compare two saved runs: change, and whether it is outside the noise");

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

    private BenchmarkMain()
    {
    }

    /**
     * Runs the command line and exits with 0 on success, 1 on a failed run, 2 on bad usage.
     *
     * @param args see the class documentation.
     */
    public static void main(final String[] args)
    {
        if (null == System.getProperty(HEADLESS))
        {
            System.setProperty(HEADLESS, "true"); // the scaling charts are drawn off screen
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
        RunProfile profile = RunProfile.QUICK;
        int forks = -1;
        String jvm = null;
        Path resultsDir = Paths.get("results");
        boolean verbose = false;
        boolean scaling = false;
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
                    expectArgs(args, i, 1);
                    printTable(RecordedRun.read(existing(args[i + 1])));
                    return 0;
                case "--compare":
                    expectArgs(args, i, 2);
                    printComparison(RecordedRun.read(existing(args[i + 1])), RecordedRun.read(existing(args[i + 2])));
                    return 0;
                case "--full":
                    profile = RunProfile.FULL;
                    break;
                case "--scaling":
                    scaling = true;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--forks":
                    forks = positive(value(args, ++i, arg), arg);
                    break;
                case "--jvm":
                    jvm = executable(value(args, ++i, arg));
                    break;
                case "--results":
                    resultsDir = Paths.get(value(args, ++i, arg));
                    break;
                default:
                    if (arg.startsWith("-"))
                    {
                        throw new UsageException("unknown option " + arg);
                    }
                    includes.add(pattern(arg));
            }
        }
        if (scaling)
        {
            if (!includes.isEmpty())
            {
                throw new UsageException("--scaling takes no REGEX (it runs " + ScalingSeries.SIZE_BENCHMARK + ", " +
                    ScalingSeries.THREADS_BENCHMARK + " and the footprint scaling); got " + String.join(" ", includes));
            }
            return ScalingRun.run(profile, forks < 0 ? profile.forks() : forks, jvm, resultsDir, verbose);
        }
        return runBenchmarks(profile, forks < 0 ? profile.forks() : forks, jvm, resultsDir, verbose, includes);
    }

    private static int runBenchmarks(
        final RunProfile profile,
        final int forks,
        final String jvm,
        final Path resultsDir,
        final boolean verbose,
        final List<String> includes) throws IOException, RunnerException
    {
        Files.createDirectories(resultsDir);
        final String stamp = LocalDateTime.now().format(TIMESTAMP);
        final Path json = resultsDir.resolve(stamp + ".json");
        final Path markdown = resultsDir.resolve(stamp + ".md");

        final long start = System.nanoTime();
        JmhRun.run(profile, forks, jvm, json, verbose, includes, includes.isEmpty() ?
            Collections.singletonList(ScalingSeries.BENCHMARKS_PATTERN) : Collections.<String>emptyList());
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        final RecordedRun run = RecordedRun.read(json);
        final String table = printTable(run);
        final String title = "# Hoarfrost benchmarks, " + stamp + System.lineSeparator() + System.lineSeparator() +
            profile.name().toLowerCase() + " run of " + seconds + " s; " + run.description() + System.lineSeparator() +
            System.lineSeparator();
        Files.write(markdown, (title + table).getBytes(StandardCharsets.UTF_8));
        System.out.println("Ran in " + seconds + " s. Saved " + json + " and " + markdown);
        return 0;
    }

    private static String printTable(final RecordedRun run)
    {
        final String table = ResultTable.of(run.measurements()).render() + System.lineSeparator() +
            "ns/op: average time ± 99.9% confidence interval; ratio < 1: Hoarfrost is faster; " +
            "B/op: heap bytes allocated per operation (-prof gc)." + System.lineSeparator();
        System.out.println();
        System.out.println(run.description());
        System.out.println();
        System.out.print(table);
        if (run.skipped() > 0)
        {
            System.out.println(run.skipped() + " results in modes other than AverageTime left out.");
        }
        return table;
    }

    private static void printComparison(final RecordedRun older, final RecordedRun newer)
    {
        System.out.println("old: " + older.file() + ": " + older.description());
        System.out.println("new: " + newer.file() + ": " + newer.description());
        System.out.println();
        System.out.print(RunComparison.of(older, newer).render());
        System.out.println();
        System.out.println("verdict: faster/slower when the 99.9% confidence intervals do not overlap, ~ when they do.");
    }

    private static void expectArgs(final String[] args, final int index, final int count)
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
            if (value < 1)
            {
                throw new UsageException(option + " must be at least 1, was " + value);
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException(option + " needs a whole number, was '" + text + "'");
        }
    }

    private static String executable(final String path)
    {
        final File file = new File(path);
        if (!file.isFile() || !file.canExecute())
        {
            throw new UsageException("--jvm " + path + " is not an executable file");
        }
        return path;
    }

    private static Path existing(final String path)
    {
        final Path file = Paths.get(path);
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("no such file: " + path);
        }
        return file;
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
