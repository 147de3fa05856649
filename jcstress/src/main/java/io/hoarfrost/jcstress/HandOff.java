package io.hoarfrost.jcstress;

import io.hoarfrost.memory.Memory;
import io.hoarfrost.pool.ConcurrentPool;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * State of a {@link PoolHandOff} test: each actor allocates a block from a pool shared by every
 * state and writes its mark into it; the arbiter checks and frees both. The actors only allocate
 * and the arbiter only frees, so the actors' thread caches keep running empty and both take full
 * magazines from the lock-free depot at the same time, while the arbiter's thread keeps pushing
 * the blocks it frees there: every block is allocated on one thread, freed on another and handed
 * to a third.
 */
class HandOff
{
    private static final long FIRST = 1;
    private static final long SECOND = 2;

    final ConcurrentPool pool;
    long first;
    long second;

    HandOff(final ConcurrentPool pool)
    {
        this.pool = pool;
    }

    final void allocateFirst()
    {
        final long block = pool.allocate();
        Memory.putLong(block, FIRST);
        first = block;
    }

    final void allocateSecond()
    {
        final long block = pool.allocate();
        Memory.putLong(block, SECOND);
        second = block;
    }

    /** r1: both actors got the same block; r2: both marks survived. */
    final void judgeAndFree(final ZZ_Result r)
    {
        r.r1 = first == second;
        r.r2 = Memory.getLong(first) == FIRST && Memory.getLong(second) == SECOND;
        pool.free(first);
        if (second != first)
        {
            pool.free(second);
        }
    }
}
