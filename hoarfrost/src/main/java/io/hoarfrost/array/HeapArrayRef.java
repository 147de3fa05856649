package io.hoarfrost.array;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/** The on-heap {@link AtomicArrayRef}: a volatile {@code long} field. */
final class HeapArrayRef extends AtomicArrayRef
{
    private static final AtomicLongFieldUpdater<HeapArrayRef> BLOCK =
        AtomicLongFieldUpdater.newUpdater(HeapArrayRef.class, "block");

    private volatile long block;

    HeapArrayRef(final ArrayLayout layout)
    {
        super(layout);
    }

    @Override
    public long get()
    {
        return block;
    }

    @Override
    public void set(final long block)
    {
        this.block = block;
    }

    @Override
    public boolean compareAndSet(final long expected, final long update)
    {
        return BLOCK.compareAndSet(this, expected, update);
    }

    @Override
    public long getAndSet(final long block)
    {
        return BLOCK.getAndSet(this, block);
    }
}
