package io.hoarfrost.bench.report;

import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The checked-mode pass ({@code --checked}, issue 15 item 4): runs the same Hoarfrost methods twice,
 * first with checked mode off and then with {@code -Dhoarfrost.checks=true} in the forks, and prints
 * what the checks cost per row (time on / off, heap bytes per operation in each). Writes
 * {@code <stamp>-checks-off.json}, {@code <stamp>-checks-on.json} and {@code <stamp>-checked.md}.
 *
 * <p>The forks of the second run also get {@value #ALLOW_PROPERTY}{@code =true}, which is what lets
 * the benchmarks' guard against a stray {@code -Dhoarfrost.checks=true} pass.
 */
final class CheckedRun
{
    /** The property that tells the benchmarks' guard that checked mode is wanted, not stray. */
    static final String ALLOW_PROPERTY = "hoarfrost.bench.checked";

    /** The forks' extra arguments in the checked run. */
    static final List<String> CHECKED_JVM_ARGS =
        Collections.unmodifiableList(Arrays.asList("-Dhoarfrost.checks=true", "-D" + ALLOW_PROPERTY + "=true"));

    /** The headline rows of the README's "Is it fast?", the default of the pass: Hoarfrost's methods only. */
    static final List<String> HEADLINE = Collections.unmodifiableList(Arrays.asList(
        "\\.PoolBenchmark\\.allocateFree_hoarfrost$",
        "\\.ConcurrentPoolBenchmark\\.allocateFree1t_hoarfrost$",
        "\\.ArenaBenchmark\\.(allocate|allocateRecord|append)_hoarfrost$",
        "\\.RimeBenchmark\\.retainRelease_hoarfrost$",
        "\\.RimePlainBenchmark\\.retainRelease_hoarfrost$",
        "\\.FlakeBenchmark\\.copyClose_hoarfrost$",
        "\\.ArrayBenchmark\\.getLong_hoarfrost$",
        "\\.SnapshotCellBenchmark\\.read1t_hoarfrost$"));

    private CheckedRun()
    {
    }

    /**
     * Runs the pass and prints the table and the paths it wrote.
     *
     * @param settings the pass, forks, fork JVM, results directory.
     * @param includes JMH include patterns (none: {@link #HEADLINE}).
     * @return 0.
     * @throws IOException     if a result cannot be written or read.
     * @throws RunnerException if JMH fails.
     */
    static int run(final BenchmarkMain.Settings settings, final List<String> includes) throws IOException, RunnerException
    {
        final List<String> patterns = includes.isEmpty() ? HEADLINE : includes;
        final Path offJson = settings.resultsDir.resolve(settings.stamp + "-checks-off.json");
        final Path onJson = settings.resultsDir.resolve(settings.stamp + "-checks-on.json");
        final Path markdown = settings.resultsDir.resolve(settings.stamp + "-checked.md");
        final long start = System.nanoTime();
        System.out.println("Checked-mode pass, 1 of 2: checks off");
        settings.checks = false;
        BenchmarkMain.jmh(settings, offJson, patterns, BenchmarkMain.DEFAULT_EXCLUDE);
        System.out.println("Checked-mode pass, 2 of 2: -Dhoarfrost.checks=true");
        settings.checks = true;
        BenchmarkMain.jmh(settings, onJson, patterns, BenchmarkMain.DEFAULT_EXCLUDE);
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        final RecordedRun off = RecordedRun.read(offJson);
        final RecordedRun on = RecordedRun.read(onJson);
        final String n = System.lineSeparator();
        final String text = "# Hoarfrost with checked mode off and on, " + settings.stamp + n + n +
            (settings.full ? "full" : "quick") + " pass of " + seconds + " s; " + off.description + n + n +
            RunTables.checksCost(off, on).render() + n +
            "on/off: time with -Dhoarfrost.checks=true over time without, same machine, one run after the other; " +
            "B/op: heap bytes per operation (-prof gc), the tracking's own allocation." + n;
        Files.write(markdown, text.getBytes(StandardCharsets.UTF_8));
        System.out.println();
        System.out.print(text);
        System.out.println("Ran in " + seconds + " s. Saved " + offJson + ", " + onJson + " and " + markdown);
        return 0;
    }
}
