package io.hoarfrost.arena;

public class BumpArenaContractTest extends ArenaContractTest
{
    @Override
    protected Arena newArena()
    {
        return new BumpArena(CAPACITY);
    }

    @Override
    protected long offsetOf(final Arena arena, final long address)
    {
        return address - ((BumpArena)arena).baseAddress();
    }
}
