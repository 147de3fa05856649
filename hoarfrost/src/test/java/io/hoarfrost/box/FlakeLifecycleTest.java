package io.hoarfrost.box;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.sameInstance;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class FlakeLifecycleTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void theSoleOwnerWritesThroughTheView()
    {
        try (Flake flake = Flake.copyOf(new byte[]{ 1, 2, 3 }))
        {
            final UnsafeBuffer view = flake.buffer();
            assertThat(flake.buffer(), sameInstance(view));
            assertEquals(flake.address(), view.addressOffset());
            view.putByte(1, (byte)9);
            assertArrayEquals(new byte[]{ 1, 9, 3 }, flake.toByteArray());
        }
    }

    @Test
    public void closeIsIdempotent()
    {
        final long freesBefore = MemoryChecks.frees();
        final Flake flake = Flake.copyOf("abc");
        assertFalse(flake.isClosed());
        flake.close();
        assertTrue(flake.isClosed());
        flake.close();
        flake.close();
        assertTrue(flake.isClosed());
        if (MemoryChecks.ENABLED)
        {
            assertEquals(freesBefore + 1, MemoryChecks.frees());
        }
    }

    @Test
    public void aViewObtainedBeforeCloseThrowsOnRead()
    {
        final Flake flake = Flake.copyOf("abcdefgh");
        final UnsafeBuffer view = flake.buffer();
        flake.close();
        assertEquals(0, view.capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> view.getByte(0));
        assertThrows(IndexOutOfBoundsException.class, () -> view.getLong(0));
        assertThrows(IndexOutOfBoundsException.class, () -> view.putByte(3, (byte)1));
    }

    @Test
    public void accessAfterCloseThrowsInEveryMode()
    {
        final Flake flake = Flake.copyOf("abc");
        flake.close();
        assertThat(assertThrows(IllegalStateException.class, flake::buffer).getMessage(), containsString("closed"));
        assertThat(assertThrows(IllegalStateException.class, flake::toByteArray).getMessage(),
            containsString("closed"));
        assertThat(assertThrows(IllegalStateException.class, flake::address).getMessage(), containsString("closed"));
        assertThrows(IllegalStateException.class, flake::intoRaw);
        assertEquals(3, flake.length());
    }

    @Test
    public void addressAfterCloseNamesWhereTheBlockWasAllocatedAndFreedInCheckedMode()
    {
        Assume.assumeTrue(MemoryChecks.ENABLED);
        final Flake flake = Flake.copyOf("abc");
        final long address = flake.address();
        flake.close();
        final String message = assertThrows(IllegalStateException.class, flake::address).getMessage();
        assertThat(message, containsString("0x" + Long.toHexString(address)));
        assertThat(message, containsString("allocated at"));
        // the site is the caller's frame, not Hoarfrost's Flake.copyOf
        assertThat(message,
            containsString("addressAfterCloseNamesWhereTheBlockWasAllocatedAndFreedInCheckedMode(FlakeLifecycleTest.java:"));
        assertThat(message, containsString("freed at"));
    }

    @Test
    public void intoRawHandsTheBlockToTheCaller()
    {
        final Flake flake = Flake.copyOf(new byte[]{ 5, 6, 7 });
        final UnsafeBuffer view = flake.buffer();
        final long address = flake.intoRaw();
        assertTrue(flake.isClosed());
        assertEquals(0, view.capacity());
        flake.close();
        assertEquals(6, Memory.getByte(address + 1));
        try (Flake again = Flake.fromRaw(address, 3))
        {
            assertArrayEquals(new byte[]{ 5, 6, 7 }, again.toByteArray());
        }
    }

    @Test
    public void theAllocatorAndAlignmentAreReported()
    {
        try (Flake flake = Flake.copyOf("abc"))
        {
            assertSame(NativeAllocator.INSTANCE, flake.allocator());
            assertEquals(Flake.ALIGNMENT, flake.alignment());
            assertEquals(0, flake.address() % Flake.ALIGNMENT);
        }
    }
}
