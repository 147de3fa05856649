package io.hoarfrost.rc;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;

/**
 * The layout of a counted block, and the zero-garbage {@code long}-handle API over it.
 *
 * <pre>
 *   0                 width               dataOffset                    blockSize
 *   +-----------------+-------------------+---------+---------------------+
 *   | counter (1..8 B)| metadata (m bytes)| padding | data (n bytes)      |
 *   +-----------------+-------------------+---------+---------------------+
 *   COUNTER_OFFSET     metadataOffset()              dataOffset()
 * </pre>
 *
 * The counter sits at offset 0 and the metadata right after it. Data follows the metadata packed
 * (alignment 1) or padded up to the data alignment the layout was made with. The data length is
 * not stored in the block: the handle keeps it.
 *
 * <p>Make one layout per kind of block and keep it (a {@code static final} lets the JIT fold the
 * offsets). A block handle is the block's address: {@link #allocate(int)} gives the caller one
 * reference, {@link #retain(long)} adds one and {@link #release(long, int)} drops one. Unlike the
 * package's handle objects, {@code long} handles are not confined to a thread in checked mode.
 *
 * <p>Ported from kroos's {@code Rime} layout (packed data, length in the fat pointer).
 */
public final class RimeLayout
{
    /** Offset of the counter within the block. */
    public static final int COUNTER_OFFSET = 0;

    private static final String WHAT = "Rime block";

    private final Counter counter;
    private final Allocator allocator;
    private final int metadataLength;
    private final int dataAlignment;
    private final int dataOffset;
    private final int blockAlignment;
    private final boolean checkLiveness;

    private RimeLayout(final Allocator allocator, final Counter counter, final int metadataLength, final int dataAlignment)
    {
        if (null == allocator || null == counter)
        {
            throw new NullPointerException(null == allocator ? "allocator" : "counter");
        }
        if (metadataLength < 0)
        {
            throw new IllegalArgumentException("metadata length " + metadataLength + " must not be negative");
        }
        Alignment.check(dataAlignment);
        final long offset = Alignment.alignUp((long)counter.width() + metadataLength, dataAlignment);
        if (offset > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(
                "metadata length " + metadataLength + " puts the data past offset " + Integer.MAX_VALUE);
        }
        this.counter = counter;
        this.allocator = allocator;
        this.metadataLength = metadataLength;
        this.dataAlignment = dataAlignment;
        this.dataOffset = (int)offset;
        this.blockAlignment = Math.max(counter.blockAlignment(), dataAlignment);
        this.checkLiveness = allocator.freesIndividually();
    }

    /**
     * A layout with no metadata and packed data, on the native heap.
     *
     * @param counter the counter kind.
     * @return the layout.
     */
    public static RimeLayout of(final Counter counter)
    {
        return new RimeLayout(NativeAllocator.INSTANCE, counter, 0, Alignment.MIN_ALIGNMENT);
    }

    /**
     * A layout with {@code metadataLength} bytes of metadata and packed data, on the native heap.
     *
     * @param counter        the counter kind.
     * @param metadataLength metadata bytes between counter and data, not negative.
     * @return the layout.
     * @throws IllegalArgumentException naming the length if it is negative.
     */
    public static RimeLayout of(final Counter counter, final int metadataLength)
    {
        return new RimeLayout(NativeAllocator.INSTANCE, counter, metadataLength, Alignment.MIN_ALIGNMENT);
    }

    /**
     * A layout placed by any allocator (a pool, an arena), with the data aligned as asked.
     *
     * @param allocator      where blocks come from and go back to.
     * @param counter        the counter kind.
     * @param metadataLength metadata bytes between counter and data, not negative.
     * @param dataAlignment  alignment of the data within the block: 1 packs it right after the
     *                       metadata; up to 4096.
     * @return the layout.
     * @throws IllegalArgumentException naming the value if the length is negative or the alignment
     *                                  invalid.
     */
    public static RimeLayout of(
        final Allocator allocator, final Counter counter, final int metadataLength, final int dataAlignment)
    {
        return new RimeLayout(allocator, counter, metadataLength, dataAlignment);
    }

    /**
     * This layout placed by another allocator (a pool, an arena), as
     * {@code ArrayLayout.withAllocator}: the way to size a pool for the layout's blocks first
     * ({@code ConcurrentPool.create((int)shape.blockSize(n), shape.blockAlignment())}) and then put
     * the layout in it, without a second layout spelled out by hand.
     *
     * @param allocator where blocks come from and go back to.
     * @return a new layout with the same counter, metadata and alignment; this one is unchanged.
     * @throws NullPointerException if the allocator is null.
     */
    public RimeLayout withAllocator(final Allocator allocator)
    {
        return new RimeLayout(allocator, counter, metadataLength, dataAlignment);
    }

