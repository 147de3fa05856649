package io.hoarfrost.box;

import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

public class FlakeCopyTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void copiesAStringAndReadsItBack()
    {
        try (Flake flake = Flake.copyOf("hello"))
        {
            assertEquals("hello", flake.toString());
            assertEquals(5, flake.length());
            assertEquals("hello", flake.buffer().getStringWithoutLengthUtf8(0, 5));
        }
    }

    @Test
    public void copiesBytesAndReadsThemBack()
    {
        try (Flake flake = Flake.copyOf(new byte[]{ 1, 2, 3, 4 }))
        {
            assertArrayEquals(new byte[]{ 1, 2, 3, 4 }, flake.toByteArray());
            assertEquals(4, flake.buffer().capacity());
            assertEquals(3, flake.buffer().getByte(2));
        }
    }

    @Test
    public void copiesPartOfAnArray()
    {
        try (Flake flake = Flake.copyOf(new byte[]{ 1, 2, 3, 4, 5 }, 1, 3))
        {
            assertArrayEquals(new byte[]{ 2, 3, 4 }, flake.toByteArray());
        }
    }

    @Test
    public void copiesARangeOfADirectBuffer()
    {
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[16]);
        for (int i = 0; i < 16; i++)
        {
            direct.putByte(i, (byte)(i * 3));
            heap.putByte(i, (byte)(i * 5));
        }
        try (Flake fromDirect = Flake.copyOf(direct, 4, 8); Flake fromHeap = Flake.copyOf(heap, 10, 6))
        {
            final byte[] expectedDirect = new byte[8];
            direct.getBytes(4, expectedDirect);
            assertArrayEquals(expectedDirect, fromDirect.toByteArray());
            final byte[] expectedHeap = new byte[6];
            heap.getBytes(10, expectedHeap);
            assertArrayEquals(expectedHeap, fromHeap.toByteArray());
        }
    }

    @Test
    public void aCopyDoesNotChangeWhenItsSourceChanges()
    {
        final byte[] array = { 1, 2, 3 };
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(3));
        buffer.putBytes(0, array);
        try (Flake fromArray = Flake.copyOf(array); Flake fromBuffer = Flake.copyOf(buffer, 0, 3))
        {
            array[0] = 42;
            buffer.putByte(1, (byte)42);
            assertArrayEquals(new byte[]{ 1, 2, 3 }, fromArray.toByteArray());
            assertArrayEquals(new byte[]{ 1, 2, 3 }, fromBuffer.toByteArray());
        }
    }

    @Test
    public void roundTripsUnicodeAsUtf8()
    {
        final String text = "h\u00e9llo \u20ac\uD834\uDD1E";
        try (Flake flake = Flake.copyOf(text))
        {
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), flake.toByteArray());
            assertEquals(text, flake.toString());
            assertEquals(1 + 2 + 3 + 1 + 3 + 4, flake.length());
        }
    }

    @Test
    public void encodesEveryCharacterClassLikeStringGetBytes()
    {
        final String[] texts = {
            "", "a", "\u007f", "\u0080", "\u07ff", "\u0800", "\uffff", "\uD800\uDC00", "\uDBFF\uDFFF",
            "x\uD800y", "\uDC00", "\uD800", "\uDC00\uD800", "mixed \u00fc\u4e2d\uD83D\uDE00 end" };
        for (final String text : texts)
        {
            try (Flake flake = Flake.copyOf(new StringBuilder(text)))
            {
                assertArrayEquals(text, text.getBytes(StandardCharsets.UTF_8), flake.toByteArray());
            }
        }
    }

    @Test
    public void aCharSequenceThatGrowsWhileEncodedThrowsAndLeaksNothing()
    {
        final CharSequence growing = new CharSequence()
        {
            private int calls;

            @Override
            public int length()
            {
                return ++calls == 1 ? 2 : 3;
            }

            @Override
            public char charAt(final int index)
            {
                return 'a';
            }

            @Override
            public CharSequence subSequence(final int start, final int end)
            {
                throw new UnsupportedOperationException();
            }
        };
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> Flake.copyOf(growing));
        assertThat(ex.getMessage(), containsString("2 bytes"));
    }

    @Test
    public void rejectsRangesOutsideTheSourceNamingThem()
    {
        final byte[] bytes = new byte[4];
        assertThat(assertThrows(IndexOutOfBoundsException.class, () -> Flake.copyOf(bytes, 2, 5)).getMessage(),
            containsString("capacity 4"));
        assertThat(assertThrows(IndexOutOfBoundsException.class, () -> Flake.copyOf(bytes, -1, 2)).getMessage(),
            containsString("offset -1"));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        assertThat(assertThrows(IndexOutOfBoundsException.class, () -> Flake.copyOf(buffer, 4, 5)).getMessage(),
            containsString("capacity 8"));
    }
}
