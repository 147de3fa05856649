package io.hoarfrost.memory;

import io.hoarfrost.memory.internal.Bounds;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * The one gate to {@code sun.misc.Unsafe}: native allocation, copies, fills, plain access to
 * every primitive, acquire / release / volatile access and atomics on 32 and 64 bits (8- and
 * 16-bit atomics are in {@link SubWordAtomics}). For the full grid of typed accessors in every ordering
 * over a region, wrap it in Agrona's {@code UnsafeBuffer}.
 *
 * <p>No other class of Hoarfrost touches {@code Unsafe}.
 *
 * <p><b>Safety.</b> Accessors do not check addresses: like {@code Unsafe}, a bad address is
 * undefined behaviour. Allocation and free always validate their arguments; in checked mode
 * ({@link MemoryChecks}) free also validates the address, so a double free or a foreign address
 * throws instead of crashing. The typed primitives built on this class never expose an
 * unchecked address path.
 *
 * <p><b>Orderings</b> (see the package documentation): plain, acquire (load) / release (store),
 * and volatile (sequentially consistent), named as in Agrona 2 and {@code VarHandle}.
 *
 * <p><b>Platform.</b> Initialising this class never throws. It probes the JVM once
 * ({@link Platform#current()}); where {@code Unsafe}'s memory access is refused or the JVM is not
 * 64-bit, allocation, adoption and free throw one {@link UnsupportedOperationException} naming the
 * JDK, the missing piece and the flag that fixes it.
 */
public final class Memory
{
    /** Whether the platform stores multi-byte values least significant byte first. */
    public static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** Bytes before an over-aligned block that hold the address malloc returned. */
    private static final int ALIGNED_HEADER = 8;

    /** What this JVM offers, probed before any other field here touches {@code Unsafe}. */
    static final Platform PLATFORM = probePlatform();

    /** False when a missing piece makes every allocation, adoption and free throw (see {@link Platform}). */
    private static final boolean SUPPORTED = PLATFORM.isSupported();

    private static final long ARRAY_BYTE_BASE_OFFSET = SUPPORTED ? UNSAFE.arrayBaseOffset(byte[].class) : 0;

    private static final long BUFFER_CLEANER_OFFSET = SUPPORTED ? bufferCleanerOffset() : -1;

    static final String NATIVE = "native";
    static final String ADOPTED_BUFFER = "adopted ByteBuffer";

    private Memory()
    {
    }

    /**
     * Touches {@code Unsafe} once, catching whatever it throws, so that this class always
     * initialises: a JDK started with {@code --sun-misc-unsafe-memory-access=deny} fails Agrona's
     * {@code UnsafeAccess} initialisation, which is caught here and reported at first use.
     */
    private static Platform probePlatform()
    {
        try
        {
            UNSAFE.arrayBaseOffset(byte[].class);  // a memory-access method: what deny refuses
            return Platform.probed(null, UNSAFE.addressSize(), UNSAFE.pageSize());
        }
        catch (final LinkageError | RuntimeException ex)
        {
            return Platform.probed(ex, 0, 0);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Allocation
    // ---------------------------------------------------------------------------------------------

    /**
     * Allocates {@code size} bytes, 8-byte aligned, uninitialised.
     *
     * @param size bytes to allocate, positive.
     * @return the block's address; the caller owns it and frees it with {@link #free(long)}.
     * @throws IllegalArgumentException naming the size if it is zero or negative.
     * @throws OutOfMemoryError         stating the size if the system cannot supply it.
     * @throws UnsupportedOperationException if this JVM lacks what Hoarfrost needs, naming the
     *                                       JDK, the missing piece and the fix ({@link Platform}).
     */
    public static long allocate(final long size)
    {
        return allocate(size, Alignment.DEFAULT_ALIGNMENT);
    }

    /**
     * Allocates {@code size} bytes at an address that is a multiple of {@code alignment},
     * uninitialised. Alignments up to 8 cost nothing extra; larger ones over-allocate by
     * {@code alignment + 7} bytes.
     *
     * @param size      bytes to allocate, positive.
     * @param alignment a power of two from 1 to 4096.
     * @return the block's address; the caller owns it and frees it with
     * {@link #free(long, int)} passing the same alignment.
     * @throws IllegalArgumentException naming the value if the size is not positive, the alignment
     *                                  is invalid, or the padded size overflows a {@code long}.
     * @throws OutOfMemoryError         stating the size if the system cannot supply it.
     * @throws UnsupportedOperationException if this JVM lacks what Hoarfrost needs, naming the
     *                                       JDK, the missing piece and the fix ({@link Platform}).
     */
    public static long allocate(final long size, final int alignment)
    {
        if (!SUPPORTED)
        {
            PLATFORM.requireSupported();
        }
        Bounds.checkPositiveSize(size);
        Alignment.check(alignment);
        final long address;
        if (alignment <= Alignment.DEFAULT_ALIGNMENT)
        {
            address = rawAllocate(size, size, alignment);
        }
        else
        {
            final long padding = ALIGNED_HEADER + alignment - 1L;
            if (size > Long.MAX_VALUE - padding)
            {
                throw new IllegalArgumentException(
                    "size " + size + " padded for alignment " + alignment + " overflows a long");
            }
            final long raw = rawAllocate(size + padding, size, alignment);
            address = (raw + padding) & -(long)alignment;
            UNSAFE.putLong(address - ALIGNED_HEADER, raw);
        }
        if (MemoryChecks.ENABLED)
        {
            MemoryChecks.onAllocate(address, size, alignment, NATIVE);
        }
        return address;
    }

    private static long rawAllocate(final long bytes, final long size, final int alignment)
    {
        try
        {
            return UNSAFE.allocateMemory(bytes);
        }
        catch (final OutOfMemoryError | IllegalArgumentException ex)
        {
            final OutOfMemoryError error = new OutOfMemoryError(
                "native allocation of " + size + " bytes (alignment " + alignment + ") failed: " + ex.getMessage());
            error.initCause(ex);
            throw error;
        }
    }

    /**
     * Frees a block allocated with an alignment of 8 or less.
     *
     * @param address the block's address, as {@link #allocate(long)} returned it.
     * @throws IllegalArgumentException if the address is 0.
     * @throws IllegalStateException    in checked mode, on a double free, a foreign address or an
     *                                  alignment mismatch, naming the allocation and free sites.
     * @throws UnsupportedOperationException if this JVM lacks what Hoarfrost needs, naming the
     *                                       JDK, the missing piece and the fix ({@link Platform}).
     */
    public static void free(final long address)
    {
        free(address, Alignment.DEFAULT_ALIGNMENT);
    }

    /**
     * Frees a block. The caller gives up ownership; the memory must not be used again.
     *
     * @param address   the block's address, as {@link #allocate(long, int)} returned it.
     * @param alignment the alignment it was allocated with.
     * @throws IllegalArgumentException if the address is 0 or the alignment is invalid.
     * @throws IllegalStateException    in checked mode, on a double free, a foreign address or an
     *                                  alignment mismatch, naming the allocation and free sites;
     *                                  nothing is freed then.
     * @throws UnsupportedOperationException if this JVM lacks what Hoarfrost needs, naming the
     *                                       JDK, the missing piece and the fix ({@link Platform}).
     */
    public static void free(final long address, final int alignment)
    {
        if (!SUPPORTED)
        {
            PLATFORM.requireSupported();
        }
        if (address == 0)
        {
            throw new IllegalArgumentException("cannot free address 0");
        }
        Alignment.check(alignment);
        if (MemoryChecks.ENABLED)
        {
            final TrackedBlock block = MemoryChecks.onFree(address, alignment, NATIVE);
            UNSAFE.setMemory(address, block.size(), MemoryChecks.POISON);
        }
        UNSAFE.freeMemory(alignment <= Alignment.DEFAULT_ALIGNMENT ? address : UNSAFE.getLong(address - ALIGNED_HEADER));
    }

    // ---------------------------------------------------------------------------------------------
    // Direct ByteBuffers
    // ---------------------------------------------------------------------------------------------

    /**
     * Whether a buffer is direct and owns its memory (made by {@link ByteBuffer#allocateDirect}
     * or a file mapping), as opposed to a slice, a duplicate or a wrapper of a foreign address.
     *
     * @param buffer any buffer.
     * @return true if its memory can be adopted.
     */
    public static boolean ownsDirectMemory(final ByteBuffer buffer)
    {
        return buffer.isDirect() && BUFFER_CLEANER_OFFSET >= 0 && null != UNSAFE.getObject(buffer, BUFFER_CLEANER_OFFSET);
    }

    /**
     * Takes over a direct buffer's memory without copying. The buffer's position and limit are
     * set to 0, so any later get or put through it throws instead of touching adopted memory; the
     * caller must keep the buffer only to pass it to {@link #releaseAdopted(ByteBuffer)}.
     *
     * @param buffer a direct buffer that owns its memory.
     * @return the address of the buffer's first byte (index 0, not its position).
     * @throws IllegalArgumentException if the buffer is on the heap, read-only, or does not own its
     *                                  memory (a slice, a duplicate or a wrapped address).
     * @throws UnsupportedOperationException if this JVM lacks what Hoarfrost needs, naming the
     *                                       JDK, the missing piece and the fix ({@link Platform}).
     */
    public static long adopt(final ByteBuffer buffer)
    {
        if (!SUPPORTED)
        {
            PLATFORM.requireSupported();
        }
        if (!buffer.isDirect())
        {
            throw new IllegalArgumentException("cannot adopt a heap ByteBuffer (capacity " + buffer.capacity() +
                "): only direct buffers have off-heap memory");
        }
        if (buffer.isReadOnly())
        {
            throw new IllegalArgumentException("cannot adopt a read-only ByteBuffer (capacity " + buffer.capacity() + ")");
        }
        if (!ownsDirectMemory(buffer))
        {
            throw new IllegalArgumentException("cannot adopt a ByteBuffer (capacity " + buffer.capacity() +
                ") that does not own its memory: a slice, a duplicate or a wrapped address");
        }
        final long address = BufferUtil.address(buffer);
        if (MemoryChecks.ENABLED)
        {
            MemoryChecks.onAllocate(address, buffer.capacity(), Alignment.MIN_ALIGNMENT, ADOPTED_BUFFER);
        }
        ((Buffer)buffer).limit(0);
        return address;
    }

    /**
     * Frees the memory of a buffer taken over by {@link #adopt(ByteBuffer)}, by running its
     * cleaner. The buffer's object stays on the heap until collected but must not be used.
     *
     * @param buffer the adopted buffer.
     * @throws IllegalStateException in checked mode, if the buffer was not adopted or was released
     *                               already, naming its allocation and free sites.
     * @throws UnsupportedOperationException if this JVM lacks what Hoarfrost needs, naming the
     *                                       JDK, the missing piece and the fix ({@link Platform}).
     */
    public static void releaseAdopted(final ByteBuffer buffer)
    {
        if (!SUPPORTED)
        {
            PLATFORM.requireSupported();
        }
        if (MemoryChecks.ENABLED)
        {
            final TrackedBlock block = MemoryChecks.onFree(BufferUtil.address(buffer), Alignment.MIN_ALIGNMENT, ADOPTED_BUFFER);
            UNSAFE.setMemory(block.address(), block.size(), MemoryChecks.POISON);
        }
        BufferUtil.free(buffer);
    }

    private static long bufferCleanerOffset()
    {
        try
        {
            final Field field = ByteBuffer.allocateDirect(1).getClass().getDeclaredField("cleaner");
            return UNSAFE.objectFieldOffset(field);
        }
        catch (final NoSuchFieldException | RuntimeException ex)
        {
            return -1;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Copies and fills
    // ---------------------------------------------------------------------------------------------

    /**
     * Copies {@code length} bytes between two native regions. The regions may overlap: the
     * result is as if copied through a temporary buffer.
     *
     * @param srcAddress source address.
     * @param dstAddress destination address.
     * @param length     bytes to copy, not negative.
     * @throws IllegalArgumentException naming the length if it is negative.
     */
    public static void copy(final long srcAddress, final long dstAddress, final long length)
    {
        Bounds.checkNonNegative(length);
        UNSAFE.copyMemory(srcAddress, dstAddress, length);
    }

    /**
     * Copies bytes from an array into native memory.
     *
     * @param src        source array.
     * @param srcOffset  first array index to copy.
     * @param dstAddress destination address.
     * @param length     bytes to copy.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the array.
     */
    public static void copy(final byte[] src, final int srcOffset, final long dstAddress, final int length)
    {
        Bounds.checkRange(srcOffset, length, src.length);
        UNSAFE.copyMemory(src, ARRAY_BYTE_BASE_OFFSET + srcOffset, null, dstAddress, length);
    }

    /**
     * Copies bytes from native memory into an array.
     *
     * @param srcAddress source address.
     * @param dst        destination array.
     * @param dstOffset  first array index to write.
     * @param length     bytes to copy.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the array.
     */
    public static void copy(final long srcAddress, final byte[] dst, final int dstOffset, final int length)
    {
        Bounds.checkRange(dstOffset, length, dst.length);
        UNSAFE.copyMemory(null, srcAddress, dst, ARRAY_BYTE_BASE_OFFSET + dstOffset, length);
    }

    /**
     * Copies bytes from any Agrona buffer (heap or direct) into native memory.
     *
     * @param src        source buffer.
     * @param srcIndex   first index to copy.
     * @param dstAddress destination address.
     * @param length     bytes to copy.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer.
     */
    public static void copy(final DirectBuffer src, final int srcIndex, final long dstAddress, final int length)
    {
        Bounds.checkRange(srcIndex, length, src.capacity());
        UNSAFE.copyMemory(src.byteArray(), src.addressOffset() + srcIndex, null, dstAddress, length);
    }

    /**
     * Fills {@code length} bytes with {@code value}.
     *
     * @param address first byte.
     * @param length  bytes to fill, not negative.
     * @param value   the byte to write.
     * @throws IllegalArgumentException naming the length if it is negative.
     */
    public static void fill(final long address, final long length, final byte value)
    {
        Bounds.checkNonNegative(length);
        UNSAFE.setMemory(address, length, value);
    }

    /**
     * Compares two native regions byte by byte, as unsigned bytes.
     *
     * @param a      first region.
     * @param b      second region.
     * @param length bytes to compare.
     * @return negative, zero or positive as region {@code a} sorts before, equal to or after {@code b}.
     */
    public static int compare(final long a, final long b, final long length)
    {
        long i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            final long x = UNSAFE.getLong(a + i);
            final long y = UNSAFE.getLong(b + i);
            if (x != y)
            {
                return LITTLE_ENDIAN ?
                    Long.compareUnsigned(Long.reverseBytes(x), Long.reverseBytes(y)) : Long.compareUnsigned(x, y);
            }
        }
        for (; i < length; i++)
        {
            final int x = UNSAFE.getByte(a + i) & 0xFF;
            final int y = UNSAFE.getByte(b + i) & 0xFF;
            if (x != y)
            {
                return x - y;
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Primitive access: plain, acquire / release, volatile
    // ---------------------------------------------------------------------------------------------

    /**
     * Plain read of a byte.
     *
     * @param address where to read.
     * @return the value.
     */
    public static byte getByte(final long address)
    {
        return UNSAFE.getByte(address);
    }

    /**
     * Plain write of a byte.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putByte(final long address, final byte value)
    {
        UNSAFE.putByte(address, value);
    }

    /**
     * Volatile read of a byte: sequentially consistent with other volatile accesses.
     *
     * @param address where to read.
     * @return the value.
     */
    public static byte getByteVolatile(final long address)
    {
        return UNSAFE.getByteVolatile(null, address);
    }

    /**
     * Volatile write of a byte: sequentially consistent with other volatile accesses.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putByteVolatile(final long address, final byte value)
    {
        UNSAFE.putByteVolatile(null, address, value);
    }

    /**
     * Plain read of a short.
     *
     * @param address where to read.
     * @return the value.
     */
    public static short getShort(final long address)
    {
        return UNSAFE.getShort(address);
    }

    /**
     * Plain write of a short.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putShort(final long address, final short value)
    {
        UNSAFE.putShort(address, value);
    }

    /**
     * Volatile read of a short: sequentially consistent with other volatile accesses.
     *
     * @param address where to read.
     * @return the value.
     */
    public static short getShortVolatile(final long address)
    {
        return UNSAFE.getShortVolatile(null, address);
    }

    /**
     * Volatile write of a short: sequentially consistent with other volatile accesses.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putShortVolatile(final long address, final short value)
    {
        UNSAFE.putShortVolatile(null, address, value);
    }

    /**
     * Plain read of a char.
     *
     * @param address where to read.
     * @return the value.
     */
    public static char getChar(final long address)
    {
        return UNSAFE.getChar(address);
    }

    /**
     * Plain write of a char.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putChar(final long address, final char value)
    {
        UNSAFE.putChar(address, value);
    }

    /**
     * Plain read of a int.
     *
     * @param address where to read.
     * @return the value.
     */
    public static int getInt(final long address)
    {
        return UNSAFE.getInt(address);
    }

    /**
     * Plain write of a int.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putInt(final long address, final int value)
    {
        UNSAFE.putInt(address, value);
    }

    /**
     * Acquire read of an int: later reads and writes are not reordered before it (Agrona 2's and
     * {@code VarHandle}'s {@code getIntAcquire}).
     *
     * @param address where to read.
     * @return the value.
     */
    public static int getIntAcquire(final long address)
    {
        final int value = UNSAFE.getInt(address);
        UNSAFE.loadFence();
        return value;
    }

    /**
     * Release write of an int: earlier reads and writes are not reordered after it (Agrona 2's
     * {@code putIntRelease}; {@code Unsafe.putOrderedInt}).
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putIntRelease(final long address, final int value)
    {
        UNSAFE.putOrderedInt(null, address, value);
    }

    /**
     * Volatile read of a int: sequentially consistent with other volatile accesses.
     *
     * @param address where to read.
     * @return the value.
     */
    public static int getIntVolatile(final long address)
    {
        return UNSAFE.getIntVolatile(null, address);
    }

    /**
     * Volatile write of a int: sequentially consistent with other volatile accesses.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putIntVolatile(final long address, final int value)
    {
        UNSAFE.putIntVolatile(null, address, value);
    }

    /**
     * Plain read of a long.
     *
     * @param address where to read.
     * @return the value.
     */
    public static long getLong(final long address)
    {
        return UNSAFE.getLong(address);
    }

    /**
     * Plain write of a long.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putLong(final long address, final long value)
    {
        UNSAFE.putLong(address, value);
    }

    /**
     * Acquire read of a long: later reads and writes are not reordered before it (Agrona 2's and
     * {@code VarHandle}'s {@code getLongAcquire}).
     *
     * @param address where to read.
     * @return the value.
     */
    public static long getLongAcquire(final long address)
    {
        final long value = UNSAFE.getLong(address);
        UNSAFE.loadFence();
        return value;
    }

    /**
     * Release write of a long: earlier reads and writes are not reordered after it (Agrona 2's
     * {@code putLongRelease}; {@code Unsafe.putOrderedLong}).
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putLongRelease(final long address, final long value)
    {
        UNSAFE.putOrderedLong(null, address, value);
    }

    /**
     * Volatile read of a long: sequentially consistent with other volatile accesses.
     *
     * @param address where to read.
     * @return the value.
     */
    public static long getLongVolatile(final long address)
    {
        return UNSAFE.getLongVolatile(null, address);
    }

    /**
     * Volatile write of a long: sequentially consistent with other volatile accesses.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putLongVolatile(final long address, final long value)
    {
        UNSAFE.putLongVolatile(null, address, value);
    }

    /**
     * Plain read of a float.
     *
     * @param address where to read.
     * @return the value.
     */
    public static float getFloat(final long address)
    {
        return UNSAFE.getFloat(address);
    }

    /**
     * Plain write of a float.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putFloat(final long address, final float value)
    {
        UNSAFE.putFloat(address, value);
    }

    /**
     * Plain read of a double.
     *
     * @param address where to read.
     * @return the value.
     */
    public static double getDouble(final long address)
    {
        return UNSAFE.getDouble(address);
    }

    /**
     * Plain write of a double.
     *
     * @param address where to write.
     * @param value   the value.
     */
    public static void putDouble(final long address, final double value)
    {
        UNSAFE.putDouble(address, value);
    }

    // ---------------------------------------------------------------------------------------------
    // Atomics on 32 and 64 bits
    // ---------------------------------------------------------------------------------------------

    /**
     * Atomically sets an int to {@code update} if it equals {@code expected}.
     *
     * @param address  a 4-byte aligned address.
     * @param expected the value it must hold.
     * @param update   the value to write.
     * @return true if the write happened.
     */
    public static boolean compareAndSetInt(final long address, final int expected, final int update)
    {
        return UNSAFE.compareAndSwapInt(null, address, expected, update);
    }

    /**
     * Atomically sets a long to {@code update} if it equals {@code expected}.
     *
     * @param address  an 8-byte aligned address.
     * @param expected the value it must hold.
     * @param update   the value to write.
     * @return true if the write happened.
     */
    public static boolean compareAndSetLong(final long address, final long expected, final long update)
    {
        return UNSAFE.compareAndSwapLong(null, address, expected, update);
    }

    /**
     * Atomically adds to an int.
     *
     * @param address a 4-byte aligned address.
     * @param delta   the amount to add (wrapping).
     * @return the value before the add.
     */
    public static int getAndAddInt(final long address, final int delta)
    {
        return UNSAFE.getAndAddInt(null, address, delta);
    }

    /**
     * Atomically adds to a long.
     *
     * @param address an 8-byte aligned address.
     * @param delta   the amount to add (wrapping).
     * @return the value before the add.
     */
    public static long getAndAddLong(final long address, final long delta)
    {
        return UNSAFE.getAndAddLong(null, address, delta);
    }

    /**
     * Atomically replaces an int.
     *
     * @param address a 4-byte aligned address.
     * @param value   the new value.
     * @return the value before.
     */
    public static int getAndSetInt(final long address, final int value)
    {
        return UNSAFE.getAndSetInt(null, address, value);
    }

    /**
     * Atomically replaces a long.
     *
     * @param address an 8-byte aligned address.
     * @param value   the new value.
     * @return the value before.
     */
    public static long getAndSetLong(final long address, final long value)
    {
        return UNSAFE.getAndSetLong(null, address, value);
    }
}
