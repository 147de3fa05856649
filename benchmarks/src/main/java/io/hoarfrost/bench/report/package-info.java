/**
 * The runner behind {@code benchmarks/run}: runs JMH through its Java API, saves the JSON, and
 * turns it into one table with a row per benchmark class, operation and parameters, Hoarfrost
 * against each baseline. {@link io.hoarfrost.bench.report.Measurement} holds the naming
 * convention, {@link io.hoarfrost.bench.report.ResultTable} the grouping and ratios.
 *
 * <p>The scaling pass ({@link io.hoarfrost.bench.report.ScalingRun}) turns its JMH results and
 * the footprint points ({@link io.hoarfrost.bench.report.RecordedFootprint}) into
 * {@link io.hoarfrost.bench.report.Series}, one per x axis, shown as markdown tables
 * ({@link io.hoarfrost.bench.report.SeriesTable}) and PNG charts
 * ({@link io.hoarfrost.bench.report.SeriesChart}, drawn by XChart);
 * {@link io.hoarfrost.bench.report.ScalingSeries} says which benchmark feeds which series.
 */
package io.hoarfrost.bench.report;
