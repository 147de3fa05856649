package io.hoarfrost.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code AtomicArrayRef.compareAndSet}: two threads try to swap the same array out of the cell
 * for their own. Exactly one succeeds, and the cell ends up holding the winner's array.
 */
public final class ArrayRefCompareAndSet
{
    private ArrayRefCompareAndSet()
    {
    }

    /** The cell on the heap. */
    @JCStressTest
    @Outcome(id = "true, false, 2", expect = ACCEPTABLE, desc = "the first thread won: the cell holds its array")
    @Outcome(id = "false, true, 3", expect = ACCEPTABLE, desc = "the second thread won: the cell holds its array")
    @Outcome(id = {"true, true, .*"}, expect = FORBIDDEN, desc = "both swaps succeeded: one array taken out twice")
    @Outcome(id = {"false, false, .*"}, expect = FORBIDDEN, desc = "neither swap succeeded on a cell holding the array")
    @Outcome(expect = FORBIDDEN, desc = "anything else: the cell and the winner disagree")
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
        public void actor1(final ZZI_Result r)
        {
            r.r1 = ref.compareAndSet(one, two);
        }

        @Actor
        public void actor2(final ZZI_Result r)
        {
            r.r2 = ref.compareAndSet(one, three);
        }

        @Arbiter
        public void arbiter(final ZZI_Result r)
        {
            r.r3 = valueAndFree();
        }
    }

    /** The cell in native memory. */
    @JCStressTest
    @Outcome(id = "true, false, 2", expect = ACCEPTABLE, desc = "the first thread won: the cell holds its array")
    @Outcome(id = "false, true, 3", expect = ACCEPTABLE, desc = "the second thread won: the cell holds its array")
    @Outcome(id = {"true, true, .*"}, expect = FORBIDDEN, desc = "both swaps succeeded: one array taken out twice")
    @Outcome(id = {"false, false, .*"}, expect = FORBIDDEN, desc = "neither swap succeeded on a cell holding the array")
    @Outcome(expect = FORBIDDEN, desc = "anything else: the cell and the winner disagree")
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
        public void actor1(final ZZI_Result r)
        {
            r.r1 = ref.compareAndSet(one, two);
        }

        @Actor
        public void actor2(final ZZI_Result r)
        {
            r.r2 = ref.compareAndSet(one, three);
        }

        @Arbiter
        public void arbiter(final ZZI_Result r)
        {
            r.r3 = valueAndFree();
        }
    }
}
