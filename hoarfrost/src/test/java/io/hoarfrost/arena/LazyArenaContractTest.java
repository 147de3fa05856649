package io.hoarfrost.arena;

public class LazyArenaContractTest extends ArenaContractTest
{
    @Override
    protected Arena newArena()
    {
        return new LazyArena(CAPACITY);
    }

    @Override
    protected long offsetOf(final Arena arena, final long address)
    {
        return ((LazyArena)arena).offsetOf(address);
    }
}
