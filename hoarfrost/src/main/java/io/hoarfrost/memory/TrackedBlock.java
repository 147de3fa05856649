package io.hoarfrost.memory;

/**
 * One block as checked mode saw it: where it lives, how big it is, when it was allocated relative
 * to other blocks, and where and by which thread it was allocated (and, once freed, where it was
 * freed).
 *
 * <p>A site is the caller's frame (the first frame outside Hoarfrost) and the thread's name; with
 * {@code -Dhoarfrost.checks.sites=full}, or for the sampled blocks of
 * {@code -Dhoarfrost.checks.fullSiteEvery}, it also keeps the whole stack (see
 * {@link MemoryChecks}). Messages are built when asked for, not stored.
 *
 * <p>Immutable apart from the free site, which is set once when the block is freed; safe to
 * share between threads. Instances exist only in checked mode.
 */
public final class TrackedBlock
{
    private final long address;
    private final long size;
    private final long sequence;
    private final int alignment;
    private final String kind;
    private final Site allocated;
    private volatile Site freed;

    TrackedBlock(
        final long address, final long size, final int alignment, final String kind, final long sequence,
        final Site allocated)
    {
        this.address = address;
        this.size = size;
        this.alignment = alignment;
        this.kind = kind;
        this.sequence = sequence;
        this.allocated = allocated;
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
     * How the memory came to us: {@code "native"}, {@code "adopted ByteBuffer"} or the kind a pool
     * or arena tracked it with.
     *
     * @return the kind of block.
     */
    public String kind()
    {
        return kind;
    }

    /**
     * The block's place in allocation order: a block allocated later has a larger number.
     * {@link MemoryChecks#leaks()} is sorted by it.
     *
     * @return a number from 1, unique among the blocks checked mode has seen.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * The allocation site as a throwable to print: its message names the address, size, kind and
     * thread, and its stack trace is the recorded one (the caller's frame, or the whole stack in
     * full-site mode). Made on each call.
     *
     * @return a new throwable; never null.
     */
    public Throwable allocationSite()
    {
        return allocated.toThrowable("allocated " + label());
    }

    /**
     * The free site as a throwable to print, like {@link #allocationSite()}, or null while the
     * block is live.
     *
     * @return a new throwable, or null.
     */
    public Throwable freeSite()
    {
        final Site site = freed;
        return null == site ? null : site.toThrowable("freed " + label());
    }

    /**
     * Whether the allocation site kept the whole stack, not just the caller's frame.
     *
     * @return true in full-site mode and for sampled blocks.
     */
    public boolean hasFullAllocationStack()
    {
        return allocated.full();
    }

    /**
     * Records where the block was freed; in full-site mode, or if its allocation kept the whole
     * stack, the free site keeps the whole stack too.
     */
    void freedHere(final boolean full)
    {
        freed = Site.here(full || allocated.full());
    }

    /**
     * A one-line history: address, size, kind, and the call site and thread of allocation and (if
     * freed) free.
     *
     * @return a description for exception messages.
     */
    public String describe()
    {
        final StringBuilder sb = new StringBuilder(256).append(label()).append(" allocated at ");
        allocated.appendTo(sb);
        final Site site = freed;
        if (null != site)
        {
            sb.append(", freed at ");
            site.appendTo(sb);
        }
        return sb.toString();
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "TrackedBlock{" + describe() + '}';
    }

    /** The block in short: address, size and kind, e.g. {@code 0x7f0012345670 (16 bytes, native)}. */
    private String label()
    {
        return "0x" + Long.toHexString(address) + " (" + size + " bytes, " + kind + ")";
    }
}
