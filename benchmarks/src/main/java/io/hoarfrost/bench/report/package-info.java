/**
 * The runner behind {@code benchmarks/run}: runs JMH through its Java API
 * ({@link io.hoarfrost.bench.report.BenchmarkMain}), reads the JSON back
 * ({@link io.hoarfrost.bench.report.RecordedRun}, one {@link io.hoarfrost.bench.report.Measurement}
 * per result, which holds the naming convention), prints the verdict, one row per claim
 * ({@link io.hoarfrost.bench.report.Verdict} of {@link io.hoarfrost.bench.report.Claim}s), and saves it
 * with the wide ratio table; also the comparison of two runs
 * ({@link io.hoarfrost.bench.report.RunTables}).
 *
 * <p>The scaling pass ({@link io.hoarfrost.bench.report.ScalingRun}) turns its JMH results and the
 * footprint points ({@link io.hoarfrost.bench.report.RecordedFootprint}) into the
 * {@link io.hoarfrost.bench.report.ScalingSeries}, each a markdown table and a PNG chart drawn by
 * XChart ({@link io.hoarfrost.bench.report.Series}).
 *
 * <p>The tail pass ({@link io.hoarfrost.bench.report.TailRun}) runs {@code TailLatencyBenchmark} in
 * SampleTime, a JMH run and a GC log per method, and turns each method's samples
 * ({@link io.hoarfrost.bench.report.TailLatency}) and GC pauses
 * ({@link io.hoarfrost.bench.report.GcPauses}) into a table and a percentile chart per operation
 * ({@link io.hoarfrost.bench.report.TailReport}).
 */
package io.hoarfrost.bench.report;
