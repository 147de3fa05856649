package io.hoarfrost.arena;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * The drop hook of {@link TypedArena}: linalloc's drop-order test and what happens when a hook
 * misbehaves.
 */
public class TypedArenaDropTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    private final List<Long> dropped = new ArrayList<>();

    private TypedArena<LongRecord> newArena(final int capacity)
    {
        return new TypedArena<>(capacity, LongRecord.LENGTH, 8, new LongRecord(), record -> dropped.add(record.value()));
    }

    private static void allocate(final TypedArena<LongRecord> arena, final long... values)
    {
        for (final long value : values)
        {
            arena.wrap(arena.allocate()).value(value);
        }
    }

    @Test
    public void linallocDropOrder()
    {
        final TypedArena<LongRecord> first = newArena(4);
        allocate(first, 1, 2, 3);
        first.close();
        assertEquals(Arrays.asList(3L, 2L, 1L), dropped);

        dropped.clear();
        try (TypedArena<LongRecord> arena = newArena(4))
        {
            allocate(arena, 1, 2);
            arena.reset();
            assertEquals(Arrays.asList(2L, 1L), dropped);
            dropped.clear();
            allocate(arena, 3);
        }
        assertEquals(Arrays.asList(3L), dropped);
    }

    @Test
    public void noRecordIsDroppedTwice()
    {
        final TypedArena<LongRecord> arena = newArena(3);
        allocate(arena, 1, 2);
        arena.reset();
        arena.reset();
        allocate(arena, 3);
        arena.close();
        arena.close();
        assertEquals(Arrays.asList(2L, 1L, 3L), dropped);
    }

    @Test
    public void aThrowingHookStillDropsEveryRecordOnceAndRethrowsTheFirstFailure()
    {
        final TypedArena<LongRecord> arena = new TypedArena<>(4, LongRecord.LENGTH, 8, new LongRecord(), record ->
        {
            dropped.add(record.value());
            if (record.value() % 2 == 0)
            {
                throw new IllegalStateException("cannot drop " + record.value());
            }
        });
        allocate(arena, 1, 2, 3, 4);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, arena::reset);
        assertEquals("cannot drop 4", ex.getMessage());
        assertEquals(1, ex.getSuppressed().length);
        assertEquals(Arrays.asList(4L, 3L, 2L, 1L), dropped);
        assertEquals(0, arena.size());

        dropped.clear();
        allocate(arena, 6);
        assertThrows(IllegalStateException.class, arena::close);
        assertTrue(arena.isClosed());
        assertEquals(Arrays.asList(6L), dropped);
    }

    @Test
    public void resetAndCloseFromTheHookAreRefused()
    {
        final List<TypedArena<LongRecord>> self = new ArrayList<>();
        final List<Throwable> thrown = new ArrayList<>();
        final TypedArena<LongRecord> arena = new TypedArena<>(2, LongRecord.LENGTH, 8, new LongRecord(), record ->
        {
            try
            {
                self.get(0).reset();
            }
            catch (final IllegalStateException ex)
            {
                thrown.add(ex);
            }
            try
            {
                self.get(0).close();
            }
            catch (final IllegalStateException ex)
            {
                thrown.add(ex);
            }
        });
        self.add(arena);
        allocate(arena, 1);
        arena.close();
        assertEquals(2, thrown.size());
        assertThat(thrown.get(0).getMessage(), containsString("own drop hook"));
        assertTrue(arena.isClosed());
    }

    @Test
    public void allocatingFromTheHookThrowsInBothModes()
    {
        final List<TypedArena<LongRecord>> self = new ArrayList<>();
        final List<Long> handedOut = new ArrayList<>();
        final TypedArena<LongRecord> arena = new TypedArena<>(2, LongRecord.LENGTH, 8, new LongRecord(), record ->
            handedOut.add(self.get(0).allocate()));
        self.add(arena);
        allocate(arena, 2);
        assertThat(assertThrows(IllegalStateException.class, arena::reset).getMessage(),
            containsString("own drop hook"));
        assertEquals("no slot was handed out from the hook", 0, handedOut.size());
        assertEquals(0, arena.size());
        final long first = arena.allocate();
        final long second = arena.allocate();
        assertNotEquals(first, second);
        assertEquals(0, arena.allocate());
        assertThat(assertThrows(IllegalStateException.class, arena::close).getMessage(), containsString("own drop hook"));
        assertTrue(arena.isClosed());
        assertEquals(0, handedOut.size());
    }
}
