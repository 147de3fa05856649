package io.hoarfrost.bench;

import io.hoarfrost.memory.MemoryChecks;

/**
 * The guard every benchmark's setup calls: Hoarfrost is measured with checked mode off, so a fork
 * that somehow sees {@code -Dhoarfrost.checks=true} fails at once instead of timing the tracking.
 */
final class ChecksOff
{
    private ChecksOff()
    {
    }

    /**
     * Throws if checked mode is on in this JVM.
     *
     * @param benchmark the benchmark class's simple name, for the message.
     * @throws IllegalStateException naming the property if checked mode is on.
     */
    static void require(final String benchmark)
    {
        if (MemoryChecks.ENABLED)
        {
            throw new IllegalStateException(
                MemoryChecks.PROPERTY + "=true in the benchmark JVM: " + benchmark + " measures checks off");
        }
    }
}
