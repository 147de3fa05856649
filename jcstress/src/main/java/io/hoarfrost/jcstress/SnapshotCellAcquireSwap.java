package io.hoarfrost.jcstress;

import io.hoarfrost.rc.Counter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@code SnapshotCell.acquire()} racing {@code getAndSet}: the cell holds block 1; a reader
 * acquires the current block, reads it, checks it is unfreed with a count above 0, and releases
 * it, while a writer allocates block 2, writes it, swaps it in and releases block 1, which it took
 * out. The reader gets block 1 or block 2, whole, never one whose count reached zero; every block
 * is freed exactly once by the end (the arbiter clears the cell). See {@link SnapshotBlocks}.
 *
 * <p>r1: the reader's block (1 or 2), -2 if it held a freed block, -1 if it threw. r2: the block
 * the writer took out, checked the same way. r3: blocks never freed (a count that never returned
 * to zero). r4: extra frees (a block freed twice).
 */
public final class SnapshotCellAcquireSwap
{
    private SnapshotCellAcquireSwap()
    {
    }

    /** The cell on the heap, {@code Counter.ATOMIC_U64} blocks. */
    @JCStressTest
    @Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader took the old block; it stayed live until released")
    @Outcome(id = "2, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader took the new block, whole")
    @Outcome(id = "-2, .*", expect = FORBIDDEN, desc = "the reader held a block whose count reached zero (freed)")
    @Outcome(id = "-?\\d+, -2, .*", expect = FORBIDDEN, desc = "the writer took out a block already freed")
    @Outcome(id = "-?\\d+, -?\\d+, -?\\d+, [1-9]\\d*", expect = FORBIDDEN, desc = "a block freed twice")
    @Outcome(id = "-?\\d+, -?\\d+, [1-9]\\d*, \\d+", expect = FORBIDDEN, desc = "a count that never returned to zero (leak)")
    @Outcome(expect = FORBIDDEN, desc = "anything else (-1: an operation threw)")
    @State
    public static class OnHeap extends SnapshotBlocks
    {
        /** A fresh cell on the heap holding block 1. */
        public OnHeap()
        {
            super(Counter.ATOMIC_U64, false);
            cell.set(block(1));
        }

        @Actor
        public void reader(final IIII_Result r)
        {
            r.r1 = read();
        }

        @Actor
        public void writer(final IIII_Result r)
        {
            r.r2 = swapIn(2);
        }

        @Arbiter
        public void arbiter(final IIII_Result r)
        {
            r.r3 = clearAndCheck();
            r.r4 = doubleFreesAndFree();
        }
    }

    /** The cell in 8 bytes of native memory, {@code Counter.ATOMIC_U64} blocks. */
    @JCStressTest
    @Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader took the old block; it stayed live until released")
    @Outcome(id = "2, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader took the new block, whole")
    @Outcome(id = "-2, .*", expect = FORBIDDEN, desc = "the reader held a block whose count reached zero (freed)")
    @Outcome(id = "-?\\d+, -2, .*", expect = FORBIDDEN, desc = "the writer took out a block already freed")
    @Outcome(id = "-?\\d+, -?\\d+, -?\\d+, [1-9]\\d*", expect = FORBIDDEN, desc = "a block freed twice")
    @Outcome(id = "-?\\d+, -?\\d+, [1-9]\\d*, \\d+", expect = FORBIDDEN, desc = "a count that never returned to zero (leak)")
    @Outcome(expect = FORBIDDEN, desc = "anything else (-1: an operation threw)")
    @State
    public static class OffHeap extends SnapshotBlocks
    {
        /** A fresh cell in native memory holding block 1. */
        public OffHeap()
        {
            super(Counter.ATOMIC_U64, true);
            cell.set(block(1));
        }

        @Actor
        public void reader(final IIII_Result r)
        {
            r.r1 = read();
        }

        @Actor
        public void writer(final IIII_Result r)
        {
            r.r2 = swapIn(2);
        }

        @Arbiter
        public void arbiter(final IIII_Result r)
        {
            r.r3 = clearAndCheck();
            r.r4 = doubleFreesAndFree();
        }
    }
}
