package io.hoarfrost.memory;

/**
 * The default {@link Allocator}: the C heap through {@link Memory#allocate(long, int)} and
 * {@link Memory#free(long, int)}. Blocks start at least 8-byte aligned, or at the alignment asked
 * for, up to 4096.
 *
 * <p>Tracked by checked mode like any native block.
 */
public final class NativeAllocator implements Allocator
{
    /** The one instance. */
    public static final NativeAllocator INSTANCE = new NativeAllocator();

    private NativeAllocator()
    {
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the value if the size is not positive or the
     *                                  alignment is invalid.
     */
    @Override
    public long allocate(final long size, final int alignment)
    {
        return Memory.allocate(size, alignment);
    }

    /** {@inheritDoc} */
    @Override
    public void free(final long address, final long size, final int alignment)
    {
        Memory.free(address, alignment);
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "NativeAllocator";
    }
}
