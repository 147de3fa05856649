package io.hoarfrost.memory.internal;

import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;

/**
 * UTF-8 encoding straight into native memory, with no intermediate {@code byte[]}, matching
 * {@code String.getBytes(UTF_8)}: an unpaired surrogate becomes {@code '?'}.
 *
 * <p>Stateless and thread-safe; the caller must not change the {@code CharSequence} between
 * {@link #encodedLength(CharSequence)} and {@link #encode(CharSequence, long, int)}.
 */
public final class Utf8
{
    private static final byte REPLACEMENT = (byte)'?';

    private Utf8()
    {
    }

    /**
     * The number of bytes {@code chars} encodes to.
     *
     * @param chars the characters.
     * @return the UTF-8 length.
     * @throws IllegalArgumentException naming the length if it exceeds {@link Integer#MAX_VALUE}.
     */
    public static int encodedLength(final CharSequence chars)
    {
        final int count = chars.length();
        long bytes = 0;
        for (int i = 0; i < count; i++)
        {
            final char c = chars.charAt(i);
            if (c < 0x80)
            {
                bytes += 1;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(chars.charAt(i + 1)))
            {
                bytes += 4;
                i++;
            }
            else if (Character.isSurrogate(c))
            {
                bytes += 1;
            }
            else
            {
                bytes += 3;
            }
        }
        if (bytes > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(
                "UTF-8 length " + bytes + " exceeds the largest block, " + Integer.MAX_VALUE + " bytes");
        }
        return (int)bytes;
    }

    /**
     * {@link #encode(CharSequence, long, int)} into a block the caller has just taken from
     * {@code allocator}, which is given back first if the encoding throws anything ({@link Error}s
     * included): the one UTF-8 copy path of the owning types, so no fresh block leaks.
     *
     * @param chars     the characters.
     * @param address   the block (0 when {@code length} is 0: nothing is written or freed).
     * @param length    what {@link #encodedLength(CharSequence)} returned: the block's size.
     * @param allocator where the block came from.
     * @param alignment the alignment it was allocated with.
     * @throws IllegalStateException if {@code chars} no longer encodes to {@code length} bytes (the
     *                               block is freed).
     */
    public static void encodeOrFree(
        final CharSequence chars,
        final long address,
        final int length,
        final Allocator allocator,
        final int alignment)
    {
        try
        {
            encode(chars, address, length);
        }
        catch (final Throwable ex)
        {
            if (0 != address)
            {
                allocator.free(address, length, alignment);
            }
            throw ex;
        }
    }

    /**
     * Writes exactly {@code length} bytes at {@code address}; throws rather than write past
     * them if {@code chars} changed since {@link #encodedLength(CharSequence)}.
     *
     * @param chars   the characters.
     * @param address where to write; the caller owns {@code length} bytes there.
     * @param length  what {@link #encodedLength(CharSequence)} returned.
     * @throws IllegalStateException if {@code chars} no longer encodes to {@code length} bytes.
     */
    public static void encode(final CharSequence chars, final long address, final int length)
    {
        final int count = chars.length();
        final long end = address + length;
        long p = address;
        for (int i = 0; i < count; i++)
        {
            final char c = chars.charAt(i);
            if (c < 0x80)
            {
                if (p >= end)
                {
                    throw changed(length);
                }
                Memory.putByte(p++, (byte)c);
            }
            else if (c < 0x800)
            {
                if (p + 2 > end)
                {
                    throw changed(length);
                }
                Memory.putByte(p++, (byte)(0xC0 | (c >> 6)));
                Memory.putByte(p++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(chars.charAt(i + 1)))
            {
                if (p + 4 > end)
                {
                    throw changed(length);
                }
                final int codePoint = Character.toCodePoint(c, chars.charAt(++i));
                Memory.putByte(p++, (byte)(0xF0 | (codePoint >> 18)));
                Memory.putByte(p++, (byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                Memory.putByte(p++, (byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                Memory.putByte(p++, (byte)(0x80 | (codePoint & 0x3F)));
            }
            else if (Character.isSurrogate(c))
            {
                if (p >= end)
                {
                    throw changed(length);
                }
                Memory.putByte(p++, REPLACEMENT);
            }
            else
            {
                if (p + 3 > end)
                {
                    throw changed(length);
                }
                Memory.putByte(p++, (byte)(0xE0 | (c >> 12)));
                Memory.putByte(p++, (byte)(0x80 | ((c >> 6) & 0x3F)));
                Memory.putByte(p++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        if (p != end)
        {
            throw changed(length);
        }
    }

    private static IllegalStateException changed(final int length)
    {
        return new IllegalStateException(
            "CharSequence changed while being encoded: it no longer encodes to the " + length +
            " bytes measured");
    }
}
