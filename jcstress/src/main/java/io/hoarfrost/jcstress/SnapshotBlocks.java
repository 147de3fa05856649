package io.hoarfrost.jcstress;

import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.RimeLayout;
import io.hoarfrost.rc.SnapshotCell;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * State shared by the {@link SnapshotCell} tests: a cell (on the heap or in 8 bytes of native
 * memory) over {@code Rime} blocks of one long whose value names the block (1, 2, ...), allocated
 * through this object, a recording {@link Allocator}.
 *
 * <p>The allocator's {@code free} does not give the memory back: it counts the free and writes
 * {@link #FREED} over the block's data, as a reused block's new owner would. So a reader that holds
 * a block whose count reached zero sees the poison (or the free count) instead of crashing the
 * fork, a block freed twice shows as a free count of 2, and a block never freed (a count that
 * never returned to zero) as a free count of 0. The arbiter ({@link #clearAndCheck()}) empties
 * the cell, counts those, and only then frees the memory for real, so nothing leaks across the
 * millions of states.
 *
 * <p>Reader results ({@link #read()}): the block's value, {@link #NONE} if the cell was empty,
 * {@link #HELD_FREED} if the block was freed, poisoned or at count 0 while the reader held it,
 * {@link #THREW} if an operation threw.
 */
class SnapshotBlocks implements Allocator
{
    /** Data bytes of every block: one long, the block's value. */
    static final int DATA = Long.BYTES;

    /** What a free writes over a block's data. */
    static final long FREED = 0xDEAD_F4EE_DEAD_F4EEL;

    /** A reader found the cell empty. */
    static final int NONE = 0;

    /** A reader held a block that was freed, poisoned or at count 0. */
    static final int HELD_FREED = -2;

    /** An operation threw (a counter over- or underflow, say). */
    static final int THREW = -1;

    private static final int MAX_BLOCKS = 4;
    private static final int DATA_ALIGNMENT = Long.BYTES;

    final RimeLayout layout;
    final SnapshotCell cell;
    private final long cellMemory;
    private final AtomicInteger allocated = new AtomicInteger();
    private final AtomicLongArray blocks = new AtomicLongArray(MAX_BLOCKS);
    private final AtomicIntegerArray frees = new AtomicIntegerArray(MAX_BLOCKS);
    private final AtomicInteger strayFrees = new AtomicInteger();

    SnapshotBlocks(final Counter counter, final boolean offHeap)
    {
        layout = RimeLayout.of(this, counter, 0, DATA_ALIGNMENT);
        if (offHeap)
        {
            cellMemory = Memory.allocate(Long.BYTES);
            Memory.putLong(cellMemory, SnapshotCell.EMPTY);
            cell = SnapshotCell.offHeap(layout, DATA, cellMemory);
        }
        else
        {
            cellMemory = 0;
            cell = SnapshotCell.onHeap(layout, DATA);
        }
    }

    @Override
    public long allocate(final long size, final int alignment)
    {
        final int slot = allocated.getAndIncrement();
        if (slot >= MAX_BLOCKS)
        {
            throw new IllegalStateException("a SnapshotCell test allocates at most " + MAX_BLOCKS + " blocks");
        }
        final long address = Memory.allocate(size, alignment);
        blocks.set(slot, address);
        return address;
    }

    @Override
    public void free(final long address, final long size, final int alignment)
    {
        final int slot = slotOf(address);
        if (slot < 0)
        {
            strayFrees.incrementAndGet();
            return;
        }
        Memory.putLongVolatile(layout.dataAddress(address), FREED);
        frees.incrementAndGet(slot);
    }

    /** A new block with a count of 1 (the caller's reference) and {@code value} as its data. */
    final long block(final long value)
    {
        final long block = layout.allocate(DATA);
        Memory.putLong(layout.dataAddress(block), value);
        return block;
    }

    /**
     * A writer: puts a new block holding {@code value} in with {@code getAndSet}, then checks and
     * releases the block it took out.
     *
     * @return the value of the block taken out (see {@link #checkAndRelease(long)}), {@link #NONE}
     *         if the cell was empty, or {@link #THREW}.
     */
    final int swapIn(final long value)
    {
        try
        {
            final long old = cell.getAndSet(block(value));
            return old == SnapshotCell.EMPTY ? NONE : checkAndRelease(old);
        }
        catch (final RuntimeException ex)
        {
            return THREW;
        }
    }

    /**
     * A writer: puts a new block holding {@code value} in with {@code set}, which releases the
     * cell's reference to the old block.
     *
     * @return 1, or {@link #THREW}.
     */
    final int setIn(final long value)
    {
        try
        {
            cell.set(block(value));
            return 1;
        }
        catch (final RuntimeException ex)
        {
            return THREW;
        }
    }

    /**
     * A writer: empties the cell with {@code close}, which releases the cell's reference to its
     * block.
     *
     * @return 1, or {@link #THREW}.
     */
    final int close()
    {
        try
        {
            cell.close();
            return 1;
        }
        catch (final RuntimeException ex)
        {
            return THREW;
        }
    }

    /**
     * A writer: swaps a new block holding {@code value} in with {@code compareAndSet} if the cell
     * holds {@code expected}, then checks and releases {@code expected}, or releases the new
     * block if the swap failed.
     *
     * @return the value of the block taken out (see {@link #checkAndRelease(long)}), {@link #NONE}
     *         if the swap failed, or {@link #THREW}.
     */
    final int compareAndSwapIn(final long expected, final long value)
    {
        try
        {
            final long next = block(value);
            if (cell.compareAndSet(expected, next))
            {
                return checkAndRelease(expected);
            }
            layout.release(next, DATA);
            return NONE;
        }
        catch (final RuntimeException ex)
        {
            return THREW;
        }
    }

    /**
     * A reader that holds its block across a writer's {@code set(block(value))} on its own thread
     * (a second reader in flight when the writer settles): acquires, sets, then checks and releases
     * the block it acquired.
     *
     * @return the acquired block's value (see {@link #checkAndRelease(long)}), {@link #NONE} if the
     *         cell was empty, or {@link #THREW}.
     */
    final int readAcrossSet(final long value)
    {
        return readAcross(value);
    }

    /**
     * A reader that holds its block across a {@code close} of the cell on its own thread: acquires,
     * closes, then checks and releases the block it acquired.
     *
     * @return as {@link #readAcrossSet(long)}.
     */
    final int readAcrossClose()
    {
        return readAcross(NONE);
    }

    private int readAcross(final long value)
    {
        try
        {
            final long block = cell.acquire();
            if (value == NONE)
            {
                cell.close();
            }
            else
            {
                cell.set(block(value));
            }
            return block == SnapshotCell.EMPTY ? NONE : checkAndRelease(block);
        }
        catch (final RuntimeException ex)
        {
            return THREW;
        }
    }

    /**
     * A reader: acquires the current block, reads its value, checks that the block is still
     * unfreed with a count above 0 and its value intact, and releases it.
     *
     * @return the value, {@link #NONE}, {@link #HELD_FREED} or {@link #THREW}.
     */
    final int read()
    {
        try
        {
            final long block = cell.acquire();
            return block == SnapshotCell.EMPTY ? NONE : checkAndRelease(block);
        }
        catch (final RuntimeException ex)
        {
            return THREW;
        }
    }

    /**
     * Checks a block the caller holds a reference to (see {@link #read()}), then releases that
     * reference.
     *
     * @return the block's value, or {@link #HELD_FREED}, or {@link #THREW}.
     */
    final int checkAndRelease(final long block)
    {
        try
        {
            final long value = Memory.getLong(layout.dataAddress(block));
            final int slot = slotOf(block);
            final boolean live = slot >= 0 && frees.get(slot) == 0 && layout.refCount(block) > 0 &&
                Memory.getLong(layout.dataAddress(block)) == value;
            layout.release(block, DATA);
            return live && value > 0 && value <= MAX_BLOCKS ? (int)value : HELD_FREED;
        }
        catch (final RuntimeException ex)
        {
            return THREW;
        }
    }

    /**
     * Takes {@code n} tickets from the cell up front, so the state starts right below the cell's
     * top-up threshold; {@link #releaseHeld(long, int)} gives them back.
     *
     * @return the block the tickets are for.
     */
    final long acquireHeld(final int n)
    {
        long block = SnapshotCell.EMPTY;
        for (int i = 0; i < n; i++)
        {
            block = cell.acquire();
        }
        return block;
    }

    /**
     * Releases {@code n} references to {@code block}: call from the arbiter, before
     * {@link #clearAndCheck()}.
     *
     * @return true, or false if a release threw.
     */
    final boolean releaseHeld(final long block, final int n)
    {
        try
        {
            for (int i = 0; i < n; i++)
            {
                layout.release(block, DATA);
            }
            return true;
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    /**
     * The arbiter: empties the cell, then counts the blocks whose count never reached zero (never
     * freed) and frees every block's memory for real. Call once, after every reference was
     * released.
     *
     * @return how many blocks were never freed, or {@link #THREW} if emptying the cell threw.
     */
    final int clearAndCheck()
    {
        int leaked;
        try
        {
            cell.clear();
            leaked = 0;
            for (int i = 0, n = blockCount(); i < n; i++)
            {
                if (frees.get(i) == 0)
                {
                    leaked++;
                }
            }
        }
        catch (final RuntimeException ex)
        {
            leaked = THREW;
        }
        return leaked;
    }

    /**
     * How many blocks were freed more than once, plus every free of a block this state did not
     * allocate; then every block's memory (and the cell's) goes back for real. Call once, from the
     * arbiter, after {@link #clearAndCheck()}.
     *
     * @return the number of extra frees: 0 when every block was freed at most once.
     */
    final int doubleFreesAndFree()
    {
        int extra = strayFrees.get();
        for (int i = 0, n = blockCount(); i < n; i++)
        {
            final int count = frees.get(i);
            if (count > 1)
            {
                extra += count - 1;
            }
            Memory.free(blocks.get(i), layout.blockAlignment());
        }
        if (cellMemory != 0)
        {
            Memory.free(cellMemory);
        }
        return extra;
    }

    private int blockCount()
    {
        return Math.min(allocated.get(), MAX_BLOCKS);
    }

    private int slotOf(final long address)
    {
        for (int i = 0, n = blockCount(); i < n; i++)
        {
            if (blocks.get(i) == address)
            {
                return i;
            }
        }
        return -1;
    }
}
