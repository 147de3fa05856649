package io.hoarfrost.rc;

import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.pool.Pool;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/**
 * Value semantics of {@link Rime} and {@link PoolRef}: they compare, hash, order and print by their
 * data bytes (metadata and blocks do not matter), as {@code Flake} does; an empty handle never
 * throws from these.
 */
public class RimeValueTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    private static Rime rime(final int... bytes)
    {
        final byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            data[i] = (byte)bytes[i];
        }
        return Rime.copyOf(RimeLayout.of(Counter.U8, 2), data, 0, data.length);
    }

    @Test
    public void equalDataIsEqualWhateverTheBlockMetadataOrCounter()
    {
        try (Rime a = rime(1, 2, 3);
            Rime b = Rime.copyOf(Counter.ATOMIC_U64, new byte[]{ 1, 2, 3 }))
        {
            a.metadata().putByte(0, (byte)7);
            assertFalse(a.refEquals(b));
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals("Arrays.hashCode of the data, as Flake", Arrays.hashCode(new byte[]{ 1, 2, 3 }), a.hashCode());
            assertEquals(0, a.compareTo(b));
            final Set<Rime> set = new HashSet<>(Collections.singletonList(a));
            assertTrue("a key built from equal bytes finds the entry", set.contains(b));
        }
    }

    @Test
    public void differentDataIsNotEqual()
    {
        try (Rime a = rime(1, 2, 3);
            Rime b = rime(1, 2, 4);
            Rime c = rime(1, 2))
        {
            assertNotEquals(a, b);
            assertNotEquals(a, c);
            assertNotEquals(a, "not a Rime");
        }
    }

    @Test
    public void ordersByUnsignedBytesThenLengthLikeFlake()
    {
        try (Rime low = rime(0x01);
            Rime high = rime(0xFF);
            Rime prefix = rime(0x01, 0x00);
            Rime empty = rime())
        {
            final Rime released = new Rime();
            final List<Rime> sorted = new ArrayList<>(Arrays.asList(high, prefix, released, low, empty));
            Collections.sort(sorted);
            assertEquals("an empty handle first, then by unsigned bytes, shorter first",
                Arrays.asList(released, empty, low, prefix, high), sorted);
            assertTrue(high.compareTo(low) > 0);
        }
    }

    @Test
    public void toStringShowsTheDataAsHexTruncated()
    {
        try (Rime a = rime(0xCA, 0xFE);
            Rime b = a.retain();
            Rime big = Rime.copyOf(Counter.U32, new byte[100]))
        {
            assertEquals("Rime { refCount: 2, data: 0xcafe }", b.toString());
            assertThat(big.toString(), containsString("...(100 bytes)"));
            assertTrue(big.toString().length() < 120);
        }
    }

    @Test
    public void anEmptyHandleComparesHashesAndPrintsWithoutThrowing()
    {
        final Rime a = rime(1);
        a.release();
        final Rime never = new Rime();
        assertEquals("Rime { empty }", a.toString());
        assertEquals(0, a.hashCode());
        assertEquals(a, never);
        try (Rime held = rime())
        {
            assertNotEquals(a, held);
            assertNotEquals(held, a);
            assertTrue(a.compareTo(held) < 0);
        }
    }

    @Test
    public void poolRefsCompareByDataAcrossPoolsButNotWithRimes()
    {
        try (Pool first = Pool.create(64, 2);
            Pool second = Pool.create(64, 2))
        {
            final PoolRef a = PoolRef.allocateZeroed(RimeLayout.of(first, Counter.U32, 0, 8), 4);
            final PoolRef b = PoolRef.allocateZeroed(RimeLayout.of(second, Counter.ATOMIC_U32, 4, 8), 4);
            final Rime c = Rime.allocateZeroed(Counter.U32, 0, 4);
            a.data().putInt(0, 42);
            b.data().putInt(0, 42);
            c.data().putInt(0, 42);
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals(0, a.compareTo(b));
            assertNotEquals("a PoolRef is not a Rime", a, c);
            assertThat(a.toString(), containsString("PoolRef { refCount: 1, data: 0x"));
            b.release();
            assertEquals("PoolRef { empty }", b.toString());
            a.release();
            c.release();
        }
    }
}
