package io.hoarfrost.bench.report;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long a run measures each benchmark: the quick pass users run by default, and the full pass
 * that gives error bars worth quoting.
 *
 * <p>A quick benchmark costs about 2 s (JVM fork plus 1.5 s of iterations), so the suite of ten
 * classes (141 benchmarks) finishes in about five minutes on two cores.
 */
public enum RunProfile
{
    /** 1 fork, 2 x 300 ms warmup, 3 x 300 ms measurement: "is it fast?" in a few minutes. */
    QUICK(1, 2, TimeValue.milliseconds(300), 3, TimeValue.milliseconds(300)),

    /** 3 forks, 5 x 2 s warmup, 5 x 2 s measurement: about a minute per benchmark. */
    FULL(3, 5, TimeValue.seconds(2), 5, TimeValue.seconds(2));

    private final int forks;
    private final int warmupIterations;
    private final TimeValue warmupTime;
    private final int measurementIterations;
    private final TimeValue measurementTime;

    RunProfile(
        final int forks,
        final int warmupIterations,
        final TimeValue warmupTime,
        final int measurementIterations,
        final TimeValue measurementTime)
    {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
    }

    /**
     * Forked JVMs per benchmark.
     *
     * @return the fork count.
     */
    public int forks()
    {
        return forks;
    }

    /**
     * Warmup iterations per fork.
     *
     * @return the count.
     */
    public int warmupIterations()
    {
        return warmupIterations;
    }

    /**
     * Length of one warmup iteration.
     *
     * @return the time.
     */
    public TimeValue warmupTime()
    {
        return warmupTime;
    }

    /**
     * Measured iterations per fork.
     *
     * @return the count.
     */
    public int measurementIterations()
    {
        return measurementIterations;
    }

    /**
     * Length of one measured iteration.
     *
     * @return the time.
     */
    public TimeValue measurementTime()
    {
        return measurementTime;
    }
}
