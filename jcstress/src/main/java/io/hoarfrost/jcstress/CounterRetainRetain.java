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
 * Two threads retain the same atomic counter at once, from a count of 1: both increments land
 * (final count 3) and each thread sees its own result (2 and 3). A lost update shows as a final
 * count of 2 with both threads seeing 2.
 */
public final class CounterRetainRetain
{
    private CounterRetainRetain()
    {
    }

    /** {@code Counter.ATOMIC_U8}. */
    @JCStressTest
    @Outcome(id = {"2, 3, 3", "3, 2, 3"}, expect = ACCEPTABLE, desc = "both retains counted, in either order")
    @Outcome(id = "2, 2, 2", expect = FORBIDDEN, desc = "lost update: one retain overwrote the other")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU8 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U8} at byte 0 with a count of 1. */
        public AtomicU8()
        {
            super(Counter.ATOMIC_U8, 0, 1);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.retain(address);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = (int)counter.retain(address);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U16}. */
    @JCStressTest
    @Outcome(id = {"2, 3, 3", "3, 2, 3"}, expect = ACCEPTABLE, desc = "both retains counted, in either order")
    @Outcome(id = "2, 2, 2", expect = FORBIDDEN, desc = "lost update: one retain overwrote the other")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU16 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U16} at byte 0 with a count of 1. */
        public AtomicU16()
        {
            super(Counter.ATOMIC_U16, 0, 1);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.retain(address);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = (int)counter.retain(address);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U32}. */
    @JCStressTest
    @Outcome(id = {"2, 3, 3", "3, 2, 3"}, expect = ACCEPTABLE, desc = "both retains counted, in either order")
    @Outcome(id = "2, 2, 2", expect = FORBIDDEN, desc = "lost update: one retain overwrote the other")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU32 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U32} at byte 0 with a count of 1. */
        public AtomicU32()
        {
            super(Counter.ATOMIC_U32, 0, 1);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.retain(address);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = (int)counter.retain(address);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U64}. */
    @JCStressTest
    @Outcome(id = {"2, 3, 3", "3, 2, 3"}, expect = ACCEPTABLE, desc = "both retains counted, in either order")
    @Outcome(id = "2, 2, 2", expect = FORBIDDEN, desc = "lost update: one retain overwrote the other")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU64 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U64} at byte 0 with a count of 1. */
        public AtomicU64()
        {
            super(Counter.ATOMIC_U64, 0, 1);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.retain(address);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = (int)counter.retain(address);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = countAndFree();
        }
    }
}
