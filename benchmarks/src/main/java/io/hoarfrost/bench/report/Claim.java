package io.hoarfrost.bench.report;

import java.math.BigDecimal;

/**
 * One performance claim the {@link Verdict} judges: which Hoarfrost row of a run it is about,
 * which baseline row of the same run it is judged against, and the target. Every claim comes down
 * to "a value at most a limit": Hoarfrost / baseline for {@link Kind#WITHIN} and
 * {@link Kind#FASTER}, Hoarfrost's ns/op for {@link Kind#AT_MOST_NANOS}, heap bytes per operation
 * for {@link Kind#NO_ALLOCATION}.
 *
 * <p>Immutable.
 */
final class Claim
{
    /** What the target bounds. */
    enum Kind
    {
        /** Hoarfrost / baseline at most {@link #limit}: "within 1.15x of the raw floor". */
        WITHIN,
        /** Baseline / Hoarfrost at least {@link #limit}: "at least 5x faster than malloc/free". */
        FASTER,
        /** Hoarfrost's time at most {@link #limit} ns; a baseline, if named, is shown but not judged. */
        AT_MOST_NANOS,
        /** Every Hoarfrost row of the run with {@code -prof gc} data allocates nothing on the heap. */
        NO_ALLOCATION
    }

    final String primitive; // what the user calls: "Pool"
    final String operation; // what it does, as the verdict prints it: "allocate + free"
    final String benchmarkClass; // simple name, "PoolBenchmark"; null for NO_ALLOCATION (every class)
    final String measured; // the operation part of the benchmark methods: "allocateFree"
    final String params; // "size=64": every pair must match; null: one row per parameter set of the run
    final String baseline; // the impl part of the baseline method: "freeList"; null for none
    final String baselineLabel; // how the verdict names the baseline: "long[] free list"
    final Kind kind;
    final double limit;

    private Claim(
        final String primitive,
        final String operation,
        final String benchmark,
        final String params,
        final String baseline,
        final String baselineLabel,
        final Kind kind,
        final double limit)
    {
        final int dot = null == benchmark ? -1 : benchmark.indexOf('.');
        if (null != benchmark && (dot <= 0 || dot == benchmark.length() - 1))
        {
            throw new IllegalArgumentException("'" + benchmark + "' is not Class.operation");
        }
        if ((null == baseline) != (null == baselineLabel) || !(limit >= 0))
        {
            throw new IllegalArgumentException("claim on " + benchmark + ": baseline " + baseline + " named " +
                baselineLabel + ", limit " + limit);
        }
        this.primitive = primitive;
        this.operation = operation;
        this.benchmarkClass = null == benchmark ? null : benchmark.substring(0, dot);
        this.measured = null == benchmark ? null : benchmark.substring(dot + 1);
        this.params = params;
        this.baseline = baseline;
        this.baselineLabel = baselineLabel;
        this.kind = kind;
        this.limit = limit;
    }

    /**
     * Hoarfrost's {@code benchmark} ({@code "Class.operation"}, the {@code _hoarfrost} method) within
     * {@code maxRatio} times the time of the {@code _baseline} method of the same operation and parameters.
     */
    static Claim within(
        final String primitive,
        final String operation,
        final String benchmark,
        final String params,
        final String baseline,
        final String baselineLabel,
        final double maxRatio)
    {
        return new Claim(primitive, operation, benchmark, params, baseline, baselineLabel, Kind.WITHIN, maxRatio);
    }

    /** Hoarfrost's {@code benchmark} at least {@code minSpeedUp} times faster than the {@code _baseline} method. */
    static Claim faster(
        final String primitive,
        final String operation,
        final String benchmark,
        final String params,
        final String baseline,
        final String baselineLabel,
        final double minSpeedUp)
    {
        return new Claim(primitive, operation, benchmark, params, baseline, baselineLabel, Kind.FASTER, minSpeedUp);
    }

    /** Hoarfrost's {@code benchmark} in at most {@code nanos} ns/op; the baseline (may be null) is only shown. */
    static Claim atMostNanos(
        final String primitive,
        final String operation,
        final String benchmark,
        final String params,
        final String baseline,
        final String baselineLabel,
        final double nanos)
    {
        return new Claim(primitive, operation, benchmark, params, baseline, baselineLabel, Kind.AT_MOST_NANOS, nanos);
    }

    /** No heap allocation: every Hoarfrost row of the run that has {@code -prof gc} data shows 0 B/op. */
    static Claim noAllocation(final String primitive, final String operation)
    {
        return new Claim(primitive, operation, null, null, null, null, Kind.NO_ALLOCATION, 0);
    }

    /** Whether a measurement is of this claim's class, operation and parameters (any impl). */
    boolean covers(final Measurement m)
    {
        if (!benchmarkClass.equals(m.benchmarkClass) || !measured.equals(m.operation))
        {
            return false;
        }
        if (null != params)
        {
            for (final String pair : params.split(", "))
            {
                final int equals = pair.indexOf('=');
                if (!pair.substring(equals + 1).equals(m.param(pair.substring(0, equals))))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The largest value of Hoarfrost / baseline (or of ns/op, or of B/op) that meets the target:
     * the limit itself, except for {@link Kind#FASTER}, where it is one over the speed-up.
     */
    double maxValue()
    {
        return Kind.FASTER == kind ? 1 / limit : limit;
    }

    /** The target as the verdict prints it: {@code "<= 1.15"}, {@code ">= 5x"}, {@code "<= 2 ns"}, {@code "0 B/op"}. */
    String target()
    {
        final String number = BigDecimal.valueOf(limit).stripTrailingZeros().toPlainString();
        switch (kind)
        {
            case WITHIN:
                return "<= " + number;
            case FASTER:
                return ">= " + number + "x";
            case AT_MOST_NANOS:
                return "<= " + number + " ns";
            default:
                return number + " B/op";
        }
    }

    @Override
    public String toString()
    {
        return primitive + " " + operation + ": " + (null == benchmarkClass ? "every row" : benchmarkClass + '.' +
            measured + (null == params ? "" : " {" + params + '}')) + (null == baseline ? "" : " vs " + baseline) +
            ' ' + target();
    }
}