    /**
     * The counter kind.
     *
     * @return the counter.
     */
    public Counter counter()
    {
        return counter;
    }

    /**
     * Where blocks come from.
     *
     * @return the allocator.
     */
    public Allocator allocator()
    {
        return allocator;
    }

    /**
     * Metadata bytes per block.
     *
     * @return the metadata length.
     */
    public int metadataLength()
    {
        return metadataLength;
    }

    /**
     * Offset of the metadata: right after the counter.
     *
     * @return the counter's width.
     */
    public int metadataOffset()
    {
        return counter.width();
    }

    /**
     * Offset of the data: after the metadata, padded to the data alignment.
     *
     * @return the data offset.
     */
    public int dataOffset()
    {
        return dataOffset;
    }

    /**
     * The alignment of the data within the block.
     *
     * @return a power of two.
     */
    public int dataAlignment()
    {
        return dataAlignment;
    }

    /**
     * The alignment blocks are allocated with: enough for the counter and for the data.
     *
     * @return a power of two.
     */
    public int blockAlignment()
    {
        return blockAlignment;
    }

    /**
     * Bytes of a block holding {@code dataLength} bytes of data.
     *
     * @param dataLength data bytes, not negative.
     * @return the block size (at least what the counter needs).
     */
    public long blockSize(final int dataLength)
    {
        return Math.max((long)dataOffset + dataLength, counter.minBlockSize());
    }

    /**
     * Allocates a block with a count of 1. Only the counter is written: metadata and data are
     * uninitialised (old bytes of a reused block, poison in checked mode); see
     * {@link #allocateZeroed(int)}.
     *
     * @param dataLength data bytes, not negative.
     * @return the block's address; the caller owns its one reference.
     * @throws IllegalArgumentException naming the length if it is negative.
     * @throws IllegalStateException    if the allocator has no room (returned 0), naming the size.
     * @throws OutOfMemoryError         if native memory runs out.
     */
    public long allocate(final int dataLength)
    {
        Bounds.checkNonNegative(dataLength);
        final long size = blockSize(dataLength);
        final long block = allocator.allocate(size, blockAlignment);
        if (block == 0)
        {
            throw new IllegalStateException(allocator + " has no room for a block of " + size + " bytes");
        }
        counter.init(block + COUNTER_OFFSET, 1);
        return block;
    }

    /**
     * Allocates a block with a count of 1, metadata and data (everything after the counter)
     * zeroed.
     *
     * @param dataLength data bytes, not negative.
     * @return the block's address; the caller owns its one reference.
     * @throws IllegalArgumentException naming the length if it is negative.
     * @throws IllegalStateException    if the allocator has no room (returned 0), naming the size.
     * @throws OutOfMemoryError         if native memory runs out.
     */
    public long allocateZeroed(final int dataLength)
    {
        final long block = allocate(dataLength);
        Memory.fill(metadataAddress(block), contentLength(dataLength), (byte)0);
        return block;
    }

    /**
     * Adds a reference to a block.
     *
     * @param block a live block of this layout.
     * @return the count after the retain.
     * @throws IllegalStateException if the count is at its maximum (unchanged then), or in checked
     *                               mode if the block is not live.
     */
    public long retain(final long block)
    {
        if (MemoryChecks.ENABLED && checkLiveness)
        {
            Checks.checkLive(block, WHAT);
        }
        return counter.retain(block + COUNTER_OFFSET);
    }

    /**
     * Drops a reference; the last one frees the block through the allocator. The caller's
     * reference is gone either way.
     *
     * @param block      a live block of this layout.
     * @param dataLength the data length it was allocated with.
     * @return true if this release freed the block.
     * @throws IllegalStateException if the count is already 0 (unchanged then), or in checked mode
     *                               if the block is not live.
     */
    public boolean release(final long block, final int dataLength)
    {
        if (MemoryChecks.ENABLED && checkLiveness)
        {
            Checks.checkLive(block, WHAT);
        }
        if (counter.release(block + COUNTER_OFFSET) == 0)
        {
            free(block, dataLength);
            return true;
        }
        return false;
    }

    /** Whether checked mode can tell a live block of this layout from a freed one. */
    boolean checksLiveness()
    {
        return checkLiveness;
    }

