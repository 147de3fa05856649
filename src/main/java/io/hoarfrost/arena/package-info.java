/**
 * Arenas: allocators that hand out memory by moving an offset forward and release it all at once,
 * a port of linalloc 1.x plus a persistent mapped arena.
 *
 * <ul>
 *   <li>{@link io.hoarfrost.arena.BumpArena}: bytes from one native region of fixed capacity.</li>
 *   <li>{@link io.hoarfrost.arena.TypedArena}: fixed-size records viewed through a
 *       {@link io.hoarfrost.arena.RecordFlyweight}, with a {@link io.hoarfrost.arena.DropHook}
 *       run in reverse allocation order on reset and close.</li>
 *   <li>{@link io.hoarfrost.arena.LazyArena}: bytes from a large reserved address range whose
 *       pages are committed only as allocation reaches them (linalloc's {@code lazy} feature).</li>
 * </ul>
 *
 * <h2>Common contract</h2>
 * Every arena is an {@link io.hoarfrost.memory.Allocator} whose {@code free} is a no-op and whose
 * {@code freesIndividually()} is false. Allocation returns an address, or {@code 0} when the arena
 * is full; a failed allocation changes nothing. Addresses are stable: arenas never move or grow.
 * The arena owns its memory; callers borrow each allocation until {@code reset()} or
 * {@code close()}.
 *
 * <h2>Threading</h2>
 * Arenas are single-threaded: confined to the creating thread. In checked mode
 * ({@code -Dhoarfrost.checks=true}) use from another thread and use after close throw
 * {@link java.lang.IllegalStateException}, and reset poisons the released bytes; with checks off
 * these checks cost nothing.
 */
package io.hoarfrost.arena;
