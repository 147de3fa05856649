package io.hoarfrost.journal;

import io.hoarfrost.arena.ChildJvm;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * One writer per journal across two JVMs, after the writer's process has done what could drop a
 * POSIX lock (opened and closed readers, retried a refused open); and a writer killed with
 * {@code kill -9} leaves the journal unlocked.
 */
public class JournalWriterLockTest
{
    private static final long TIMEOUT_SECONDS = 60;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aWriterHereKeepsItsLockAgainstAnotherProcess() throws Exception
    {
        final Path dir = folder.getRoot().toPath().resolve("here");
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            JournalTest.appendRecords(journal, scratch, 0, 1);
            try (JournalReader reader = JournalReader.open(dir))
            {
                assertTrue(reader.next());
            }
            assertThrows(IllegalStateException.class, () -> Journal.open(dir));

            final String child = runChild("try-open", dir);
            assertThat(child, startsWith("refused "));
            assertThat(child, containsString("already open for writing"));

            JournalTest.appendRecords(journal, scratch, 1, 2);
        }
        assertThat(runChild("try-open", dir), startsWith("opened 1"));
    }

    @Test
    public void aWriterInAnotherProcessKeepsItsLockAgainstThisOne() throws Exception
    {
        final Path dir = folder.getRoot().toPath().resolve("there");
        Journal.create(dir, JournalTest.SMALL).close();
        final Process child = new ProcessBuilder(ChildJvm.command(JournalChild.class, "hold", dir.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream stdin = child.getOutputStream())
        {
            assertEquals("ready", readLine(lines, child, "ready"));
            final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Journal.open(dir));
            assertThat(refused.getMessage(), containsString("already open for writing by another process"));
            try (JournalReader reader = JournalReader.open(dir))
            {
                assertEquals(1, JournalRecords.verifyAll(reader, 0));
            }
            stdin.write('\n');
            stdin.flush();
            assertEquals("done", readLine(lines, child, "done"));
            assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        finally
        {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue());
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(2, JournalRecords.verifyAll(reader, 0));
        }
    }

    @Test
    public void aWriterKilledWithSigkillLeavesTheJournalUnlocked() throws Exception
    {
        final Path dir = folder.getRoot().toPath().resolve("killed");
        Journal.create(dir, JournalTest.SMALL).close();
        final Process child = new ProcessBuilder(ChildJvm.command(JournalChild.class, "hold", dir.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)))
        {
            assertEquals("ready", readLine(lines, child, "ready"));
            assertThrows(IllegalStateException.class, () -> Journal.open(dir));
        }
        finally
        {
            child.destroyForcibly();
            child.waitFor();
        }
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(0, journal.lastSequence());
        }
    }

    @Test
    public void aNamedReaderHereKeepsItsNameAgainstAnotherProcess() throws Exception
    {
        final Path dir = folder.getRoot().toPath().resolve("named");
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            JournalTest.appendRecords(journal, scratch, 0, 3);
        }
        try (JournalReader reader = JournalReader.open(dir, "risk"))
        {
            assertTrue(reader.next());
            final String child = runChild("try-reader", dir, "risk");
            assertThat(child, startsWith("refused "));
            assertThat(child, containsString("already open in another process"));
            assertThat(runChild("try-reader", dir, "audit"), startsWith("opened 0"));
            assertTrue(reader.next());
        }
        assertThat(runChild("try-reader", dir, "risk"), startsWith("opened 2"));
        assertThat(runChild("try-reader", dir, "audit"), startsWith("opened 1"));
    }

    /**
     * A line from the child, read on a helper thread so that a child that hangs (a loaded machine,
     * a deadlock) fails the test after {@link #TIMEOUT_SECONDS} instead of hanging the build; the
     * child is then destroyed, which ends the helper's read.
     */
    private static String readLine(final BufferedReader lines, final Process child, final String awaited) throws Exception
    {
        final FutureTask<String> read = new FutureTask<>(lines::readLine);
        final Thread reader = new Thread(read, "child-line-reader");
        reader.setDaemon(true);
        reader.start();
        try
        {
            return read.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            child.destroyForcibly();
            throw new AssertionError("the child JVM wrote no line within " + TIMEOUT_SECONDS + " s (awaiting " + awaited +
                "); it was destroyed");
        }
        catch (final ExecutionException ex)
        {
            throw new AssertionError("reading the child JVM's output failed (awaiting " + awaited + ')', ex.getCause());
        }
    }

    private static String runChild(final String mode, final Path dir, final String... more) throws Exception
    {
        final String[] args = new String[2 + more.length];
        args[0] = mode;
        args[1] = dir.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        final Process child = new ProcessBuilder(ChildJvm.command(JournalChild.class, args))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            final String line = readLine(lines, child, "the outcome of " + mode);
            assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            return String.valueOf(line);
        }
        finally
        {
            child.destroyForcibly();
        }
    }
}
