package io.hoarfrost.bench;

import io.hoarfrost.memory.MemoryChecks;

/**
 * The guard every benchmark's setup calls: Hoarfrost is measured with checked mode off, so a fork
 * that somehow sees {@code -Dhoarfrost.checks=true} fails at once instead of timing the tracking.
 * The runner's {@code --checked} pass, which measures the tracking on purpose, also sets
 * {@code -Dhoarfrost.bench.checked=true}, and then the guard lets it through.
 */
final class ChecksOff
{
    private ChecksOff()
    {
    }

    /**
     * Throws if checked mode is on in this JVM and the {@code --checked} pass did not ask for it.
     *
     * @param benchmark the benchmark class's simple name, for the message.
     * @throws IllegalStateException naming the property if checked mode is on.
     */
    static void require(final String benchmark)
    {
        if (MemoryChecks.ENABLED && !Boolean.getBoolean("hoarfrost.bench.checked"))
        {
            throw new IllegalStateException(
                MemoryChecks.PROPERTY + "=true in the benchmark JVM: " + benchmark +
                " measures checks off (the runner's --checked pass measures them on)");
        }
    }
}
