package io.hoarfrost.memory;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Checksum;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

public class Crc32cTest
{
    /** Longest random run: past several 8-byte words and the JDK intrinsic's large-block paths. */
    private static final int MAX_LENGTH = 5_000;

    /** Room either side of a run to misalign it. */
    private static final int SLACK = 16;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    /** Bit at a time, straight from the definition: shares nothing with the tables under test. */
    private static int reference(final byte[] bytes, final int from, final int length, final int crc)
    {
        int state = ~crc;
        for (int i = from; i < from + length; i++)
        {
            state ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++)
            {
                state = (state & 1) != 0 ? (state >>> 1) ^ 0x82F63B78 : state >>> 1;
            }
        }
        return ~state;
    }

    /** {@code java.util.zip.CRC32C} of a range, found by name so this compiles against Java 8; null on Java 8. */
    private static Integer jdkCrc32c(final byte[] bytes, final int from, final int length) throws ReflectiveOperationException
    {
        final Class<?> type;
        try
        {
            type = Class.forName("java.util.zip.CRC32C");
        }
        catch (final ClassNotFoundException ex)
        {
            return null;
        }
        final Checksum checksum = (Checksum)type.getConstructor().newInstance();
        checksum.update(bytes, from, length);
        return (int)checksum.getValue();
    }

    private static long copyOffHeap(final byte[] bytes, final int length, final long address)
    {
        Memory.copy(bytes, 0, address, length);
        return address;
    }

    private static byte[] vector(final int length, final int first, final int step)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(first + i * step);
        }
        return bytes;
    }

    @Test
    public void rfc3720VectorsOnEveryPathAndAlignment()
    {
        final byte[][] inputs =
        {
            new byte[32], vector(32, 0xFF, 0), vector(32, 0, 1), vector(32, 31, -1),
            "123456789".getBytes(StandardCharsets.US_ASCII)
        };
        final int[] expected = { 0x8A9136AA, 0x62A8AB43, 0x46DD794E, 0x113FDB5C, 0xE3069283 };
        final long block = Memory.allocate(64);
        try
        {
            for (int v = 0; v < inputs.length; v++)
            {
                final byte[] input = inputs[v];
                assertEquals("reference, vector " + v, expected[v], reference(input, 0, input.length, 0));
                assertEquals("heap buffer, vector " + v, expected[v], Crc32c.compute(new UnsafeBuffer(input), 0, input.length));
                for (int misalignment = 0; misalignment < 8; misalignment++)
                {
                    final long address = copyOffHeap(input, input.length, block + misalignment);
                    final String what = "vector " + v + " at +" + misalignment + ": ";
                    assertEquals(what + Crc32c.implementation(), expected[v], Crc32c.compute(address, input.length));
                    assertEquals(what + "pure Java", expected[v], Crc32c.pureJavaUpdate(0, null, address, input.length));
                    if (Crc32c.usesJdk())
                    {
                        assertEquals(what + "JDK", expected[v], Crc32c.jdkUpdate(0, address, input.length));
                    }
                }
            }
        }
        finally
        {
            Memory.free(block);
        }
    }

    @Test
    public void pureJavaMatchesTheJdkAndTheDefinitionOnRandomLengthsAndAddresses() throws ReflectiveOperationException
    {
        final Random random = new Random(0xC5C32CL);
        final byte[] bytes = new byte[MAX_LENGTH + 2 * SLACK];
        random.nextBytes(bytes);
        final long block = Memory.allocate(bytes.length);
        try
        {
            Memory.copy(bytes, 0, block, bytes.length);
            for (int run = 0; run < 1_200; run++)
            {
                // Every length to 64 at every misalignment first: the head and tail loops' edges.
                final int length = run < 65 * 16 ? run / 16 : random.nextInt(MAX_LENGTH + 1);
                final int from = run < 65 * 16 ? run % 16 : random.nextInt(2 * SLACK);
                final long address = block + from;
                final String what = "length " + length + " at +" + from + " (address 0x" + Long.toHexString(address) + ")";
                final int expected = reference(bytes, from, length, 0);
                assertEquals(what + ", pure Java", expected, Crc32c.pureJavaUpdate(0, null, address, length));
                assertEquals(what + ", pure Java on the heap", expected,
                    Crc32c.pureJavaUpdate(0, bytes, BufferUtil.ARRAY_BASE_OFFSET + from, length));
                assertEquals(what + ", " + Crc32c.implementation(), expected, Crc32c.compute(address, length));
                final Integer jdk = jdkCrc32c(bytes, from, length);
                if (null != jdk)
                {
                    assertEquals(what + ", java.util.zip.CRC32C", expected, jdk.intValue());
                }
                if (Crc32c.usesJdk())
                {
                    assertEquals(what + ", JDK path", expected, Crc32c.jdkUpdate(0, address, length));
                }
            }
        }
        finally
        {
            Memory.free(block);
        }
    }

    @Test
    public void updateContinuesAChecksumAcrossAnySplit()
    {
        final byte[] bytes = new byte[300];
        new Random(42).nextBytes(bytes);
        final long block = Memory.allocate(bytes.length);
        try
        {
            final long a = copyOffHeap(bytes, bytes.length, block);
            final int whole = reference(bytes, 0, bytes.length, 0);
            assertEquals(whole, Crc32c.compute(a, bytes.length));
            for (int n = 0; n <= bytes.length; n++)
            {
                final int m = bytes.length - n;
                final String what = "split at " + n;
                assertEquals(what, whole, Crc32c.update(Crc32c.compute(a, n), a + n, m));
                assertEquals(what + ", over a mapping", Crc32c.compute(a + n, m), Crc32c.computeOverMapping(a + n, m));
                assertEquals(what + ", pure Java", whole,
                    Crc32c.pureJavaUpdate(Crc32c.pureJavaUpdate(0, null, a, n), null, a + n, m));
                if (Crc32c.usesJdk())
                {
                    assertEquals(what + ", JDK path", whole, Crc32c.jdkUpdate(Crc32c.jdkUpdate(0, a, n), a + n, m));
                }
                final int third = n / 3;
                assertEquals(what + " in three", whole,
                    Crc32c.update(Crc32c.update(Crc32c.compute(a, third), a + third, n - third), a + n, m));
            }
            final UnsafeBuffer heap = new UnsafeBuffer(bytes);
            assertEquals(whole, Crc32c.update(Crc32c.compute(heap, 0, 123), heap, 123, bytes.length - 123));
        }
        finally
        {
            Memory.free(block);
        }
    }

    @Test
    public void bufferOverloadsReadOffHeapAndHeapBuffersAtTheirIndex()
    {
        final byte[] bytes = new byte[1_000];
        new Random(7).nextBytes(bytes);
        final ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        new UnsafeBuffer(direct).putBytes(0, bytes);
        final byte[] shifted = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, shifted, 5, bytes.length);
        final DirectBuffer[] buffers =
        {
            new UnsafeBuffer(bytes),
            new UnsafeBuffer(Arrays.copyOf(bytes, bytes.length)),
            new UnsafeBuffer(direct),
            new UnsafeBuffer(BufferUtil.address(direct), bytes.length),
            new UnsafeBuffer(ByteBuffer.wrap(shifted, 5, bytes.length).slice()),
            new UnsafeBuffer(shifted, 5, bytes.length),
        };
        for (int b = 0; b < buffers.length; b++)
        {
            for (final int index : new int[]{ 0, 1, 7, 333 })
            {
                for (final int length : new int[]{ 0, 1, 9, 64, bytes.length - 333 })
                {
                    assertEquals("buffer " + b + ", index " + index + ", length " + length,
                        reference(bytes, index, length, 0), Crc32c.compute(buffers[b], index, length));
                }
            }
        }
    }

    @Test
    public void badInputThrowsNamingTheValueAndEmptyInputReturnsTheChecksumSoFar()
    {
        final long block = Memory.allocate(8);
        try
        {
            assertThat(assertThrows(IllegalArgumentException.class, () -> Crc32c.compute(block, -1)).getMessage(),
                containsString("length -1"));
            assertThat(assertThrows(IllegalArgumentException.class, () -> Crc32c.update(7, block, Integer.MIN_VALUE))
                .getMessage(), containsString(String.valueOf(Integer.MIN_VALUE)));
            assertThat(assertThrows(IllegalArgumentException.class, () -> Crc32c.compute(0, 5)).getMessage(),
                containsString("address 0 with length 5"));
            assertEquals(0, Crc32c.compute(0, 0));
            assertEquals(0x1234, Crc32c.update(0x1234, 0, 0));
            assertEquals(0x1234, Crc32c.update(0x1234, block, 0));

            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
            assertThat(assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.compute(buffer, 4, 5)).getMessage(),
                containsString("length 5"));
            assertThat(assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.compute(buffer, -1, 2)).getMessage(),
                containsString("offset -1"));
            assertThat(assertThrows(IndexOutOfBoundsException.class, () -> Crc32c.update(1, buffer, 0, -3)).getMessage(),
                containsString("length -3"));
            assertEquals(0, Crc32c.compute(buffer, 8, 0));
        }
        finally
        {
            Memory.free(block);
        }
    }

    @Test
    public void implementationIsTheJdkIntrinsicFromJava9WithoutFlags()
    {
        final boolean forced = Crc32c.PURE_JAVA.equals(System.getProperty(Crc32c.PROPERTY));
        if (forced || Platform.current().javaVersion() < 9)
        {
            assertThat(Crc32c.implementation(), startsWith(Crc32c.PURE_JAVA_NAME));
            assertThat(Crc32c.implementation(), containsString(forced ? Crc32c.PROPERTY : "Java 9"));
            assertTrue(!Crc32c.usesJdk());
        }
        else
        {
            assertEquals(Crc32c.JDK_NAME, Crc32c.implementation());
            assertTrue(Crc32c.usesJdk());
        }
    }

    @Test
    public void allocatesNothingOnceWarm()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue("needs HotSpot's allocation counter", threads instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean)threads;
        final long thread = Thread.currentThread().getId();
        final int calls = 20_000;
        final long block = Memory.allocate(256);
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[256]);
        try
        {
            Memory.fill(block, 256, (byte)3);
            int sum = 0;
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++)
            {
                final long before = counter.getThreadAllocatedBytes(thread);
                for (int i = 0; i < calls; i++)
                {
                    sum += Crc32c.compute(block + (i & 7), 64 + (i & 127));
                    sum += Crc32c.compute(heap, i & 7, 64 + (i & 127));
                }
                least = Math.min(least, counter.getThreadAllocatedBytes(thread) - before);
            }
            assertTrue(sum != 0);
            assertTrue(least + " bytes of heap for " + 2 * calls + " checksums (" + Crc32c.implementation() + ")",
                least < calls / 10);
        }
        finally
        {
            Memory.free(block);
        }
    }
}
