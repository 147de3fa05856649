package io.hoarfrost.bench;

import io.hoarfrost.memory.Crc32c;
import io.hoarfrost.memory.Memory;
import org.agrona.BufferUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/**
 * {@link Crc32c} over {@code size} bytes of off-heap memory, the per-record checksum of a journal,
 * against the JDK's checksums over a direct {@link ByteBuffer} holding the same bytes.
 *
 * <p>Rows:
 * <ul>
 *   <li>{@code checksum_hoarfrost}: {@code Crc32c.compute(address, size)}, whichever
 *       implementation the fork's JDK gets ({@code Crc32c.implementation()}): the JDK intrinsic on
 *       Java 9+, pure Java on 8.</li>
 *   <li>{@code checksum_pureJava}: the same call in a fork started with
 *       {@code -Dhoarfrost.crc32c=java}: the cost of the slicing-by-8 fallback on any JDK.</li>
 *   <li>{@code checksum_crc32c}: {@code java.util.zip.CRC32C} {@code reset}, {@code update(ByteBuffer)},
 *       {@code getValue}: the floor of Hoarfrost's JDK path, which adds a {@code ThreadLocal} lookup
 *       and the re-pointing of a buffer. Java 8 has no CRC32C: there the row measures
 *       {@code CRC32} again, so that a run of every class still completes on 8.</li>
 *   <li>{@code checksum_crc32}: {@code java.util.zip.CRC32} the same way: a different polynomial,
 *       but intrinsic on Java 8 too.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class Crc32cBenchmark
{
    /** Class of the {@code checksum_crc32c} row: {@code CRC32C}, or {@code CRC32} on Java 8. */
    private static final Class<?> JDK_CHECKSUM = jdkChecksum();

    /** {@code update(ByteBuffer)} of {@link #JDK_CHECKSUM}, a Java 9 method, called from Java 8 bytecode. */
    private static final BufferUpdate JDK_UPDATE = jdkUpdate();

    /** Bytes checksummed per operation. */
    @Param({"64", "256", "4096"})
    public int size;

    private long address;
    private ByteBuffer direct;
    private Checksum crc32c;
    private final CRC32 crc32 = new CRC32();

    /**
     * Fills the memory and a direct buffer with the same bytes; refuses to run in checked mode,
     * and checks that the pure-Java fork got the pure-Java path.
     *
     * @throws ReflectiveOperationException if the JDK's checksum class cannot be made.
     */
    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException
    {
        ChecksOff.require("Crc32cBenchmark");
        if (Crc32c.PURE_JAVA.equals(System.getProperty(Crc32c.PROPERTY)) &&
            !Crc32c.implementation().startsWith("pure Java"))
        {
            throw new IllegalStateException("-D" + Crc32c.PROPERTY + "=" + Crc32c.PURE_JAVA + " but " +
                Crc32c.implementation());
        }
        address = Memory.allocate(size);
        direct = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++)
        {
            final byte value = (byte)(i * 31 + 7);
            Memory.putByte(address + i, value);
            direct.put(i, value);
        }
        crc32c = (Checksum)JDK_CHECKSUM.getConstructor().newInstance();
        if (Crc32c.compute(address, size) != Crc32c.compute(BufferUtil.address(direct), size))
        {
            throw new IllegalStateException("the block and the buffer differ");
        }
    }

    /**
     * Frees the memory.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        Memory.free(address);
        address = 0;
    }

    /**
     * {@code Crc32c.compute} with the implementation this JDK gets.
     *
     * @return the checksum.
     */
    @Benchmark
    public int checksum_hoarfrost()
    {
        return Crc32c.compute(address, size);
    }

    /**
     * {@code Crc32c.compute} forced to the pure-Java path by the fork's system property.
     *
     * @return the checksum.
     */
    @Benchmark
    @Fork(jvmArgsAppend = "-Dhoarfrost.crc32c=java")
    public int checksum_pureJava()
    {
        return Crc32c.compute(address, size);
    }

    /**
     * {@code java.util.zip.CRC32C} over the direct buffer (CRC32 on Java 8).
     *
     * @return the checksum.
     */
    @Benchmark
    public long checksum_crc32c()
    {
        final Checksum checksum = crc32c;
        checksum.reset();
        ((Buffer)direct).clear();
        JDK_UPDATE.update(checksum, direct);
        return checksum.getValue();
    }

    /**
     * {@code java.util.zip.CRC32} over the direct buffer.
     *
     * @return the checksum.
     */
    @Benchmark
    public long checksum_crc32()
    {
        final CRC32 checksum = crc32;
        checksum.reset();
        ((Buffer)direct).clear();
        checksum.update(direct);
        return checksum.getValue();
    }

    private static Class<?> jdkChecksum()
    {
        try
        {
            return Class.forName("java.util.zip.CRC32C");
        }
        catch (final ClassNotFoundException ex)
        {
            return CRC32.class;
        }
    }

    /**
     * {@code checksum.update(buffer)} for {@link #JDK_CHECKSUM}, spun by {@code LambdaMetafactory} as
     * {@code Crc32c} does it: {@code MethodHandle.invokeExact} would be as fast but is not Java 8
     * API to Animal Sniffer.
     */
    private static BufferUpdate jdkUpdate()
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            return (BufferUpdate)LambdaMetafactory.metafactory(lookup, "update", MethodType.methodType(BufferUpdate.class),
                MethodType.methodType(void.class, Checksum.class, ByteBuffer.class),
                lookup.findVirtual(JDK_CHECKSUM, "update", MethodType.methodType(void.class, ByteBuffer.class)),
                MethodType.methodType(void.class, JDK_CHECKSUM, ByteBuffer.class)).getTarget().invokeWithArguments();
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("cannot call " + JDK_CHECKSUM.getName() + ".update(ByteBuffer)", ex);
        }
    }

    /** {@code checksum.update(buffer)} where both types are Java 8's. */
    interface BufferUpdate
    {
        /**
         * Updates the checksum with the buffer's bytes from its position to its limit.
         *
         * @param checksum the checksum.
         * @param buffer   the bytes.
         */
        void update(Checksum checksum, ByteBuffer buffer);
    }
}
