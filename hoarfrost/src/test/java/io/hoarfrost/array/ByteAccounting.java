package io.hoarfrost.array;

import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.NativeAllocator;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * heaparray's accounting test as a JUnit rule: an {@link Allocator} over the native heap that counts
 * the bytes it hands out and takes back, and fails the test unless every byte allocated was freed,
 * each block with the size and alignment it was allocated with. Thread-safe.
 */
public final class ByteAccounting implements TestRule, Allocator
{
    private final Map<Long, long[]> live = new ConcurrentHashMap<>();
    private final AtomicLong allocatedBytes = new AtomicLong();
    private final AtomicLong freedBytes = new AtomicLong();
    private final AtomicLong allocations = new AtomicLong();

    @Override
    public long allocate(final long size, final int alignment)
    {
        final long address = NativeAllocator.INSTANCE.allocate(size, alignment);
        live.put(address, new long[]{ size, alignment });
        allocatedBytes.addAndGet(size);
        allocations.incrementAndGet();
        return address;
    }

    @Override
    public void free(final long address, final long size, final int alignment)
    {
        final long[] block = live.remove(address);
        if (null == block)
        {
            throw new AssertionError("free of 0x" + Long.toHexString(address) + ", not allocated here or freed twice");
        }
        if (block[0] != size || block[1] != alignment)
        {
            throw new AssertionError("free of 0x" + Long.toHexString(address) + " as (" + size + ", " + alignment +
                ") but it was allocated as (" + block[0] + ", " + block[1] + ")");
        }
        freedBytes.addAndGet(size);
        NativeAllocator.INSTANCE.free(address, size, alignment);
    }

    /** Bytes handed out so far. */
    public long allocatedBytes()
    {
        return allocatedBytes.get();
    }

    /** Bytes taken back so far. */
    public long freedBytes()
    {
        return freedBytes.get();
    }

    /** Blocks handed out so far. */
    public long allocations()
    {
        return allocations.get();
    }

    /** Bytes handed out and not yet taken back. */
    public long liveBytes()
    {
        return allocatedBytes.get() - freedBytes.get();
    }

    @Override
    public Statement apply(final Statement base, final Description description)
    {
        return new Statement()
        {
            @Override
            public void evaluate() throws Throwable
            {
                base.evaluate();
                if (allocatedBytes.get() != freedBytes.get() || !live.isEmpty())
                {
                    throw new AssertionError(description.getDisplayName() + ": allocated " + allocatedBytes.get() +
                        " bytes but freed " + freedBytes.get() + "; " + live.size() + " blocks still live");
                }
            }
        };
    }

    @Override
    public String toString()
    {
        return "ByteAccounting";
    }
}
