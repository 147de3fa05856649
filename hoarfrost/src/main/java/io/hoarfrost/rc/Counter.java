package io.hoarfrost.rc;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.SubWordAtomics;

/**
 * A reference count stored in native memory: 8, 16, 32 or 64 bits wide, plain or atomic. The one
 * counter implementation of Hoarfrost: {@link Rime}, counted arrays and pooled references all use
 * it.
 *
 * <p>Counts are unsigned; the maximum is {@link #max()} (255, 65 535, 2<sup>32</sup>&minus;1 and
 * 2<sup>63</sup>&minus;1). A {@link #retain(long)} past the maximum or a {@link #release(long)} at
 * zero throws {@link IllegalStateException} and leaves the count as it was, in every mode.
 *
 * <p>Ported from kroos's counters; unlike kroos's atomic ones, nothing wraps silently.
 *
 * <p><b>Threading.</b> Plain counters ({@code U8} .. {@code U64}) are for blocks confined to one
 * thread. Atomic counters ({@code ATOMIC_U8} .. {@code ATOMIC_U64}) may be retained and released
 * from any thread. 8- and 16-bit ones work by CAS on the enclosing aligned 32-bit word, so a
 * concurrent plain write to a neighbouring byte makes the CAS retry and neither write is lost;
 * they check the limit before they write. 32- and 64-bit ones are one atomic add (a
 * {@code lock xadd} on x86): a retain that passed the maximum
 * or a release below zero is seen in the returned value and undone at once. The count ends as it
 * was and the call throws, but for that instant a concurrent retain or release on the same block
 * may see the passing value and fail too. Only a misuse (release of a released block) or
 * 2<sup>32</sup>&minus;1 live references can get there. A release has volatile (hence release) ordering, so the thread
 * that frees a block sees every write made before any other release.
 *
 * <p>The counter's address must be aligned to its {@link #width()}; atomic 8- and 16-bit counters
 * also need the whole enclosing 4-byte word to be inside the block ({@link #blockAlignment()} and
 * {@link #minBlockSize()} say what to allocate).
 */
public enum Counter
{
    /** 8-bit plain counter, maximum 255. */
    U8(1, 0xFFL, false),
    /** 16-bit plain counter, maximum 65 535. */
    U16(2, 0xFFFFL, false),
    /** 32-bit plain counter, maximum 2<sup>32</sup>&minus;1. */
    U32(4, 0xFFFF_FFFFL, false),
    /** 64-bit plain counter, maximum 2<sup>63</sup>&minus;1. */
    U64(8, Long.MAX_VALUE, false),
    /** 8-bit atomic counter, maximum 255, updated by CAS on the enclosing 32-bit word. */
    ATOMIC_U8(1, 0xFFL, true),
    /** 16-bit atomic counter, maximum 65 535, updated by CAS on the enclosing 32-bit word. */
    ATOMIC_U16(2, 0xFFFFL, true),
    /** 32-bit atomic counter, maximum 2<sup>32</sup>&minus;1. */
    ATOMIC_U32(4, 0xFFFF_FFFFL, true),
    /** 64-bit atomic counter, maximum 2<sup>63</sup>&minus;1. */
    ATOMIC_U64(8, Long.MAX_VALUE, true);

    private static final int KIND_U8 = 0;
    private static final int KIND_U16 = 1;
    private static final int KIND_U32 = 2;
    private static final int KIND_U64 = 3;
    private static final int KIND_ATOMIC_U8 = 4;
    private static final int KIND_ATOMIC_U16 = 5;
    private static final int KIND_ATOMIC_U32 = 6;
    private static final int KIND_ATOMIC_U64 = 7;

    private final int width;
    private final long max;
    private final boolean atomic;
    private final int kind;

    Counter(final int width, final long max, final boolean atomic)
    {
        this.width = width;
        this.max = max;
        this.atomic = atomic;
        this.kind = ordinal();
    }

    /**
     * The counter's size in bytes.
     *
     * @return 1, 2, 4 or 8.
     */
    public int width()
    {
        return width;
    }

    /**
     * The largest count the counter holds.
     *
     * @return 255, 65 535, 2<sup>32</sup>&minus;1 or 2<sup>63</sup>&minus;1.
     */
    public long max()
    {
        return max;
    }

    /**
     * Whether retain and release are atomic (safe from several threads).
     *
     * @return true for the {@code ATOMIC_*} counters.
     */
    public boolean isAtomic()
    {
        return atomic;
    }

    /**
     * The alignment a block holding this counter at offset 0 must have: the counter's width, and
     * at least 4 for atomic sub-word counters (their CAS works on the enclosing 32-bit word).
     *
     * @return a power of two.
     */
    public int blockAlignment()
    {
        return atomic ? Math.max(width, Integer.BYTES) : width;
    }

