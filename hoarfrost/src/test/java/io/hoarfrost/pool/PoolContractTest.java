package io.hoarfrost.pool;

/** The {@link BlockPool} contract for {@link Pool}. */
public class PoolContractTest extends BlockPoolContractTest
{
    @Override
    BlockPool newPool(final int blockSize)
    {
        return Pool.create(blockSize, 64);
    }
}
