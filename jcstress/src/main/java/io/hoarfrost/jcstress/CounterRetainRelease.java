package io.hoarfrost.jcstress;

import io.hoarfrost.rc.Counter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * One thread retains while another releases, from a count of 2: the count ends at 2 whatever the
 * order. A lost update ends at 1 (the retain lost: a later release would free a block still in
 * use) or 3 (the release lost: a leak).
 */
public final class CounterRetainRelease
{
    private CounterRetainRelease()
    {
    }

    /** {@code Counter.ATOMIC_U8}. */
    @JCStressTest
    @Outcome(id = "3, 2, 2", expect = ACCEPTABLE, desc = "retain first, then release")
    @Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "release first, then retain")
    @Outcome(id = "3, 1, 1", expect = FORBIDDEN, desc = "lost retain: the block would be freed while referenced")
    @Outcome(id = "3, 1, 3", expect = FORBIDDEN, desc = "lost release: the block would leak")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU8 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U8} at byte 0 with a count of 2. */
        public AtomicU8()
        {
            super(Counter.ATOMIC_U8, 0, 2);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.retain(address);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = (int)counter.release(address);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U16}. */
    @JCStressTest
    @Outcome(id = "3, 2, 2", expect = ACCEPTABLE, desc = "retain first, then release")
    @Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "release first, then retain")
    @Outcome(id = "3, 1, 1", expect = FORBIDDEN, desc = "lost retain: the block would be freed while referenced")
    @Outcome(id = "3, 1, 3", expect = FORBIDDEN, desc = "lost release: the block would leak")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU16 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U16} at byte 0 with a count of 2. */
        public AtomicU16()
        {
            super(Counter.ATOMIC_U16, 0, 2);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.retain(address);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = (int)counter.release(address);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U32}. */
    @JCStressTest
    @Outcome(id = "3, 2, 2", expect = ACCEPTABLE, desc = "retain first, then release")
    @Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "release first, then retain")
    @Outcome(id = "3, 1, 1", expect = FORBIDDEN, desc = "lost retain: the block would be freed while referenced")
    @Outcome(id = "3, 1, 3", expect = FORBIDDEN, desc = "lost release: the block would leak")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU32 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U32} at byte 0 with a count of 2. */
        public AtomicU32()
        {
            super(Counter.ATOMIC_U32, 0, 2);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.retain(address);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = (int)counter.release(address);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U64}. */
    @JCStressTest
    @Outcome(id = "3, 2, 2", expect = ACCEPTABLE, desc = "retain first, then release")
    @Outcome(id = "2, 1, 2", expect = ACCEPTABLE, desc = "release first, then retain")
    @Outcome(id = "3, 1, 1", expect = FORBIDDEN, desc = "lost retain: the block would be freed while referenced")
    @Outcome(id = "3, 1, 3", expect = FORBIDDEN, desc = "lost release: the block would leak")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU64 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U64} at byte 0 with a count of 2. */
        public AtomicU64()
        {
            super(Counter.ATOMIC_U64, 0, 2);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.retain(address);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = (int)counter.release(address);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = countAndFree();
        }
    }
}
