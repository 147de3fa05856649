package io.hoarfrost.bench.journal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JournalProbe} in a JVM of its own: the command line, the start, and the result line
 * read back.
 *
 * <p>Every probe JVM gets the same options whatever the store: a fixed 1 GiB heap, the flag that
 * keeps JDK 24+ quiet about {@code Unsafe} (ignored by older JVMs), Chronicle's analytics,
 * announcement banner and disk-space monitor turned off, and on JDK 9 and later the module
 * options Chronicle Queue 5.23 needs ({@link #CHRONICLE_MODULE_OPTIONS}).
 */
final class ChildJvm
{
    /**
     * What Chronicle Queue 5.23 needs on JDK 9 and later (its "Java 17 support" notes): access to
     * the JDK internals it uses for memory mapping, cleaners and its compiler. JDK 8 rejects them.
     */
    static final List<String> CHRONICLE_MODULE_OPTIONS = Collections.unmodifiableList(Arrays.asList(
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED"));

    /** The options of every probe JVM, on every JDK. */
    static final List<String> COMMON_OPTIONS = Collections.unmodifiableList(Arrays.asList(
        "-XX:+IgnoreUnrecognizedVMOptions", "--sun-misc-unsafe-memory-access=allow", "-Xms1g", "-Xmx1g",
        "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
        "-Dchronicle.disk.monitor.disable=true"));

    /** Longest a probe may run: 10 minutes. */
    static final long TIMEOUT_MINUTES = 10;

    private final String java;
    private final int feature;
    private final String classPath;
    private final Path logDir;

    /**
     * Probes run by a given {@code java}.
     *
     * @param java      the executable.
     * @param feature   its Java feature version (8, 17, ...).
     * @param classPath the probes' class path.
     * @param logDir    where each probe's standard error goes, a file per probe.
     */
    ChildJvm(final String java, final int feature, final String classPath, final Path logDir)
    {
        this.java = java;
        this.feature = feature;
        this.classPath = classPath;
        this.logDir = logDir;
    }

    /**
     * The feature version of the JVM this runs in: 8 for {@code 1.8}, else the major number.
     *
     * @return it.
     */
    static int thisFeature()
    {
        final String spec = System.getProperty("java.specification.version");
        final String major = spec.startsWith("1.") ? spec.substring(2) : spec;
        return Integer.parseInt(major.split("\\.")[0]);
    }

    /**
     * The command line of a probe.
     *
     * @param args the probe's arguments.
     * @return {@code java}, the options, the class path, {@link JournalProbe} and the arguments.
     */
    List<String> command(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(COMMON_OPTIONS);
        if (feature >= 9)
        {
            command.addAll(CHRONICLE_MODULE_OPTIONS);
        }
        command.add("-cp");
        command.add(classPath);
        command.add(JournalProbe.class.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /**
     * Starts a probe; its standard error goes to a log file named for it.
     *
     * @param name a name for the log file.
     * @param args the probe's arguments.
     * @return the process.
     * @throws IOException if it cannot be started.
     */
    Process start(final String name, final String... args) throws IOException
    {
        final File log = logDir.resolve(name + ".log").toFile();
        return new ProcessBuilder(command(args)).redirectError(log).start();
    }

    /**
     * Waits for a probe and reads its result line.
     *
     * @param name    its name, as given to {@link #start(String, String...)}.
     * @param process the process.
     * @return the result object.
     * @throws IOException           if its output cannot be read.
     * @throws IllegalStateException with its log if it fails, times out or prints no result.
     */
    JsonObject finish(final String name, final Process process) throws IOException
    {
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = out.readLine(); null != line; line = out.readLine())
            {
                if (line.startsWith(JournalProbe.PREFIX))
                {
                    result = line.substring(JournalProbe.PREFIX.length());
                }
            }
        }
        final boolean exited;
        try
        {
            exited = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for probe " + name, ex);
        }
        if (!exited)
        {
            process.destroyForcibly();
        }
        if (!exited || 0 != process.exitValue() || null == result)
        {
            final Path log = logDir.resolve(name + ".log");
            final String text = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
            throw new IllegalStateException("probe " + name + (exited ? " exited with " + process.exitValue() : " timed out") +
                (null == result ? " without a result" : "") + "; its standard error:" + System.lineSeparator() + text);
        }
        return JsonParser.parseString(result).getAsJsonObject();
    }

    /**
     * Runs a probe to its end.
     *
     * @param name a name for its log file.
     * @param args the probe's arguments.
     * @return its result, with {@code processNanos}: from the start of the process to its exit, as
     * this JVM saw it.
     * @throws IOException           if it cannot be started or read.
     * @throws IllegalStateException with its log if it fails.
     */
    JsonObject run(final String name, final String... args) throws IOException
    {
        final long start = System.nanoTime();
        final JsonObject result = finish(name, start(name, args));
        result.addProperty("processNanos", System.nanoTime() - start);
        return result;
    }
}
