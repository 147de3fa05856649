package io.hoarfrost.rc.internal;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;
import io.hoarfrost.rc.RimeLayout;

import java.util.Objects;

/**
 * Not API. The reference-counting state machine of one counted handle ({@code Rime},
 * {@code PoolRef}, {@code RcArray}): the block it holds a reference to, its {@link RimeLayout} and
 * data length, and the operations on that reference. Each handle holds one core in a
 * {@code final} field and delegates to it (Netty's {@code RefCnt}); the handle keeps its views
 * and re-points them after an operation that moves or drops the block.
 *
 * <p><b>States.</b> Held (a block, one reference owned by this core) or empty (block 0: new,
 * released, unwrapped or handed out). Operations on the reference throw
 * {@link IllegalStateException} when empty.
 *
 * <p><b>Confinement.</b> With a plain (non-atomic) counter, every handle of a block is confined to
 * the thread that made the block's first handle; in checked mode the counting operations
 * ({@link #retainInto}, {@link #release()}, {@link #refCount()}, {@link #isExclusive()},
 * {@link #makeMutable()}, {@link #tryUnwrap()}, {@link #unwrapOrCopy()}) throw
 * {@link IllegalStateException} on another thread. Off, the owner is not recorded and nothing is
 * checked.
 *
 * <p>Every method is small and final (the class is), so the JIT inlines the delegation.
 */
public final class CountedCore
{
    /** How many data bytes {@link #appendContents(StringBuilder)} shows before it truncates. */
    public static final int MAX_BYTES_SHOWN = 32;

    private final String name;
    private RimeLayout layout;
    private long block;
    private int dataLength;
    private Thread owner;

    /**
     * An empty core.
     *
     * @param name the handle type's name, for messages ({@code "Rime"}).
     */
    public CountedCore(final String name)
    {
        this.name = name;
    }

    // ---------------------------------------------------------------------------------------------
    // State
    // ---------------------------------------------------------------------------------------------

    /**
     * Whether this core holds no reference.
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return block == 0;
    }

    /**
     * The block, or 0 when empty; no check.
     *
     * @return the block address, borrowed.
     */
    public long blockOrZero()
    {
        return block;
    }

    /**
     * The block's layout, or null when empty.
     *
     * @return the layout.
     */
    public RimeLayout layout()
    {
        return layout;
    }

    /**
     * The data length the block was allocated with; 0 when empty.
     *
     * @return bytes of data.
     */
    public int dataLength()
    {
        return dataLength;
    }

    /**
     * The block, checked.
     *
     * @return the block address, borrowed.
     * @throws IllegalStateException if this core is empty.
     */
    public long checkHeld()
    {
        final long block = this.block;
        if (block == 0)
        {
            throw emptyException();
        }
        return block;
    }

    /**
     * The exception for an operation on an empty core.
     *
     * @return it, to throw.
     */
    public IllegalStateException emptyException()
    {
        return new IllegalStateException(
            name + " handle is empty: already released, unwrapped, handed out or never pointed at a block");
    }

