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
 * Readers {@code SnapshotCell.acquire()} while another thread {@code close}s the cell, which
 * empties it and releases the cell's reference to its only block: if no reader holds the block,
 * close frees it; otherwise the last reader to release does. A reader gets the block, whole, or
 * finds the cell empty, never a block whose count reached zero; the block is freed exactly once.
 * {@code Counter.ATOMIC_U32} blocks. See {@link SnapshotBlocks}; as in
 * {@link SnapshotCellTwoReaders}, a second reader shares the closing thread (two cores).
 *
 * <p>r1: the reader's block (1), 0 if the cell was empty, -2 if it held a freed block, -1 if it
 * threw. r2: 1 once {@code close} returned ({@link OneReader}), or the second reader's block
 * ({@link ReaderAcrossClose}), -1 if it threw. r3: blocks never freed (a count that never returned
 * to zero). r4: extra frees (a block freed twice).
 */
public final class SnapshotCellAcquireClose
{
    private SnapshotCellAcquireClose()
    {
    }

    /** One reader, one thread closing. */
    @JCStressTest
    @Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader took the block before close; it stayed live")
    @Outcome(id = "0, 1, 0, 0", expect = ACCEPTABLE, desc = "the reader came after close: the cell was empty")
    @Outcome(id = "-2, .*", expect = FORBIDDEN, desc = "the reader held a block whose count reached zero")
    @Outcome(id = "-?\\d+, -?\\d+, -?\\d+, [1-9]\\d*", expect = FORBIDDEN, desc = "a block freed twice")
    @Outcome(id = "-?\\d+, -?\\d+, [1-9]\\d*, \\d+", expect = FORBIDDEN, desc = "a count that never returned to zero (leak)")
    @Outcome(expect = FORBIDDEN, desc = "anything else (-1: an operation threw)")
    @State
    public static class OneReader extends SnapshotBlocks
    {
        /** A fresh cell on the heap holding block 1. */
        public OneReader()
        {
            super(Counter.ATOMIC_U32, false);
            cell.set(block(1));
        }

        @Actor
        public void reader(final IIII_Result r)
        {
            r.r1 = read();
        }

        @Actor
        public void closer(final IIII_Result r)
        {
            r.r2 = close();
        }

        @Arbiter
        public void arbiter(final IIII_Result r)
        {
            r.r3 = clearAndCheck();
            r.r4 = doubleFreesAndFree();
        }
    }

    /** The second reader acquires, closes the cell on its thread, then releases its block. */
    @JCStressTest
    @Outcome(id = "1, 1, 0, 0", expect = ACCEPTABLE, desc = "both readers took the block; it stayed live until the last release")
    @Outcome(id = "0, 1, 0, 0", expect = ACCEPTABLE, desc = "the first reader came after close: the cell was empty")
    @Outcome(id = {"-2, .*", "-?\\d+, -2, .*"}, expect = FORBIDDEN, desc = "a reader held a block whose count reached zero")
    @Outcome(id = "-?\\d+, -?\\d+, -?\\d+, [1-9]\\d*", expect = FORBIDDEN, desc = "a block freed twice")
    @Outcome(id = "-?\\d+, -?\\d+, [1-9]\\d*, \\d+", expect = FORBIDDEN, desc = "a count that never returned to zero (leak)")
    @Outcome(expect = FORBIDDEN, desc = "anything else (-1: an operation threw)")
    @State
    public static class ReaderAcrossClose extends SnapshotBlocks
    {
        /** A fresh cell on the heap holding block 1. */
        public ReaderAcrossClose()
        {
            super(Counter.ATOMIC_U32, false);
            cell.set(block(1));
        }

        @Actor
        public void reader(final IIII_Result r)
        {
            r.r1 = read();
        }

        @Actor
        public void readerAndCloser(final IIII_Result r)
        {
            r.r2 = readAcrossClose();
        }

        @Arbiter
        public void arbiter(final IIII_Result r)
        {
            r.r3 = clearAndCheck();
            r.r4 = doubleFreesAndFree();
        }
    }
}