    /**
     * Adds {@code n} references at once (an atomic counter only): {@link SnapshotCell}'s pre-paid
     * batch. The caller owns them.
     *
     * @param block a live block of this layout.
     * @param n     how many references, 0 or more.
     * @throws IllegalStateException if the count would pass the counter's maximum (nothing changes
     *                               then), or in checked mode if the block is not live.
     */
    void retainMany(final long block, final long n)
    {
        if (MemoryChecks.ENABLED && checkLiveness)
        {
            Checks.checkLive(block, WHAT);
        }
        counter.addAtomic(block + COUNTER_OFFSET, n);
    }

    /**
     * Drops {@code n} references the caller owns at once (an atomic counter only); the last one
     * frees the block through the allocator, as {@link #release(long, int)} does.
     *
     * @param block      a live block of this layout.
     * @param n          how many references, 0 or more.
     * @param dataLength the data length it was allocated with.
     * @return true if this call freed the block.
     * @throws IllegalStateException if the count is below {@code n} (nothing changes then), or in
     *                               checked mode if the block is not live.
     */
    boolean releaseMany(final long block, final long n, final int dataLength)
    {
        if (MemoryChecks.ENABLED && checkLiveness)
        {
            Checks.checkLive(block, WHAT);
        }
        if (n == 0 || counter.addAtomic(block + COUNTER_OFFSET, -n) != 0)
        {
            return false;
        }
        free(block, dataLength);
        return true;
    }

    /** Frees a block whose count reached 0; in checked mode through {@link #freeOrRestore}. */
    private void free(final long block, final int dataLength)
    {
        if (MemoryChecks.ENABLED)
        {
            freeOrRestore(block, dataLength);
        }
        else
        {
            allocator.free(block, blockSize(dataLength), blockAlignment);
        }
    }

    /**
     * Checked mode's last release: if the allocator refuses the block (a confined pool freed into
     * from another thread, or a closed pool), the count goes back to 1 and the block stays live,
     * so the refusal loses nothing and the owner can still release it.
     */
    private void freeOrRestore(final long block, final int dataLength)
    {
        try
        {
            allocator.free(block, blockSize(dataLength), blockAlignment);
        }
        catch (final IllegalStateException ex)
        {
            counter.retain(block + COUNTER_OFFSET);
            throw ex;
        }
    }

    /**
     * The current count: volatile for atomic counters, plain otherwise.
     *
     * @param block a live block of this layout.
     * @return the number of references.
     * @throws IllegalStateException in checked mode, if the block is not live.
     */
    public long refCount(final long block)
    {
        if (MemoryChecks.ENABLED && checkLiveness)
        {
            Checks.checkLive(block, WHAT);
        }
        return counter.get(block + COUNTER_OFFSET);
    }

    /**
     * Copy on write: returns a block the caller's reference holds alone. If {@code block} is
     * exclusive it is returned as is; otherwise its metadata and data are copied into a new block
     * (count 1) and the caller's reference to {@code block} is released.
     *
     * @param block      a block the caller holds one reference to.
     * @param dataLength the data length it was allocated with.
     * @return {@code block}, or the new block that now carries the caller's reference.
     * @throws IllegalStateException if the allocator has no room, or the release of the shared
     *                               block fails (the copy is released again: nothing changes
     *                               then), or in checked mode if the block is not live.
     */
    public long makeMutable(final long block, final int dataLength)
    {
        if (refCount(block) == 1)
        {
            return block;
        }
        final long copy = allocate(dataLength);
        Memory.copy(metadataAddress(block), metadataAddress(copy), contentLength(dataLength));
        try
        {
            release(block, dataLength);
        }
        catch (final RuntimeException | Error ex)
        {
            release(copy, dataLength);
            throw ex;
        }
        return copy;
    }

    /**
     * Bytes from the metadata to the end of the data: what a copy on write copies.
     *
     * @param dataLength data bytes.
     * @return {@code dataOffset() - metadataOffset() + dataLength}.
     */
    public long contentLength(final int dataLength)
    {
        return dataOffset - (long)counter.width() + dataLength;
    }

    /**
     * Address of a block's metadata.
     *
     * @param block a block of this layout.
     * @return {@code block + metadataOffset()}.
     */
    public long metadataAddress(final long block)
    {
        return block + counter.width();
    }

    /**
     * Address of a block's data.
     *
     * @param block a block of this layout.
     * @return {@code block + dataOffset()}.
     */
    public long dataAddress(final long block)
    {
        return block + dataOffset;
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "RimeLayout{counter=" + counter + ", metadataLength=" + metadataLength + ", dataOffset=" + dataOffset +
            ", dataAlignment=" + dataAlignment + ", allocator=" + allocator + '}';
    }
}
