package io.hoarfrost.memory;

import static io.hoarfrost.memory.Memory.LITTLE_ENDIAN;
import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * Atomics on 8 and 16 bits, which Java 8's {@code Unsafe} lacks: each is a CAS loop on the aligned
 * 32-bit word that holds the value. A concurrent write to a neighbouring byte of the word makes
 * the CAS retry, and neither write is lost. The whole word must be readable and writable. Reads
 * that pair with them are {@link Memory#getByteVolatile(long)} and
 * {@link Memory#getShortVolatile(long)}.
 *
 * <p>Every method is a volatile read-modify-write of the enclosing word.
 */
public final class SubWordAtomics
{
    private SubWordAtomics()
    {
    }

    /**
     * Atomically sets a byte to {@code update} if it equals {@code expected}. Emulated by CAS on
     * the aligned 32-bit word that holds the byte: a concurrent write to a neighbouring byte
     * makes it retry, and neither write is lost. The whole word must be readable and writable.
     *
     * @param address  any address.
     * @param expected the value it must hold.
     * @param update   the value to write.
     * @return true if the write happened.
     */
    public static boolean compareAndSetByte(final long address, final byte expected, final byte update)
    {
        final long word = address & ~3L;
        final int shift = byteShift(address, LITTLE_ENDIAN);
        final int mask = 0xFF << shift;
        while (true)
        {
            final int current = UNSAFE.getIntVolatile(null, word);
            if ((byte)(current >>> shift) != expected)
            {
                return false;
            }
            final int next = (current & ~mask) | ((update & 0xFF) << shift);
            if (UNSAFE.compareAndSwapInt(null, word, current, next))
            {
                return true;
            }
        }
    }

    /**
     * Atomically adds to a byte (wrapping within 8 bits), by CAS on the enclosing 32-bit word;
     * neighbouring bytes are never changed.
     *
     * @param address any address.
     * @param delta   the amount to add.
     * @return the value before the add.
     */
    public static byte getAndAddByte(final long address, final byte delta)
    {
        final long word = address & ~3L;
        final int shift = byteShift(address, LITTLE_ENDIAN);
        final int mask = 0xFF << shift;
        int current;
        do
        {
            current = UNSAFE.getIntVolatile(null, word);
        }
        while (!UNSAFE.compareAndSwapInt(
            null, word, current, (current & ~mask) | (((current >>> shift) + delta) & 0xFF) << shift));
        return (byte)(current >>> shift);
    }

    /**
     * Atomically sets a short to {@code update} if it equals {@code expected}, by CAS on the
     * enclosing aligned 32-bit word (see {@link #compareAndSetByte(long, byte, byte)}).
     *
     * @param address  a 2-byte aligned address.
     * @param expected the value it must hold.
     * @param update   the value to write.
     * @return true if the write happened.
     * @throws IllegalArgumentException naming the address if it is odd.
     */
    public static boolean compareAndSetShort(final long address, final short expected, final short update)
    {
        final long word = address & ~3L;
        final int shift = shortShift(address, LITTLE_ENDIAN);
        final int mask = 0xFFFF << shift;
        while (true)
        {
            final int current = UNSAFE.getIntVolatile(null, word);
            if ((short)(current >>> shift) != expected)
            {
                return false;
            }
            final int next = (current & ~mask) | ((update & 0xFFFF) << shift);
            if (UNSAFE.compareAndSwapInt(null, word, current, next))
            {
                return true;
            }
        }
    }

    /**
     * Atomically adds to a short (wrapping within 16 bits), by CAS on the enclosing 32-bit word.
     *
     * @param address a 2-byte aligned address.
     * @param delta   the amount to add.
     * @return the value before the add.
     * @throws IllegalArgumentException naming the address if it is odd.
     */
    public static short getAndAddShort(final long address, final short delta)
    {
        final long word = address & ~3L;
        final int shift = shortShift(address, LITTLE_ENDIAN);
        final int mask = 0xFFFF << shift;
        int current;
        do
        {
            current = UNSAFE.getIntVolatile(null, word);
        }
        while (!UNSAFE.compareAndSwapInt(
            null, word, current, (current & ~mask) | (((current >>> shift) + delta) & 0xFFFF) << shift));
        return (short)(current >>> shift);
    }

    /**
     * The bit position, within its aligned 32-bit word, of the byte at {@code address}.
     *
     * @param address      any address.
     * @param littleEndian the byte order of the word.
     * @return 0, 8, 16 or 24.
     */
    static int byteShift(final long address, final boolean littleEndian)
    {
        final int index = (int)address & 3;
        return (littleEndian ? index : 3 - index) << 3;
    }

    /**
     * The bit position, within its aligned 32-bit word, of the short at {@code address}.
     *
     * @param address      a 2-byte aligned address.
     * @param littleEndian the byte order of the word.
     * @return 0 or 16.
     * @throws IllegalArgumentException naming the address if it is odd.
     */
    static int shortShift(final long address, final boolean littleEndian)
    {
        if ((address & 1) != 0)
        {
            throw new IllegalArgumentException(
                "16-bit atomic at 0x" + Long.toHexString(address) + " is not 2-byte aligned");
        }
        final int index = (int)address & 2;
        return (littleEndian ? index : 2 - index) << 3;
    }
}
