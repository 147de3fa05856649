package io.hoarfrost.bench.report;

/**
 * One AverageTime result of a JMH run, in nanoseconds per operation, with the naming convention
 * applied: a method {@code <operation>_<impl>} measures {@code operation} done by {@code impl},
 * split at the last underscore; {@value #HOARFROST} is ours, any other impl a baseline. A method
 * without an underscore is a Hoarfrost measurement with no baseline.
 *
 * <p>Immutable.
 */
final class Measurement
{
    static final String HOARFROST = "hoarfrost";

    final String benchmarkClass; // simple name
    final String method; // operation_impl by convention
    final String operation;
    final String impl;
    final String params; // "k=v, k=v", or empty
    final int threads; // how many ran the benchmark at once; nanos is per operation on each
    final double nanos; // average time per operation
    final double nanosError; // half-width of the 99.9% confidence interval, NaN if unknown
    final double bytesPerOp; // heap bytes allocated per operation (gc.alloc.rate.norm), NaN if not profiled

    /**
     * A measurement of JMH's benchmark {@code package.Class.method} on 1 or more threads.
     *
     * @throws IllegalArgumentException if the name has no class part or the thread count is below 1.
     */
    Measurement(
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

    boolean isHoarfrost()
    {
        return HOARFROST.equals(impl);
    }

    /** One JMH parameter's value, e.g. of {@code "size"}, or null if the run had no such parameter. */
    String param(final String name)
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

    @Override
    public String toString()
    {
        return benchmarkClass + '.' + method + (params.isEmpty() ? "" : " {" + params + '}') + ": " + nanos + " ns/op";
    }
}
