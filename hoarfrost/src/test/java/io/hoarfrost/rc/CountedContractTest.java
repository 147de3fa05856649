package io.hoarfrost.rc;

import io.hoarfrost.array.ArrayLayout;
import io.hoarfrost.array.ElementType;
import io.hoarfrost.array.RcArray;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.ModelRunner;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.pool.Pool;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * One contract for the three counted handles, {@link Rime}, {@link PoolRef} and {@link RcArray}:
 * they delegate to one state machine, so retain, release, close, refCount, isExclusive, tryUnwrap,
 * unwrapOrCopy, makeMutable, intoRaw / fromRaw, checked-mode confinement, shared-write refusal and
 * content equality behave the same on each. Runs in both modes (the pom runs every test twice).
 */
@RunWith(Parameterized.class)
public class CountedContractTest
{
    private static final byte[] CONTENTS = { 1, 2, 3, 4 };

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Parameterized.Parameter
    public String kind;

    private final Pool pool = Pool.create(64, 8);

    /**
     * The handle types.
     *
     * @return their names.
     */
    @Parameterized.Parameters(name = "{0}")
    public static List<String> kinds()
    {
        return Arrays.asList("Rime", "PoolRef", "RcArray");
    }

    @After
    public void closePool()
    {
        pool.close();
    }

    /** A handle of the kind under test, seen through the operations every counted handle has. */
    abstract static class Handle implements AutoCloseable
    {
        abstract Object self();

        abstract Handle retain();

        abstract boolean release();

        abstract long refCount();

        abstract boolean isExclusive();

        abstract Handle makeMutable();

        abstract long tryUnwrap();

        abstract long unwrapOrCopy();

        abstract long intoRaw();

        abstract Handle fromRaw(long block);

        abstract boolean isReleased();

        abstract boolean refEquals(Handle other);

        abstract long block();

        abstract byte get(int index);

        /** A write through the handle's own write method if it has one, else through its data view. */
        abstract void put(int index, byte value);

        abstract boolean hasWriteMethods();

        byte[] contents()
        {
            final byte[] bytes = new byte[CONTENTS.length];
            for (int i = 0; i < bytes.length; i++)
            {
                bytes[i] = get(i);
            }
            return bytes;
        }

        /** Takes a raw block (count 1) back and returns its contents, freeing it. */
        byte[] consume(final long block)
        {
            try (Handle back = fromRaw(block))
            {
                assertEquals(1, back.refCount());
                return back.contents();
            }
        }

        @Override
        public abstract void close();
    }

    /** Adapts Rime and PoolRef, which share their code. */
    static final class RimeHandle<H extends CountedHandle<H>> extends Handle
    {
        final H h;
        final Function<Long, H> fromRaw;

        RimeHandle(final H h, final Function<Long, H> fromRaw)
        {
            this.h = h;
            this.fromRaw = fromRaw;
        }

        Object self()
        {
            return h;
        }

        Handle retain()
        {
            return new RimeHandle<>(h.retain(), fromRaw);
        }

        boolean release()
        {
            return h.release();
        }

        long refCount()
        {
            return h.refCount();
        }

        boolean isExclusive()
        {
            return h.isExclusive();
        }

        Handle makeMutable()
        {
            assertSame(h, h.makeMutable());
            return this;
        }

        long tryUnwrap()
        {
            return h.tryUnwrap();
        }

        long unwrapOrCopy()
        {
            return h.unwrapOrCopy();
        }

        long intoRaw()
        {
            return h.intoRaw();
        }

        Handle fromRaw(final long block)
        {
            return new RimeHandle<>(fromRaw.apply(block), fromRaw);
        }

        boolean isReleased()
        {
            return h.isReleased();
        }

        @SuppressWarnings("unchecked")
        boolean refEquals(final Handle other)
        {
            return h.refEquals(((RimeHandle<H>)other).h);
        }

        long block()
        {
            return h.block();
        }

        byte get(final int index)
        {
            return h.data().getByte(index);
        }

        void put(final int index, final byte value)
        {
            h.data().putByte(index, value);
        }

        boolean hasWriteMethods()
        {
            return false;
        }

        @Override
        public void close()
        {
            h.close();
        }
    }

    /** Adapts RcArray. */
    static final class ArrayHandle extends Handle
    {
        final RcArray h;

        ArrayHandle(final RcArray h)
        {
            this.h = h;
        }

        Object self()
        {
            return h;
        }

        Handle retain()
        {
            return new ArrayHandle(h.retain());
        }

        boolean release()
        {
            return h.release();
        }

        long refCount()
        {
            return h.refCount();
        }

