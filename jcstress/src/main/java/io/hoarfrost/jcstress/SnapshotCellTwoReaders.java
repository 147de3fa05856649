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
 * Two readers {@code SnapshotCell.acquire()} block 1 (their tickets race on the cell word) while a
 * writer {@code set}s block 2 in, which settles block 1 and releases the cell's reference to it.
 * jcstress needs a CPU per actor and silently skips a three-actor test on two cores (this
 * project's CI), so the second reader shares its thread with the writer: it holds its block
 * across the {@code set} ({@link ReaderAcrossSet}: block 1 has a reader in flight whenever it is
 * settled), or acquires right after it ({@link SetThenReader}: it must get block 2). Each reader
 * gets a block whole, never one whose count reached zero; every block is freed exactly once by the
 * end (the arbiter clears the cell). {@code Counter.ATOMIC_U64} blocks. See {@link SnapshotBlocks}.
 *
 * <p>r1: the first reader's block (1 or 2), -2 if it held a freed block, -1 if it threw. r2: the
 * second reader's block, the same way. r3: blocks never freed (a count that never returned to
 * zero). r4: extra frees (a block freed twice).
 */
public final class SnapshotCellTwoReaders
{
    private SnapshotCellTwoReaders()
    {
    }

    /** The second reader acquires block 1, the writer on its thread sets block 2, then it releases. */
    @JCStressTest
    @Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "both readers took the old block; it stayed live until released")
    @Outcome(id = "2, 1, 0, 0", expect = ACCEPTABLE, desc = "the first reader came after the set: the new block, whole")
    @Outcome(id = {"-2, .*", "-?\\d+, -2, .*"}, expect = FORBIDDEN, desc = "a reader held a block whose count reached zero")
    @Outcome(id = "-?\\d+, -?\\d+, -?\\d+, [1-9]\\d*", expect = FORBIDDEN, desc = "a block freed twice")
    @Outcome(id = "-?\\d+, -?\\d+, [1-9]\\d*, \\d+", expect = FORBIDDEN, desc = "a count that never returned to zero (leak)")
    @Outcome(expect = FORBIDDEN, desc = "anything else (-1: an operation threw)")
    @State
    public static class ReaderAcrossSet extends SnapshotBlocks
    {
        /** A fresh cell on the heap holding block 1. */
        public ReaderAcrossSet()
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
        public void readerAndWriter(final IIII_Result r)
        {
            r.r2 = readAcrossSet(2);
        }

        @Arbiter
        public void arbiter(final IIII_Result r)
        {
            r.r3 = clearAndCheck();
            r.r4 = doubleFreesAndFree();
        }
    }

    /** The writer sets block 2, then the second reader on its thread acquires and releases. */
    @JCStressTest
    @Outcome(id = "1, 2, 0, 0", expect = ACCEPTABLE, desc = "the first reader took the old block; it stayed live until released")
    @Outcome(id = "2, 2, 0, 0", expect = ACCEPTABLE, desc = "both readers took the new block")
    @Outcome(id = "-?\\d+, 1, .*", expect = FORBIDDEN, desc = "the second reader got the old block after the set returned")
    @Outcome(id = {"-2, .*", "-?\\d+, -2, .*"}, expect = FORBIDDEN, desc = "a reader held a block whose count reached zero")
    @Outcome(id = "-?\\d+, -?\\d+, -?\\d+, [1-9]\\d*", expect = FORBIDDEN, desc = "a block freed twice")
    @Outcome(id = "-?\\d+, -?\\d+, [1-9]\\d*, \\d+", expect = FORBIDDEN, desc = "a count that never returned to zero (leak)")
    @Outcome(expect = FORBIDDEN, desc = "anything else (-1: an operation threw)")
    @State
    public static class SetThenReader extends SnapshotBlocks
    {
        /** A fresh cell on the heap holding block 1. */
        public SetThenReader()
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
        public void writerAndReader(final IIII_Result r)
        {
            r.r2 = setIn(2) == 1 ? read() : THREW;
        }

        @Arbiter
        public void arbiter(final IIII_Result r)
        {
            r.r3 = clearAndCheck();
            r.r4 = doubleFreesAndFree();
        }
    }
}
