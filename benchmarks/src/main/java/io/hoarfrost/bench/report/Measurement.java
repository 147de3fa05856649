package io.hoarfrost.bench.report;

/**
 * One AverageTime result of a JMH run, in nanoseconds per operation, with the naming convention
 * applied: a method {@code <operation>_<impl>} measures {@code operation} done by {@code impl},
 * split at the last underscore; {@value #HOARFROST} is ours, any other impl a baseline. A method
 * without an underscore is a Hoarfrost measurement with no baseline.
 *
 * <p>Immutable.
 */
public final class Measurement
{
    /** The impl suffix of Hoarfrost's own methods. */
    public static final String HOARFROST = "hoarfrost";

    /** Simple name of the benchmark class. */
    public final String benchmarkClass;
    /** The method JMH ran, {@code operation_impl} by convention. */
    public final String method;
    /** The method name before its impl suffix. */
    public final String operation;
    /** {@value #HOARFROST} or a baseline's name. */
    public final String impl;
    /** The JMH parameters, {@code "k=v, k=v"}, or empty. */
    public final String params;
    /** How many threads ran the benchmark at once; {@link #nanos} is per operation on each. */
    public final int threads;
    /** Average time per operation, in nanoseconds. */
    public final double nanos;
    /** Half-width of the 99.9% confidence interval of {@link #nanos}, NaN if unknown. */
    public final double nanosError;
    /** Heap bytes allocated per operation ({@code gc.alloc.rate.norm}), NaN if not profiled. */
    public final double bytesPerOp;

    /**
     * Creates a measurement from JMH's full benchmark name.
     *
     * @param benchmark  the name JMH reports, {@code package.Class.method}.
     * @param params     the JMH parameters, rendered {@code "k=v, k=v"}, or empty.
     * @param threads    how many threads ran the benchmark at once, at least 1.
     * @param nanos      average time in nanoseconds per operation (on each thread).
     * @param nanosError half-width of its 99.9% confidence interval, or NaN if unknown.
     * @param bytesPerOp heap bytes allocated per operation, or NaN if not profiled.
     * @throws IllegalArgumentException if the name has no class part or the thread count is below 1.
     */
    public Measurement(
        final String benchmark,
        final String params,
        final int threads,
        final double nanos,
        final double nanosError,
        final double bytesPerOp)
    {
        final int methodDot = benchmark.lastIndexOf('.');
        if (methodDot <= 0 || methodDot == benchmark.length() - 1 || threads < 1)
        {
            throw new IllegalArgumentException("benchmark '" + benchmark + "' on " + threads + " threads is not " +
                "Class.method on 1 or more threads");
        }
        final String qualifiedClass = benchmark.substring(0, methodDot);
        this.benchmarkClass = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
        this.method = benchmark.substring(methodDot + 1);
        final int underscore = method.lastIndexOf('_');
        final boolean hasImpl = underscore > 0 && underscore < method.length() - 1;
        this.operation = hasImpl ? method.substring(0, underscore) : method;
        this.impl = hasImpl ? method.substring(underscore + 1) : HOARFROST;
        this.params = params;
        this.threads = threads;
        this.nanos = nanos;
        this.nanosError = nanosError;
        this.bytesPerOp = bytesPerOp;
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
     * One JMH parameter's value.
     *
     * @param name the parameter, e.g. {@code "size"}.
     * @return its value as rendered in {@link #params}, or null if the run had no such parameter.
     */
    public String param(final String name)
    {
        for (final String pair : params.split(", "))
        {
            if (pair.startsWith(name + "="))
            {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return benchmarkClass + '.' + method + (params.isEmpty() ? "" : " {" + params + '}') + ": " + nanos + " ns/op";
    }
}
