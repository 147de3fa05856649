package io.hoarfrost.arena;

import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

public class MappedArenaContractTest extends ArenaContractTest
{
    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Override
    protected Arena newArena() throws Exception
    {
        return MappedArena.create(folder.getRoot().toPath().resolve("contract.arena"), CAPACITY);
    }

    @Override
    protected long offsetOf(final Arena arena, final long address)
    {
        return ((MappedArena)arena).offsetOf(address);
    }

    @Override
    protected long usedAfter(final long offset, final long size)
    {
        return RecordDescriptor.nextFrame(offset, size);
    }
}
