/**
 * Owned boxes of bytes: off-heap blocks with exactly one owner, who frees them by closing the box.
 * {@link io.hoarfrost.box.Flake} is the plain box; {@link io.hoarfrost.box.SlimBox} bounds the
 * length by a {@link io.hoarfrost.box.LengthWidth} so its handle, encoded by
 * {@link io.hoarfrost.box.SlimHandle}, fits in fewer bytes inside other off-heap records.
 *
 * <h2>Ownership</h2>
 * A box owns its block from the factory call that made it until {@code close()} (idempotent);
 * closing frees the block through the {@link io.hoarfrost.memory.Allocator} that placed it (an
 * arena's free is a no-op, so an arena frees in bulk instead). {@code fromRaw} and the other
 * {@code from*} factories take over a block the caller owned (once per block), as
 * {@code Flake.adopt} takes over a direct {@code ByteBuffer}; {@code intoRaw} and
 * the other {@code into*} methods hand the block to the caller or to a handle without freeing it,
 * and leave the box closed. {@code copy()} and the {@code copyOf} factories allocate a new block
 * the caller owns. Views handed out by a box are borrowed: they are valid until the box is closed
 * and are detached (re-pointed at zero bytes) when it is, so a read through a stale view throws
 * {@code IndexOutOfBoundsException} instead of touching freed memory. Boxes compare, hash and order
 * by contents.
 *
 * <h2>Threading</h2>
 * Boxes are not thread-safe for mutation or close: one owner at a time, and a box may be handed to
 * another thread that then owns it. After safe publication, any number of threads may read a box
 * whose bytes no longer change.
 *
 * <h2>Checked mode</h2>
 * With {@code -Dhoarfrost.checks=true} every block is tracked (see
 * {@link io.hoarfrost.memory.MemoryChecks}): taking over an address that is not a live native
 * block ({@code fromRaw}), using a closed box and double frees (also by two racing closes) throw
 * {@code IllegalStateException} naming the address and where it was allocated and freed. Off,
 * those checks cost nothing.
 */
package io.hoarfrost.box;
