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
 */
package io.hoarfrost.bench.report;