        boolean isExclusive()
        {
            return h.isExclusive();
        }

        Handle makeMutable()
        {
            assertSame(h, h.makeMutable());
            return this;
        }

        long tryUnwrap()
        {
            return h.tryUnwrap();
        }

        long unwrapOrCopy()
        {
            return h.unwrapOrCopy();
        }

        long intoRaw()
        {
            return h.intoRaw();
        }

        Handle fromRaw(final long block)
        {
            return new ArrayHandle(RcArray.fromRaw(h.layout(), block, CONTENTS.length));
        }

        boolean isReleased()
        {
            return h.isReleased();
        }

        boolean refEquals(final Handle other)
        {
            return h.refEquals(((ArrayHandle)other).h);
        }

        long block()
        {
            return h.block();
        }

        byte get(final int index)
        {
            return h.getByte(index);
        }

        void put(final int index, final byte value)
        {
            h.putByte(index, value);
        }

        boolean hasWriteMethods()
        {
            return true;
        }

        @Override
        public void close()
        {
            h.close();
        }
    }

    private Handle make(final Counter counter, final byte[] contents)
    {
        final Handle handle;
        switch (kind)
        {
            case "Rime":
            {
                final RimeLayout layout = RimeLayout.of(counter, 4);
                handle = new RimeHandle<>(Rime.allocate(layout, contents.length), b -> Rime.fromRaw(layout, b, contents.length));
                break;
            }
            case "PoolRef":
            {
                final RimeLayout layout = RimeLayout.of(pool, counter, 4, 8);
                handle = new RimeHandle<>(
                    PoolRef.allocate(layout, contents.length), b -> PoolRef.fromRaw(layout, b, contents.length));
                break;
            }
            default:
            {
                final ArrayLayout layout = ArrayLayout.fat(ElementType.BYTE).withLabel(4).counted(counter);
                handle = new ArrayHandle(RcArray.allocateZeroed(layout, contents.length));
                break;
            }
        }
        for (int i = 0; i < contents.length; i++)
        {
            handle.put(i, contents[i]);
        }
        return handle;
    }

    private Handle make(final Counter counter)
    {
        return make(counter, CONTENTS);
    }

    @Test
    public void retainSharesAndTheLastReleaseFrees()
    {
        final Handle a = make(Counter.U8);
        final Handle b = a.retain();
        assertEquals(2, a.refCount());
        assertEquals(2, b.refCount());
        assertTrue(a.refEquals(b));
        assertFalse(a.isExclusive());
        assertFalse(a.release());
        assertTrue(a.isReleased());
        assertTrue(b.isExclusive());
        final int live = MemoryChecks.liveCount();
        assertTrue(b.release());
        assertTrue(b.isReleased());
        if (MemoryChecks.ENABLED && !"PoolRef".equals(kind))
        {
            assertEquals("the last release freed the block", live - 1, MemoryChecks.liveCount());
        }
        b.close();
        a.close();
    }

    @Test
    public void anEmptyHandleRefusesEveryOperationOnItsReferenceWithOneMessage()
    {
        final Handle a = make(Counter.ATOMIC_U32);
        a.release();
        final String message = kind + " handle is empty: already released";
        for (final ModelRunner.ThrowingRunnable call : Arrays.<ModelRunner.ThrowingRunnable>asList(
            a::retain, a::release, a::refCount, a::isExclusive, a::makeMutable, a::tryUnwrap, a::unwrapOrCopy, a::intoRaw,
            a::block))
        {
            final Throwable thrown = thrownBy(call);
            assertThat(thrown, instanceOf(IllegalStateException.class));
            assertThat(thrown.getMessage(), containsString(message));
        }
        a.close();
        assertTrue(a.isReleased());
    }

    @Test
    public void tryUnwrapEndsCountingOnlyForTheSoleReference()
    {
        final Handle a = make(Counter.U16);
        final Handle b = a.retain();
        assertEquals(0, a.tryUnwrap());
        assertEquals("nothing changed", 2, b.refCount());
        b.release();
        final long block = a.block();
        assertEquals(block, a.tryUnwrap());
        assertTrue(a.isReleased());
        assertArrayEquals(CONTENTS, a.consume(block));
    }

    @Test
    public void unwrapOrCopyOfTheSoleReferenceIsTryUnwrap()
    {
        final Handle a = make(Counter.ATOMIC_U16);
        final long block = a.block();
        assertEquals(block, a.unwrapOrCopy());
        assertTrue(a.isReleased());
        assertArrayEquals(CONTENTS, a.consume(block));
    }

