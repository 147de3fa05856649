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
 * {@code AtomicArrayRef.initialize}: two threads initialise an empty cell at once. Exactly one
 * wins; the loser keeps its array, and the cell holds the winner's.
 */
public final class ArrayRefInitialize
{
    private ArrayRefInitialize()
    {
    }

    /** The cell on the heap. */
    @JCStressTest
    @Outcome(id = "true, false, 2", expect = ACCEPTABLE, desc = "the first thread initialised the cell")
    @Outcome(id = "false, true, 3", expect = ACCEPTABLE, desc = "the second thread initialised the cell")
    @Outcome(id = {"true, true, .*"}, expect = FORBIDDEN, desc = "both initialised: one array silently overwritten (leaked)")
    @Outcome(id = {"false, false, .*"}, expect = FORBIDDEN, desc = "neither initialised an empty cell")
    @Outcome(expect = FORBIDDEN, desc = "anything else: the cell and the winner disagree")
    @State
    public static class OnHeap extends ArrayCell
    {
        /** A fresh cell on the heap and fresh arrays. */
        public OnHeap()
        {
            super(false);
        }

        @Actor
        public void actor1(final ZZI_Result r)
        {
            r.r1 = ref.initialize(two);
        }

        @Actor
        public void actor2(final ZZI_Result r)
        {
            r.r2 = ref.initialize(three);
        }

        @Arbiter
        public void arbiter(final ZZI_Result r)
        {
            r.r3 = valueAndFree();
        }
    }

    /** The cell in native memory. */
    @JCStressTest
    @Outcome(id = "true, false, 2", expect = ACCEPTABLE, desc = "the first thread initialised the cell")
    @Outcome(id = "false, true, 3", expect = ACCEPTABLE, desc = "the second thread initialised the cell")
    @Outcome(id = {"true, true, .*"}, expect = FORBIDDEN, desc = "both initialised: one array silently overwritten (leaked)")
    @Outcome(id = {"false, false, .*"}, expect = FORBIDDEN, desc = "neither initialised an empty cell")
    @Outcome(expect = FORBIDDEN, desc = "anything else: the cell and the winner disagree")
    @State
    public static class OffHeap extends ArrayCell
    {
        /** A fresh cell in native memory and fresh arrays. */
        public OffHeap()
        {
            super(true);
        }

        @Actor
        public void actor1(final ZZI_Result r)
        {
            r.r1 = ref.initialize(two);
        }

        @Actor
        public void actor2(final ZZI_Result r)
        {
            r.r2 = ref.initialize(three);
        }

        @Arbiter
        public void arbiter(final ZZI_Result r)
        {
            r.r3 = valueAndFree();
        }
    }
}
