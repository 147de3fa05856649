package io.hoarfrost.aeron;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a child JVM running a main class of this module: this JVM's java, class
 * path and access flags, tuned to start fast (the idea of the library tests' {@code ChildJvm}).
 */
final class ChildJvm
{
    private ChildJvm()
    {
    }

    static List<String> command(final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-XX:+IgnoreUnrecognizedVMOptions");
        final List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < inherited.size(); i++)
        {
            final String arg = inherited.get(i);
            if (arg.startsWith("--sun-misc-unsafe-memory-access") || arg.startsWith("--add-opens") ||
                arg.startsWith("-Dhoarfrost.checks"))
            {
                command.add(arg);
                if ("--add-opens".equals(arg) && i + 1 < inherited.size())
                {
                    command.add(inherited.get(++i));
                }
            }
        }
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }
}
