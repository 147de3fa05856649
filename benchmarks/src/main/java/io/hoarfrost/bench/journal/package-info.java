/**
 * The journal pass ({@code bash benchmarks/run --journal}): Hoarfrost's journal side by side with
 * Chronicle Queue (issue 16). {@link io.hoarfrost.bench.journal.JournalVsChronicle} runs every
 * measurement in fresh JVMs of {@link io.hoarfrost.bench.journal.JournalProbe} (append and replay
 * throughput, the writer's own latency and write-to-read latency across processes at fixed rates,
 * open-to-first and open-to-last record, close, bytes on disk), one store after the other, each
 * behind the same small interface (a store, its writer, its reader), and writes the results as
 * JSON, markdown tables with the goals met or missed, and a PNG of the latency percentile curves.
 *
 * <p>Chronicle Queue is a dependency of this module only, never of the library jar.
 */
package io.hoarfrost.bench.journal;
