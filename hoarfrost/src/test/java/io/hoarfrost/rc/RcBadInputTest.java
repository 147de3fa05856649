package io.hoarfrost.rc;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.memory.BadInput;
import io.hoarfrost.memory.BadInput.Fixture;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import io.hoarfrost.pool.Pool;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.util.ArrayList;
import java.util.List;

import static io.hoarfrost.memory.BadInput.Kind.CLOSED;
import static io.hoarfrost.memory.BadInput.Kind.FOREIGN;
import static io.hoarfrost.memory.BadInput.Kind.NEGATIVE;
import static io.hoarfrost.memory.BadInput.Kind.NULL;
import static io.hoarfrost.memory.BadInput.Kind.TOO_LARGE;
import static io.hoarfrost.memory.BadInput.Kind.ZERO;

/**
 * The bad-input matrix of reference counting: {@link Counter}, {@link RimeLayout}, {@link Rime}
 * and {@link PoolRef}.
 */
@RunWith(Parameterized.class)
public class RcBadInputTest
{
    private static final String USE_AFTER_FREE = "use after free";

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Parameterized.Parameter
    public BadInput input;

    /**
     * The cases.
     *
     * @return every case of this package.
     */
    @Parameterized.Parameters(name = "{0}")
    public static List<BadInput> cases()
    {
        final List<BadInput> cases = new ArrayList<>();
        counter(cases);
        rimeLayout(cases);
        rime(cases);
        poolRef(cases);
        snapshotCell(cases);
        return cases;
    }

    @Test
    public void throwsAsDocumentedAndChangesNothing()
    {
        input.run();
    }

    /** 16 bytes: an ATOMIC_U8 at its maximum (byte 0), a U32 at 0 (bytes 4-7), an ATOMIC_U64 at its maximum (8-15). */
    static final class Counters
    {
        final long address = Memory.allocate(16);
        boolean freed;

        Counters()
        {
            Counter.ATOMIC_U8.init(address, 255);
            Counter.U32.init(address + 4, 0);
            Counter.ATOMIC_U64.init(address + 8, Long.MAX_VALUE);
        }

        Object state()
        {
            return freed ? "freed" : Memory.getLong(address) + "/" + Memory.getLong(address + 8);
        }

        Object close()
        {
            if (!freed)
            {
                freed = true;
                Memory.free(address);
            }
            return null;
        }
    }

    private static void counter(final List<BadInput> cases)
    {
        new Fixture<Counters>(cases, "Counter", Counters::new, Counters::state, Counters::close)
            .throwsOn("init(address, count)", NEGATIVE, "count -1", IllegalArgumentException.class, "count -1", c ->
            {
                Counter.U32.init(c.address + 4, -1);
                return null;
            })
            .throwsOn("init(address, count)", TOO_LARGE, "count 256 for U8", IllegalArgumentException.class, "count 256", c ->
            {
                Counter.U8.init(c.address, 256);
                return null;
            })
            .throwsOn("retain(address)", TOO_LARGE, "ATOMIC_U8 at 255", IllegalStateException.class, "maximum count 255",
                c -> Counter.ATOMIC_U8.retain(c.address))
            .throwsOn("retain(address)", TOO_LARGE, "ATOMIC_U64 at 2^63-1", IllegalStateException.class,
                "maximum count " + Long.MAX_VALUE, c -> Counter.ATOMIC_U64.retain(c.address + 8))
            .throwsOn("release(address)", ZERO, "U32 at 0", IllegalStateException.class, "with count 0",
                c -> Counter.U32.release(c.address + 4));
    }

    /** A layout's block with a count of 1; "closed" releases it. */
    static final class Block
    {
        final RimeLayout layout = RimeLayout.of(Counter.ATOMIC_U32, 4);
        final long block = layout.allocate(8);
        boolean freed;

        Object state()
        {
            return freed ? "freed" : layout.refCount(block);
        }

        Object close()
        {
            if (!freed)
            {
                freed = true;
                layout.release(block, 8);
            }
            return null;
        }
    }

