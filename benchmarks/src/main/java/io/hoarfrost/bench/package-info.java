/**
 * JMH benchmarks: one class per primitive, named {@code <Primitive>Benchmark}, each method named
 * {@code <operation>_<impl>} where {@code hoarfrost} is ours and any other suffix is a baseline
 * ({@code unsafe}, {@code netty}, {@code agrona}, {@code jdk}...). Mode AverageTime in
 * nanoseconds; the runner in {@link io.hoarfrost.bench.report} groups the methods of one
 * operation into one row of its table.
 *
 * <p>The scaling pass ({@code --scaling}) has classes of its own, which the ordinary pass leaves
 * out: {@link io.hoarfrost.bench.AllocationSizeBenchmark} and
 * {@link io.hoarfrost.bench.ThreadScalingBenchmark} (JMH), and
 * {@link io.hoarfrost.bench.FootprintScaling}, a plain program that weighs the SlimBox strings at
 * several counts in a JVM of its own.
 */
package io.hoarfrost.bench;
