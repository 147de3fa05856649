package io.hoarfrost.bench.report;

/**
 * One benchmark result as the table needs it: which class, operation and implementation it
 * measured, with which parameters, and its score in nanoseconds per operation.
 *
 * <p>The naming convention lives here: a method {@code <operation>_<impl>} measures
 * {@code operation} done by {@code impl}, split at the last underscore; {@value #HOARFROST} is
 * ours, any other impl is a baseline. A method without an underscore is a Hoarfrost measurement
 * with no baseline.
 *
 * <p>Immutable.
 */
public final class Measurement
{
    /** The impl suffix of Hoarfrost's own methods. */
    public static final String HOARFROST = "hoarfrost";

    private final String benchmarkClass;
    private final String method;
    private final String operation;
    private final String impl;
    private final String params;
    private final int threads;
    private final double nanos;
    private final double nanosError;
    private final double bytesPerOp;

    private Measurement(
        final String benchmarkClass,
        final String method,
        final String operation,
        final String impl,
        final String params,
        final int threads,
        final double nanos,
        final double nanosError,
        final double bytesPerOp)
    {
        this.benchmarkClass = benchmarkClass;
        this.method = method;
        this.operation = operation;
        this.impl = impl;
        this.params = params;
        this.threads = threads;
        this.nanos = nanos;
        this.nanosError = nanosError;
        this.bytesPerOp = bytesPerOp;
    }

    /**
     * Creates a measurement from JMH's full benchmark name, taken on one thread.
     *
     * @param benchmark  the name JMH reports, {@code package.Class.method}.
     * @param params     the JMH parameters, rendered {@code "k=v, k=v"}, or empty.
     * @param nanos      average time in nanoseconds per operation.
     * @param nanosError half-width of its 99.9% confidence interval, or NaN if unknown.
     * @param bytesPerOp heap bytes allocated per operation, or NaN if not profiled.
     * @return the measurement.
     * @throws IllegalArgumentException naming the benchmark if it has no class part.
     */
    public static Measurement of(
        final String benchmark,
        final String params,
        final double nanos,
        final double nanosError,
        final double bytesPerOp)
    {
        return of(benchmark, params, 1, nanos, nanosError, bytesPerOp);
    }

    /**
     * Creates a measurement from JMH's full benchmark name.
     *
     * @param benchmark  the name JMH reports, {@code package.Class.method}.
     * @param params     the JMH parameters, rendered {@code "k=v, k=v"}, or empty.
     * @param threads    how many threads ran the benchmark at once, at least 1.
     * @param nanos      average time in nanoseconds per operation (on each thread).
     * @param nanosError half-width of its 99.9% confidence interval, or NaN if unknown.
     * @param bytesPerOp heap bytes allocated per operation, or NaN if not profiled.
     * @return the measurement.
     * @throws IllegalArgumentException naming the benchmark if it has no class part, or the
     *                                  thread count if it is below 1.
     */
    public static Measurement of(
        final String benchmark,
        final String params,
        final int threads,
        final double nanos,
        final double nanosError,
        final double bytesPerOp)
    {
        final int methodDot = benchmark.lastIndexOf('.');
        if (methodDot <= 0 || methodDot == benchmark.length() - 1)
        {
            throw new IllegalArgumentException("benchmark name '" + benchmark + "' is not Class.method");
        }
        if (threads < 1)
        {
            throw new IllegalArgumentException(benchmark + " ran on " + threads + " threads");
        }
        final String qualifiedClass = benchmark.substring(0, methodDot);
        final String method = benchmark.substring(methodDot + 1);
        final String simpleClass = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
        final int underscore = method.lastIndexOf('_');
        final boolean hasImpl = underscore > 0 && underscore < method.length() - 1;
        final String operation = hasImpl ? method.substring(0, underscore) : method;
        final String impl = hasImpl ? method.substring(underscore + 1) : HOARFROST;
        return new Measurement(simpleClass, method, operation, impl, params, threads, nanos, nanosError, bytesPerOp);
    }

    /**
     * Simple name of the benchmark class.
     *
     * @return the class name.
     */
    public String benchmarkClass()
    {
        return benchmarkClass;
    }

    /**
     * The operation measured.
     *
     * @return the method name before its impl suffix.
     */
    public String operation()
    {
        return operation;
    }

    /**
     * Who did the operation.
     *
     * @return {@value #HOARFROST} or a baseline's name.
     */
    public String impl()
    {
        return impl;
    }

    /**
     * Whether this measures Hoarfrost rather than a baseline.
     *
     * @return true for the {@value #HOARFROST} impl.
     */
    public boolean isHoarfrost()
    {
        return HOARFROST.equals(impl);
    }

    /**
     * The JMH parameters of the run.
     *
     * @return {@code "k=v, k=v"}, or empty.
     */
    public String params()
    {
        return params;
    }

    /**
     * One JMH parameter's value.
     *
     * @param name the parameter, e.g. {@code "size"}.
     * @return its value as rendered in {@link #params()}, or null if the run had no such parameter.
     */
    public String param(final String name)
    {
        if (params.isEmpty())
        {
            return null;
        }
        for (final String pair : params.split(", "))
        {
            final int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name))
            {
                return pair.substring(equals + 1);
            }
        }
        return null;
    }

    /**
     * How many threads ran the benchmark at once.
     *
     * @return 1 or more; {@link #nanos()} is the time per operation on each of them.
     */
    public int threads()
    {
        return threads;
    }

    /**
     * The method name JMH ran, without its class.
     *
     * @return the method name, {@code operation_impl} by convention.
     */
    public String method()
    {
        return method;
    }

    /**
     * Average time per operation.
     *
     * @return nanoseconds.
     */
    public double nanos()
    {
        return nanos;
    }

    /**
     * Half-width of the 99.9% confidence interval of {@link #nanos()}.
     *
     * @return nanoseconds, or NaN if JMH could not tell (a single iteration).
     */
    public double nanosError()
    {
        return nanosError;
    }

    /**
     * Heap bytes allocated per operation ({@code gc.alloc.rate.norm}).
     *
     * @return bytes, or NaN if the run had no GC profiler.
     */
    public double bytesPerOp()
    {
        return bytesPerOp;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return benchmarkClass + '.' + method + (params.isEmpty() ? "" : " {" + params + '}') + ": " + nanos + " ns/op";
    }
}
