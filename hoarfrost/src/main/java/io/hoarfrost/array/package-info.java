/**
 * Label-headed arrays {@code [label | (length) | elements]} in one off-heap block: fixed-size
 * elements (primitives, or records read through a {@link io.hoarfrost.memory.RecordFlyweight})
 * behind an optional fixed-size label.
 *
 * <ul>
 *   <li>{@link io.hoarfrost.array.ArrayLayout}: the block layout (thin: length in the block, the
 *       handle is one {@code long}; fat: length in the handle, no header), with the zero-garbage
 *       {@code long}-handle API.</li>
 *   <li>{@link io.hoarfrost.array.LabeledArray}: an owned array, freed on close;
 *       {@link io.hoarfrost.array.LabeledArrayView}: a re-pointable borrowed view;
 *       {@link io.hoarfrost.array.RcArray}: a reference-counted array with copy on write. All three
 *       share the access methods of {@link io.hoarfrost.array.AbstractLabeledArray}.</li>
 *   <li>{@link io.hoarfrost.array.AtomicArrayRef}: a cell holding a thin array handle, on the heap
 *       or in 8 bytes of any off-heap record, swapped atomically;
 *       {@link io.hoarfrost.array.RcArrayCell}: an {@code io.hoarfrost.rc.SnapshotCell} for
 *       counted thin arrays, from which many reader threads acquire references of their own.</li>
 *   <li>Small functional interfaces for what {@code java.util.function} lacks, so factories and
 *       iteration never box: {@code IntTo<Type>Function} (element {@code i}'s value, for the
 *       {@code of<Type>s} factories), {@code <Type>Consumer} and {@code Indexed<Type>Consumer}
 *       (for {@code forEach<Type>} and {@code forEach<Type>Indexed}).</li>
 * </ul>
 *
 * <h2>Ownership</h2>
 * Factories and {@code allocate} give the caller the block (one reference, when counted);
 * {@code allocate} writes only the counter and a thin array's length, {@code allocateZeroed}
 * zeroes label and elements too. A {@code LabeledArray} owns its block until {@code close()}; an
 * {@code RcArray} handle owns one reference, {@code retain} makes another and {@code release} (or
 * {@code close}, idempotent) gives one up, the last freeing the block; a {@code LabeledArrayView}
 * borrows and never frees. {@code fromRaw} moves a raw block (or reference) the caller owns into a
 * new handle and {@code intoRaw} moves it back out as a {@code long}, freeing nothing and leaving a
 * count unchanged. Views ({@code label()}, {@code elements()}) and addresses handed out by a
 * handle are borrowed from it, and views are detached (capacity 0, so reads throw) when it lets go
 * of its block. Counted blocks use the counter of {@link io.hoarfrost.rc.Counter} through
 * {@link io.hoarfrost.rc.RimeLayout}.
 *
 * <p>Shared means read-only: write to an {@code RcArray}'s block only while {@code isExclusive()},
 * which {@code makeMutable()} ensures (copying when shared).
 *
 * <h2>Threading</h2>
 * Layouts and element types are immutable and thread-safe. Handle objects and views are not: keep
 * one view per thread; a {@code LabeledArray} may be handed to another thread, which then owns it;
 * give each thread its own {@code RcArray} handle with {@code retain()}. With an atomic counter the
 * references of one block may be retained and released on any thread; with a plain counter every
 * handle of a block is confined to the thread that made the first. The cells
 * ({@code AtomicArrayRef}, {@code RcArrayCell}'s) are thread-safe. Element writes race like any
 * shared memory: publish an array safely (a volatile write, an
 * {@link io.hoarfrost.array.AtomicArrayRef}, a queue) before another thread reads it.
 *
 * <h2>Memory ordering</h2>
 * Element accessors are plain (see {@link io.hoarfrost.memory}); for acquire, release, volatile or atomic
 * access to an element use {@link io.hoarfrost.memory.Memory} on
 * {@link io.hoarfrost.array.AbstractLabeledArray#elementAddress(int)}. Every operation of
 * {@link io.hoarfrost.array.AtomicArrayRef} is volatile.
 *
 * <h2>Checked mode</h2>
 * With {@code -Dhoarfrost.checks=true}, access through a handle or view to a freed block (naming
 * where it was allocated and freed), a double free, counting operations on a plain-counted
 * {@link io.hoarfrost.array.RcArray} from a second thread, and the {@code put*} and
 * {@code replace*} methods of an {@code RcArray} whose block is shared throw
 * {@code IllegalStateException}; writes through views cannot be checked. Off, those checks cost
 * nothing; index and width checks are always on.
 */
package io.hoarfrost.array;
