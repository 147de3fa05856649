package io.hoarfrost.bench.report;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;

/**
 * JMH output cut to its progress line and one result line per benchmark, so that the run's only
 * table is ours. Everything else JMH prints outside its per-iteration lines, fork headers and
 * final summary (warnings, forked JVM output, failures with their stack traces) passes through
 * unchanged.
 *
 * <p>Used by one JMH runner at a time, on its thread.
 */
final class ProgressFormat implements OutputFormat
{
    private static final String FORK_HEADER = "# Fork:";

    private final OutputFormat delegate;
    private final PrintStream out;
    private String current = "";

    ProgressFormat(final OutputFormat delegate, final PrintStream out)
    {
        this.delegate = delegate;
        this.out = out;
    }

    public void iteration(final BenchmarkParams benchParams, final IterationParams params, final int iteration)
    {
    }

    public void iterationResult(
        final BenchmarkParams benchParams, final IterationParams params, final int iteration, final IterationResult data)
    {
    }

    public void startBenchmark(final BenchmarkParams benchParams)
    {
        final String name = benchParams.getBenchmark();
        current = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + paramsOf(benchParams);
    }

    public void endBenchmark(final BenchmarkResult result)
    {
        if (null == result)
        {
            return;
        }
        final Result<?> primary = result.getPrimaryResult();
        final Result<?> allocation = result.getSecondaryResults().get(RecordedRun.ALLOC_NORM);
        out.println(current + ": " + MarkdownTable.measured(primary.getScore(), primary.getScoreError()) + ' ' +
            primary.getScoreUnit() +
            (null == allocation ? "" : ", " + MarkdownTable.bytes(allocation.getScore()) + ' ' + allocation.getScoreUnit()));
    }

    public void startRun()
    {
    }

    public void endRun(final Collection<RunResult> result)
    {
    }

    public void print(final String s)
    {
        delegate.print(s);
    }

    public void println(final String s)
    {
        if (!s.isEmpty() && !s.startsWith(FORK_HEADER))
        {
            delegate.println(s);
        }
    }

    public void flush()
    {
        delegate.flush();
    }

    public void close()
    {
        delegate.close();
    }

    public void verbosePrintln(final String s)
    {
        delegate.verbosePrintln(s);
    }

    public void write(final int b)
    {
        delegate.write(b);
    }

    public void write(final byte[] b) throws IOException
    {
        delegate.write(b);
    }

    private static String paramsOf(final BenchmarkParams benchParams)
    {
        final StringBuilder text = new StringBuilder();
        for (final String key : benchParams.getParamsKeys())
        {
            text.append(text.length() == 0 ? " {" : ", ").append(key).append('=').append(benchParams.getParam(key));
        }
        return text.length() == 0 ? "" : text.append('}').toString();
    }
}
