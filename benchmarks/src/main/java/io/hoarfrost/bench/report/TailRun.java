package io.hoarfrost.bench.report;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.awt.AWTError;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tail pass ({@code --tail}, issue 15 item 3): runs each method of
 * {@value TailReport#BENCHMARK} that {@link TailReport#OPERATIONS} names, one JMH run per method so
 * that each gets a GC log of its own ({@code -Xlog:gc:file=...} or, on JDK 8,
 * {@code -XX:+PrintGCDetails -Xloggc:...}, one file per fork), in {@code Mode.SampleTime} in ns;
 * then prints a table per operation and writes to the results directory
 * {@code <stamp>-tail.json} (JMH's results, with the samples' histograms), {@code <stamp>-tail.md}
 * (the tables), {@code <stamp>-tail-gc/} (the GC logs) and {@code <stamp>-tail-<operation>.png},
 * one chart per operation. A chart that fails leaves the rest written and makes the exit status 1.
 */
final class TailRun
{
    /** The benchmarks' package, for the include patterns. */
    static final String PACKAGE = "io.hoarfrost.bench.";

    private static final Pattern SPECIFICATION = Pattern.compile("java\\.specification\\.version = (?:1\\.)?(\\d+)");

    private TailRun()
    {
    }

    /**
     * Runs the pass and prints the tables and the paths it wrote.
     *
     * @param settings the pass, forks, fork JVM, results directory.
     * @param includes patterns that pick methods by {@code TailLatencyBenchmark.method} (none: all).
     * @return 0, or 1 if a chart failed.
     * @throws IOException     if a result cannot be written or a log read.
     * @throws RunnerException if JMH fails.
     */
    static int run(final BenchmarkMain.Settings settings, final List<String> includes) throws IOException, RunnerException
    {
        final List<String> methods = selected(includes);
        if (methods.isEmpty())
        {
            throw new IllegalArgumentException("no method of " + TailReport.BENCHMARK + " matches " +
                String.join(" or ", includes) + "; it has " + String.join(", ", TailReport.methods()));
        }
        final Path json = settings.resultsDir.resolve(settings.stamp + "-tail.json");
        final Path markdown = settings.resultsDir.resolve(settings.stamp + "-tail.md");
        final Path gcDirectory = settings.resultsDir.resolve(settings.stamp + "-tail-gc");
        Files.createDirectories(gcDirectory);
        final int feature = feature(settings.jvm);
        final String pass = settings.full ? "full" : "quick";
        System.out.println("Tail pass (" + pass + "): " + methods.size() + " methods of " + TailReport.BENCHMARK +
            " in SampleTime, each in its own JMH run with a GC log per fork (forks on JDK " + feature + ").");

        final long start = System.nanoTime();
        final List<RunResult> all = new ArrayList<>();
        final Map<String, TailLatency> results = new LinkedHashMap<>();
        BenchmarkParams params = null;
        for (final String method : methods)
        {
            final String log = gcDirectory.toAbsolutePath().resolve(method + "-%p.log").toString();
            for (final RunResult result : jmh(settings, method, GcPauses.forkArguments(feature, log)))
            {
                all.add(result);
                params = result.getParams();
                results.put(method, TailLatency.of(method, result.getPrimaryResult().getStatistics(),
                    GcPauses.read(logsOf(gcDirectory, method))));
            }
        }
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        try (PrintStream out = new PrintStream(json.toFile(), StandardCharsets.UTF_8.name()))
        {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(all);
        }

        final String collector = collector(results);
        final String newline = System.lineSeparator();
        final String description = pass + " run of " + seconds + " s; " + (null == params ? "no results" :
            "JDK " + params.getJdkVersion() + ", " + params.getVmName() + "; " + params.getForks() +
            (params.getForks() == 1 ? " fork, " : " forks, ") + params.getWarmup().getCount() + " x " +
            params.getWarmup().getTime() + " warmup, " + params.getMeasurement().getCount() + " x " +
            params.getMeasurement().getTime() + " measured, SampleTime") +
            (collector.isEmpty() ? "" : "; GC: " + collector);
        Files.write(markdown, ("# Hoarfrost tail latency, " + settings.stamp + newline + newline + description + newline +
            newline + TailReport.markdown(results)).getBytes(StandardCharsets.UTF_8));
        System.out.println();
        System.out.println(description);
        System.out.println();
        System.out.print(TailReport.console(results));

        int status = 0;
        final List<Path> written = new ArrayList<>(Arrays.asList(json, markdown, gcDirectory));
        try
        {
            for (final TailReport.Operation operation : TailReport.OPERATIONS)
            {
                if (TailReport.measured(operation, results))
                {
                    final Path png = settings.resultsDir.resolve(settings.stamp + "-tail-" + operation.id + ".png");
                    TailReport.writeChart(operation, results, png);
                    written.add(png);
                }
            }
        }
        catch (final IOException | RuntimeException | AWTError | LinkageError ex)
        {
            System.err.println("error: could not draw the charts (" + ex + "); the tables are in " + markdown);
            status = BenchmarkMain.EXIT_FAILURE;
        }
        System.out.println("Ran in " + seconds + " s. Wrote:");
        for (final Path path : written)
        {
            System.out.println("  " + path);
        }
        return status;
    }

    /**
     * The methods of the pass that an include pattern finds in {@code TailLatencyBenchmark.method}
     * (all of them if there is no pattern), in report order.
     */
    static List<String> selected(final List<String> includes)
    {
        final List<String> methods = new ArrayList<>();
        for (final String method : TailReport.methods())
        {
            boolean found = includes.isEmpty();
            for (final String include : includes)
            {
                found |= Pattern.compile(include).matcher(TailReport.BENCHMARK + "." + method).find();
            }
            if (found)
            {
                methods.add(method);
            }
        }
        return methods;
    }

    /** The GC logs of a method's forks: {@code <method>-<pid>.log}, rotated parts included. */
    static List<Path> logsOf(final Path directory, final String method) throws IOException
    {
        final List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, method + "-*.log*"))
        {
            for (final Path file : files)
            {
                logs.add(file);
            }
        }
        logs.sort(null);
        return logs;
    }

    private static List<RunResult> jmh(final BenchmarkMain.Settings settings, final String method,
        final List<String> gcArguments) throws RunnerException
    {
        final List<String> jvmArgs = new ArrayList<>(Arrays.asList(BenchmarkMain.FORK_JVM_ARGS));
        jvmArgs.addAll(gcArguments);
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(Pattern.quote(PACKAGE + TailReport.BENCHMARK + "." + method) + "$")
            .mode(Mode.SampleTime).timeUnit(TimeUnit.NANOSECONDS).forks(settings.forks)
            .warmupIterations(settings.full ? 5 : 2)
            .warmupTime(settings.full ? TimeValue.seconds(2) : TimeValue.milliseconds(500))
            .measurementIterations(settings.full ? 5 : 3)
            .measurementTime(settings.full ? TimeValue.seconds(5) : TimeValue.seconds(1))
            .jvmArgs(jvmArgs.toArray(new String[0])).shouldFailOnError(true);
        if (null != settings.jvm)
        {
            options.jvm(settings.jvm);
        }
        try
        {
            return new ArrayList<>((settings.verbose ? new Runner(options.build()) : new Runner(options.build(),
                new ProgressFormat(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL), System.out)))
                .run());
        }
        catch (final NoBenchmarksException ex)
        {
            throw new IllegalArgumentException("the jar has no " + TailReport.BENCHMARK + "." + method, ex);
        }
    }

    /** The collector the logs name, or empty; several if the rows differ. */
    private static String collector(final Map<String, TailLatency> results)
    {
        final List<String> names = new ArrayList<>();
        for (final TailLatency result : results.values())
        {
            if (!result.gc.collector.isEmpty() && !names.contains(result.gc.collector))
            {
                names.add(result.gc.collector);
            }
        }
        return String.join(", ", names);
    }

    /** The Java feature version of the forks' JVM: this one's, or what {@code jvm -XshowSettings} says. */
    private static int feature(final String jvm) throws IOException
    {
        if (null == jvm)
        {
            return feature("java.specification.version = " + System.getProperty("java.specification.version"), 8);
        }
        final Process process = new ProcessBuilder(new File(jvm).getPath(), "-XshowSettings:properties", "-version")
            .redirectErrorStream(true).start();
        final StringBuilder output = new StringBuilder();
        try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = reader.readLine(); null != line; line = reader.readLine())
            {
                output.append(line).append('\n');
            }
        }
        return feature(output.toString(), 17);
    }

    private static int feature(final String settings, final int otherwise)
    {
        final Matcher matcher = SPECIFICATION.matcher(settings);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : otherwise;
    }
}
