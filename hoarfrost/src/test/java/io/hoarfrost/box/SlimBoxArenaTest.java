package io.hoarfrost.box;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;

import static org.junit.Assert.assertEquals;

/** Slim boxes packed into an arena with arena-relative handles: rkyv's 8-byte layout. */
public class SlimBoxArenaTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void valuesInAnArenaHaveEightByteRelativeHandles()
    {
        try (BumpArena arena = new BumpArena(1 << 16))
        {
            final long base = arena.baseAddress();
            final long[] handles = new long[100];
            for (int i = 0; i < handles.length; i++)
            {
                handles[i] = SlimBox.copyOf(arena, LengthWidth.U32, "value-" + i).intoRelative(base);
            }
            assertEquals("packed back to back: 10 values of 7 bytes, 90 of 8", 10 * 7 + 90 * 8, arena.used());
            for (int i = 0; i < handles.length; i++)
            {
                try (SlimBox box = SlimBox.fromRelative(arena, base, handles[i], LengthWidth.U32))
                {
                    assertEquals("value-" + i, box.toString());
                }
            }
        }
    }

    @Test
    public void relativeHandlesFollowTheArenaToANewAddress()
    {
        try (BumpArena arena = new BumpArena(4096); BumpArena copy = new BumpArena(4096))
        {
            final long first = SlimBox.copyOf(arena, LengthWidth.U8, "first").intoRelative(arena.baseAddress());
            final long second = SlimBox.copyOf(arena, LengthWidth.U8, "second").intoRelative(arena.baseAddress());
            final long used = arena.used();
            final long moved = copy.allocate(used, 1);
            Memory.copy(arena.baseAddress(), moved, used);
            final UnsafeBuffer view = new UnsafeBuffer(
                SlimHandle.relativeAddress(copy.baseAddress(), second), (int)SlimHandle.relativeLength(second));
            assertEquals("second", view.getStringWithoutLengthAscii(0, view.capacity()));
            assertEquals(5, SlimHandle.relativeLength(first));
        }
    }

    @Test
    public void theStaticApiPacksStringsBackToBackInAnArena()
    {
        try (BumpArena arena = new BumpArena(1 << 12))
        {
            final long a = SlimHandle.copyPacked(arena, "IBM");
            final long b = SlimHandle.copyPacked(arena, "MSFT");
            assertEquals(SlimHandle.packedAddress(a) + 3, SlimHandle.packedAddress(b));
            assertEquals(7, arena.used());
        }
    }
}
