package io.hoarfrost.rc.internal;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;
import io.hoarfrost.rc.RimeLayout;

import java.util.Objects;

/**
 * Not API. The reference-counting state machine shared by every counted handle ({@code Rime},
 * {@code PoolRef}, {@code RcArray}): the checks, the counting steps and the value semantics over
 * one reference to a {@link RimeLayout} block.
 *
 * <p><b>Stateless, on purpose.</b> A handle keeps its own four fields (layout, block, data
 * length, confinement owner) and passes them in; the core holds none. A handle that held the
 * state in a second object (as Netty's {@code RefCnt} field does) costs an allocation per
 * {@code retain()} on JDK 8 to 17: their C2 does not scalar-replace an object reached through a
 * field of another non-escaping object, so {@code rime.retain().release()} allocated where one
 * flat handle allocates nothing (JDK 21 and later eliminate both).
 *
 * <p><b>States.</b> A handle is held (a block, one reference it owns) or empty (block 0: new,
 * released, unwrapped or handed out). Operations on the reference throw
 * {@link IllegalStateException} when empty.
 *
 * <p><b>Confinement.</b> With a plain (non-atomic) counter, every handle of a block is confined to
 * the thread that made the block's first handle ({@link #ownerOf(RimeLayout)}); in checked mode
 * {@link #checkCountable(String, long, Thread)}, which every counting operation starts with, throws
 * {@link IllegalStateException} on another thread. Off, the owner is null and nothing is checked.
 *
 * <p>Every method is small and static, so the JIT inlines the delegation.
 */
public final class CountedCore
{
    /** How many data bytes {@link #appendContents} shows before it truncates. */
    public static final int MAX_BYTES_SHOWN = 32;

    private CountedCore()
    {
    }

    // ---------------------------------------------------------------------------------------------
    // Checks
    // ---------------------------------------------------------------------------------------------

    /**
     * The block, checked held.
     *
     * @param name  the handle type's name, for messages ({@code "Rime"}).
     * @param block the handle's block, 0 when empty.
     * @return the block address, borrowed.
     * @throws IllegalStateException if the handle is empty.
     */
    public static long checkHeld(final String name, final long block)
    {
        if (block == 0)
        {
            throw emptyException(name);
        }
        return block;
    }

    /**
     * The block, checked held and, in checked mode with a plain counter, used on its owner thread:
     * the first step of every counting operation.
     *
     * @param name  the handle type's name, for messages.
     * @param block the handle's block, 0 when empty.
     * @param owner the handle's confinement owner, null when not confined.
     * @return the block address, borrowed.
     * @throws IllegalStateException if the handle is empty, or in checked mode on another thread.
     */
    public static long checkCountable(final String name, final long block, final Thread owner)
    {
        checkHeld(name, block);
        if (MemoryChecks.ENABLED && null != owner)
        {
            Checks.checkOwner(owner, name + " with a plain counter");
        }
        return block;
    }

    /**
     * The exception for an operation on an empty handle.
     *
     * @param name the handle type's name.
     * @return it, to throw.
     */
    public static IllegalStateException emptyException(final String name)
    {
        return new IllegalStateException(
            name + " handle is empty: already released, unwrapped, handed out or never pointed at a block");
    }

    /**
     * Checks that a handle is empty, so taking a reference into it leaks nothing.
     *
     * @param name  the handle type's name.
     * @param block the handle's block.
     * @throws IllegalStateException naming the block if the handle holds one.
     */
    public static void checkEmpty(final String name, final long block)
    {
        if (block != 0)
        {
            throw new IllegalStateException(
                name + " handle still holds block 0x" + Long.toHexString(block) + ": release it first");
        }
    }

    /**
     * Validates a raw block before an empty handle takes over a reference the caller owns (the
     * count does not change).
     *
     * @param name          the handle type's name.
     * @param heldBlock     the taking handle's current block (must be 0).
     * @param layout        the layout the block was allocated with.
     * @param block         the block.
     * @param dataLength    the data length it was allocated with.
     * @throws NullPointerException     if {@code layout} is null.
     * @throws IllegalArgumentException if the block is 0 or the length negative.
     * @throws IllegalStateException    if the handle holds a reference, or in checked mode if the
     *                                  block is not live.
     */
    public static void checkRaw(
        final String name, final long heldBlock, final RimeLayout layout, final long block, final int dataLength)
    {
        Objects.requireNonNull(layout, "layout");
        if (block == 0)
        {
            throw new IllegalArgumentException("block 0 is not a " + name + " block");
        }
        Bounds.checkNonNegative(dataLength);
        checkEmpty(name, heldBlock);
        layout.refCount(block);
    }