    @Test
    public void unwrapOrCopyOfASharedBlockCopiesAndReleases()
    {
        final Handle a = make(Counter.U32);
        final Handle b = a.retain();
        final long shared = a.block();
        final long copy = a.unwrapOrCopy();
        assertNotEquals(shared, copy);
        assertTrue(a.isReleased());
        assertEquals("this handle's reference to the shared block was released", 1, b.refCount());
        assertArrayEquals(CONTENTS, b.contents());
        assertArrayEquals(CONTENTS, b.consume(copy));
        b.release();
    }

    @Test
    public void makeMutableCopiesASharedBlockAndIsFreeWhenExclusive()
    {
        final Handle a = make(Counter.U8);
        final long before = a.block();
        a.makeMutable();
        assertEquals("exclusive: same block", before, a.block());
        final Handle b = a.retain();
        b.makeMutable();
        assertFalse(a.refEquals(b));
        assertTrue(a.isExclusive());
        assertTrue(b.isExclusive());
        b.put(0, (byte)9);
        assertEquals("the other handle keeps the original", 1, a.get(0));
        assertEquals(9, b.get(0));
        a.release();
        b.release();
    }

    @Test
    public void intoRawAndFromRawMoveAReferenceWithoutCounting()
    {
        final Handle a = make(Counter.ATOMIC_U8);
        final Handle b = a.retain();
        final long block = a.intoRaw();
        assertTrue(a.isReleased());
        assertEquals("the count is unchanged", 2, b.refCount());
        try (Handle back = a.fromRaw(block))
        {
            assertTrue(back.refEquals(b));
            assertEquals(2, back.refCount());
        }
        assertEquals(1, b.refCount());
        b.release();
    }

    @Test
    public void checkedModeConfinesPlainCounterHandlesToTheFirstHandlesThread()
    {
        assumeTrue(MemoryChecks.ENABLED);
        final Handle a = make(Counter.U16);
        final Handle b = a.retain();
        for (final ModelRunner.ThrowingRunnable call : Arrays.<ModelRunner.ThrowingRunnable>asList(
            b::retain, b::release, b::refCount, b::isExclusive, b::makeMutable, b::tryUnwrap, b::unwrapOrCopy))
        {
            final Throwable thrown = ModelRunner.onOtherThread(call);
            assertThat(thrown, instanceOf(IllegalStateException.class));
            assertThat(thrown.getMessage(), containsString(kind + " with a plain counter is confined to thread"));
            assertEquals("nothing changed", 2, a.refCount());
            assertFalse(b.isReleased());
        }
        b.release();
        a.release();
    }

    @Test
    public void atomicCounterHandlesCountFromAnyThread()
    {
        final Handle a = make(Counter.ATOMIC_U32);
        final Handle b = a.retain();
        assertNull(ModelRunner.onOtherThread(() ->
        {
            b.retain().release();
            assertEquals(2, b.refCount());
            b.release();
        }));
        assertEquals(1, a.refCount());
        a.release();
    }

    @Test
    public void checkedModeRefusesTheOwnWriteMethodsOfASharedHandleUntilMakeMutable()
    {
        final Handle a = make(Counter.U32);
        final Handle b = a.retain();
        if (MemoryChecks.ENABLED && a.hasWriteMethods())
        {
            final Throwable thrown = thrownBy(() -> b.put(0, (byte)7));
            assertThat(thrown, instanceOf(IllegalStateException.class));
            assertThat(thrown.getMessage(), containsString("refCount 2"));
            assertThat(thrown.getMessage(), containsString("makeMutable"));
            assertEquals("nothing written", 1, a.get(0));
        }
        b.makeMutable().put(0, (byte)7);
        assertEquals(7, b.get(0));
        assertEquals(1, a.get(0));
        a.release();
        b.release();
    }

    @Test
    public void equalContentsInDifferentBlocksAreEqualAndHashEqual()
    {
        final Handle a = make(Counter.U8);
        final Handle b = make(Counter.U8);
        final Handle c = make(Counter.U8, new byte[]{ 1, 2, 3, 5 });
        assertFalse(a.refEquals(b));
        assertEquals(a.self(), b.self());
        assertEquals(a.self().hashCode(), b.self().hashCode());
        assertNotEquals(a.self(), c.self());
        final Handle shared = a.retain();
        assertEquals(a.self(), shared.self());
        shared.release();
        a.release();
        b.release();
        c.release();
    }

    private static Throwable thrownBy(final ModelRunner.ThrowingRunnable call)
    {
        try
        {
            call.run();
            return null;
        }
        catch (final Throwable ex)
        {
            return ex;
        }
    }
}
