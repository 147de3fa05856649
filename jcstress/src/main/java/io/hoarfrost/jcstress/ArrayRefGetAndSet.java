package io.hoarfrost.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code AtomicArrayRef.getAndSet}: two threads put their own array in and take the previous one
 * out at once. Every array is taken out exactly once: one thread gets the original (1), the other
 * gets the first thread's array, and the cell holds the last one put in.
 */
public final class ArrayRefGetAndSet
{
    private ArrayRefGetAndSet()
    {
    }

    /** The cell on the heap. */
    @JCStressTest
    @Outcome(id = "1, 2, 3", expect = ACCEPTABLE, desc = "first thread swapped first")
    @Outcome(id = "3, 1, 2", expect = ACCEPTABLE, desc = "second thread swapped first")
    @Outcome(id = {"1, 1, .*"}, expect = FORBIDDEN, desc = "the original array was taken out twice")
    @Outcome(expect = FORBIDDEN, desc = "anything else: an array lost or duplicated")
    @State
    public static class OnHeap extends ArrayCell
    {
        /** A fresh cell on the heap and fresh arrays. */
        public OnHeap()
        {
            super(false);
            ref.set(one);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = valueOf(ref.getAndSet(two));
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = valueOf(ref.getAndSet(three));
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = valueAndFree();
        }
    }

    /** The cell in native memory. */
    @JCStressTest
    @Outcome(id = "1, 2, 3", expect = ACCEPTABLE, desc = "first thread swapped first")
    @Outcome(id = "3, 1, 2", expect = ACCEPTABLE, desc = "second thread swapped first")
    @Outcome(id = {"1, 1, .*"}, expect = FORBIDDEN, desc = "the original array was taken out twice")
    @Outcome(expect = FORBIDDEN, desc = "anything else: an array lost or duplicated")
    @State
    public static class OffHeap extends ArrayCell
    {
        /** A fresh cell in native memory and fresh arrays. */
        public OffHeap()
        {
            super(true);
            ref.set(one);
        }

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = valueOf(ref.getAndSet(two));
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = valueOf(ref.getAndSet(three));
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = valueAndFree();
        }
    }
}