    /**
     * The confinement owner of a block's first handle: the current thread in checked mode with a
     * plain counter, else null.
     *
     * @param layout the block's layout.
     * @return the owner, or null.
     */
    public static Thread ownerOf(final RimeLayout layout)
    {
        return MemoryChecks.ENABLED && !layout.counter().isAtomic() ? Thread.currentThread() : null;
    }

    /**
     * Checks that a held block is exclusive, for a write through a handle.
     *
     * @param name      the handle type's name.
     * @param layout    the block's layout.
     * @param block     the handle's block.
     * @param operation the write, for the message.
     * @throws IllegalStateException if the handle is empty or the block shared.
     */
    public static void checkWritable(
        final String name, final RimeLayout layout, final long block, final String operation)
    {
        final long count = layout.refCount(checkHeld(name, block));
        if (count != 1)
        {
            throw new IllegalStateException(
                operation + " on a shared " + name + " (refCount " + count +
                "): a shared block is read-only; call makeMutable() first");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Counting
    // ---------------------------------------------------------------------------------------------

    /**
     * The block when the handle holds its only reference (so the caller may end counting), else 0.
     *
     * @param layout the block's layout.
     * @param block  a held block, checked by the caller.
     * @return the block, or 0 when shared.
     */
    public static long exclusiveOrZero(final RimeLayout layout, final long block)
    {
        return layout.refCount(block) == 1 ? block : 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Contents: the data bytes
    // ---------------------------------------------------------------------------------------------

    /**
     * Whether two handles' data bytes are equal; two empty handles are equal, an empty and a held
     * one are not.
     *
     * @param layout      the first handle's layout.
     * @param block       the first handle's block, 0 when empty.
     * @param length      the first handle's data length.
     * @param otherLayout the second handle's layout.
     * @param otherBlock  the second handle's block, 0 when empty.
     * @param otherLength the second handle's data length.
     * @return true when equal.
     */
    public static boolean contentEquals(
        final RimeLayout layout, final long block, final int length,
        final RimeLayout otherLayout, final long otherBlock, final int otherLength)
    {
        if (block == 0 || otherBlock == 0)
        {
            return block == otherBlock;
        }
        return length == otherLength &&
            Memory.compare(layout.dataAddress(block), otherLayout.dataAddress(otherBlock), length) == 0;
    }

    /**
     * A hash of the data bytes, as {@link java.util.Arrays#hashCode(byte[])}; 0 when empty.
     *
     * @param layout the handle's layout.
     * @param block  the handle's block, 0 when empty.
     * @param length the handle's data length.
     * @return the hash.
     */
    public static int contentHashCode(final RimeLayout layout, final long block, final int length)
    {
        if (block == 0)
        {
            return 0;
        }
        int hash = 1;
        for (long i = layout.dataAddress(block), end = i + length; i < end; i++)
        {
            hash = 31 * hash + Memory.getByte(i);
        }
        return hash;
    }

    /**
     * Orders two handles by their data bytes, unsigned and lexicographic, shorter first on a common
     * prefix; empty before held.
     *
     * @param layout      the first handle's layout.
     * @param block       the first handle's block, 0 when empty.
     * @param length      the first handle's data length.
     * @param otherLayout the second handle's layout.
     * @param otherBlock  the second handle's block, 0 when empty.
     * @param otherLength the second handle's data length.
     * @return negative, zero or positive.
     */
    public static int compareContents(
        final RimeLayout layout, final long block, final int length,
        final RimeLayout otherLayout, final long otherBlock, final int otherLength)
    {
        if (block == 0 || otherBlock == 0)
        {
            return Boolean.compare(block != 0, otherBlock != 0);
        }
        final int common = Math.min(length, otherLength);
        final int order = Memory.compare(layout.dataAddress(block), otherLayout.dataAddress(otherBlock), common);
        return order != 0 ? order : Integer.compare(length, otherLength);
    }

    /**
     * Appends {@code Name { refCount: n, data: 0x.. }} (or {@code Name { empty }}).
     *
     * @param sb     where to append.
     * @param name   the handle type's name.
     * @param layout the handle's layout.
     * @param block  the handle's block, 0 when empty.
     * @param length the handle's data length.
     * @return {@code sb}.
     */
    public static StringBuilder appendContents(
        final StringBuilder sb, final String name, final RimeLayout layout, final long block, final int length)
    {
        sb.append(name).append(" { ");
        if (block == 0)
        {
            return sb.append("empty }");
        }
        sb.append("refCount: ").append(layout.refCount(block)).append(", data: ");
        appendHex(sb, layout.dataAddress(block), length);
        return sb.append(" }");
    }

    /**
     * Appends up to {@link #MAX_BYTES_SHOWN} bytes as {@code 0x0a1b..}, with the full length when
     * truncated.
     *
     * @param sb      where to append.
     * @param address the first byte.
     * @param length  how many bytes there are.
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
}
