package io.hoarfrost.bench.report;

import org.openjdk.jmh.runner.RunnerException;

import java.awt.AWTError;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scaling pass ({@code --scaling}, issue 8): runs {@value ScalingSeries#SIZE_BENCHMARK} and
 * {@value ScalingSeries#THREADS_BENCHMARK} through JMH, then the footprint scaling
 * ({@value #FOOTPRINT_MAIN}) in a JVM of its own with a 4 GB heap, and writes to the results
 * directory {@code <stamp>-scaling.json} (JMH's result, which {@code --table} reads),
 * {@code <stamp>-footprint.json} ({@link RecordedFootprint}), {@code <stamp>-scaling.md} (the
 * tables, also printed) and {@code <stamp>-<series>.png}, one chart per series. A failed footprint
 * run or chart still leaves the rest written, and makes the exit status 1.
 */
final class ScalingRun
{
    /** JVM arguments of the footprint JVM: ten million {@code String}s take about 650 MB. */
    static final String[] FOOTPRINT_JVM_ARGS =
    {
        "-XX:+IgnoreUnrecognizedVMOptions", "--sun-misc-unsafe-memory-access=allow", "-Xmx4g"
    };

    /** The footprint program's class, in the benchmarks jar. */
    static final String FOOTPRINT_MAIN = "io.hoarfrost.bench.FootprintScaling";

    private ScalingRun()
    {
    }

    /**
     * Runs the scaling pass and prints the paths it wrote.
     *
     * @param settings the pass, forks, JVM of the forks and of the footprint JVM, results directory.
     * @return 0, or 1 if the footprint run or a chart failed.
     * @throws IOException     if a result cannot be read or written.
     * @throws RunnerException if JMH fails.
     */
    static int run(final BenchmarkMain.Settings settings) throws IOException, RunnerException
    {
        final Path json = settings.resultsDir.resolve(settings.stamp + "-scaling.json");
        final Path footprintJson = settings.resultsDir.resolve(settings.stamp + "-footprint.json");
        final Path markdown = settings.resultsDir.resolve(settings.stamp + "-scaling.md");
        final int cpus = Runtime.getRuntime().availableProcessors();
        final String pass = settings.full ? "full" : "quick";
        int status = 0;

        final StringBuilder counts = new StringBuilder();
        for (final int count : ScalingSeries.FOOTPRINT_COUNTS)
        {
            counts.append(counts.length() == 0 ? "" : ", ").append(ScalingSeries.countLabel(count));
        }
        System.out.println("Scaling pass (" + pass + "): " + ScalingSeries.SIZE_BENCHMARK + " and " +
            ScalingSeries.THREADS_BENCHMARK + " through JMH, then the footprint of " + counts + " strings.");
        final long start = System.nanoTime();
        BenchmarkMain.jmh(settings, json, Collections.singletonList(ScalingSeries.BENCHMARKS_PATTERN), null);
        final long jmhSeconds = secondsSince(start);
        final RecordedRun run = RecordedRun.read(json);

        final long footprintStart = System.nanoTime();
        final List<Path> written = new ArrayList<>(Arrays.asList(json, markdown));
        List<FootprintPoint> points = Collections.emptyList();
        String footprintJvm = "not measured";
        final String failure = runFootprint(settings.jvm, footprintJson);
        if (null == failure)
        {
            final RecordedFootprint footprint = RecordedFootprint.read(footprintJson);
            points = footprint.points;
            footprintJvm = footprint.jvm;
            written.add(1, footprintJson);
        }
        else
        {
            System.err.println("error: " + failure);
            status = BenchmarkMain.EXIT_FAILURE;
        }
        final long footprintSeconds = secondsSince(footprintStart);
        final long seconds = secondsSince(start);

        final List<Series> series = ScalingSeries.all(run.measurements, points);
        final String newline = System.lineSeparator();
        final String text = "# Hoarfrost scaling, " + settings.stamp + newline + newline +
            pass + " run of " + seconds + " s (JMH " + jmhSeconds + " s, footprint " + footprintSeconds + " s); " +
            run.description + "; " + cpus + (cpus == 1 ? " CPU" : " CPUs") + " available" + newline + newline +
            "Footprint JVM: " + footprintJvm + newline + newline + ScalingSeries.markdown(series);
        Files.write(markdown, text.getBytes(StandardCharsets.UTF_8));
        System.out.println();
        System.out.print(text);
        if (cpus < 2)
        {
            System.out.println("warning: this JVM could use " + cpus + " CPU: the 2-thread rows measure the threads " +
                "taking turns, not scaling.");
        }
        try
        {
            for (final Series one : series)
            {
                final Path png = settings.resultsDir.resolve(settings.stamp + "-" + one.name + ".png");
                one.writeChart(png);
                written.add(png);
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

    private static String runFootprint(final String jvm, final Path out) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(null == jvm ? System.getProperty("java.home") + File.separator + "bin" + File.separator + "java" : jvm);
        command.addAll(Arrays.asList(FOOTPRINT_JVM_ARGS));
        command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), FOOTPRINT_MAIN, out.toString()));
        for (final int count : ScalingSeries.FOOTPRINT_COUNTS)
        {
            command.add(Integer.toString(count));
        }
        final Process process = new ProcessBuilder(command).inheritIO().start();
        try
        {
            final int exit = process.waitFor();
            if (exit != 0)
            {
                return "the footprint JVM exited with status " + exit + " (its output is above): " + String.join(" ", command);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroy();
            Thread.currentThread().interrupt();
            return "interrupted while the footprint JVM ran";
        }
        return Files.isRegularFile(out) ? null : "the footprint JVM wrote no " + out;
    }

    private static long secondsSince(final long start)
    {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }
}
