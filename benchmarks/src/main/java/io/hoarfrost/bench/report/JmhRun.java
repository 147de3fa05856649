package io.hoarfrost.bench.report;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JMH run as every pass of the runner makes it: AverageTime in nanoseconds with the GC
 * profiler, the forks given {@link BenchmarkMain#FORK_JVM_ARGS} only, JMH's JSON written to a
 * file, and JMH's output cut to one line per benchmark unless verbose.
 *
 * <p>Stateless; runs on the calling thread.
 */
final class JmhRun
{
    private JmhRun()
    {
    }

    /**
     * Runs the benchmarks that match an include pattern and no exclude pattern.
     *
     * @param profile  iterations and their lengths.
     * @param forks    forks per benchmark.
     * @param jvm      the forks' {@code java}, or null for this JVM's.
     * @param json     where JMH writes its JSON result.
     * @param verbose  JMH's full output instead of one line per benchmark.
     * @param includes JMH include patterns; empty for all.
     * @param excludes JMH exclude patterns.
     * @throws RunnerException          if JMH fails.
     * @throws IllegalArgumentException naming the patterns if no benchmark matches.
     */
    static void run(
        final RunProfile profile,
        final int forks,
        final String jvm,
        final Path json,
        final boolean verbose,
        final List<String> includes,
        final List<String> excludes) throws RunnerException
    {
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .mode(Mode.AverageTime)
            .timeUnit(TimeUnit.NANOSECONDS)
            .forks(forks)
            .warmupIterations(profile.warmupIterations())
            .warmupTime(profile.warmupTime())
            .measurementIterations(profile.measurementIterations())
            .measurementTime(profile.measurementTime())
            .addProfiler(GCProfiler.class)
            .jvmArgs(BenchmarkMain.FORK_JVM_ARGS)
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString());
        if (null != jvm)
        {
            options.jvm(jvm);
        }
        for (final String include : includes)
        {
            options.include(include);
        }
        for (final String exclude : excludes)
        {
            options.exclude(exclude);
        }

        final Runner runner = verbose ?
            new Runner(options.build()) :
            new Runner(options.build(), new ProgressFormat(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL), System.out));
        try
        {
            runner.run();
        }
        catch (final NoBenchmarksException ex)
        {
            throw new IllegalArgumentException("no benchmark matches " +
                (includes.isEmpty() ? "(no pattern given: the jar has none)" : String.join(" or ", includes)) +
                "; --list shows them all", ex);
        }
    }
}
