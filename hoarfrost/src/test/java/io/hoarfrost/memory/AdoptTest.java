package io.hoarfrost.memory;

import org.agrona.BufferUtil;
import org.junit.Rule;
import org.junit.Test;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class AdoptTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void adoptsADirectBufferWithoutCopyingAndReleasesIt()
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder());
        buffer.putLong(0, 0x1122334455667788L);
        final long expected = BufferUtil.address(buffer);
        final long frees = MemoryChecks.frees();

        final long address = Memory.adopt(buffer);
        assertEquals(expected, address);
        assertEquals(0x1122334455667788L, Memory.getLong(address));
        assertEquals(0, buffer.position());
        assertEquals(0, buffer.limit());
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.get(0));

        Memory.releaseAdopted(buffer);
        assertEquals(MemoryChecks.ENABLED ? frees + 1 : frees, MemoryChecks.frees());
    }

    @Test
    public void refusesBuffersThatDoNotOwnTheirMemory()
    {
        final ByteBuffer heap = ByteBuffer.allocate(16);
        assertThat(assertThrows(IllegalArgumentException.class, () -> Memory.adopt(heap)).getMessage(),
            containsString("heap"));

        final ByteBuffer direct = ByteBuffer.allocateDirect(16);
        ((Buffer)direct).position(4);
        final ByteBuffer slice = direct.slice();
        assertFalse(Memory.ownsDirectMemory(slice));
        assertThrows(IllegalArgumentException.class, () -> Memory.adopt(slice));
        assertThrows(IllegalArgumentException.class, () -> Memory.adopt(direct.duplicate()));
        assertThrows(IllegalArgumentException.class, () -> Memory.adopt(direct.asReadOnlyBuffer()));
        assertTrue(Memory.ownsDirectMemory(direct));
        assertEquals("refusal changes nothing", 4, direct.position());
        assertEquals(16, direct.limit());
    }
}
