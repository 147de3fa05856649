package io.hoarfrost.jcstress;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.rc.Counter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * 8- and 16-bit atomic counters are updated by CAS on the enclosing aligned 32-bit word (Java 8's
 * {@code Unsafe} has no byte or short CAS). While one thread retains or releases such a counter,
 * another makes a plain write of 42 to a neighbouring byte (or short) of the same word: both
 * writes must survive. A CAS that wrote back a stale neighbour would erase the 42; a plain write
 * of the whole word would erase the count.
 */
public final class SubWordNeighbourWrite
{
    /** The neighbour's value after the plain write. */
    static final int NEIGHBOUR = 42;

    private SubWordNeighbourWrite()
    {
    }

    /** {@code Counter.ATOMIC_U8}: an 8-bit counter in byte 0 of its word, retained; the neighbour is byte 1. */
    @JCStressTest
    @Outcome(id = "2, 42", expect = ACCEPTABLE, desc = "both the retain and the neighbour's write survive")
    @Outcome(id = "1, 42", expect = FORBIDDEN, desc = "the retain was lost: the neighbour's write went over it")
    @Outcome(id = "2, 0", expect = FORBIDDEN, desc = "the neighbour's write was lost: the CAS wrote back a stale word")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a torn word")
    @State
    public static class U8RetainLowByte extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U8} at byte 0 with a count of 1. */
        public U8RetainLowByte()
        {
            super(Counter.ATOMIC_U8, 0, 1);
        }

        @Actor
        public void counter()
        {
            counter.retain(address);
        }

        @Actor
        public void neighbour()
        {
            Memory.putByte(block + 1, (byte)NEIGHBOUR);
        }

        @Arbiter
        public void arbiter(final II_Result r)
        {
            r.r2 = Memory.getByte(block + 1);
            r.r1 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U8}: an 8-bit counter in byte 3 of its word, retained; the neighbour is byte 2. */
    @JCStressTest
    @Outcome(id = "2, 42", expect = ACCEPTABLE, desc = "both the retain and the neighbour's write survive")
    @Outcome(id = "1, 42", expect = FORBIDDEN, desc = "the retain was lost: the neighbour's write went over it")
    @Outcome(id = "2, 0", expect = FORBIDDEN, desc = "the neighbour's write was lost: the CAS wrote back a stale word")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a torn word")
    @State
    public static class U8RetainHighByte extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U8} at byte 3 with a count of 1. */
        public U8RetainHighByte()
        {
            super(Counter.ATOMIC_U8, 3, 1);
        }

        @Actor
        public void counter()
        {
            counter.retain(address);
        }

        @Actor
        public void neighbour()
        {
            Memory.putByte(block + 2, (byte)NEIGHBOUR);
        }

        @Arbiter
        public void arbiter(final II_Result r)
        {
            r.r2 = Memory.getByte(block + 2);
            r.r1 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U8}: an 8-bit counter in byte 0 of its word, released; the neighbour is byte 1. */
    @JCStressTest
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "both the release and the neighbour's write survive")
    @Outcome(id = "2, 42", expect = FORBIDDEN, desc = "the release was lost: the neighbour's write went over it")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the neighbour's write was lost: the CAS wrote back a stale word")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a torn word")
    @State
    public static class U8ReleaseLowByte extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U8} at byte 0 with a count of 2. */
        public U8ReleaseLowByte()
        {
            super(Counter.ATOMIC_U8, 0, 2);
        }

        @Actor
        public void counter()
        {
            counter.release(address);
        }

        @Actor
        public void neighbour()
        {
            Memory.putByte(block + 1, (byte)NEIGHBOUR);
        }

        @Arbiter
        public void arbiter(final II_Result r)
        {
            r.r2 = Memory.getByte(block + 1);
            r.r1 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U16}: a 16-bit counter in bytes 0-1 of its word, retained; the neighbour is the short at byte 2. */
    @JCStressTest
    @Outcome(id = "2, 42", expect = ACCEPTABLE, desc = "both the retain and the neighbour's write survive")
    @Outcome(id = "1, 42", expect = FORBIDDEN, desc = "the retain was lost: the neighbour's write went over it")
    @Outcome(id = "2, 0", expect = FORBIDDEN, desc = "the neighbour's write was lost: the CAS wrote back a stale word")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a torn word")
    @State
    public static class U16RetainLowHalf extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U16} at byte 0 with a count of 1. */
        public U16RetainLowHalf()
        {
            super(Counter.ATOMIC_U16, 0, 1);
        }

        @Actor
        public void counter()
        {
            counter.retain(address);
        }

        @Actor
        public void neighbour()
        {
            Memory.putShort(block + 2, (short)NEIGHBOUR);
        }

        @Arbiter
        public void arbiter(final II_Result r)
        {
            r.r2 = Memory.getShort(block + 2);
            r.r1 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U16}: a 16-bit counter in bytes 2-3 of its word, retained; the neighbour is byte 0. */
    @JCStressTest
    @Outcome(id = "2, 42", expect = ACCEPTABLE, desc = "both the retain and the neighbour's write survive")
    @Outcome(id = "1, 42", expect = FORBIDDEN, desc = "the retain was lost: the neighbour's write went over it")
    @Outcome(id = "2, 0", expect = FORBIDDEN, desc = "the neighbour's write was lost: the CAS wrote back a stale word")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a torn word")
    @State
    public static class U16RetainHighHalf extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U16} at byte 2 with a count of 1. */
        public U16RetainHighHalf()
        {
            super(Counter.ATOMIC_U16, 2, 1);
        }

        @Actor
        public void counter()
        {
            counter.retain(address);
        }

        @Actor
        public void neighbour()
        {
            Memory.putByte(block + 0, (byte)NEIGHBOUR);
        }

        @Arbiter
        public void arbiter(final II_Result r)
        {
            r.r2 = Memory.getByte(block + 0);
            r.r1 = countAndFree();
        }
    }

    /** {@code Counter.ATOMIC_U16}: a 16-bit counter in bytes 0-1 of its word, released; the neighbour is byte 3. */
    @JCStressTest
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "both the release and the neighbour's write survive")
    @Outcome(id = "2, 42", expect = FORBIDDEN, desc = "the release was lost: the neighbour's write went over it")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the neighbour's write was lost: the CAS wrote back a stale word")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a torn word")
    @State
    public static class U16ReleaseLowHalf extends CounterBlock
    {
        /** A fresh block holding a {@code Counter.ATOMIC_U16} at byte 0 with a count of 2. */
        public U16ReleaseLowHalf()
        {
            super(Counter.ATOMIC_U16, 0, 2);
        }

        @Actor
        public void counter()
        {
            counter.release(address);
        }

        @Actor
        public void neighbour()
        {
            Memory.putByte(block + 3, (byte)NEIGHBOUR);
        }

        @Arbiter
        public void arbiter(final II_Result r)
        {
            r.r2 = Memory.getByte(block + 3);
            r.r1 = countAndFree();
        }
    }
}
