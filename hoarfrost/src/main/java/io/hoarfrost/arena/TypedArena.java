package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.RecordFlyweight;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;

/**
 * A fixed-capacity arena of fixed-size records, viewed through a flyweight, with an optional
 * per-record {@link DropHook}.
 *
 * <p>Slots are laid out back to back, each {@code recordSize} rounded up to
 * {@code recordAlignment} bytes, in one native region from
 * {@code Memory.allocate(bytes, recordAlignment)}. {@link #allocate()} hands out the next slot's
 * address, or {@code 0} when all {@link #capacity()} slots are live. {@link #reset()} runs the
 * hook over the live records in reverse allocation order and then reuses the slots, so the first
 * allocation after it returns the same address as the first before; {@link #close()} runs the
 * hook the same way and frees the region. No record is dropped twice.
 *
 * <p>Zero-size records: {@link #allocate()} always succeeds, returns the region's
 * address, and {@link #size()} does not change (there is nothing to drop).
 *
 * <p>Unlike the package's other arenas, a {@code TypedArena} also owns the flyweight passed in:
 * {@link #wrap(long)} and the drop hook re-point it.
 *
 * <p>{@link #allocate()} and {@link #wrap(long)} allocate no heap garbage; neither does
 * {@link #reset()} unless a drop hook throws.
 *
 * <p>Ported from linalloc's {@code TypedArena}, zero-size records included.
 *
 * @param <F> the record's flyweight type.
 */
public final class TypedArena<F extends RecordFlyweight> implements Allocator, AutoCloseable
{
    private static final String NAME = "TypedArena";

    private final long region;
    private final int recordSize;
    private final int recordAlignment;
    private final long stride;
    private final int capacity;
    private final F flyweight;
    private final UnsafeBuffer recordBuffer = new UnsafeBuffer(0, 0);
    private final DropHook<? super F> dropHook;
    private final Thread owner;
    private long base;
    /** Slots {@link #allocate()} hands out: the capacity; 0 when closed, dropping or for zero-size records. */
    private int limit;
    private int size;
    private boolean dropping;

    /**
     * Creates an arena of {@code capacity} records with no drop hook.
     *
     * @param capacity        how many records can be live at once, zero or more.
     * @param recordSize      bytes per record, zero or more.
     * @param recordAlignment alignment of every record: a power of two from 1 to 4096.
     * @param flyweight       the view {@link #wrap(long)} re-points; the arena keeps it.
     * @throws IllegalArgumentException naming the value if a count, size or alignment is invalid.
     * @throws NullPointerException     if the flyweight is null.
     * @throws OutOfMemoryError         stating the size if the region cannot be allocated.
     */
    public TypedArena(final int capacity, final int recordSize, final int recordAlignment, final F flyweight)
    {
        this(capacity, recordSize, recordAlignment, flyweight, null);
    }

    /**
     * Creates an arena of {@code capacity} records whose hook runs over each record before its
     * slot is reused or freed.
     *
     * @param capacity        how many records can be live at once, zero or more.
     * @param recordSize      bytes per record, zero or more.
     * @param recordAlignment alignment of every record: a power of two from 1 to 4096.
     * @param flyweight       the view {@link #wrap(long)} and the hook use; the arena keeps it.
     * @param dropHook        run over each live record on {@link #reset()} and {@link #close()},
     *                        or null for none.
     * @throws IllegalArgumentException naming the value if a count, size or alignment is invalid.
     * @throws NullPointerException     if the flyweight is null.
     * @throws OutOfMemoryError         stating the size if the region cannot be allocated.
     */
    public TypedArena(
        final int capacity,
        final int recordSize,
        final int recordAlignment,
        final F flyweight,
        final DropHook<? super F> dropHook)
    {
        Bounds.checkNonNegative(capacity);
        Bounds.checkNonNegative(recordSize);
        Alignment.check(recordAlignment);
        this.flyweight = Objects.requireNonNull(flyweight, "flyweight");
        this.stride = Alignment.alignUp(recordSize, recordAlignment);
        this.recordSize = recordSize;
        this.recordAlignment = recordAlignment;
        this.capacity = capacity;
        this.dropHook = dropHook;
        this.region = Memory.allocate(Math.max(stride * capacity, 1L), recordAlignment);
        this.base = region;
        this.limit = 0 == stride ? 0 : capacity;
        this.owner = Checks.ownerForNewObject();
    }