    /**
     * Checks that this core is empty, so taking a reference into it leaks nothing.
     *
     * @throws IllegalStateException naming the block if this core holds one.
     */
    public void checkEmpty()
    {
        if (block != 0)
        {
            throw new IllegalStateException(
                name + " handle still holds block 0x" + Long.toHexString(block) + ": release it first");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Taking a reference
    // ---------------------------------------------------------------------------------------------

    /**
     * Takes over a reference to a block the caller just allocated or validated, as the block's
     * first handle (the confinement owner, for a plain counter, is the current thread). No checks.
     *
     * @param layout     the block's layout.
     * @param block      the block, with a reference the caller owns until this call.
     * @param dataLength its data length.
     */
    public void pointFirst(final RimeLayout layout, final long block, final int dataLength)
    {
        this.layout = layout;
        this.block = block;
        this.dataLength = dataLength;
        this.owner = ownerOf(layout);
    }

    /**
     * Takes over a reference the caller owns to a raw block, into this empty core; the count is
     * unchanged.
     *
     * @param layout     the layout the block was allocated with.
     * @param block      the block.
     * @param dataLength the data length it was allocated with.
     * @throws NullPointerException     if {@code layout} is null.
     * @throws IllegalArgumentException if the block is 0 or the length negative.
     * @throws IllegalStateException    if this core holds a reference, or in checked mode if the
     *                                  block is not live; nothing changes then.
     */
    public void takeRaw(final RimeLayout layout, final long block, final int dataLength)
    {
        Objects.requireNonNull(layout, "layout");
        if (block == 0)
        {
            throw new IllegalArgumentException("block 0 is not a " + name + " block");
        }
        Bounds.checkNonNegative(dataLength);
        checkEmpty();
        layout.refCount(block);
        pointFirst(layout, block, dataLength);
    }

    /**
     * Adds a reference and moves it into {@code target}, an empty core, which then shares this
     * core's block (and its confinement owner).
     *
     * @param target an empty core.
     * @throws IllegalStateException if this core is empty, {@code target} is not, the count is at
     *                               its maximum (nothing changes then), or in checked mode from a
     *                               second thread with a plain counter.
     */
    public void retainInto(final CountedCore target)
    {
        final long block = checkCountable();
        target.checkEmpty();
        layout.retain(block);
        target.layout = layout;
        target.block = block;
        target.dataLength = dataLength;
        target.owner = owner;
    }

    // ---------------------------------------------------------------------------------------------
    // Giving a reference up
    // ---------------------------------------------------------------------------------------------

    /**
     * Drops this core's reference; the last frees the block through the layout's allocator. The
     * core is empty afterwards, unless it throws.
     *
     * @return true if this release freed the block.
     * @throws IllegalStateException if this core is empty, the count is 0, in checked mode from a
     *                               second thread with a plain counter, or if the allocator
     *                               refuses the last release (the core still holds then).
     */
    public boolean release()
    {
        final long block = checkCountable();
        final boolean freed = layout.release(block, dataLength);
        clear();
        return freed;
    }

    /**
     * Ends counting if this core holds the only reference: the core becomes empty and the block,
     * not freed, goes to the caller. Otherwise nothing changes.
     *
     * @return the block (count 1, owned by the caller), or 0 when shared.
     * @throws IllegalStateException if this core is empty, or in checked mode from a second thread
     *                               with a plain counter.
     */
    public long tryUnwrap()
    {
        final long block = checkCountable();
        if (layout.refCount(block) != 1)
        {
            return 0;
        }
        clear();
        return block;
    }

    /**
     * Ends counting, copying if needed: {@link #tryUnwrap()} when exclusive; when shared, a copy of
     * the metadata and data in a new block of the same layout (count 1), and this core's reference
     * to the shared block is released. The core is empty afterwards.
     *
     * @return a block (count 1) the caller owns.
     * @throws IllegalStateException if this core is empty, the allocator has no room (nothing
     *                               changes then), or in checked mode from a second thread with a
     *                               plain counter.
     */
    public long unwrapOrCopy()
    {
        makeMutable();
        final long block = this.block;
        clear();
        return block;
    }

    /**
     * Moves this core's reference out to the caller; the count is unchanged and the core empty.
     *
     * @return the block, with one reference now owned by the caller.
     * @throws IllegalStateException if this core is empty.
     */
    public long intoRaw()
    {
        final long block = checkHeld();
        clear();
        return block;
    }

    // ---------------------------------------------------------------------------------------------
    // Sharing
    // ---------------------------------------------------------------------------------------------

    /**
     * The block's count.
     *
     * @return the number of references.
     * @throws IllegalStateException if this core is empty, or in checked mode from a second thread
     *                               with a plain counter.
     */
    public long refCount()
    {
        return layout.refCount(checkCountable());
    }

    /**
     * Whether this core holds the only reference.
     *
     * @return {@code refCount() == 1}.
     * @throws IllegalStateException as {@link #refCount()}.
     */
    public boolean isExclusive()
    {
        return refCount() == 1;
    }

    /**
     * Copy on write: when the block is shared, moves this core to a copy (count 1) of its
     * metadata and data and releases its reference to the shared block; free when exclusive.
     *
     * @return true if this core moved to a new block (the handle re-points its views).
     * @throws IllegalStateException if this core is empty, the allocator has no room (nothing
     *                               changes then), or in checked mode from a second thread with a
     *                               plain counter.
     */
    public boolean makeMutable()
    {
        final long block = checkCountable();
        final long mutable = layout.makeMutable(block, dataLength);
        if (mutable == block)
        {
            return false;
        }
        this.block = mutable;
        this.owner = ownerOf(layout);
        return true;
    }

    /**
     * Whether two cores hold references to the same block.
     *
     * @param other another core.
     * @return true if both hold the same block.
     * @throws IllegalStateException if either is empty.
     */
    public boolean refEquals(final CountedCore other)
    {
        return checkHeld() == other.checkHeld();
    }

    /**
     * Checked mode's guard on a handle's own write methods: a shared block is read-only.
     * Call it only under {@code if (MemoryChecks.ENABLED)}.
     *
     * @param operation the write, for the message.
     * @throws IllegalStateException if this core is empty, or the block is shared (count above 1).
     */
    public void checkWritable(final String operation)
    {
        final long count = layout.refCount(checkHeld());
        if (count != 1)
        {
            throw new IllegalStateException(
                operation + " on a shared " + name + " (refCount " + count +
                "): a shared block is read-only; call makeMutable() first");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Contents: the data bytes
    // ---------------------------------------------------------------------------------------------

    /**
     * Whether both cores' data bytes are equal; two empty cores are equal, an empty and a held one
     * are not. Metadata is not compared.
     *
     * @param other another core.
     * @return true for the same data length and bytes.
     */
    public boolean contentEquals(final CountedCore other)
    {
        if (block == 0 || other.block == 0)
        {
            return block == other.block;
        }
        return dataLength == other.dataLength &&
            Memory.compare(layout.dataAddress(block), other.layout.dataAddress(other.block), dataLength) == 0;
    }

    /**
     * A hash of the data bytes, {@code java.util.Arrays.hashCode} of them (as {@code Flake}'s); 0
     * when empty.
     *
     * @return the hash.
     */
    public int contentHashCode()
    {
        if (block == 0)
        {
            return 0;
        }
        int hash = 1;
        for (long i = layout.dataAddress(block), end = i + dataLength; i < end; i++)
        {
            hash = 31 * hash + Memory.getByte(i);
        }
        return hash;
    }

    /**
     * Orders by data bytes as {@code Flake} does: unsigned bytes, first difference wins, then the
     * shorter first. An empty core sorts before every held one.
     *
     * @param other another core.
     * @return negative, zero or positive.
     */
    public int compareContents(final CountedCore other)
    {
        if (block == 0 || other.block == 0)
        {
            return Boolean.compare(block != 0, other.block != 0);
        }
        final int common = Math.min(dataLength, other.dataLength);
        final int order = Memory.compare(layout.dataAddress(block), other.layout.dataAddress(other.block), common);
        return order != 0 ? order : Integer.compare(dataLength, other.dataLength);
    }

    /**
     * Appends {@code Name { refCount: N, data: 0x... }}, the data as hex truncated after
     * {@link #MAX_BYTES_SHOWN} bytes, or {@code Name { empty }}. Never throws for an empty core.
     *
     * @param sb where to append.
     * @return {@code sb}.
     */
    public StringBuilder appendContents(final StringBuilder sb)
    {
        sb.append(name).append(" { ");
        if (block == 0)
        {
            return sb.append("empty }");
        }
        sb.append("refCount: ").append(layout.refCount(block)).append(", data: ");
        appendHex(sb, layout.dataAddress(block), dataLength);
        return sb.append(" }");
    }

    /**
     * Appends {@code 0x} and up to {@link #MAX_BYTES_SHOWN} bytes as hex, then
     * {@code ...(N bytes)} if there are more.
     *
     * @param sb      where to append.
     * @param address the first byte.
     * @param length  bytes there.
     */
    public static void appendHex(final StringBuilder sb, final long address, final long length)
    {
        sb.append("0x");
        final long shown = Math.min(length, MAX_BYTES_SHOWN);
        for (long i = 0; i < shown; i++)
        {
            final int b = Memory.getByte(address + i) & 0xFF;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        if (length > shown)
        {
            sb.append("...(").append(length).append(" bytes)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    private long checkCountable()
    {
        final long block = checkHeld();
        if (MemoryChecks.ENABLED && null != owner)
        {
            Checks.checkOwner(owner, name + " with a plain counter");
        }
        return block;
    }

    private void clear()
    {
        block = 0;
        layout = null;
        dataLength = 0;
        owner = null;
    }

    private static Thread ownerOf(final RimeLayout layout)
    {
        return MemoryChecks.ENABLED && !layout.counter().isAtomic() ? Thread.currentThread() : null;
    }
}
