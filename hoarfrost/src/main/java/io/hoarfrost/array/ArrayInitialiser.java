package io.hoarfrost.array;

import io.hoarfrost.memory.RecordFlyweight;
/**
 * Initialises the elements of a new array one index at a time, and may update the label as it goes
 * (heaparray's {@code with_label(label, len, |&mut L, i| ...)} closure).
 *
 * <p>Called once per index, in order from 0, on the thread that creates the array. The array is
 * the new handle itself: its label holds the initial label (or zeros) and the updates of earlier
 * calls; its elements are zero until written. If a call throws, the block is freed and the
 * exception reaches the caller of the factory. A non-capturing lambda keeps creation free of heap
 * garbage beyond the handle.
 */
@FunctionalInterface
public interface ArrayInitialiser
{
    /**
     * Writes element {@code index}, with any {@code put} method or through a
     * {@link RecordFlyweight}, and optionally updates the label.
     *
     * @param array the array being built, borrowed for the duration of the call.
     * @param index the element to initialise.
     */
    void initialise(AbstractLabeledArray array, int index);
}
