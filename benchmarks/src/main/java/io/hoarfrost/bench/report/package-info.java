/**
 * The runner behind {@code benchmarks/run}: runs JMH through its Java API, saves the JSON, and
 * turns it into one table with a row per benchmark class, operation and parameters, Hoarfrost
 * against each baseline. {@link io.hoarfrost.bench.report.Measurement} holds the naming
 * convention, {@link io.hoarfrost.bench.report.ResultTable} the grouping and ratios.
 */
package io.hoarfrost.bench.report;
