package io.hoarfrost.memory;

import java.nio.ByteBuffer;

/**
 * A child JVM's main for {@link UnsafeAccessFlagTest}: uses Memory as an application would and
 * prints what happened. On a supported JVM it prints "supported: " and the platform; otherwise
 * it prints each entry point's exception, then lets the first allocation's exception escape main.
 */
public final class PlatformProbeMain
{
    static final int ENTRY_POINTS = 4;

    private PlatformProbeMain()
    {
    }

    /**
     * Runs the probe.
     *
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        if (Platform.current().isSupported())
        {
            final long address = Memory.allocate(64, 64);
            Memory.putLongVolatile(address, 42L);
            final ByteBuffer direct = ByteBuffer.allocateDirect(16);
            final long adopted = Memory.adopt(direct);
            Memory.copy(address, adopted, 8);
            final long value = Memory.getLong(adopted);
            Memory.releaseAdopted(direct);
            Memory.free(address, 64);
            System.out.println("supported: " + Platform.current() + " value " + value);
            return;
        }
        attempt(() -> Memory.allocate(8));
        attempt(() -> NativeAllocator.INSTANCE.allocate(8, 64));
        attempt(() -> Memory.adopt(ByteBuffer.allocateDirect(8)));
        attempt(() -> Memory.free(8));
        System.out.flush();
        Memory.allocate(8);
    }

    private static void attempt(final Runnable entryPoint)
    {
        try
        {
            entryPoint.run();
            System.out.println("no exception");
        }
        catch (final RuntimeException | Error ex)
        {
            System.out.println(ex);
        }
    }
}
