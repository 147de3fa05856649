package io.hoarfrost.jcstress;

import io.hoarfrost.array.ArrayLayout;
import io.hoarfrost.array.AtomicArrayRef;
import io.hoarfrost.array.ElementType;
import io.hoarfrost.array.LabeledArrayView;
import io.hoarfrost.memory.Memory;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Publication through an {@link AtomicArrayRef}: one thread allocates a thin array of length 1
 * (zeroed), writes 42 into it and sets it into the cell; another reads the cell and, if it sees
 * the array, its stored length and element. A reader that sees the array sees its length (1) and
 * its element (42), never the zeroed memory behind them.
 */
public final class ArrayRefPublication
{
    static final ArrayLayout LAYOUT = ArrayLayout.thin(ElementType.LONG);

    private ArrayRefPublication()
    {
    }

    /** The cell on the heap. */
    @JCStressTest
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "the reader came first: the cell was empty")
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "the reader saw the array, its length and its element")
    @Outcome(id = {"1, 0", "0, .*"}, expect = FORBIDDEN, desc = "the reader saw the array but not what was written to it")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a torn publication")
    @State
    public static class OnHeap
    {
        final AtomicArrayRef ref = AtomicArrayRef.onHeap(LAYOUT);
        final LabeledArrayView view = new LabeledArrayView();

        @Actor
        public void writer()
        {
            publish(ref);
        }

        @Actor
        public void reader(final II_Result r)
        {
            read(ref, view, r);
        }

        @Arbiter
        public void arbiter(final II_Result r)
        {
            ref.clear();
        }
    }

    /** The cell in native memory. */
    @JCStressTest
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "the reader came first: the cell was empty")
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "the reader saw the array, its length and its element")
    @Outcome(id = {"1, 0", "0, .*"}, expect = FORBIDDEN, desc = "the reader saw the array but not what was written to it")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a torn publication")
    @State
    public static class OffHeap
    {
        final long cell = zeroedCell();
        final AtomicArrayRef ref = AtomicArrayRef.offHeap(LAYOUT, cell);
        final LabeledArrayView view = new LabeledArrayView();

        @Actor
        public void writer()
        {
            publish(ref);
        }

        @Actor
        public void reader(final II_Result r)
        {
            read(ref, view, r);
        }

        @Arbiter
        public void arbiter(final II_Result r)
        {
            ref.clear();
            Memory.free(cell);
        }

        private static long zeroedCell()
        {
            final long cell = Memory.allocate(Long.BYTES);
            Memory.putLong(cell, AtomicArrayRef.EMPTY);
            return cell;
        }
    }

    static void publish(final AtomicArrayRef ref)
    {
        final long block = LAYOUT.allocate(1);
        Memory.putLong(LAYOUT.elementsAddress(block), 42L);
        ref.set(block);
    }

    static void read(final AtomicArrayRef ref, final LabeledArrayView view, final II_Result r)
    {
        final long block = ref.get();
        if (block == AtomicArrayRef.EMPTY)
        {
            r.r1 = -1;
            r.r2 = -1;
            return;
        }
        final int length = LAYOUT.length(block);
        r.r1 = length;
        r.r2 = length == 1 ? (int)view.wrap(LAYOUT, block).getLong(0) : 0;
    }
}
