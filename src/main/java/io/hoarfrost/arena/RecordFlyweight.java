package io.hoarfrost.arena;

/**
 * A view of one fixed-size record, re-pointed at a record's address without allocating: the
 * flyweight type of a {@link TypedArena}. Implementations read and write the record's fields
 * through {@link io.hoarfrost.memory.Memory} or an Agrona {@code UnsafeBuffer} at the address
 * last passed to {@link #wrap(long)}.
 *
 * <p>A flyweight borrows the record: it owns nothing and must not be used after the record's
 * arena is reset or closed. Not thread-safe: a flyweight belongs to one thread.
 */
public interface RecordFlyweight
{
    /**
     * Re-points this flyweight at a record. Only assigns fields: no allocation, no check.
     *
     * @param address the record's first byte.
     */
    void wrap(long address);
}