    private static void rimeLayout(final List<BadInput> cases)
    {
        new Fixture<Block>(cases, "RimeLayout", Block::new, Block::state, Block::close)
            .throwsOn("of(counter, metadataLength)", NEGATIVE, "metadata length -1", IllegalArgumentException.class,
                "metadata length -1", b -> RimeLayout.of(Counter.U8, -1))
            .throwsOn("of(counter)", NULL, "counter null", NullPointerException.class, "counter", b -> RimeLayout.of(null))
            .throwsOn("of(allocator, counter, metadataLength, dataAlignment)", NULL, "allocator null",
                NullPointerException.class, "allocator", b -> RimeLayout.of(null, Counter.U8, 0, 1))
            .throwsOn("of(allocator, counter, metadataLength, dataAlignment)", ZERO, "alignment 0",
                IllegalArgumentException.class, "alignment 0", b -> RimeLayout.of(NativeAllocator.INSTANCE, Counter.U8, 0, 0))
            .throwsOn("of(allocator, counter, metadataLength, dataAlignment)", TOO_LARGE, "metadata length 2^31-1",
                IllegalArgumentException.class, "metadata length " + Integer.MAX_VALUE,
                b -> RimeLayout.of(NativeAllocator.INSTANCE, Counter.U64, Integer.MAX_VALUE, 1))
            .throwsOn("allocate(dataLength)", NEGATIVE, "length -1", IllegalArgumentException.class, "-1",
                b -> b.layout.allocate(-1))
            .throwsOn("allocate(dataLength)", TOO_LARGE, "more than a full arena holds", IllegalStateException.class,
                "has no room for a block of 12 bytes", b ->
                {
                    try (BumpArena arena = new BumpArena(8))
                    {
                        return RimeLayout.of(arena, Counter.U32, 0, 1).allocate(8);
                    }
                })
            .throwsWhenChecked("retain(block)", CLOSED, "a freed block", IllegalStateException.class, USE_AFTER_FREE,
                b -> b.layout.retain(b.block))
            .throwsWhenChecked("release(block, dataLength)", CLOSED, "a freed block", IllegalStateException.class,
                USE_AFTER_FREE, b -> b.layout.release(b.block, 8))
            .throwsWhenChecked("refCount(block)", CLOSED, "a freed block", IllegalStateException.class, USE_AFTER_FREE,
                b -> b.layout.refCount(b.block))
            .throwsWhenChecked("retain(block)", FOREIGN, "an address inside the block", IllegalStateException.class,
                USE_AFTER_FREE, b -> b.layout.retain(b.block + 4));
    }

    private static void rime(final List<BadInput> cases)
    {
        final String released = "already released";
        new Fixture<Rime>(cases, "Rime", () -> Rime.copyOf(Counter.ATOMIC_U32, "hello"),
            r -> r.isReleased() ? "released" : r.refCount() + " " + r.dataAsString(), r ->
            {
                r.close();
                return null;
            })
            .throwsOn("copyOf(counter, byte[])", NULL, "data null", NullPointerException.class, null,
                r -> Rime.copyOf(Counter.U8, (byte[])null))
            .throwsOn("copyOf(layout, byte[], offset, length)", NEGATIVE, "offset -1", IndexOutOfBoundsException.class,
                "offset -1", r -> Rime.copyOf(r.layout(), new byte[4], -1, 2))
            .throwsOn("copyOf(layout, byte[], offset, length)", TOO_LARGE, "length 5 of 4", IndexOutOfBoundsException.class,
                "length 5", r -> Rime.copyOf(r.layout(), new byte[4], 0, 5))
            .throwsOn("allocate(counter, metadataLength, dataLength)", NEGATIVE, "metadata length -1",
                IllegalArgumentException.class, "-1", r -> Rime.allocate(Counter.U8, -1, 4))
            .throwsOn("allocate(counter, metadataLength, dataLength)", NEGATIVE, "data length -1",
                IllegalArgumentException.class, "-1", r -> Rime.allocate(Counter.U8, 0, -1))
            .throwsOn("fromRaw(layout, block, dataLength)", ZERO, "block 0", IllegalArgumentException.class, "block 0",
                r -> Rime.fromRaw(r.layout(), 0, 4))
            .throwsOn("fromRaw(layout, block, dataLength)", NEGATIVE, "data length -1", IllegalArgumentException.class, "-1",
                r -> Rime.fromRaw(r.layout(), r.block(), -1))
            .throwsWhenChecked("fromRaw(layout, block, dataLength)", FOREIGN, "an address inside the block",
                IllegalStateException.class, USE_AFTER_FREE, r -> Rime.fromRaw(r.layout(), r.block() + 4, 1))
            .throwsOn("retain()", CLOSED, "released handle", IllegalStateException.class, released, Rime::retain)
            .throwsOn("release()", CLOSED, "released handle", IllegalStateException.class, released, Rime::release)
            .throwsOn("refCount()", CLOSED, "released handle", IllegalStateException.class, released, Rime::refCount)
            .throwsOn("data()", CLOSED, "released handle", IllegalStateException.class, released, Rime::data)
            .throwsOn("metadata()", CLOSED, "released handle", IllegalStateException.class, released, Rime::metadata)
            .throwsOn("block()", CLOSED, "released handle", IllegalStateException.class, released, Rime::block)
            .throwsOn("dataAsString()", CLOSED, "released handle", IllegalStateException.class, released, Rime::dataAsString)
            .throwsOn("intoRaw()", CLOSED, "released handle", IllegalStateException.class, released, Rime::intoRaw)
            .throwsOn("makeMutable()", CLOSED, "released handle", IllegalStateException.class, released, Rime::makeMutable)
            .throwsOn("tryUnwrap()", CLOSED, "released handle", IllegalStateException.class, released, Rime::tryUnwrap)
            .throwsOn("unwrapOrCopy()", CLOSED, "released handle", IllegalStateException.class, released,
                Rime::unwrapOrCopy)
            .returns("close()", CLOSED, "released handle (idempotent)", null, r ->
            {
                r.close();
                return null;
            });
        new Fixture<Rime>(cases, "Rime", () -> Rime.copyOf(Counter.U16, "hello"),
            r -> r.isReleased() ? "released" : r.dataAsString(), r ->
            {
                r.close();
                return null;
            })
            .confined("retain() (plain counter)", Rime::retain)
            .confined("release() (plain counter)", Rime::release)
            .confined("refCount() (plain counter)", Rime::refCount)
            .confined("makeMutable() (plain counter)", Rime::makeMutable)
            .confined("tryUnwrap() (plain counter)", Rime::tryUnwrap)
            .confined("unwrapOrCopy() (plain counter)", Rime::unwrapOrCopy);
    }

