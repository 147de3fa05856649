package io.hoarfrost.jcstress;

import io.hoarfrost.array.ArrayLayout;
import io.hoarfrost.array.AtomicArrayRef;
import io.hoarfrost.array.ElementType;
import io.hoarfrost.memory.Memory;

/**
 * State shared by the {@link AtomicArrayRef} tests: a cell on the heap or in 8 bytes of native
 * memory, and three one-long thin arrays holding 1, 2 and 3. The arbiter frees everything.
 */
class ArrayCell
{
    static final ArrayLayout LAYOUT = ArrayLayout.thin(ElementType.LONG);

    final long cellMemory;
    final AtomicArrayRef ref;
    final long one = array(1);
    final long two = array(2);
    final long three = array(3);

    ArrayCell(final boolean offHeap)
    {
        if (offHeap)
        {
            cellMemory = Memory.allocate(Long.BYTES);
            Memory.putLong(cellMemory, AtomicArrayRef.EMPTY);
            ref = AtomicArrayRef.offHeap(LAYOUT, cellMemory);
        }
        else
        {
            cellMemory = 0;
            ref = AtomicArrayRef.onHeap(LAYOUT);
        }
    }

    static long array(final long value)
    {
        final long block = LAYOUT.allocate(1);
        Memory.putLong(LAYOUT.elementsAddress(block), value);
        return block;
    }

    /** The value an array holds, or 0 for {@link AtomicArrayRef#EMPTY}. */
    static int valueOf(final long block)
    {
        return block == AtomicArrayRef.EMPTY ? 0 : (int)Memory.getLong(LAYOUT.elementsAddress(block));
    }

    /** The value of the array in the cell, then everything is freed: call once, from the arbiter. */
    final int valueAndFree()
    {
        final int value = valueOf(ref.get());
        ref.set(AtomicArrayRef.EMPTY);
        LAYOUT.free(one);
        LAYOUT.free(two);
        LAYOUT.free(three);
        if (cellMemory != 0)
        {
            Memory.free(cellMemory);
        }
        return value;
    }
}
