package io.hoarfrost.memory;

/**
 * One block as checked mode saw it: where it lives, how big it is, and where and by which thread
 * it was allocated (and, once freed, where it was freed).
 *
 * <p>Immutable apart from the free site, which is set once when the block is freed; safe to
 * share between threads. Instances exist only in checked mode.
 */
public final class TrackedBlock
{
    private final long address;
    private final long size;
    private final int alignment;
    private final String kind;
    private final Throwable allocationSite;
    private volatile Throwable freeSite;

    TrackedBlock(final long address, final long size, final int alignment, final String kind)
    {
        this.address = address;
        this.size = size;
        this.alignment = alignment;
        this.kind = kind;
        this.allocationSite = new Throwable(
            "allocated 0x" + Long.toHexString(address) + " (" + size + " bytes, " + kind + ") on thread " +
            Thread.currentThread().getName());
    }

    /**
     * The block's start address.
     *
     * @return the address handed to the caller.
     */
    public long address()
    {
        return address;
    }

    /**
     * The size the caller asked for.
     *
     * @return size in bytes.
     */
    public long size()
    {
        return size;
    }

    /**
     * The alignment the block was allocated with.
     *
     * @return a power of two from 1 to 4096.
     */
    public int alignment()
    {
        return alignment;
    }

    /**
     * How the memory came to us: {@code "native"} or {@code "adopted ByteBuffer"}.
     *
     * @return the kind of block.
     */
    public String kind()
    {
        return kind;
    }

    /**
     * The stack at allocation, whose message names the address, size and thread.
     *
     * @return the allocation site; never null.
     */
    public Throwable allocationSite()
    {
        return allocationSite;
    }

    /**
     * The stack at free, or null while the block is live.
     *
     * @return the free site, or null.
     */
    public Throwable freeSite()
    {
        return freeSite;
    }

    void freedHere()
    {
        freeSite = new Throwable(
            "freed 0x" + Long.toHexString(address) + " on thread " + Thread.currentThread().getName());
    }

    /**
     * A one-line history: address, size, and the call sites of allocation and (if freed) free.
     *
     * @return a description for exception messages.
     */
    public String describe()
    {
        final StringBuilder sb = new StringBuilder(256)
            .append("0x").append(Long.toHexString(address)).append(" (").append(size).append(" bytes, ")
            .append(kind).append(") allocated at ").append(site(allocationSite));
        final Throwable freed = freeSite;
        if (null != freed)
        {
            sb.append(", freed at ").append(site(freed));
        }
        return sb.toString();
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "TrackedBlock{" + describe() + '}';
    }

    private static boolean isInternal(final String className)
    {
        return className.equals(Memory.class.getName()) ||
            className.equals(MemoryChecks.class.getName()) ||
            className.equals(NativeAllocator.class.getName()) ||
            className.equals(TrackedBlock.class.getName());
    }

    /**
     * Renders the first frames of a stack outside the memory package, which is where the caller
     * of the library stands.
     */
    static String site(final Throwable stack)
    {
        final StackTraceElement[] frames = stack.getStackTrace();
        final StringBuilder sb = new StringBuilder(160);
        int shown = 0;
        for (final StackTraceElement frame : frames)
        {
            if (isInternal(frame.getClassName()))
            {
                continue;
            }
            if (shown > 0)
            {
                sb.append(" <- ");
            }
            sb.append(frame);
            if (++shown == 4)
            {
                break;
            }
        }
        return shown == 0 ? "(unknown)" : sb.toString();
    }
}