    /**
     * The smallest block that may hold this counter at offset 0.
     *
     * @return bytes.
     */
    public int minBlockSize()
    {
        return atomic ? Math.max(width, Integer.BYTES) : width;
    }

    /**
     * Writes the initial count. The block must not yet be shared: the write is plain.
     *
     * @param address the counter's address.
     * @param count   the count, from 0 to {@link #max()}.
     * @throws IllegalArgumentException naming the count if it is outside 0 .. {@link #max()}.
     */
    public void init(final long address, final long count)
    {
        if (count < 0 || count > max)
        {
            throw new IllegalArgumentException("count " + count + " out of range 0.." + max + " for " + this);
        }
        switch (width)
        {
            case 1:
                Memory.putByte(address, (byte)count);
                break;
            case 2:
                Memory.putShort(address, (short)count);
                break;
            case 4:
                Memory.putInt(address, (int)count);
                break;
            default:
                Memory.putLong(address, count);
                break;
        }
    }

    /**
     * Reads the count: a volatile read for atomic counters, plain otherwise.
     *
     * @param address the counter's address.
     * @return the count, from 0 to {@link #max()}.
     */
    public long get(final long address)
    {
        switch (kind)
        {
            case KIND_U8:
                return Memory.getByte(address) & 0xFFL;
            case KIND_U16:
                return Memory.getShort(address) & 0xFFFFL;
            case KIND_U32:
                return Memory.getInt(address) & 0xFFFF_FFFFL;
            case KIND_U64:
                return Memory.getLong(address);
            case KIND_ATOMIC_U8:
                return Memory.getByteVolatile(address) & 0xFFL;
            case KIND_ATOMIC_U16:
                return Memory.getShortVolatile(address) & 0xFFFFL;
            case KIND_ATOMIC_U32:
                return Memory.getIntVolatile(address) & 0xFFFF_FFFFL;
            default:
                return Memory.getLongVolatile(address);
        }
    }

    /**
     * Adds one reference.
     *
     * @param address the counter's address.
     * @return the count after the retain.
     * @throws IllegalStateException naming the counter and its maximum if the count is already at
     *                               the maximum; the count is unchanged.
     */
    public long retain(final long address)
    {
        switch (kind)
        {
            case KIND_U8:
                return retainU8(address);
            case KIND_U16:
                return retainU16(address);
            case KIND_U32:
                return retainU32(address);
            case KIND_U64:
                return retainU64(address);
            case KIND_ATOMIC_U8:
                return retainAtomicU8(address);
            case KIND_ATOMIC_U16:
                return retainAtomicU16(address);
            case KIND_ATOMIC_U32:
                return retainAtomicU32(address);
            default:
                return retainAtomicU64(address);
        }
    }

    /**
     * Drops one reference. When it returns 0 the caller held the last reference and frees the
     * block.
     *
     * @param address the counter's address.
     * @return the count after the release.
     * @throws IllegalStateException naming the counter if the count is already 0; the count is
     *                               unchanged.
     */
    public long release(final long address)
    {
        switch (kind)
        {
            case KIND_U8:
                return releaseU8(address);
            case KIND_U16:
                return releaseU16(address);
            case KIND_U32:
                return releaseU32(address);
            case KIND_U64:
                return releaseU64(address);
            case KIND_ATOMIC_U8:
                return releaseAtomicU8(address);
            case KIND_ATOMIC_U16:
                return releaseAtomicU16(address);
            case KIND_ATOMIC_U32:
                return releaseAtomicU32(address);
            default:
                return releaseAtomicU64(address);
        }
    }

    private long retainU8(final long address)
    {
        final int count = Memory.getByte(address) & 0xFF;
        if (count == 0xFF)
        {
            throw overflow(address);
        }
        Memory.putByte(address, (byte)(count + 1));
        return count + 1;
    }

    private long retainU16(final long address)
    {
        final int count = Memory.getShort(address) & 0xFFFF;
        if (count == 0xFFFF)
        {
            throw overflow(address);
        }
        Memory.putShort(address, (short)(count + 1));
        return count + 1;
    }

    private long retainU32(final long address)
    {
        final int count = Memory.getInt(address);
        if (count == -1)
        {
            throw overflow(address);
        }
        Memory.putInt(address, count + 1);
        return (count + 1) & 0xFFFF_FFFFL;
    }

    private long retainU64(final long address)
    {
        final long count = Memory.getLong(address);
        if (count == Long.MAX_VALUE)
        {
            throw overflow(address);
        }
        Memory.putLong(address, count + 1);
        return count + 1;
    }

    private long retainAtomicU8(final long address)
    {
        while (true)
        {
            final byte count = Memory.getByteVolatile(address);
            if (count == (byte)0xFF)
            {
                throw overflow(address);
            }
            if (SubWordAtomics.compareAndSetByte(address, count, (byte)(count + 1)))
            {
                return (count + 1) & 0xFF;
            }
        }
    }

