package io.hoarfrost.memory;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

/**
 * Runs {@link PlatformProbeMain} in a child JVM of this JDK under each setting of
 * {@code --sun-misc-unsafe-memory-access}: allowed it is silent, by default on JDK 24+ it warns
 * once, denied it fails at first use with one clear exception.
 */
public class UnsafeAccessFlagTest
{
    private static final String DENY_FLAG = "--sun-misc-unsafe-memory-access=deny";

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void withThePortableFlagsEveryJdkRunsSilently() throws Exception
    {
        final ChildRun run = run(Platform.PORTABLE_FLAGS.split(" "));
        assertEquals(run.toString(), 0, run.exitCode);
        assertEquals(run.toString(), "", run.stderr);
        assertThat(run.stdout, startsWith("supported: " + Platform.current().jdk()));
    }

    @Test
    public void withoutTheFlagJdk24WarnsOnceAndWorks() throws Exception
    {
        Assume.assumeTrue("JDK 24+ warns by default", Platform.current().javaVersion() >= 24);
        final ChildRun run = run();
        assertEquals(run.toString(), 0, run.exitCode);
        assertThat(run.stdout, startsWith("supported: "));
        assertThat(run.stderr, startsWith("WARNING: A terminally deprecated method in sun.misc.Unsafe has been called"));
        assertEquals(run.toString(), 1, occurrences(run.stderr, "terminally deprecated"));
    }

    @Test
    public void deniedUnsafeFailsAtFirstUseWithOneClearException() throws Exception
    {
        Assume.assumeTrue("--sun-misc-unsafe-memory-access exists from JDK 23",
            Platform.current().javaVersion() >= Platform.FIRST_RELEASE_WITH_UNSAFE_FLAG);
        final ChildRun run = run(DENY_FLAG);

        assertEquals(run.toString(), 1, run.exitCode);
        final String firstUse = "Exception in thread \"main\" java.lang.UnsupportedOperationException: Hoarfrost cannot run on " +
            Platform.current().jdk() + ": sun.misc.Unsafe memory access is denied";
        assertThat(run.stderr, startsWith(firstUse));
        assertThat(run.stderr, containsString("Fix: start the JVM with " + Platform.UNSAFE_ALLOW_FLAG));
        assertEquals(run.toString(), 1, linesOtherThanStackFrames(run.stderr));
        assertThat(run.stderr, not(containsString("Caused by")));
        assertThat(run.stderr, not(containsString("ExceptionInInitializerError")));
        assertThat(run.stderr, not(containsString("NoClassDefFoundError")));
        // every entry point before the uncaught one threw the same message, and class loading never failed
        assertEquals(run.toString(), PlatformProbeMain.ENTRY_POINTS, occurrences(run.stdout, "UnsupportedOperationException: " +
            "Hoarfrost cannot run on"));
    }

    private static int linesOtherThanStackFrames(final String text)
    {
        int count = 0;
        for (final String line : text.split("\n"))
        {
            if (!line.startsWith("\tat "))
            {
                count++;
            }
        }
        return count;
    }

    private static int occurrences(final String text, final String part)
    {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length()))
        {
            count++;
        }
        return count;
    }

    private static ChildRun run(final String... flags) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(Arrays.asList(flags));
        command.add("-D" + MemoryChecks.PROPERTY + "=" + MemoryChecks.ENABLED);
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-Xmx32m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PlatformProbeMain.class.getName());
        final File stderr = File.createTempFile("hoarfrost-probe", ".err");
        try
        {
            final Process child = new ProcessBuilder(command).redirectError(stderr).start();
            final String stdout = readAll(child.getInputStream());
            if (!child.waitFor(60, TimeUnit.SECONDS))
            {
                child.destroyForcibly();
                throw new AssertionError("child JVM did not finish: " + command);
            }
            return new ChildRun(command, child.exitValue(), stdout,
                new String(Files.readAllBytes(stderr.toPath()), StandardCharsets.UTF_8));
        }
        finally
        {
            Files.delete(stderr.toPath());
        }
    }

    private static String readAll(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] chunk = new byte[4096];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk))
        {
            out.write(chunk, 0, n);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static final class ChildRun
    {
        private final List<String> command;
        private final int exitCode;
        private final String stdout;
        private final String stderr;

        private ChildRun(final List<String> command, final int exitCode, final String stdout, final String stderr)
        {
            this.command = command;
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString()
        {
            return command + " exited " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
