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
 * The pre-paid batch topped up in a race: {@code Counter.ATOMIC_U8} blocks, so the batch is 63 and
 * a reader whose ticket reaches 31 tops it up (adds 31 references, then takes 31 tickets back, or
 * gives the references back if the block was swapped out or already topped up). Each state takes
 * 30 tickets of block 1 up front (held until the arbiter), so every racing reader's ticket crosses
 * the threshold. Each reader gets a block whole, never one whose count reached zero; every block is
 * freed exactly once by the end. See {@link SnapshotBlocks}.
 *
 * <p>r1: the first reader's block (1 or 2), -2 if it held a freed block, -1 if it threw. r2: the
 * block the writer took out ({@link ReaderWriter}) or the second reader's block
 * ({@link TwoReaders}), checked the same way. r3: blocks never freed (a count that never returned
 * to zero), -1 if the arbiter's releases threw. r4: extra frees (a block freed twice).
 */
public final class SnapshotCellRefill
{
    private SnapshotCellRefill()
    {
    }

    /** A reader's top-up racing a writer's {@code getAndSet(2)}, which settles block 1. */
    @JCStressTest
    @Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader took the old block (and topped it up)")
    @Outcome(id = "2, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader took the new block, whole")
    @Outcome(id = "-2, .*", expect = FORBIDDEN, desc = "the reader held a block whose count reached zero")
    @Outcome(id = "-?\\d+, -2, .*", expect = FORBIDDEN, desc = "the writer took out a block already freed")
    @Outcome(id = "-?\\d+, -?\\d+, -?\\d+, [1-9]\\d*", expect = FORBIDDEN, desc = "a block freed twice")
    @Outcome(id = "-?\\d+, -?\\d+, [1-9]\\d*, \\d+", expect = FORBIDDEN, desc = "a count that never returned to zero (leak)")
    @Outcome(expect = FORBIDDEN, desc = "anything else (-1: an operation threw)")
    @State
    public static class ReaderWriter extends SnapshotBlocks
    {
        private final int held;
        private final long heldBlock;

        /** A fresh cell on the heap holding block 1 with 30 of its 63 tickets taken. */
        public ReaderWriter()
        {
            super(Counter.ATOMIC_U8, false);
            cell.set(block(1));
            held = (int)(cell.batch() / 2) - 1;
            heldBlock = acquireHeld(held);
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
            final boolean released = releaseHeld(heldBlock, held);
            final int leaked = clearAndCheck();
            r.r3 = released ? leaked : THREW;
            r.r4 = doubleFreesAndFree();
        }
    }

    /** Two readers' top-ups racing each other: one takes the tickets back, the other gives up. */
    @JCStressTest
    @Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "both readers took the block and topped it up")
    @Outcome(id = {"-2, .*", "-?\\d+, -2, .*"}, expect = FORBIDDEN, desc = "a reader held a block whose count reached zero")
    @Outcome(id = "-?\\d+, -?\\d+, -?\\d+, [1-9]\\d*", expect = FORBIDDEN, desc = "a block freed twice")
    @Outcome(id = "-?\\d+, -?\\d+, [1-9]\\d*, \\d+", expect = FORBIDDEN, desc = "a count that never returned to zero (leak)")
    @Outcome(expect = FORBIDDEN, desc = "anything else (-1: an operation threw)")
    @State
    public static class TwoReaders extends SnapshotBlocks
    {
        private final int held;
        private final long heldBlock;

        /** A fresh cell on the heap holding block 1 with 30 of its 63 tickets taken. */
        public TwoReaders()
        {
            super(Counter.ATOMIC_U8, false);
            cell.set(block(1));
            held = (int)(cell.batch() / 2) - 1;
            heldBlock = acquireHeld(held);
        }

        @Actor
        public void reader1(final IIII_Result r)
        {
            r.r1 = read();
        }

        @Actor
        public void reader2(final IIII_Result r)
        {
            r.r2 = read();
        }

        @Arbiter
        public void arbiter(final IIII_Result r)
        {
            final boolean released = releaseHeld(heldBlock, held);
            final int leaked = clearAndCheck();
            r.r3 = released ? leaked : THREW;
            r.r4 = doubleFreesAndFree();
        }
    }
}
