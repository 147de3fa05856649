/**
 * JMH benchmarks: one class per primitive, named {@code <Primitive>Benchmark}, each method named
 * {@code <operation>_<impl>} where {@code hoarfrost} is ours and any other suffix is a baseline
 * ({@code unsafe}, {@code netty}, {@code agrona}, {@code jdk}...). Mode AverageTime in
 * nanoseconds; the runner in {@link io.hoarfrost.bench.report} groups the methods of one
 * operation into one row of its table.
 */
package io.hoarfrost.bench;
