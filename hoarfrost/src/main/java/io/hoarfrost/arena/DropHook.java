package io.hoarfrost.arena;

import io.hoarfrost.memory.RecordFlyweight;
/**
 * What a {@link TypedArena} runs over each live record before reusing or freeing its slot. Use it
 * to release what a record refers to (for example the reference-counted blocks whose addresses it
 * holds). Ported from linalloc's drop of arena values.
 *
 * <p>Called on the arena's owning thread, in reverse allocation order, exactly once per record.
 *
 * <p><b>What a hook may not do.</b> It must not allocate from, reset or close the arena running it
 * (each throws {@link IllegalStateException}, in both modes: the slot being dropped would otherwise
 * be handed out while still referenced), nor keep the flyweight or the record's address after it
 * returns. It may free or release what the record refers to, and use other arenas.
 *
 * @param <F> the record's flyweight type.
 */
@FunctionalInterface
public interface DropHook<F extends RecordFlyweight>
{
    /**
     * Releases what one record holds. The record's memory is reused or freed after the call.
     *
     * @param record the arena's flyweight, wrapped on the record being dropped; borrowed for the
     *               duration of the call only.
     */
    void drop(F record);
}
