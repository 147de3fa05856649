/**
 * Arenas: allocators that hand out memory by moving an offset forward and release it all at once,
 * plus a persistent mapped arena.
 *
 * <ul>
 *   <li>{@link io.hoarfrost.arena.BumpArena}: bytes from one native region of fixed capacity.</li>
 *   <li>{@link io.hoarfrost.arena.TypedArena}: fixed-size records viewed through a
 *       {@link io.hoarfrost.memory.RecordFlyweight}, with a {@link io.hoarfrost.arena.DropHook}
 *       run in reverse allocation order on reset and close.</li>
 *   <li>{@link io.hoarfrost.arena.LazyArena}: bytes from a large reserved address range whose
 *       pages are committed only as allocation reaches them.</li>
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
 * Bytes handed out are uninitialised. Only {@link io.hoarfrost.arena.MappedArena} writes frame
 * headers of its own; the other arenas hand out raw bytes.
 *
 * <p>{@link io.hoarfrost.arena.Arena} is the byte arenas' interface ({@code allocate(size,
 * alignment)}, {@code used}, {@code remaining}, {@code reset}): {@code BumpArena},
 * {@code LazyArena} and {@code MappedArena} implement it. {@code TypedArena} does not: it hands out
 * slots of one record size, counts records rather than bytes, and runs a drop hook; it is an
 * {@code Allocator} (for blocks up to its record size) but not an {@code Arena}. (Not to be
 * confused with {@code java.lang.foreign.Arena}, JDK 22+.)
 *
 * <h2>Ownership</h2>
 * An arena owns its memory until {@code close()}; the caller borrows each allocation until the
 * next {@code reset()} or {@code close()}, after which it must not be used. Values placed in an
 * arena are not dropped: release what they refer to before resetting, or use a
 * {@code TypedArena} with a {@code DropHook}. A {@code MappedArenaReader} owns its own mapping
 * until {@code close()}, and lends each record view until its next move.
 *
 * <h2>Threading</h2>
 * Arenas and readers are single-threaded: confined to the creating thread. A {@code MappedArena}
 * is read from other threads or processes through their own {@code MappedArenaReader}s.
 *
 * <h2>Checked mode</h2>
 * With {@code -Dhoarfrost.checks=true}, use from another thread and use after close throw
 * {@link java.lang.IllegalStateException}, and {@code reset()} (and a {@code TypedArena}'s drop)
 * poisons the released bytes; with checks off these checks cost nothing. A few checks are on in
 * both modes because the alternative is a crash: use of a closed mapped file, a reader's view
 * after close, and a drop hook that allocates from, resets or closes its arena.
 */
package io.hoarfrost.arena;
