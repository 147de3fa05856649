package io.hoarfrost.pool;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.internal.Checks;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;

/**
 * An owned pool block that goes back to its pool on {@link #close()}. A box owns at most one block
 * of one {@link BlockPool}; {@link #buffer()} lends a view of the block's
 * {@link BlockPool#blockSize()} bytes, detached when the box lets go of the block.
 *
 * <p><b>Flyweight.</b> An empty box (new, closed or handed out) can take over another raw block
 * with {@link #takeRaw(BlockPool, long)}, reusing the object and its view: with the pool's
 * {@code long} API this makes a garbage-free loop.
 *
 * <p><b>Equality.</b> {@link #equals(Object)}, {@link #hashCode()}, {@link #compareTo(PoolBox)} and
 * {@link #toString()} look at the block's bytes; {@link #refEquals(PoolBox)} compares blocks. An
 * empty box equals only empty boxes, and none of them throws on an empty box.
 *
 * <p>Ported from refpool's {@code PoolBox}.
 */
public final class PoolBox implements AutoCloseable, Comparable<PoolBox>
{
    /** How many bytes {@link #toString()} shows before it truncates. */
    public static final int MAX_BYTES_SHOWN = 32;

    private BlockPool pool;
    private long block;
    private UnsafeBuffer view;

    /** An empty box, to be pointed at a block with {@link #takeRaw(BlockPool, long)}. */
    public PoolBox()
    {
    }

    /**
     * A box over a new block from {@code pool}, uninitialised (it holds its old bytes, or poison in
     * checked mode); see {@link #allocateZeroed(BlockPool)}.
     *
     * @param pool where the block comes from and goes back to.
     * @return the box, owning the block; the caller closes it.
     * @throws IllegalStateException if the pool is closed or (checked mode) misused.
     */
    public static PoolBox allocate(final BlockPool pool)
    {
        return new PoolBox().takeRaw(pool, pool.allocate());
    }

    /**
     * A box over a new block from {@code pool}, all {@link BlockPool#blockSize()} bytes zeroed.
     *
     * @param pool where the block comes from and goes back to.
     * @return the box, owning the block; the caller closes it.
     * @throws IllegalStateException if the pool is closed or (checked mode) misused.
     */
    public static PoolBox allocateZeroed(final BlockPool pool)
    {
        return new PoolBox().takeRaw(pool, pool.allocate(BlockInitialiser.ZEROED));
    }

    /**
     * A box over a new block from {@code pool}, initialised by {@code initialiser} (which may
     * write only the bytes the caller needs; {@link BlockInitialiser#ZEROED} zeroes them all).
     *
     * @param pool        where the block comes from and goes back to.
     * @param initialiser writes the block's initial bytes.
     * @return the box, owning the block; the caller closes it.
     * @throws IllegalStateException if the pool is closed or (checked mode) misused.
     */
    public static PoolBox allocate(final BlockPool pool, final BlockInitialiser initialiser)
    {
        Objects.requireNonNull(initialiser, "initialiser");
        return new PoolBox().takeRaw(pool, pool.allocate(initialiser));
    }

    /**
     * Takes ownership of a raw pool block as a new box, which frees it into {@code pool} on close.
     * The inverse of {@link #intoRaw()}.
     *
     * @param pool  the pool the block came from.
     * @param block a block {@code pool} handed out, not freed since, owned by the caller until this
     *              call.
     * @return a box owning the block; the caller closes it.
     * @throws NullPointerException     if {@code pool} is null.
     * @throws IllegalArgumentException if {@code block} is 0.
     * @throws IllegalStateException    in checked mode, if {@code block} is not live.
     */
    public static PoolBox fromRaw(final BlockPool pool, final long block)
    {
        return new PoolBox().takeRaw(pool, block);
    }

    /**
     * Re-points this empty box at a raw block the caller owns, and takes it over: the box frees it
     * into {@code pool} on close. Allocates nothing.
     *
     * @param pool  the pool the block came from.
     * @param block a block {@code pool} handed out, not freed since, owned by the caller until this
     *              call.
     * @return this box, now owning the block.
     * @throws NullPointerException     if {@code pool} is null.
     * @throws IllegalArgumentException if {@code block} is 0.
     * @throws IllegalStateException    if this box still owns a block (it would leak), or in
     *                                  checked mode if {@code block} is not live; nothing changes
     *                                  then.
     */
    public PoolBox takeRaw(final BlockPool pool, final long block)
    {
        Objects.requireNonNull(pool, "pool");
        if (block == 0)
        {
            throw new IllegalArgumentException("block 0 is not a pool block");
        }
        if (this.block != 0)
        {
            throw new IllegalStateException(
                "PoolBox still owns block 0x" + Long.toHexString(this.block) + ": close it before taking another");
        }
        Checks.checkLive(block, "pool block");
        this.pool = pool;
        this.block = block;
        if (null != view)
        {
            view.wrap(block, pool.blockSize());
        }
        return this;
    }

    /**
     * The block's address, borrowed.
     *
     * @return the address.
     * @throws IllegalStateException if the box is empty.
     */
    public long address()
    {
        return checkHeld();
    }

    /**
     * The block's size: the pool's block size.
     *
     * @return bytes.
     * @throws IllegalStateException if the box is empty.
     */
    public int length()
    {
        checkHeld();
        return pool.blockSize();
    }

