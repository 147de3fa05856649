/**
 * The whole message path on Hoarfrost: an SBE order-book feed on an Aeron IPC publication
 * ({@link io.hoarfrost.examples.FeedGenerator}, {@link io.hoarfrost.examples.FeedRun}), handled by
 * {@link io.hoarfrost.examples.HoarfrostHandler} (books in label-headed arrays, symbols in slim boxes,
 * orders from a pool, every message journalled through a zero-copy claim, top levels published through
 * snapshot cells) and, for comparison, by {@link io.hoarfrost.examples.HeapHandler} (the same logic the
 * usual heap way). {@code examples/run} measures both; {@link io.hoarfrost.examples.MarketDataReport}
 * prints and checks the comparison.
 */
package io.hoarfrost.examples;
