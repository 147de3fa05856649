package io.hoarfrost.arena;

import io.hoarfrost.memory.MemoryChecks;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line of a child JVM running a test-tree main class: this JVM's java, class path,
 * Unsafe flags and checked mode, tuned to start fast; and the crash tests' kill of such a child.
 * Free of JUnit, so that the soak run can use it too.
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

    /**
     * Starts {@code main} in a child JVM, waits until it has printed its first line (at most 30
     * s), lets it run {@code delayMillis} more, kills it with SIGKILL, and returns the number on
     * its last complete line. The child must print one number per line, each after the act it
     * counts was done, unbuffered: its stdout goes to a file in {@code scratch}, and what it wrote
     * survives the kill in the page cache; a line cut by the kill has no newline and is not
     * counted. The files are deleted afterwards.
     *
     * @param scratch     a directory for the child's stdout and stderr.
     * @param first       the first number the child will print.
     * @param delayMillis how long the child runs after its first line.
     * @param main        the child's main class.
     * @param args        its arguments.
     * @return the last number printed, at least {@code first}.
     * @throws AssertionError with the child's exit status and stderr if it printed nothing.
     * @throws IOException    if the child cannot be started or its output read.
     * @throws InterruptedException if interrupted while waiting for the child.
     */
    public static long startAndKill(final Path scratch, final long first, final int delayMillis, final Class<?> main,
        final String... args) throws IOException, InterruptedException
    {
        final File stdout = Files.createTempFile(scratch, "child", ".out").toFile();
        final File stderr = Files.createTempFile(scratch, "child", ".err").toFile();
        try
        {
            final Process child = new ProcessBuilder(command(main, args))
                .redirectOutput(stdout)
                .redirectError(stderr)
                .start();
            try
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (0 == stdout.length() && child.isAlive() && System.nanoTime() < deadline)
                {
                    Thread.sleep(2);
                }
                Thread.sleep(delayMillis);
            }
            finally
            {
                child.destroyForcibly();
                child.waitFor();
            }
            final long last = lastCompleteLine(Files.readAllBytes(stdout.toPath()), first - 1);
            if (last < first)
            {
                throw new AssertionError("the child " + main.getSimpleName() + " printed nothing; exit " +
                    child.exitValue() + ": " + new String(Files.readAllBytes(stderr.toPath()), StandardCharsets.UTF_8));
            }
            return last;
        }
        finally
        {
            Files.deleteIfExists(stdout.toPath());
            Files.deleteIfExists(stderr.toPath());
        }
    }

    /** The number on the last complete line, or {@code none}. */
    private static long lastCompleteLine(final byte[] output, final long none)
    {
        long last = none;
        long value = 0;
        for (final byte b : output)
        {
            if ('\n' == b)
            {
                last = value;
                value = 0;
            }
            else
            {
                value = value * 10 + (b - '0');
            }
        }
        return last;
    }
}
