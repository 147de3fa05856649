package io.hoarfrost.rc;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.LongToIntFunction;

/** A {@link SnapshotCell} whose word is a volatile field of this object. */
final class HeapSnapshotCell extends SnapshotCell
{
    private static final AtomicLongFieldUpdater<HeapSnapshotCell> WORD =
        AtomicLongFieldUpdater.newUpdater(HeapSnapshotCell.class, "word");

    private volatile long word;

    HeapSnapshotCell(final RimeLayout layout, final LongToIntFunction dataLength)
    {
        super(layout, dataLength);
    }

    @Override
    long word()
    {
        return word;
    }

    @Override
    boolean compareAndSetWord(final long expected, final long update)
    {
        return WORD.compareAndSet(this, expected, update);
    }

    @Override
    long getAndSetWord(final long update)
    {
        return WORD.getAndSet(this, update);
    }

    @Override
    long getAndAddWord(final long delta)
    {
        return WORD.getAndAdd(this, delta);
    }
}
