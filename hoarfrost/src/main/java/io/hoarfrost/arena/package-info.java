/**
 * Arenas: allocators that hand out memory by moving an offset forward and release it all at once,
 * a port of linalloc 1.x plus a persistent mapped arena.
 *
 * <ul>
 *   <li>{@link io.hoarfrost.arena.BumpArena}: bytes from one native region of fixed capacity.</li>
 *   <li>{@link io.hoarfrost.arena.TypedArena}: fixed-size records viewed through a
 *       {@link io.hoarfrost.memory.RecordFlyweight}, with a {@link io.hoarfrost.arena.DropHook}
 *       run in reverse allocation order on reset and close.</li>
 *   <li>{@link io.hoarfrost.arena.LazyArena}: bytes from a large reserved address range whose
 *       pages are committed only as allocation reaches them (linalloc's {@code lazy} feature).</li>
 *   <li>{@link io.hoarfrost.arena.MappedArena}: a lazy arena over a named file that survives the
 *       process: an append-only store of records addressed by offset, committed with a release
 *       store of its committed length, replayed by {@link io.hoarfrost.arena.MappedArenaReader}.
 *       Layouts: {@link io.hoarfrost.arena.MappedArenaDescriptor},
 *       {@link io.hoarfrost.arena.RecordDescriptor}.</li>
 * </ul>
 *
 * <h2>Lazy commit on Java 8</h2>
 * Java 8 cannot reserve address space without committing it, and maps at most 2 GiB at once. Lazy
 * and mapped arenas therefore map a sparse file in chunks (1 GiB by default) and commit by writing
 * zeros into the file a step ahead of allocation, so the file system allocates pages while it can
 * still refuse with an error instead of a {@code SIGBUS}. No allocation straddles two chunks.
 * {@link io.hoarfrost.arena.LazyArena} documents what the OS does at each step.
 *
 * <h2>Common contract</h2>
 * Every arena is an {@link io.hoarfrost.memory.Allocator} whose {@code free} is a no-op and whose
 * {@code freesIndividually()} is false. Allocation returns an address, or {@code 0} when the arena
 * is full; a failed allocation changes nothing. Addresses are stable: arenas never move or grow.
 * The arena owns its memory; callers borrow each allocation until {@code reset()} or
 * {@code close()}. Only {@link io.hoarfrost.arena.MappedArena} writes frame headers of its own;
 * the other arenas hand out raw bytes.
 *
 * <p>{@link io.hoarfrost.arena.Arena} is the byte arenas' interface ({@code allocate(size,
 * alignment)}, {@code used}, {@code remaining}, {@code reset}): {@code BumpArena},
 * {@code LazyArena} and {@code MappedArena} implement it. {@code TypedArena} does not: it hands out
 * slots of one record size, counts records rather than bytes, and runs a drop hook; it is an
 * {@code Allocator} (for blocks up to its record size) but not an {@code Arena}. (Not to be
 * confused with {@code java.lang.foreign.Arena}, JDK 22+.)
 *
 * <h2>Threading</h2>
 * Arenas are single-threaded: confined to the creating thread. In checked mode
 * ({@code -Dhoarfrost.checks=true}) use from another thread and use after close throw
 * {@link java.lang.IllegalStateException}, and reset poisons the released bytes; with checks off
 * these checks cost nothing.
 */
package io.hoarfrost.arena;
