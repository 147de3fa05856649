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
 * Two threads release the same atomic counter at once, from a count of 3: both decrements land
 * (final count 1) and each thread sees its own result (2 and 1).
 */
public final class CounterReleaseRelease
{
    private CounterReleaseRelease()
    {
    }

    /** {@code Counter.ATOMIC_U8}. */
    @JCStressTest
    @Outcome(id = {"2, 1, 1", "1, 2, 1"}, expect = ACCEPTABLE, desc = "both releases counted, in either order")
    @Outcome(id = "2, 2, 2", expect = FORBIDDEN, desc = "lost update: one release overwrote the other")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU8 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U8} at byte 0 with a count of 3. */
        public AtomicU8()
        {
            super(Counter.ATOMIC_U8, 0, 3);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.release(address);
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
    @Outcome(id = {"2, 1, 1", "1, 2, 1"}, expect = ACCEPTABLE, desc = "both releases counted, in either order")
    @Outcome(id = "2, 2, 2", expect = FORBIDDEN, desc = "lost update: one release overwrote the other")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU16 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U16} at byte 0 with a count of 3. */
        public AtomicU16()
        {
            super(Counter.ATOMIC_U16, 0, 3);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.release(address);
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
    @Outcome(id = {"2, 1, 1", "1, 2, 1"}, expect = ACCEPTABLE, desc = "both releases counted, in either order")
    @Outcome(id = "2, 2, 2", expect = FORBIDDEN, desc = "lost update: one release overwrote the other")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU32 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U32} at byte 0 with a count of 3. */
        public AtomicU32()
        {
            super(Counter.ATOMIC_U32, 0, 3);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.release(address);
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
    @Outcome(id = {"2, 1, 1", "1, 2, 1"}, expect = ACCEPTABLE, desc = "both releases counted, in either order")
    @Outcome(id = "2, 2, 2", expect = FORBIDDEN, desc = "lost update: one release overwrote the other")
    @Outcome(expect = FORBIDDEN, desc = "anything else is a broken counter")
    @State
    public static class AtomicU64 extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U64} at byte 0 with a count of 3. */
        public AtomicU64()
        {
            super(Counter.ATOMIC_U64, 0, 3);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = (int)counter.release(address);
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