    /**
     * A view of the block, borrowed: valid while the box owns the block, mutable for the owner.
     *
     * @return the view (the same object on every call).
     * @throws IllegalStateException if the box is empty.
     */
    public UnsafeBuffer buffer()
    {
        final long block = checkHeld();
        if (null == view)
        {
            view = new UnsafeBuffer(block, pool.blockSize());
        }
        return view;
    }

    /**
     * The pool the block belongs to, or null when the box is empty.
     *
     * @return the pool.
     */
    public BlockPool pool()
    {
        return pool;
    }

    /**
     * Whether two boxes hold the same block (the same address); contents are not compared.
     *
     * @param other another box.
     * @return true if both hold the same block.
     * @throws IllegalStateException if either box is empty.
     */
    public boolean refEquals(final PoolBox other)
    {
        return checkHeld() == other.checkHeld();
    }

    /**
     * Whether the box owns no block (new, closed or handed out).
     *
     * @return true when empty.
     */
    public boolean isClosed()
    {
        return block == 0;
    }

    /**
     * A deep copy: a new block from the same pool holding the same {@link BlockPool#blockSize()}
     * bytes, in a new box. The two are independent: writing or closing one leaves the other as it
     * was. If the pool refuses the block (it is closed, or in checked mode a {@link Pool} used off
     * its thread) the exception propagates and nothing changes; if it must grow and native memory
     * runs out, {@link OutOfMemoryError}.
     *
     * @return a new box owning the copy; the caller closes it. This box still owns its block.
     * @throws IllegalStateException if this box is empty, or the pool refuses, as
     *                               {@link BlockPool#allocate()}.
     */
    public PoolBox copy()
    {
        final long source = checkHeld();
        final BlockPool pool = this.pool;
        final long copy = pool.allocate();
        Memory.copy(source, copy, pool.blockSize());
        final PoolBox box = new PoolBox();
        box.pool = pool;
        box.block = copy;
        return box;
    }

    /**
     * Hands the block to the caller without freeing it; the box becomes empty.
     *
     * @return the block, now owned by the caller, who frees it into the pool it came from (read
     *         {@link #pool()} before this call: it is null afterwards), or takes it back with
     *         {@link #fromRaw(BlockPool, long)}.
     * @throws IllegalStateException if the box is empty.
     */
    public long intoRaw()
    {
        final long block = checkHeld();
        letGo();
        return block;
    }

    /**
     * Frees the block into its pool and empties the box. Idempotent.
     *
     * @throws IllegalStateException as {@link BlockPool#free(long)} (the box stays as it was then).
     */
    @Override
    public void close()
    {
        final long block = this.block;
        if (block != 0)
        {
            pool.free(block);
            letGo();
        }
    }

    /**
     * Content equality: another box whose block has the same length and bytes; the addresses and
     * pools do not matter. Two empty boxes are equal; an empty box equals no full one. Never
     * throws. Do not write a box's bytes while it is a key.
     *
     * @param other any object.
     * @return whether the contents are equal.
     */
    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof PoolBox))
        {
            return false;
        }
        final PoolBox that = (PoolBox)other;
        if (block == 0 || that.block == 0)
        {
            return block == that.block;
        }
        final int length = pool.blockSize();
        return length == that.pool.blockSize() && Memory.compare(block, that.block, length) == 0;
    }

    /**
     * A hash of the bytes, {@code java.util.Arrays.hashCode} of them (as {@code Flake}'s); 0 for an
     * empty box. Consistent with {@link #equals(Object)}.
     *
     * @return the hash.
     */
    @Override
    public int hashCode()
    {
        if (block == 0)
        {
            return 0;
        }
        int hash = 1;
        for (long i = block, end = block + pool.blockSize(); i < end; i++)
        {
            hash = 31 * hash + Memory.getByte(i);
        }
        return hash;
    }

    /**
     * Orders by contents as {@code Flake} does: unsigned bytes, first difference wins, then the
     * shorter first; an empty box sorts before every full one. Consistent with
     * {@link #equals(Object)}.
     *
     * @param other the box to compare with.
     * @return negative, zero or positive as this sorts before, equal to or after {@code other}.
     */
    @Override
    public int compareTo(final PoolBox other)
    {
        if (block == 0 || other.block == 0)
        {
            return Boolean.compare(block != 0, other.block != 0);
        }
        final int length = pool.blockSize();
        final int otherLength = other.pool.blockSize();
        final int order = Memory.compare(block, other.block, Math.min(length, otherLength));
        return order != 0 ? order : Integer.compare(length, otherLength);
    }

    /**
     * {@code PoolBox { 0x... }}: the bytes as hex, truncated after {@link #MAX_BYTES_SHOWN} saying
     * how many there are; {@code PoolBox { empty }} for an empty box, rather than throw.
     *
     * @return the description.
     */
    @Override
    public String toString()
    {
        if (block == 0)
        {
            return "PoolBox { empty }";
        }
        final int length = pool.blockSize();
        final int shown = Math.min(length, MAX_BYTES_SHOWN);
        final StringBuilder sb = new StringBuilder(32 + 2 * shown).append("PoolBox { 0x");
        for (int i = 0; i < shown; i++)
        {
            final int b = Memory.getByte(block + i) & 0xFF;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        if (length > shown)
        {
            sb.append("...(").append(length).append(" bytes)");
        }
        return sb.append(" }").toString();
    }

    private void letGo()
    {
        block = 0;
        pool = null;
        if (null != view)
        {
            view.wrap(0, 0);
        }
    }

    private long checkHeld()
    {
        final long block = this.block;
        if (block == 0)
        {
            throw new IllegalStateException("PoolBox is empty (closed or handed out)");
        }
        return block;
    }
}
