package io.hoarfrost.jcstress;

import io.hoarfrost.pool.ConcurrentPool;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code ConcurrentPool} allocate/free hand-off (see {@link HandOff}): two threads allocate at
 * once from a pool whose blocks are freed on a third, and a block is never handed to two threads.
 * The smaller the magazine, the more often both threads meet in the depot.
 */
public final class PoolHandOff
{
    private PoolHandOff()
    {
    }

    /** 64-byte blocks: 64 per magazine. */
    @JCStressTest
    @Outcome(id = "false, true", expect = ACCEPTABLE, desc = "two different blocks, each with its owner's mark")
    @Outcome(id = {"true, .*"}, expect = FORBIDDEN, desc = "one block handed to both threads")
    @Outcome(id = "false, false", expect = FORBIDDEN, desc = "a mark overwritten: a block shared with another state's thread")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class SmallBlocks extends HandOff
    {
        static final ConcurrentPool POOL = ConcurrentPool.create(64);

        /** A state over the pool shared by every state of this size. */
        public SmallBlocks()
        {
            super(POOL);
        }

        @Actor
        public void actor1()
        {
            allocateFirst();
        }

        @Actor
        public void actor2()
        {
            allocateSecond();
        }

        @Arbiter
        public void arbiter(final ZZ_Result r)
        {
            judgeAndFree(r);
        }
    }

    /** 8 KiB blocks: 8 per magazine. */
    @JCStressTest
    @Outcome(id = "false, true", expect = ACCEPTABLE, desc = "two different blocks, each with its owner's mark")
    @Outcome(id = {"true, .*"}, expect = FORBIDDEN, desc = "one block handed to both threads")
    @Outcome(id = "false, false", expect = FORBIDDEN, desc = "a mark overwritten: a block shared with another state's thread")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class BigBlocks extends HandOff
    {
        static final ConcurrentPool POOL = ConcurrentPool.create(8 * 1024);

        /** A state over the pool shared by every state of this size. */
        public BigBlocks()
        {
            super(POOL);
        }

        @Actor
        public void actor1()
        {
            allocateFirst();
        }

        @Actor
        public void actor2()
        {
            allocateSecond();
        }

        @Arbiter
        public void arbiter(final ZZ_Result r)
        {
            judgeAndFree(r);
        }
    }
}
