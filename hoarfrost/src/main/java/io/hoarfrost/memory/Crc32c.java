package io.hoarfrost.memory;

import io.hoarfrost.memory.internal.Bounds;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.zip.Checksum;

import static io.hoarfrost.memory.Memory.LITTLE_ENDIAN;
import static java.lang.invoke.MethodType.methodType;
import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * CRC32C (Castagnoli, polynomial {@code 0x1EDC6F41}, reflected; RFC 3720's iSCSI checksum) of
 * off-heap memory or of an Agrona buffer, without allocating. The value is the standard one
 * (initial value and final xor {@code 0xFFFFFFFF}), equal to {@code java.util.zip.CRC32C}'s
 * {@code (int)getValue()} on every JDK, so checksums written on one JDK verify on any other.
 *
 * <p><b>Implementations</b>, chosen once when the class is initialised ({@link #implementation()}
 * names the one in use):
 * <ul>
 *   <li>Java 9 and later: the JDK's intrinsic ({@code java.util.zip.CRC32C}, the {@code crc32}
 *       instruction on x86), reached through its public {@code update(ByteBuffer)} on a
 *       per-thread direct {@code ByteBuffer} that is re-pointed at the address on each call (its
 *       {@code address} and {@code capacity} fields written through {@code Unsafe}, as Agrona's
 *       {@code BufferUtil} reads them), with the running value written into the checksum object.
 *       No JVM flag is needed. The path checks itself at initialisation against a known value and
 *       falls back to pure Java if anything about it differs.</li>
 *   <li>Java 8, or {@code -D}{@value #PROPERTY}{@code =java}: pure Java, slicing-by-8 over
 *       {@code Unsafe} 8-byte reads (eight tables of 256 ints, built at initialisation).</li>
 * </ul>
 *
 * <p><b>Threading.</b> Thread-safe and lock-free. On the JDK path each thread's first call
 * allocates its reusable state (a {@code CRC32C} and a {@code ByteBuffer}, about 100 bytes of
 * heap) in a {@code ThreadLocal}; after that, no call allocates. Memory is borrowed: read, never
 * kept, and like {@link Memory}'s accessors, addresses are not checked beyond 0.
 */
public final class Crc32c
{
    /** The system property that forces the pure-Java implementation when set to {@code java}. */
    public static final String PROPERTY = "hoarfrost.crc32c";

    /** The value of {@link #PROPERTY} that forces the pure-Java implementation. */
    public static final String PURE_JAVA = "java";

    /** The CRC32C polynomial, bit-reversed (its reflected form). */
    static final int POLYNOMIAL_REFLECTED = 0x82F63B78;

    /** What {@link #implementation()} calls the pure-Java path. */
    static final String PURE_JAVA_NAME = "pure Java slicing-by-8";

    /** What {@link #implementation()} calls the JDK path. */
    static final String JDK_NAME = "java.util.zip.CRC32C (JDK intrinsic) over a re-pointed direct ByteBuffer";

    private static final int TABLE_LENGTH = 256;

    /** Eight tables of 256 entries, back to back: entry {@code i} of table {@code k} at {@code k * 256 + i}. */
    private static final int[] TABLES = tables();

    private static final boolean SUPPORTED = Memory.PLATFORM.isSupported();

    private static final long ARRAY_BYTE_BASE_OFFSET = SUPPORTED ? UNSAFE.arrayBaseOffset(byte[].class) : 0;

    private static final ThreadLocal<JdkState> JDK_STATE = ThreadLocal.withInitial(JdkState::new);

    /** Calls {@code CRC32C.update(ByteBuffer)}; null on the pure-Java path. */
    private static final BufferUpdate UPDATE_BUFFER;

    /** {@code CRC32C}'s public constructor; null on the pure-Java path. */
    private static final Constructor<?> NEW_CRC32C;

    /** Offset of {@code CRC32C.crc}, the running value before the final xor. */
    private static final long CRC_OFFSET;

    private static final long BUFFER_ADDRESS_OFFSET;

    private static final long BUFFER_CAPACITY_OFFSET;

    /** Whether the JDK path is in use: found, not forced off, and passed its check. */
    private static final boolean JDK_PATH;

    private static final String IMPLEMENTATION;

    static
    {
        BufferUpdate update = null;
        Constructor<?> create = null;
        long crcOffset = -1;
        long addressOffset = -1;
        long capacityOffset = -1;
        String fallback = null;
        if (!SUPPORTED)
        {
            fallback = "sun.misc.Unsafe is unavailable";
        }
        else if (PURE_JAVA.equals(property()))
        {
            fallback = "-D" + PROPERTY + "=" + PURE_JAVA;
        }
        else
        {
            try
            {
                final Class<?> type = Class.forName("java.util.zip.CRC32C");
                update = bufferUpdate(type);
                create = type.getConstructor();
                crcOffset = UNSAFE.objectFieldOffset(type.getDeclaredField("crc"));
                addressOffset = UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
                capacityOffset = UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("capacity"));
            }
            catch (final ClassNotFoundException ex)
            {
                fallback = "no java.util.zip.CRC32C before Java 9";
            }
            catch (final ReflectiveOperationException | LambdaConversionException | RuntimeException | LinkageError ex)
            {
                fallback = "java.util.zip.CRC32C unreachable: " + ex;
            }
        }
        UPDATE_BUFFER = null == fallback ? update : null;
        NEW_CRC32C = null == fallback ? create : null;
        CRC_OFFSET = crcOffset;
        BUFFER_ADDRESS_OFFSET = addressOffset;
        BUFFER_CAPACITY_OFFSET = capacityOffset;
        if (null == fallback)
        {
            fallback = checkJdkPath();
        }
        JDK_PATH = null == fallback;
        IMPLEMENTATION = JDK_PATH ? JDK_NAME : PURE_JAVA_NAME + " (" + fallback + ")";
    }

    private Crc32c()
    {
    }

    /**
     * The CRC32C of {@code length} bytes at {@code address}.
     *
     * @param address first byte; borrowed, read only during the call.
     * @param length  bytes to read, not negative; with 0 the address may be 0.
     * @return the checksum, as {@code (int)java.util.zip.CRC32C.getValue()} would give it.
     * @throws IllegalArgumentException naming the value if the length is negative or the address
     *                                  is 0 with a positive length.
     */
    public static int compute(final long address, final int length)
    {
        return update(0, address, length);
    }

    /**
     * Continues a checksum over {@code length} more bytes:
     * {@code update(compute(a, n), a + n, m) == compute(a, n + m)}. {@code update(0, ...)} is
     * {@link #compute(long, int)}.
     *
     * @param crc     the checksum of the bytes before, or 0 to start.
     * @param address first byte; borrowed, read only during the call.
     * @param length  bytes to read, not negative; with 0 the address may be 0.
     * @return the checksum of the bytes before and these.
     * @throws IllegalArgumentException naming the value if the length is negative or the address
     *                                  is 0 with a positive length.
     */
    public static int update(final int crc, final long address, final int length)
    {
        if (length <= 0 | address == 0)
        {
            return emptyOrBad(crc, address, length);
        }
        return JDK_PATH ? jdkUpdate(crc, address, length) : pureJavaUpdate(crc, null, address, length);
    }

    /**
     * The CRC32C of {@code length} bytes at {@code address} in a file mapping that another process
     * may truncate (or that may fault for any other reason), computed by the pure-Java path on
     * every JDK: its reads are {@code Unsafe} reads from Java code, where the JVM turns an access
     * fault ({@code SIGBUS} past the end of a truncated file) into an {@code InternalError} the
     * caller can catch. The JDK's intrinsic ({@link #compute(long, int)} on Java 9+) reads in a
     * native stub, where the same fault is not an unsafe access the JVM knows and kills the
     * process. Slower than the intrinsic; same value.
     *
     * @param address first byte; borrowed, read only during the call.
     * @param length  bytes to read, not negative; with 0 the address may be 0.
     * @return the checksum, as {@link #compute(long, int)} gives it.
     * @throws IllegalArgumentException naming the value if the length is negative or the address
     *                                  is 0 with a positive length.
     * @throws InternalError            from the JVM ("a fault occurred in an unsafe memory
     *                                  access") if a read faults; possibly reported later, at the
     *                                  JVM's next safepoint poll.
     */
    public static int computeOverMapping(final long address, final int length)
    {
        if (length <= 0 | address == 0)
        {
            return emptyOrBad(0, address, length);
        }
        return pureJavaUpdate(0, null, address, length);
    }

    /**
     * The CRC32C of {@code length} bytes of an Agrona buffer from {@code index}: off-heap or on the
     * heap (a wrapped {@code byte[]} or heap {@code ByteBuffer}).
     *
     * @param buffer the buffer; borrowed, read only during the call.
     * @param index  first byte.
     * @param length bytes to read.
     * @return the checksum.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer.
     */
    public static int compute(final DirectBuffer buffer, final int index, final int length)
    {
        return update(0, buffer, index, length);
    }

    /**
     * Continues a checksum over {@code length} bytes of an Agrona buffer from {@code index} (see
     * {@link #update(int, long, int)}).
     *
     * @param crc    the checksum of the bytes before, or 0 to start.
     * @param buffer the buffer; borrowed, read only during the call.
     * @param index  first byte.
     * @param length bytes to read.
     * @return the checksum of the bytes before and these.
     * @throws IndexOutOfBoundsException naming the values if the range is outside the buffer.
     */
    public static int update(final int crc, final DirectBuffer buffer, final int index, final int length)
    {
        Bounds.checkRange(index, length, buffer.capacity());
        final byte[] array = buffer.byteArray();
        if (null == array)
        {
            return update(crc, buffer.addressOffset() + index, length);
        }
        final long offset = buffer.addressOffset() + index;
        return JDK_PATH ?
            jdkUpdate(crc, array, (int)(offset - ARRAY_BYTE_BASE_OFFSET), length) : pureJavaUpdate(crc, array, offset, length);
    }

    /**
     * Which implementation this JVM uses: the JDK's intrinsic or pure Java, and for pure Java why
     * (Java 8, the {@value #PROPERTY} property, or what made the JDK path unusable).
     *
     * @return a one-line description, for logs and benchmark reports.
     */
    public static String implementation()
    {
        return IMPLEMENTATION;
    }

    private static int emptyOrBad(final int crc, final long address, final int length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("length " + length + " must not be negative");
        }
        if (length > 0)
        {
            throw new IllegalArgumentException("address 0 with length " + length);
        }
        return crc;
    }

    /**
     * The JDK path over memory, for any length (0 included).
     */
    static int jdkUpdate(final int crc, final long address, final int length)
    {
        final JdkState state = JDK_STATE.get();
        final ByteBuffer view = state.view;
        UNSAFE.putLong(view, BUFFER_ADDRESS_OFFSET, address);
        UNSAFE.putInt(view, BUFFER_CAPACITY_OFFSET, length);
        ((Buffer)view).clear();
        final Checksum checksum = state.checksum;
        UNSAFE.putInt(checksum, CRC_OFFSET, ~crc);
        UPDATE_BUFFER.update(checksum, view);
        return (int)checksum.getValue();
    }

    private static int jdkUpdate(final int crc, final byte[] array, final int offset, final int length)
    {
        final Checksum checksum = JDK_STATE.get().checksum;
        UNSAFE.putInt(checksum, CRC_OFFSET, ~crc);
        checksum.update(array, offset, length);
        return (int)checksum.getValue();
    }

    /**
     * The pure-Java path: bytes one at a time up to an 8-byte boundary, then slicing-by-8 over
     * 8-byte reads, then the last bytes one at a time.
     *
     * @param crc    the checksum so far, or 0.
     * @param base   the array, or null for off-heap memory.
     * @param offset the address, or the offset in the array from its object start.
     * @param length bytes to read, not negative.
     * @return the checksum.
     */
    static int pureJavaUpdate(final int crc, final Object base, final long offset, final int length)
    {
        final int[] tables = TABLES;
        int state = ~crc;
        long position = offset;
        final long end = offset + length;
        final long wordsStart = Math.min(end, (offset + 7) & ~7L);
        for (; position < wordsStart; position++)
        {
            state = (state >>> 8) ^ tables[(state ^ UNSAFE.getByte(base, position)) & 0xFF];
        }
        for (final long wordsEnd = end - 7; position < wordsEnd; position += 8)
        {
            final long word = LITTLE_ENDIAN ? UNSAFE.getLong(base, position) : Long.reverseBytes(UNSAFE.getLong(base, position));
            final int low = (int)word ^ state;
            final int high = (int)(word >>> 32);
            state = tables[7 * TABLE_LENGTH + (low & 0xFF)] ^
                tables[6 * TABLE_LENGTH + ((low >>> 8) & 0xFF)] ^
                tables[5 * TABLE_LENGTH + ((low >>> 16) & 0xFF)] ^
                tables[4 * TABLE_LENGTH + (low >>> 24)] ^
                tables[3 * TABLE_LENGTH + (high & 0xFF)] ^
                tables[2 * TABLE_LENGTH + ((high >>> 8) & 0xFF)] ^
                tables[TABLE_LENGTH + ((high >>> 16) & 0xFF)] ^
                tables[high >>> 24];
        }
        for (; position < end; position++)
        {
            state = (state >>> 8) ^ tables[(state ^ UNSAFE.getByte(base, position)) & 0xFF];
        }
        return ~state;
    }

    /**
     * Whether {@link #compute(long, int)} uses the JDK's intrinsic.
     *
     * @return false on the pure-Java path.
     */
    static boolean usesJdk()
    {
        return JDK_PATH;
    }

    /**
     * Table 0 is the byte-at-a-time table; table {@code k} advances table {@code k - 1}'s entry by
     * one more zero byte, so that eight bytes fold into eight lookups.
     */
    private static int[] tables()
    {
        final int[] tables = new int[8 * TABLE_LENGTH];
        for (int i = 0; i < TABLE_LENGTH; i++)
        {
            int crc = i;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc >>> 1) ^ (POLYNOMIAL_REFLECTED & -(crc & 1));
            }
            tables[i] = crc;
        }
        for (int k = 1; k < 8; k++)
        {
            for (int i = 0; i < TABLE_LENGTH; i++)
            {
                final int previous = tables[(k - 1) * TABLE_LENGTH + i];
                tables[k * TABLE_LENGTH + i] = (previous >>> 8) ^ tables[previous & 0xFF];
            }
        }
        return tables;
    }

    private static String property()
    {
        try
        {
            return System.getProperty(PROPERTY);
        }
        catch (final SecurityException ex)
        {
            return null;
        }
    }

    /**
     * Runs the JDK path once, whole and split in two, on RFC 3720's {@code "123456789"} check value.
     *
     * @return null if it gave the standard value both ways, or what went wrong.
     */
    private static String checkJdkPath()
    {
        final int expected = 0xE3069283;
        try
        {
            final ByteBuffer check = ByteBuffer.allocateDirect(9);
            for (int i = 0; i < 9; i++)
            {
                check.put(i, (byte)('1' + i));
            }
            final long address = BufferUtil.address(check);
            final int whole = jdkUpdate(0, address, 9);
            final int split = jdkUpdate(jdkUpdate(0, address, 4), address + 4, 5);
            return whole == expected && split == expected ? null :
                "java.util.zip.CRC32C gave 0x" + Integer.toHexString(whole) + " and 0x" + Integer.toHexString(split) +
                " for \"123456789\", not 0x" + Integer.toHexString(expected);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return "java.util.zip.CRC32C failed its check: " + ex;
        }
    }

    /**
     * A call of {@code CRC32C.update(ByteBuffer)} (public, Java 9+) from Java 8 bytecode, spun by
     * {@code LambdaMetafactory} at initialisation: a plain interface call, which the JIT inlines
     * from the constant in {@link #UPDATE_BUFFER} as it would a {@code MethodHandle.invokeExact}
     * (whose signature-polymorphic calls Animal Sniffer rejects as not Java 8 API).
     *
     * @param type {@code java.util.zip.CRC32C}.
     * @return the call.
     * @throws ReflectiveOperationException if {@code update(ByteBuffer)} is not there.
     * @throws LambdaConversionException    if the metafactory refuses it.
     */
    private static BufferUpdate bufferUpdate(final Class<?> type)
        throws ReflectiveOperationException, LambdaConversionException
    {
        final MethodHandles.Lookup lookup = MethodHandles.lookup();
        final MethodHandle update = lookup.findVirtual(type, "update", methodType(void.class, ByteBuffer.class));
        final CallSite site = LambdaMetafactory.metafactory(
            lookup,
            "update",
            methodType(BufferUpdate.class),
            methodType(void.class, Checksum.class, ByteBuffer.class),
            update,
            methodType(void.class, type, ByteBuffer.class));
        try
        {
            return (BufferUpdate)site.getTarget().invokeWithArguments();
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** {@code checksum.update(buffer)} where both types are Java 8's. */
    interface BufferUpdate
    {
        /**
         * Updates the checksum with the buffer's bytes from its position to its limit.
         *
         * @param checksum a {@code java.util.zip.CRC32C}.
         * @param buffer   the bytes.
         */
        void update(Checksum checksum, ByteBuffer buffer);
    }

    /** One thread's reusable state for the JDK path. */
    private static final class JdkState
    {
        /** The memory-owning buffer every view duplicates, so that views own no native memory. */
        private static final ByteBuffer TEMPLATE = ByteBuffer.allocateDirect(1);

        final Checksum checksum = newCrc32c();
        final ByteBuffer view = TEMPLATE.duplicate();

        private static Checksum newCrc32c()
        {
            try
            {
                return (Checksum)NEW_CRC32C.newInstance();
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new IllegalStateException("new java.util.zip.CRC32C() failed", ex);
            }
        }
    }
}
