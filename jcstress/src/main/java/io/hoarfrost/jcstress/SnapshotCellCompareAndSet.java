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
 * {@code SnapshotCell.acquire()} racing {@code compareAndSet(1, 2)}: a reader's ticket changes the
 * cell word under the writer, whose compare-and-set must then retry (the block is still the
 * expected one) and succeed, take block 1 out with the cell's reference, and release it. The reader
 * gets block 1 or 2, whole, never one whose count reached zero; every block is freed exactly once
 * by the end. {@code Counter.ATOMIC_U16} blocks (a batch of 16,383). See {@link SnapshotBlocks}.
 *
 * <p>r1: the reader's block (1 or 2), -2 if it held a freed block, -1 if it threw. r2: the block
 * the writer took out (1), 0 if its compare-and-set failed, checked as the reader's. r3: blocks never
 * freed (a count that never returned to zero). r4: extra frees (a block freed twice).
 */
@JCStressTest
@Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader took the old block; it stayed live until released")
@Outcome(id = "2, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader took the new block, whole")
@Outcome(id = "-?\\d+, 0, .*", expect = FORBIDDEN, desc = "the compare-and-set failed although the block was the expected one")
@Outcome(id = "-2, .*", expect = FORBIDDEN, desc = "the reader held a block whose count reached zero (freed)")
@Outcome(id = "-?\\d+, -2, .*", expect = FORBIDDEN, desc = "the writer took out a block already freed")
@Outcome(id = "-?\\d+, -?\\d+, -?\\d+, [1-9]\\d*", expect = FORBIDDEN, desc = "a block freed twice")
@Outcome(id = "-?\\d+, -?\\d+, [1-9]\\d*, \\d+", expect = FORBIDDEN, desc = "a count that never returned to zero (leak)")
@Outcome(expect = FORBIDDEN, desc = "anything else (-1: an operation threw)")
@State
public class SnapshotCellCompareAndSet extends SnapshotBlocks
{
    private final long one;

    /** A fresh cell on the heap holding block 1. */
    public SnapshotCellCompareAndSet()
    {
        super(Counter.ATOMIC_U16, false);
        one = block(1);
        cell.set(one);
    }

    @Actor
    public void reader(final IIII_Result r)
    {
        r.r1 = read();
    }

    @Actor
    public void writer(final IIII_Result r)
    {
        r.r2 = compareAndSwapIn(one, 2);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r3 = clearAndCheck();
        r.r4 = doubleFreesAndFree();
    }
}
