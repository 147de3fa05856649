/**
 * The floor of Hoarfrost: the one gate to {@code sun.misc.Unsafe} ({@link io.hoarfrost.memory.Memory}),
 * the {@link io.hoarfrost.memory.Allocator} abstraction and its native implementation, alignment
 * arithmetic, and checked mode ({@link io.hoarfrost.memory.MemoryChecks}). The plumbing the other
 * packages share (bounds checks, UTF-8 encoding, checked mode's hooks) is in
 * {@code io.hoarfrost.memory.internal}, which is not API.
 *
 * <h2>Addresses and ownership</h2>
 * Addresses are absolute {@code long}s; {@code 0} means "none". A block belongs to whoever
 * allocated it ({@code Memory.allocate}, an {@link io.hoarfrost.memory.Allocator}) until it is
 * freed or handed over; every method that takes or returns an address says whether the caller
 * owns, borrows or shares it. Accessors and copies borrow: they neither take nor give ownership.
 * Multi-byte fields are in native byte order, as in Agrona's {@code UnsafeBuffer}.
 *
 * <h2>Threading</h2>
 * The static gates ({@code Memory}, {@code SubWordAtomics}, {@code Alignment}),
 * {@code NativeAllocator}, {@code MemoryChecks} and the immutable values ({@code Platform},
 * {@code TrackedBlock}) are thread-safe; a block may be allocated on one thread and freed on
 * another. What is safe to do concurrently to memory is the ordering each accessor names, below.
 * Other {@code Allocator}s state their own threading contract; a {@code RecordFlyweight} is not
 * thread-safe (keep one per thread).
 *
 * <h2>Memory-ordering vocabulary</h2>
 * Accessors are named for their ordering, as Agrona's {@code AtomicBuffer} pairs them:
 * <ul>
 *   <li><b>plain</b> ({@code getInt}, {@code putInt}): no ordering; the compiler and CPU may
 *       reorder it. For memory one thread owns.</li>
 *   <li><b>acquire / release</b> ({@code getIntAcquire}, {@code putIntRelease}, as in Agrona 2
 *       and {@code VarHandle}): a release store, which earlier reads and writes are not moved
 *       after, and an acquire load, which later ones are not moved before. A reader whose acquire
 *       load sees a release store sees what was written before it. (Agrona 1 and {@code Unsafe}
 *       call the release store "ordered".)</li>
 *   <li><b>volatile</b> ({@code getIntVolatile}, {@code putIntVolatile}): sequentially
 *       consistent, like a Java {@code volatile} field.</li>
 *   <li><b>atomic</b> ({@code compareAndSet*}, {@code getAndAdd*}, {@code getAndSet*}):
 *       read-modify-write with volatile ordering, on 32 and 64 bits in {@code Memory}; 8- and
 *       16-bit forms in {@link io.hoarfrost.memory.SubWordAtomics}, emulated by CAS on the
 *       enclosing aligned 32-bit word.</li>
 * </ul>
 *
 * <h2>Checked mode</h2>
 * {@code -Dhoarfrost.checks=true} tracks every block with its allocation site and turns misuse
 * (double free, foreign free, use after free, use from a second thread) into
 * {@code IllegalStateException}s; off, the checks compile away. A site is the caller's frame and
 * thread, or with {@code -Dhoarfrost.checks.sites=full} the whole stack as well; the README
 * measures what each costs in heap. See {@link io.hoarfrost.memory.MemoryChecks}.
 */
package io.hoarfrost.memory;
