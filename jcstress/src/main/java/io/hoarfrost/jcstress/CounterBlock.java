package io.hoarfrost.jcstress;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.rc.Counter;

/**
 * State shared by the counter tests: one 8-byte native block, 8-byte aligned, zeroed, holding a
 * {@link Counter} at {@link #offset} with an initial count. The arbiter frees it.
 */
class CounterBlock
{
    static final int BLOCK_SIZE = 8;

    final Counter counter;
    final long block;
    final long address;

    CounterBlock(final Counter counter, final int offset, final long initialCount)
    {
        this.counter = counter;
        this.block = Memory.allocate(BLOCK_SIZE);
        Memory.putLong(block, 0L);
        this.address = block + offset;
        counter.init(address, initialCount);
    }

    /** The count, then the block is freed: call once, from the arbiter. */
    final int countAndFree()
    {
        final int count = (int)counter.get(address);
        Memory.free(block);
        return count;
    }
}
