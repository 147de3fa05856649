package io.hoarfrost.bench;

import java.lang.management.ManagementFactory;

/**
 * This JVM's process id, from the runtime bean's name ({@code pid@host} on HotSpot), for naming
 * scratch files; Java 8 has no {@code ProcessHandle}.
 */
final class ProcessIds
{
    private ProcessIds()
    {
    }

    /**
     * The process id, or the whole runtime name if it has no {@code @}.
     *
     * @return text safe in a file name.
     */
    static String current()
    {
        final String name = ManagementFactory.getRuntimeMXBean().getName();
        final int at = name.indexOf('@');
        return (at > 0 ? name.substring(0, at) : name).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
