package io.hoarfrost.arena;

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
import java.util.concurrent.TimeUnit;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * One writer per file across two JVMs, after the writer's process has done what used to drop its
 * POSIX lock: opened and closed a reader on its own file, and retried an open that was refused.
 * Before the fix, the second process opened the file as a writer and its records overwrote the
 * first's.
 */
public class MappedArenaWriterLockTest
{
    private static final long RESERVE = 1L << 20;
    private static final long CHUNK = 1L << 16;
    private static final long TIMEOUT_SECONDS = 60;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aWriterHereKeepsItsLockAgainstAnotherProcess() throws Exception
    {
        final Path path = folder.getRoot().toPath().resolve("here.arena");
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CheckedRecord.MAX_LENGTH]);
        try (MappedArena arena = MappedArena.create(path, RESERVE, CHUNK))
        {
            arena.append(scratch, 0, CheckedRecord.write(scratch, 0));
            try (MappedArenaReader reader = MappedArenaReader.open(path))
            {
                assertTrue(reader.next());
            }
            assertThrows(IllegalStateException.class, () -> MappedArena.open(path));

            final String child = runChild("try-open", path, 1);
            assertThat(child, startsWith("refused "));
            assertThat(child, containsString("already open for writing"));

            arena.append(scratch, 0, CheckedRecord.write(scratch, 1));
        }
        assertEquals(2, replay(path));
    }

    @Test
    public void aWriterInAnotherProcessKeepsItsLockAgainstThisOne() throws Exception
    {
        final Path path = folder.getRoot().toPath().resolve("there.arena");
        MappedArena.create(path, RESERVE, CHUNK).close();
        final Process child = new ProcessBuilder(ChildJvm.command(MappedArenaChild.class, "hold", path.toString(), "0"))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream stdin = child.getOutputStream())
        {
            assertEquals("ready", lines.readLine());
            final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> MappedArena.open(path));
            assertThat(refused.getMessage(), containsString("already open for writing"));
            stdin.write('\n');
            stdin.flush();
            assertEquals("done", lines.readLine());
            assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        finally
        {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue());
        assertEquals(2, replay(path));
    }

    private static String runChild(final String mode, final Path path, final long index) throws Exception
    {
        final Process child = new ProcessBuilder(ChildJvm.command(MappedArenaChild.class, mode, path.toString(),
            String.valueOf(index)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            final String line = lines.readLine();
            assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            return String.valueOf(line);
        }
        finally
        {
            child.destroyForcibly();
        }
    }

    private static int replay(final Path path)
    {
        int index = 0;
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            while (reader.next())
            {
                CheckedRecord.verify(reader.buffer(), reader.length(), index++);
            }
        }
        return index;
    }
}
