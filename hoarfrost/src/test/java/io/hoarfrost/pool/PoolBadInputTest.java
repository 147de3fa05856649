package io.hoarfrost.pool;

import io.hoarfrost.memory.BadInput;
import io.hoarfrost.memory.BadInput.Fixture;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
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
 * The bad-input matrix of the pools: {@link Pool}, {@link ConcurrentPool} and {@link PoolBox}.
 */
@RunWith(Parameterized.class)
public class PoolBadInputTest
{
    private static final int BLOCK = 32;
    private static final String CLOSED_POOL = "is closed";

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
        pool(cases, "Pool", () -> Pool.create(BLOCK, 4));
        pool(cases, "ConcurrentPool", () -> ConcurrentPool.create(BLOCK));
        pool(cases);
        concurrentPool(cases);
        poolBox(cases);
        return cases;
    }

    @Test
    public void throwsAsDocumentedAndChangesNothing()
    {
        input.run();
    }

    /**
     * A pool with one block out and one freed; "closed" frees the block and closes the pool, so
     * neither was out at close.
     */
    static final class Held
    {
        final BlockPool pool;
        final long block;
        long freed;
        boolean closed;

        Held(final BlockPool pool)
        {
            this.pool = pool;
            this.block = pool.allocate();
            Memory.fill(block, BLOCK, (byte)7);
            this.freed = pool.allocate();
            pool.free(freed);
        }

        Object state()
        {
            return closed ? "closed" : pool.outstanding() + " out, first byte " + Memory.getByte(block + BLOCK - 1);
        }

        Object close()
        {
            if (!closed)
            {
                closed = true;
                pool.free(block);
                pool.close();
            }
            return null;
        }
    }

    /** Cases every {@link BlockPool} shares. */
    private static void pool(final List<BadInput> cases, final String name, final Fixture.Opener<BlockPool> maker)
    {
        new Fixture<Held>(cases, name, () -> new Held(maker.open()), Held::state, Held::close)
            .throwsOn("allocate(size, alignment)", NEGATIVE, "size -1", IllegalArgumentException.class, "size -1",
                h -> h.pool.allocate(-1, 8))
            .throwsOn("allocate(size, alignment)", ZERO, "size 0", IllegalArgumentException.class, "size 0",
                h -> h.pool.allocate(0, 8))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "size 33 > block 32", IllegalArgumentException.class,
                "size 33", h -> h.pool.allocate(BLOCK + 1, 8))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "alignment 16 > 8", IllegalArgumentException.class,
                "alignment 16", h -> h.pool.allocate(8, 16))
            .throwsOn("allocate(size, alignment)", ZERO, "alignment 0", IllegalArgumentException.class, "alignment 0",
                h -> h.pool.allocate(8, 0))
            .throwsOn("allocate(initialiser)", NULL, "initialiser null", NullPointerException.class, null,
                h -> h.pool.allocate((BlockInitialiser)null))
            .throwsOn("free(block)", ZERO, "block 0", IllegalArgumentException.class, "block 0", h ->
            {
                h.pool.free(0);
                return null;
            })
            .throwsWhenChecked("free(block)", FOREIGN, "a native block", IllegalStateException.class, "as " + name, h ->
            {
                final long foreign = Memory.allocate(BLOCK);
                try
                {
                    h.pool.free(foreign);
                }
                finally
                {
                    Memory.free(foreign);
                }
                return null;
            })
            .throwsWhenChecked("free(block)", FOREIGN, "an address inside a block", IllegalStateException.class,
                "free of 0x", h ->
                {
                    h.pool.free(h.block + 1);   // odd: never a block start
                    return null;
                })
            .throwsWhenChecked("free(block)", FOREIGN, "a block freed already (double free)", IllegalStateException.class,
                "double free", h ->
                {
                    h.pool.free(h.freed);
                    return null;
                })
            .throwsOn("free(block)", CLOSED, "a block not out at close", IllegalStateException.class, CLOSED_POOL, h ->
            {
                h.pool.free(h.freed);
                return null;
            })
            .returns("close()", CLOSED, "closed pool (idempotent)", null, h ->
            {
                h.pool.close();
                return null;
            });
    }

    private static void pool(final List<BadInput> cases)
    {
        new Fixture<Held>(cases, "Pool", () -> new Held(Pool.create(BLOCK, 4)), Held::state, Held::close)
            .throwsOn("create(blockSize, maxPooled)", ZERO, "block size 0", IllegalArgumentException.class, "block size 0",
                h -> Pool.create(0, 4))
            .throwsOn("create(blockSize, maxPooled)", NEGATIVE, "block size -1", IllegalArgumentException.class,
                "block size -1", h -> Pool.create(-1, 4))
            .throwsOn("create(blockSize, maxPooled)", TOO_LARGE, "block size 16 MiB + 1", IllegalArgumentException.class,
                "block size " + (Pool.MAX_BLOCK_SIZE + 1), h -> Pool.create(Pool.MAX_BLOCK_SIZE + 1, 4))
            .throwsOn("create(blockSize, maxPooled)", NEGATIVE, "max pooled -1", IllegalArgumentException.class,
                "max pooled -1", h -> Pool.create(BLOCK, -1))
            .throwsOn("create(blockSize, maxPooled, alignment)", TOO_LARGE, "alignment 8192", IllegalArgumentException.class,
                "alignment 8192", h -> Pool.create(BLOCK, 4, 8192))
            .throwsOn("allocate()", CLOSED, "closed pool", IllegalStateException.class, CLOSED_POOL, h -> h.pool.allocate())
            .throwsOn("fill()", CLOSED, "closed pool", IllegalStateException.class, CLOSED_POOL, h ->
            {
                ((Pool)h.pool).fill();
                return null;
            })
            .throwsOn("trim()", CLOSED, "closed pool", IllegalStateException.class, CLOSED_POOL, h -> ((Pool)h.pool).trim())
            .confined("allocate()", h -> h.pool.allocate())
            .confined("free(block)", h ->
            {
                h.pool.free(h.block);
                return null;
            })
            .confined("fill()", h ->
            {
                ((Pool)h.pool).fill();
                return null;
            })
            .confined("trim()", h -> ((Pool)h.pool).trim())
            .confined("close()", h ->
            {
                h.pool.close();
                return null;
            });
    }

    private static void concurrentPool(final List<BadInput> cases)
    {
        new Fixture<Held>(cases, "ConcurrentPool", () -> new Held(ConcurrentPool.create(BLOCK)), Held::state, Held::close)
            .throwsOn("create(blockSize)", ZERO, "block size 0", IllegalArgumentException.class, "block size 0",
                h -> ConcurrentPool.create(0))
            .throwsOn("create(blockSize, alignment)", ZERO, "alignment 0", IllegalArgumentException.class, "alignment 0",
                h -> ConcurrentPool.create(BLOCK, 0))
            .throwsOn("create(blockSize)", TOO_LARGE, "block size 16 MiB + 1", IllegalArgumentException.class,
                "block size " + (ConcurrentPool.MAX_BLOCK_SIZE + 1),
                h -> ConcurrentPool.create(ConcurrentPool.MAX_BLOCK_SIZE + 1))
            .throwsOn("allocate()", CLOSED, "closed pool", IllegalStateException.class, CLOSED_POOL, h -> h.pool.allocate())
            .throwsOn("trim()", CLOSED, "closed pool", IllegalStateException.class, CLOSED_POOL,
                h -> ((ConcurrentPool)h.pool).trim())
            .returns("releaseThreadCache()", CLOSED, "closed pool (hands the thread's cache back)", null, h ->
            {
                ((ConcurrentPool)h.pool).releaseThreadCache();
                return null;
            });
    }

    /** A pool and a box over one of its blocks; "closed" closes the box. */
    static final class Boxed
    {
        final Pool pool = Pool.create(BLOCK, 4);
        final PoolBox box = PoolBox.allocate(pool);

        Object state()
        {
            return box.isClosed() + ", " + pool.outstanding() + " out, " + pool.pooled() + " pooled";
        }

        Object close()
        {
            box.close();
            return null;
        }

        Object dispose()
        {
            box.close();
            pool.close();
            return null;
        }
    }

    private static void poolBox(final List<BadInput> cases)
    {
        final String empty = "PoolBox is empty";
        new Fixture<Boxed>(cases, "PoolBox", Boxed::new, Boxed::state, Boxed::close, Boxed::dispose)
            .throwsOn("allocate(pool)", NULL, "pool null", NullPointerException.class, null, b -> PoolBox.allocate(null))
            .throwsOn("allocateZeroed(pool)", NULL, "pool null", NullPointerException.class, null,
                b -> PoolBox.allocateZeroed(null))
            .throwsOn("allocate(pool, initialiser)", NULL, "initialiser null", NullPointerException.class, "initialiser",
                b -> PoolBox.allocate(b.pool, null))
            .throwsOn("takeRaw(pool, block)", ZERO, "block 0", IllegalArgumentException.class, "block 0",
                b -> new PoolBox().takeRaw(b.pool, 0))
            .throwsOn("takeRaw(pool, block)", NULL, "pool null", NullPointerException.class, "pool",
                b -> new PoolBox().takeRaw(null, b.box.address()))
            .throwsOn("fromRaw(pool, block)", ZERO, "block 0", IllegalArgumentException.class, "block 0",
                b -> PoolBox.fromRaw(b.pool, 0))
            .throwsWhenChecked("takeRaw(pool, block)", FOREIGN, "an address inside a block", IllegalStateException.class,
                "use after free", b -> new PoolBox().takeRaw(b.pool, b.box.address() + 8))
            .throwsOn("address()", CLOSED, "closed box", IllegalStateException.class, empty, b -> b.box.address())
            .throwsOn("length()", CLOSED, "closed box", IllegalStateException.class, empty, b -> b.box.length())
            .throwsOn("buffer()", CLOSED, "closed box", IllegalStateException.class, empty, b -> b.box.buffer())
            .throwsOn("intoRaw()", CLOSED, "closed box", IllegalStateException.class, empty, b -> b.box.intoRaw())
            .throwsOn("copy()", CLOSED, "closed box", IllegalStateException.class, empty, b -> b.box.copy())
            .returns("close()", CLOSED, "closed box (idempotent)", null, Boxed::close);
        new Fixture<Boxed>(cases, "PoolBox", Boxed::new, Boxed::state, b ->
        {
            b.pool.close();
            return null;
        }, Boxed::dispose)
            .throwsOn("copy()", CLOSED, "its pool closed (the pool refuses)", IllegalStateException.class, CLOSED_POOL,
                b -> b.box.copy());
    }
}
