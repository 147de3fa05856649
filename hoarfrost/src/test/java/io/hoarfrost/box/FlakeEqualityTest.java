package io.hoarfrost.box;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

public class FlakeEqualityTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void twoCopiesAreSeparateBlocksWithEqualContents()
    {
        try (Flake a = Flake.copyOf("abc"); Flake b = Flake.copyOf("abc"); Flake x = Flake.copyOf("xyz"))
        {
            assertNotEquals(a.address(), b.address());
            assertEquals(a, b);
            assertEquals(b, a);
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals(0, a.compareTo(b));
            assertNotEquals(a, x);
            assertTrue(a.compareTo(x) < 0);
            assertTrue(x.compareTo(a) > 0);
        }
    }

    @Test
    public void hashCodeIsArraysHashCodeOfTheBytes()
    {
        final byte[] bytes = { 1, -2, 3, 127, -128, 0, 42 };
        try (Flake flake = Flake.copyOf(bytes))
        {
            assertEquals(Arrays.hashCode(bytes), flake.hashCode());
        }
    }

    @Test
    public void comparesUnsignedBytesThenLength()
    {
        try (Flake high = Flake.copyOf(new byte[]{ (byte)0x80 });
            Flake low = Flake.copyOf(new byte[]{ 0x01 });
            Flake ab = Flake.copyOf("ab");
            Flake abc = Flake.copyOf("abc");
            Flake abd = Flake.copyOf("abd");
            Flake longer = Flake.copyOf("abcdefghij_abcdefghij_1");
            Flake longerBigger = Flake.copyOf("abcdefghij_abcdefghij_2"))
        {
            assertTrue(low.compareTo(high) < 0);
            assertTrue(high.compareTo(low) > 0);
            assertTrue(ab.compareTo(abc) < 0);
            assertTrue(abc.compareTo(ab) > 0);
            assertTrue(abc.compareTo(abd) < 0);
            assertTrue(longer.compareTo(longerBigger) < 0);
            assertNotEquals(ab, abc);
        }
    }

    @Test
    public void worksAsAHashMapKeyByContents()
    {
        final Map<Flake, Integer> map = new HashMap<>();
        try (Flake key = Flake.copyOf("key"); Flake probe = Flake.copyOf("key".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        {
            map.put(key, 7);
            assertEquals(Integer.valueOf(7), map.get(probe));
            map.clear();
        }
    }

    @Test
    public void isNeverEqualToOtherTypes()
    {
        try (Flake flake = Flake.copyOf("abc"))
        {
            assertFalse(flake.equals("abc"));
            assertFalse(flake.equals(flake.buffer()));
            assertFalse(flake.equals(null));
            assertTrue(flake.equals(flake));
        }
    }

    @Test
    public void aClosedFlakeCannotBeComparedOrHashed()
    {
        final Flake open = Flake.copyOf("abc");
        final Flake closed = Flake.copyOf("abc");
        closed.close();
        try
        {
            assertThrows(IllegalStateException.class, closed::hashCode);
            assertThrows(IllegalStateException.class, () -> open.equals(closed));
            assertThrows(IllegalStateException.class, () -> closed.equals(open));
            assertThrows(IllegalStateException.class, () -> open.compareTo(closed));
            assertThrows(IllegalStateException.class, () -> closed.compareTo(open));
            assertEquals("Flake(closed, 3 bytes)", closed.toString());
        }
        finally
        {
            open.close();
        }
    }
}
