package io.hoarfrost.arena;

import io.hoarfrost.memory.MemoryChecks;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a child JVM running a test-tree main class: this JVM's java, class path,
 * Unsafe flags and checked mode, tuned to start fast.
 */
public final class ChildJvm
{
    private static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access=allow";

    private ChildJvm()
    {
    }

    public static List<String> command(final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-XX:+IgnoreUnrecognizedVMOptions");
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains(UNSAFE_FLAG))
        {
            command.add(UNSAFE_FLAG);
        }
        command.add("-D" + MemoryChecks.PROPERTY + "=" + MemoryChecks.ENABLED);
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }
}
