package io.hoarfrost.jcstress;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.pool.ConcurrentPool;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code ConcurrentPool.close()} racing the free of a block out at close, on another thread. A
 * pool outlives its blocks: close must not free the block's slab before the block comes back, the
 * block keeps its bytes until freed, the free is counted once, and whichever thread completes the
 * slab frees it, so at the end the pool holds no memory. The freeing thread then hands its cache
 * back ({@code releaseThreadCache()}), as a live thread that stops using a pool does; a double
 * free of the slab would crash the fork.
 *
 * <p>r1 (the closing thread, right after close): 0 if the slab was still held, 1 if everything was
 * already freed and the block's free had begun, 2 if everything was freed although the free had
 * not begun. r2 (the freeing thread): 1 if the block kept its bytes and took a write until freed.
 * r3 (the arbiter): 1 if the closed pool holds no memory and has no block out.
 */
@JCStressTest
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "close first: the slab is kept until the block comes back")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "the free first (or right after close): all freed at once")
@Outcome(id = "2, .*", expect = FORBIDDEN, desc = "close freed the slab under a block whose free had not begun")
@Outcome(id = ".*, 0, .*", expect = FORBIDDEN, desc = "the block's bytes changed while it was out")
@Outcome(id = ".*, .*, 0", expect = FORBIDDEN, desc = "a slab never freed, or a block counted twice")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class PoolCloseFree
{
    private static final long MARK = 0x5EED_CAFE_F00D_BEEFL;
    private static final long WRITTEN = 0x0123_4567_89AB_CDEFL;
    private static final int BLOCK = 64;

    private final ConcurrentPool pool = ConcurrentPool.create(BLOCK);
    private final long block;
    private volatile boolean freeing;

    /** A fresh pool with one marked block allocated from it. */
    public PoolCloseFree()
    {
        block = pool.allocate();
        Memory.putLong(block, MARK);
        Memory.putLong(block + BLOCK - 8, MARK);
        pool.releaseThreadCache();   // the rest of the magazine: free, in the depot
    }

    @Actor
    public void closer(final III_Result r)
    {
        pool.close();
        final boolean empty = pool.footprint() == 0;
        r.r1 = !empty ? 0 : freeing ? 1 : 2;
    }

    @Actor
    public void freer(final III_Result r)
    {
        boolean intact = Memory.getLong(block) == MARK && Memory.getLong(block + BLOCK - 8) == MARK;
        Memory.putLong(block + BLOCK - 8, WRITTEN);
        intact &= Memory.getLong(block + BLOCK - 8) == WRITTEN && Memory.getLong(block) == MARK;
        freeing = true;
        pool.free(block);
        pool.releaseThreadCache();
        r.r2 = intact ? 1 : 0;
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r3 = pool.isClosed() && pool.footprint() == 0 && pool.outstanding() == 0 ? 1 : 0;
    }
}