    /** A pool, a layout over it and one reference; "closed" releases the reference. */
    static final class Pooled
    {
        final Pool pool = Pool.create(64, 4);
        final RimeLayout layout = RimeLayout.of(pool, Counter.U32, 0, 8);
        final PoolRef ref = PoolRef.allocateZeroed(layout, 16);
        long freedBlock;

        Object state()
        {
            return (ref.isReleased() ? "released" : ref.refCount()) + ", " + pool.outstanding() + " out, " + pool.pooled();
        }

        Object close()
        {
            if (!ref.isReleased())
            {
                freedBlock = ref.block();
                ref.close();
            }
            return null;
        }

        Object dispose()
        {
            close();
            pool.close();
            return null;
        }
    }

    private static void poolRef(final List<BadInput> cases)
    {
        final String empty = "handle is empty";
        new Fixture<Pooled>(cases, "PoolRef", Pooled::new, Pooled::state, Pooled::close, Pooled::dispose)
            .throwsOn("allocate(layout, dataLength)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                p -> PoolRef.allocate(p.layout, -1))
            .throwsOn("allocate(layout, dataLength)", TOO_LARGE, "more than a pool block", IllegalArgumentException.class,
                "size 108", p -> PoolRef.allocate(p.layout, 100))
            .throwsOn("allocate(layout, dataLength)", NULL, "layout null", NullPointerException.class, null,
                p -> PoolRef.allocate(null, 4))
            .throwsOn("takeRaw(layout, block, dataLength)", ZERO, "block 0", IllegalArgumentException.class, "block 0",
                p -> new PoolRef().takeRaw(p.layout, 0, 4))
            .throwsOn("takeRaw(layout, block, dataLength)", NEGATIVE, "length -1", IllegalArgumentException.class, "-1",
                p -> new PoolRef().takeRaw(p.layout, p.ref.block(), -1))
            .throwsOn("takeRaw(layout, block, dataLength)", NULL, "layout null", NullPointerException.class, "layout",
                p -> new PoolRef().takeRaw(null, p.ref.block(), 4))
            .throwsWhenChecked("takeRaw(layout, block, dataLength)", FOREIGN, "an address inside the block",
                IllegalStateException.class, USE_AFTER_FREE, p -> new PoolRef().takeRaw(p.layout, p.ref.block() + 8, 4))
            .throwsOn("retain()", CLOSED, "empty handle", IllegalStateException.class, empty, p -> p.ref.retain())
            .throwsOn("release()", CLOSED, "empty handle", IllegalStateException.class, empty, p -> p.ref.release())
            .throwsOn("refCount()", CLOSED, "empty handle", IllegalStateException.class, empty, p -> p.ref.refCount())
            .throwsOn("data()", CLOSED, "empty handle", IllegalStateException.class, empty, p -> p.ref.data())
            .throwsOn("makeMutable()", CLOSED, "empty handle", IllegalStateException.class, empty, p -> p.ref.makeMutable())
            .throwsOn("tryUnwrap()", CLOSED, "empty handle", IllegalStateException.class, empty, p -> p.ref.tryUnwrap())
            .throwsOn("intoRaw()", CLOSED, "empty handle", IllegalStateException.class, empty, p -> p.ref.intoRaw())
            .throwsOn("unwrapOrCopy()", CLOSED, "empty handle", IllegalStateException.class, empty,
                p -> p.ref.unwrapOrCopy())
            .confined("retain() (plain counter)", p -> p.ref.retain())
            .confined("refCount() (plain counter)", p -> p.ref.refCount())
            .throwsWhenChecked("makeMutable(layout, block, dataLength)", CLOSED, "a block returned to the pool",
                IllegalStateException.class, USE_AFTER_FREE, p -> PoolRef.makeMutable(p.layout, p.freedBlock, 16));
    }
    /** A heap cell holding one block (its batch pre-paid), and a block already freed; "closed" clears the cell. */
    static final class Snapshot
    {
        final RimeLayout layout = RimeLayout.of(Counter.ATOMIC_U64);
        final SnapshotCell cell = SnapshotCell.onHeap(layout, 8);
        final long freedBlock;

        Snapshot()
        {
            cell.set(layout.allocate(8));
            freedBlock = layout.allocate(8);
            layout.release(freedBlock, 8);
        }

        Object state()
        {
            return cell.toString();
        }

        Object close()
        {
            cell.clear();
            return null;
        }
    }

    private static void snapshotCell(final List<BadInput> cases)
    {
        final long high = 1L << 48;
        final String above = "above a SnapshotCell's 48-bit limit";
        new Fixture<Snapshot>(cases, "SnapshotCell", Snapshot::new, Snapshot::state, Snapshot::close)
            .throwsOn("onHeap(layout, dataLength)", NULL, "layout null", NullPointerException.class, "layout",
                c -> SnapshotCell.onHeap(null, 8))
            .throwsOn("onHeap(layout, dataLength)", FOREIGN, "a plain counter", IllegalArgumentException.class,
                "atomic counter", c -> SnapshotCell.onHeap(RimeLayout.of(Counter.U64), 8))
            .throwsOn("onHeap(layout, dataLength)", NEGATIVE, "length -1", IllegalArgumentException.class, "-1",
                c -> SnapshotCell.onHeap(c.layout, -1))
            .throwsOn("offHeap(layout, dataLength, cellAddress)", ZERO, "cell address 0", IllegalArgumentException.class,
                "cell address 0x0", c -> SnapshotCell.offHeap(c.layout, 8, 0))
            .throwsOn("offHeap(layout, dataLength, cellAddress)", FOREIGN, "an address off 8-byte alignment",
                IllegalArgumentException.class, "cell address 0x1004", c -> SnapshotCell.offHeap(c.layout, 8, 0x1004))
            .throwsOn("set(block)", TOO_LARGE, "a block at 2^48", IllegalArgumentException.class, above,
                c ->
                {
                    c.cell.set(high);
                    return null;
                })
            .throwsOn("getAndSet(block)", TOO_LARGE, "a block at 2^48", IllegalArgumentException.class, above,
                c -> c.cell.getAndSet(high))
            .throwsOn("compareAndSet(expected, update)", TOO_LARGE, "an update at 2^48", IllegalArgumentException.class,
                above, c -> c.cell.compareAndSet(c.cell.get(), high))
            .throwsOn("acquire(target)", FOREIGN, "a handle still holding a block", IllegalStateException.class,
                "still holds block", c ->
                {
                    try (Rime held = Rime.allocate(c.layout, 8))
                    {
                        return c.cell.acquire(held);
                    }
                })
            .throwsWhenChecked("set(block)", CLOSED, "a freed block", IllegalStateException.class, USE_AFTER_FREE,
                c ->
                {
                    c.cell.set(c.freedBlock);
                    return null;
                });
    }
}
