/**
 * Label-headed arrays {@code [label | (length) | elements]} in one off-heap block, ported from
 * heaparray: fixed-size elements (primitives, or records read through a
 * {@link io.hoarfrost.memory.RecordFlyweight}) behind an optional fixed-size label.
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
 *       or in 8 bytes of any off-heap record, swapped atomically.</li>
 *   <li>Small functional interfaces for what {@code java.util.function} lacks, so factories and
 *       iteration never box: {@code IntTo<Type>Function} (element {@code i}'s value, for the
 *       {@code of<Type>s} factories), {@code <Type>Consumer} and {@code Indexed<Type>Consumer}
 *       (for {@code forEach<Type>} and {@code forEach<Type>Indexed}).</li>
 * </ul>
 *
 * <h2>Ownership</h2>
 * Factories and {@code allocate} give the caller the block (one reference, when counted);
 * {@code close}, {@code free} and the last {@code release} give it back. Views and addresses
 * handed out by a handle are borrowed from it. Counted blocks use the counter of
 * {@link io.hoarfrost.rc.Counter} through {@link io.hoarfrost.rc.RimeLayout}.
 *
 * <h2>Memory ordering</h2>
 * Element accessors are plain (see {@link io.hoarfrost.memory}); for acquire, release, volatile or atomic
 * access to an element use {@link io.hoarfrost.memory.Memory} on
 * {@link io.hoarfrost.array.AbstractLabeledArray#elementAddress(int)}. Every operation of
 * {@link io.hoarfrost.array.AtomicArrayRef} is volatile.
 *
 * <h2>Checked mode</h2>
 * With {@code -Dhoarfrost.checks=true}, access through a handle or view to a freed block, a double
 * free and counting operations on a plain-counted {@link io.hoarfrost.array.RcArray} from a second
 * thread throw {@code IllegalStateException}. Off, those checks cost nothing; index and width
 * checks are always on.
 */
package io.hoarfrost.array;