    private long retainAtomicU16(final long address)
    {
        while (true)
        {
            final short count = Memory.getShortVolatile(address);
            if (count == (short)0xFFFF)
            {
                throw overflow(address);
            }
            if (SubWordAtomics.compareAndSetShort(address, count, (short)(count + 1)))
            {
                return (count + 1) & 0xFFFF;
            }
        }
    }

    private long retainAtomicU32(final long address)
    {
        final int count = Memory.getAndAddInt(address, 1);
        if (count == -1)
        {
            Memory.getAndAddInt(address, -1);
            throw overflow(address);
        }
        return (count + 1) & 0xFFFF_FFFFL;
    }

    private long retainAtomicU64(final long address)
    {
        final long count = Memory.getAndAddLong(address, 1);
        if (count == Long.MAX_VALUE)
        {
            Memory.getAndAddLong(address, -1);
            throw overflow(address);
        }
        return count + 1;
    }

    private long releaseU8(final long address)
    {
        final int count = Memory.getByte(address) & 0xFF;
        if (count == 0)
        {
            throw underflow(address);
        }
        Memory.putByte(address, (byte)(count - 1));
        return count - 1;
    }

    private long releaseU16(final long address)
    {
        final int count = Memory.getShort(address) & 0xFFFF;
        if (count == 0)
        {
            throw underflow(address);
        }
        Memory.putShort(address, (short)(count - 1));
        return count - 1;
    }

    private long releaseU32(final long address)
    {
        final int count = Memory.getInt(address);
        if (count == 0)
        {
            throw underflow(address);
        }
        Memory.putInt(address, count - 1);
        return (count - 1) & 0xFFFF_FFFFL;
    }

    private long releaseU64(final long address)
    {
        final long count = Memory.getLong(address);
        if (count == 0)
        {
            throw underflow(address);
        }
        Memory.putLong(address, count - 1);
        return count - 1;
    }

    private long releaseAtomicU8(final long address)
    {
        while (true)
        {
            final byte count = Memory.getByteVolatile(address);
            if (count == 0)
            {
                throw underflow(address);
            }
            if (SubWordAtomics.compareAndSetByte(address, count, (byte)(count - 1)))
            {
                return (count - 1) & 0xFF;
            }
        }
    }

    private long releaseAtomicU16(final long address)
    {
        while (true)
        {
            final short count = Memory.getShortVolatile(address);
            if (count == 0)
            {
                throw underflow(address);
            }
            if (SubWordAtomics.compareAndSetShort(address, count, (short)(count - 1)))
            {
                return (count - 1) & 0xFFFF;
            }
        }
    }

    private long releaseAtomicU32(final long address)
    {
        final int count = Memory.getAndAddInt(address, -1);
        if (count == 0)
        {
            Memory.getAndAddInt(address, 1);
            throw underflow(address);
        }
        return (count - 1) & 0xFFFF_FFFFL;
    }

    private long releaseAtomicU64(final long address)
    {
        final long count = Memory.getAndAddLong(address, -1);
        if (count == 0)
        {
            Memory.getAndAddLong(address, 1);
            throw underflow(address);
        }
        return count - 1;
    }

    /**
     * Adds {@code delta} (negative to subtract) to an atomic counter in one atomic step, within
     * 0 to {@link #max()}: the batch step of {@link SnapshotCell}, which pre-pays and settles many
     * references at once. A compare-and-set loop on every width: it is off the per-reference path.
     *
     * @param address the counter's address.
     * @param delta   how much to add.
     * @return the count after the change.
     * @throws IllegalStateException naming the counter, the count and the delta if the result would
     *                               leave 0 to {@link #max()}; the count is unchanged.
     */
    long addAtomic(final long address, final long delta)
    {
        while (true)
        {
            final long count = get(address);
            final long next = count + delta;
            if (next < 0 || next > max)
            {
                throw new IllegalStateException(
                    "adding " + delta + " to " + this + " counter at 0x" + Long.toHexString(address) + " with count " +
                    count + " would leave 0.." + max);
            }
            if (compareAndSet(address, count, next))
            {
                return next;
            }
        }
    }

    private boolean compareAndSet(final long address, final long expected, final long update)
    {
        switch (width)
        {
            case 1:
                return SubWordAtomics.compareAndSetByte(address, (byte)expected, (byte)update);
            case 2:
                return SubWordAtomics.compareAndSetShort(address, (short)expected, (short)update);
            case 4:
                return Memory.compareAndSetInt(address, (int)expected, (int)update);
            default:
                return Memory.compareAndSetLong(address, expected, update);
        }
    }

    private IllegalStateException overflow(final long address)
    {
        return new IllegalStateException(
            "retain of " + this + " counter at 0x" + Long.toHexString(address) + " would pass its maximum count " + max);
    }

    private IllegalStateException underflow(final long address)
    {
        return new IllegalStateException(
            "release of " + this + " counter at 0x" + Long.toHexString(address) + " with count 0");
    }
}
