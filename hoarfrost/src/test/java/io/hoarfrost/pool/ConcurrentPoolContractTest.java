package io.hoarfrost.pool;

/** The {@link BlockPool} contract for {@link ConcurrentPool}. */
public class ConcurrentPoolContractTest extends BlockPoolContractTest
{
    @Override
    BlockPool newPool(final int blockSize)
    {
        return ConcurrentPool.create(blockSize);
    }
}
