package io.hoarfrost.jcstress;

import io.hoarfrost.rc.Counter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two references, one per thread. The first thread clones its reference (retain) and drops both
 * (release, release) while the second drops its own: exactly one release reaches 0, so exactly
 * one thread frees the block. Two zeros would be a double free, none a leak.
 */
public final class CounterLastRelease
{
    private CounterLastRelease()
    {
    }

    /** {@code Counter.ATOMIC_U8}. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "exactly one thread frees the block")
    @Outcome(id = "true, true", expect = FORBIDDEN, desc = "double free: both threads saw the count reach 0")
    @Outcome(id = "false, false", expect = FORBIDDEN, desc = "leak: no thread saw the count reach 0")
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
        public void actor1(final ZZ_Result r)
        {
            counter.retain(address);
            final boolean first = counter.release(address) == 0;
            final boolean second = counter.release(address) == 0;
            r.r1 = first | second;
        }

        @Actor
        public void actor2(final ZZ_Result r)
        {
            r.r2 = counter.release(address) == 0;
        }

        @Arbiter
        public void arbiter(final ZZ_Result r)
        {
            countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U16}. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "exactly one thread frees the block")
    @Outcome(id = "true, true", expect = FORBIDDEN, desc = "double free: both threads saw the count reach 0")
    @Outcome(id = "false, false", expect = FORBIDDEN, desc = "leak: no thread saw the count reach 0")
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
        public void actor1(final ZZ_Result r)
        {
            counter.retain(address);
            final boolean first = counter.release(address) == 0;
            final boolean second = counter.release(address) == 0;
            r.r1 = first | second;
        }

        @Actor
        public void actor2(final ZZ_Result r)
        {
            r.r2 = counter.release(address) == 0;
        }

        @Arbiter
        public void arbiter(final ZZ_Result r)
        {
            countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U32}. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "exactly one thread frees the block")
    @Outcome(id = "true, true", expect = FORBIDDEN, desc = "double free: both threads saw the count reach 0")
    @Outcome(id = "false, false", expect = FORBIDDEN, desc = "leak: no thread saw the count reach 0")
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
        public void actor1(final ZZ_Result r)
        {
            counter.retain(address);
            final boolean first = counter.release(address) == 0;
            final boolean second = counter.release(address) == 0;
            r.r1 = first | second;
        }

        @Actor
        public void actor2(final ZZ_Result r)
        {
            r.r2 = counter.release(address) == 0;
        }

        @Arbiter
        public void arbiter(final ZZ_Result r)
        {
            countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U64}. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "exactly one thread frees the block")
    @Outcome(id = "true, true", expect = FORBIDDEN, desc = "double free: both threads saw the count reach 0")
    @Outcome(id = "false, false", expect = FORBIDDEN, desc = "leak: no thread saw the count reach 0")
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
        public void actor1(final ZZ_Result r)
        {
            counter.retain(address);
            final boolean first = counter.release(address) == 0;
            final boolean second = counter.release(address) == 0;
            r.r1 = first | second;
        }

        @Actor
        public void actor2(final ZZ_Result r)
        {
            r.r2 = counter.release(address) == 0;
        }

        @Arbiter
        public void arbiter(final ZZ_Result r)
        {
            countAndFree();
        }
    }
}
