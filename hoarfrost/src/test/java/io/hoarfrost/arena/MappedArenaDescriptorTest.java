package io.hoarfrost.arena;

import org.junit.Test;

import java.util.Random;
import java.util.zip.CRC32;

import static io.hoarfrost.arena.MappedArenaDescriptor.COMMITTED_CHECK_BITS;
import static io.hoarfrost.arena.MappedArenaDescriptor.MAX_COMMITTED_LENGTH;
import static io.hoarfrost.arena.MappedArenaDescriptor.committedLength;
import static io.hoarfrost.arena.MappedArenaDescriptor.committedWord;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

/**
 * The committed word of {@link MappedArenaDescriptor}: its check is the documented CRC-32, and it
 * catches every damage of up to three bits.
 */
public class MappedArenaDescriptorTest
{
    private static final long[] LENGTHS = { 0, 8, 4096, 1L << 30, 123_456_789L * 8, MAX_COMMITTED_LENGTH };

    @Test
    public void theWordRoundTripsEveryLength()
    {
        final Random random = new Random(42);
        for (final long length : LENGTHS)
        {
            assertEquals(length, committedLength(committedWord(length)));
        }
        for (int i = 0; i < 100_000; i++)
        {
            final long length = (random.nextLong() & (MAX_COMMITTED_LENGTH >>> 3)) << 3;
            assertEquals(length, committedLength(committedWord(length)));
        }
    }

    @Test
    public void theCheckIsTheLow20BitsOfTheCrc32OfTheQuotient()
    {
        final Random random = new Random(7);
        final byte[] bytes = new byte[6];
        for (int i = 0; i < 10_000; i++)
        {
            final long units = i < LENGTHS.length ? LENGTHS[i] >>> 3 : random.nextLong() & (MAX_COMMITTED_LENGTH >>> 3);
            for (int b = 0; b < bytes.length; b++)
            {
                bytes[b] = (byte)(units >>> (8 * b));
            }
            final CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length);
            final long expected = (units << COMMITTED_CHECK_BITS) | (crc.getValue() & ((1 << COMMITTED_CHECK_BITS) - 1));
            assertEquals("units " + units, expected, committedWord(units << 3));
        }
    }

    @Test
    public void everyDamageOfUpToThreeBitsIsDetected()
    {
        for (final long length : new long[]{ 0, 8, 1L << 30, MAX_COMMITTED_LENGTH })
        {
            final long word = committedWord(length);
            for (int a = 0; a < 64; a++)
            {
                assertEquals(-1, committedLength(word ^ (1L << a)));
                for (int b = a + 1; b < 64; b++)
                {
                    assertEquals(-1, committedLength(word ^ (1L << a) ^ (1L << b)));
                    for (int c = b + 1; c < 64; c++)
                    {
                        if (-1 != committedLength(word ^ (1L << a) ^ (1L << b) ^ (1L << c)))
                        {
                            throw new AssertionError("bits " + a + ", " + b + ", " + c + " of length " + length);
                        }
                    }
                }
            }
        }
    }

    @Test
    public void anAllZeroOrAllOneWordIsInvalid()
    {
        assertNotEquals(0, committedWord(0));
        assertEquals(-1, committedLength(0));
        assertEquals(-1, committedLength(-1));
    }

    @Test
    public void badLengthsAreRefusedWithTheValue()
    {
        for (final long bad : new long[]{ -8, 13, MAX_COMMITTED_LENGTH + 8, Long.MAX_VALUE })
        {
            assertThat(assertThrows(IllegalArgumentException.class, () -> committedWord(bad)).getMessage(),
                containsString("committed length " + bad));
        }
    }
}