    /**
     * Takes the next free slot.
     *
     * @return the record's address, uninitialised, borrowed until {@link #reset()} or
     * {@link #close()}; {@code 0} when {@link #capacity()} records are live (or, unchecked, once
     * closed). Zero-size records always succeed while the arena is open.
     * @throws IllegalStateException if called from the arena's own drop hook (in both modes); in
     *                               checked mode also if the arena is closed or used from a thread
     *                               other than its owner.
     */
    public long allocate()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        final int index = size;
        if (index >= limit)
        {
            return allocateAtLimit();
        }
        size = index + 1;
        return base + index * stride;
    }

    /**
     * The cases off the fast path, which {@link #limit} sends here: full or closed (0), zero-size
     * records (limit 0: every record is {@link #base}), and an allocation from the drop hook
     * (limit 0 while dropping: throws).
     */
    private long allocateAtLimit()
    {
        if (dropping)
        {
            throw new IllegalStateException(NAME + " allocated from its own drop hook: the slot being dropped " +
                "would be handed out again");
        }
        return 0 == stride ? base : 0;
    }

    /**
     * Takes a slot through the {@link Allocator} interface: any block that fits a record.
     *
     * @param size      bytes, from 0 to {@link #recordSize()}.
     * @param alignment a power of two no larger than {@link #recordAlignment()}.
     * @return as {@link #allocate()}.
     * @throws IllegalArgumentException naming the values if the block does not fit a record slot.
     * @throws IllegalStateException    in checked mode, as {@link #allocate()}.
     */
    @Override
    public long allocate(final long size, final int alignment)
    {
        Bounds.checkNonNegative(size);
        Alignment.check(alignment);
        if (size > recordSize || alignment > recordAlignment)
        {
            throw new IllegalArgumentException(
                "a block of size " + size + " and alignment " + alignment + " does not fit a record slot of " +
                recordSize + " bytes aligned to " + recordAlignment);
        }
        return allocate();
    }

    /**
     * Does nothing: records are released in bulk by {@link #reset()} and {@link #close()}.
     *
     * @param address   ignored.
     * @param size      ignored.
     * @param alignment ignored.
     */
    @Override
    public void free(final long address, final long size, final int alignment)
    {
    }

    /**
     * Records are not freed one at a time.
     *
     * @return false.
     */
    @Override
    public boolean freesIndividually()
    {
        return false;
    }

    /**
     * Re-points the arena's flyweight at a record and returns it.
     *
     * @param address a record address from {@link #allocate()} or {@link #address(int)}.
     * @return the arena's flyweight, borrowed: valid until the next {@code wrap}, reset or close.
     * @throws IllegalStateException in checked mode, if the arena is closed or used from a thread
     *                               other than its owner.
     */
    public F wrap(final long address)
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        recordBuffer.wrap(address, recordSize);
        flyweight.wrap(recordBuffer, 0);
        return flyweight;
    }

    /**
     * The address of a live record by allocation index.
     *
     * @param index from 0 to {@code size() - 1}, in allocation order.
     * @return the record's address, borrowed.
     * @throws IndexOutOfBoundsException naming the index and the size if it is not a live record.
     * @throws IllegalStateException     in checked mode, if the arena is closed or used from a
     *                                   thread other than its owner.
     */
    public long address(final int index)
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        Bounds.checkIndex(index, size);
        return base + index * stride;
    }

    /**
     * How many records are live.
     *
     * @return from 0 to {@link #capacity()}; always 0 for zero-size records.
     */
    public int size()
    {
        return size;
    }

    /**
     * How many records can be live at once.
     *
     * @return the capacity in records.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Bytes per record, as given.
     *
     * @return the record size.
     */
    public int recordSize()
    {
        return recordSize;
    }

    /**
     * The alignment of every record.
     *
     * @return a power of two from 1 to 4096.
     */
    public int recordAlignment()
    {
        return recordAlignment;
    }

    /**
     * Distance between consecutive records: the record size rounded up to its alignment.
     *
     * @return the stride in bytes.
     */
    public long stride()
    {
        return stride;
    }

    /**
     * Drops every live record, newest first, then makes all slots free: the next
     * {@link #allocate()} returns the first slot's address again. Every record is dropped exactly
     * once even if the hook throws; the first exception is rethrown afterwards (later ones are
     * suppressed into it) and the slots are free all the same.
     *
     * @throws IllegalStateException in checked mode, if the arena is closed or used from a thread
     *                               other than its owner; always, if called from its drop hook.
     */
    public void reset()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        checkNotDropping();
        final int live = size;
        final Throwable failure = dropAll();
        if (MemoryChecks.ENABLED)
        {
            Memory.fill(base, live * stride, MemoryChecks.POISON);
        }
        rethrow(failure);
    }

    /**
     * Whether {@link #close()} has run.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return 0 == base;
    }

    /**
     * Drops every live record, newest first, as {@link #reset()} does, then frees the region.
     * Idempotent. The region is freed even if the hook throws; the first exception is rethrown.
     *
     * @throws IllegalStateException in checked mode, if called from a thread other than the owner;
     *                               always, if called from the drop hook.
     */
    @Override
    public void close()
    {
        Checks.checkOwner(owner, NAME);
        checkNotDropping();
        if (0 == base)
        {
            return;
        }
        final Throwable failure = dropAll();
        base = 0;
        limit = 0;
        Memory.free(region, recordAlignment);
        rethrow(failure);
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "TypedArena{size=" + size + ", capacity=" + capacity + ", recordSize=" + recordSize +
            ", recordAlignment=" + recordAlignment + ", closed=" + isClosed() + '}';
    }

    private Throwable dropAll()
    {
        Throwable failure = null;
        if (null == dropHook)
        {
            size = 0;
            return null;
        }
        final int openLimit = limit;
        dropping = true;
        limit = 0;
        try
        {
            for (int i = size - 1; i >= 0; i--)
            {
                size = i;
                try
                {
                    recordBuffer.wrap(base + i * stride, recordSize);
                    flyweight.wrap(recordBuffer, 0);
                    dropHook.drop(flyweight);
                }
                catch (final RuntimeException | Error ex)
                {
                    if (null == failure)
                    {
                        failure = ex;
                    }
                    else if (failure != ex)
                    {
                        failure.addSuppressed(ex);
                    }
                }
            }
        }
        finally
        {
            dropping = false;
            limit = openLimit;
        }
        return failure;
    }

    private static void rethrow(final Throwable failure)
    {
        if (failure instanceof RuntimeException)
        {
            throw (RuntimeException)failure;
        }
        if (failure instanceof Error)
        {
            throw (Error)failure;
        }
    }

    private void checkNotDropping()
    {
        if (dropping)
        {
            throw new IllegalStateException(NAME + " reset or closed from its own drop hook");
        }
    }

    private void checkUsable()
    {
        Checks.checkOwner(owner, NAME);
        if (0 == base)
        {
            throw new IllegalStateException(NAME + " used after close: region " + MemoryChecks.describe(region));
        }
    }
}
