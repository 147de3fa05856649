package io.hoarfrost.bench.report;

import org.openjdk.jmh.runner.RunnerException;

import java.awt.AWTError;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scaling pass ({@code --scaling}, issue 8): runs {@value ScalingSeries#SIZE_BENCHMARK} and
 * {@value ScalingSeries#THREADS_BENCHMARK} through JMH, then the footprint scaling
 * ({@code io.hoarfrost.bench.FootprintScaling}) in a JVM of its own with a
 * {@value #FOOTPRINT_HEAP} heap, and writes to the results directory:
 * <ul>
 *   <li>{@code <stamp>-scaling.json}: JMH's result (the ordinary {@code --table} reads it);</li>
 *   <li>{@code <stamp>-footprint.json}: the footprint points ({@link RecordedFootprint});</li>
 *   <li>{@code <stamp>-scaling.md}: the tables ({@link ScalingReport}), also printed;</li>
 *   <li>{@code <stamp>-<series>.png}: one chart per series.</li>
 * </ul>
 * Prints the paths it wrote. A failed footprint run or chart still leaves the rest written, and
 * makes the exit status 1.
 */
final class ScalingRun
{
    /** Heap of the footprint JVM: ten million {@code String}s take about 650 MB. */
    static final String FOOTPRINT_HEAP = "4g";

    /** JVM arguments of the footprint JVM. */
    static final String[] FOOTPRINT_JVM_ARGS =
    {
        "-XX:+IgnoreUnrecognizedVMOptions", "--sun-misc-unsafe-memory-access=allow", "-Xmx" + FOOTPRINT_HEAP
    };

    /** The footprint program's class, in the benchmarks jar. */
    static final String FOOTPRINT_MAIN = "io.hoarfrost.bench.FootprintScaling";

    private ScalingRun()
    {
    }

    /**
     * Runs the scaling pass.
     *
     * @param profile    iterations of the JMH part.
     * @param forks      forks per benchmark.
     * @param jvm        the {@code java} of the forks and of the footprint JVM, or null for this
     *                   JVM's.
     * @param resultsDir where the files go; created if missing.
     * @param verbose    JMH's full output.
     * @return 0, or 1 if the footprint run or a chart failed.
     * @throws IOException      if a result cannot be read or written.
     * @throws RunnerException  if JMH fails.
     */
    static int run(
        final RunProfile profile,
        final int forks,
        final String jvm,
        final Path resultsDir,
        final boolean verbose) throws IOException, RunnerException
    {
        Files.createDirectories(resultsDir);
        final String stamp = LocalDateTime.now().format(BenchmarkMain.TIMESTAMP);
        final Path json = resultsDir.resolve(stamp + "-scaling.json");
        final Path footprintJson = resultsDir.resolve(stamp + "-footprint.json");
        final Path markdown = resultsDir.resolve(stamp + "-scaling.md");
        final int cpus = Runtime.getRuntime().availableProcessors();
        int status = 0;

        System.out.println("Scaling pass (" + profile.name().toLowerCase() + "): " + ScalingSeries.SIZE_BENCHMARK + " and " +
            ScalingSeries.THREADS_BENCHMARK + " through JMH, then the footprint of " + counts() + " strings.");
        final long start = System.nanoTime();
        JmhRun.run(profile, forks, jvm, json, verbose, Collections.singletonList(ScalingSeries.BENCHMARKS_PATTERN),
            Collections.<String>emptyList());
        final long jmhSeconds = secondsSince(start);
        final RecordedRun run = RecordedRun.read(json);

        final long footprintStart = System.nanoTime();
        List<FootprintPoint> points = Collections.emptyList();
        String footprintJvm = "not measured";
        final String failure = runFootprint(jvm, footprintJson);
        if (null == failure)
        {
            final RecordedFootprint footprint = RecordedFootprint.read(footprintJson);
            points = footprint.points();
            footprintJvm = footprint.jvm();
        }
        else
        {
            System.err.println("error: " + failure);
            status = BenchmarkMain.EXIT_FAILURE;
        }
        final long footprintSeconds = secondsSince(footprintStart);
        final long seconds = secondsSince(start);

        final ScalingReport report = ScalingReport.of(run.measurements(), points);
        final String newline = System.lineSeparator();
        final String header = "# Hoarfrost scaling, " + stamp + newline + newline +
            profile.name().toLowerCase() + " run of " + seconds + " s (JMH " + jmhSeconds + " s, footprint " +
            footprintSeconds + " s); " + run.description() + "; " + cpus + (cpus == 1 ? " CPU" : " CPUs") +
            " available" + newline + newline +
            "Footprint JVM: " + footprintJvm + newline + newline;
        final String text = header + report.markdown();
        Files.write(markdown, text.getBytes(StandardCharsets.UTF_8));
        System.out.println();
        System.out.print(text);
        if (cpus < 2)
        {
            System.out.println("warning: this JVM could use " + cpus + " CPU: the 2-thread rows measure the threads " +
                "taking turns, not scaling.");
        }

        final List<Path> written = new ArrayList<>(Arrays.asList(json, markdown));
        if (null == failure)
        {
            written.add(1, footprintJson);
        }
        try
        {
            written.addAll(report.writeCharts(resultsDir, stamp));
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

    private static String runFootprint(final String jvm, final Path out) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(null == jvm ? System.getProperty("java.home") + File.separator + "bin" + File.separator + "java" : jvm);
        command.addAll(Arrays.asList(FOOTPRINT_JVM_ARGS));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FOOTPRINT_MAIN);
        command.add(out.toString());
        for (final int count : ScalingSeries.FOOTPRINT_COUNTS)
        {
            command.add(Integer.toString(count));
        }
        final Process process = new ProcessBuilder(command).inheritIO().start();
        final int exit;
        try
        {
            exit = process.waitFor();
        }
        catch (final InterruptedException ex)
        {
            process.destroy();
            Thread.currentThread().interrupt();
            return "interrupted while the footprint JVM ran";
        }
        if (exit != 0)
        {
            return "the footprint JVM exited with status " + exit + " (its output is above): " + String.join(" ", command);
        }
        return Files.isRegularFile(out) ? null : "the footprint JVM wrote no " + out;
    }

    private static String counts()
    {
        final StringBuilder text = new StringBuilder();
        for (final int count : ScalingSeries.FOOTPRINT_COUNTS)
        {
            text.append(text.length() == 0 ? "" : ", ").append(SeriesAxis.COUNT_LOG10.label(count));
        }
        return text.toString();
    }

    private static long secondsSince(final long start)
    {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }
}
