package io.hoarfrost.arena;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.startsWith;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * A commit the OS refuses: a child JVM whose file-size limit ({@code ulimit -f}) is below the
 * arena's reserve appends until the file system says no. The append returns 0, the arena reports
 * the OS's reason, and every record appended before is intact.
 */
public class MappedArenaCommitFailureTest
{
    private static final Path BASH = Paths.get("/bin/bash");
    private static final int LIMIT_KIB = 2048;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aRefusedCommitReturnsZeroWithTheOsReasonAndKeepsEveryRecord() throws Exception
    {
        Assume.assumeTrue("needs bash for ulimit", Files.isExecutable(BASH));
        final Path path = folder.getRoot().toPath().resolve("limited.arena");
        MappedArena.create(path, 8L << 20).close();

        final List<String> command = new ArrayList<>(Arrays.asList(
            BASH.toString(), "-c", "ulimit -f " + LIMIT_KIB + " && exec \"$@\"", "bash"));
        command.addAll(ChildJvm.command(MappedArenaChild.class, "fill", path.toString(), "0"));
        final File stdout = folder.newFile();
        final File stderr = folder.newFile();
        final Process child = new ProcessBuilder(command).redirectOutput(stdout).redirectError(stderr).start();
        assertTrue("the child did not finish", child.waitFor(60, TimeUnit.SECONDS));
        final String output = new String(Files.readAllBytes(stdout.toPath()), StandardCharsets.US_ASCII).trim();
        assertEquals("stderr: " + new String(Files.readAllBytes(stderr.toPath()), StandardCharsets.UTF_8),
            0, child.exitValue());
        assertThat(output, startsWith("refused "));
        assertThat(output, containsString("File too large"));
        final long appended = Long.parseLong(output.split(" ")[1]);
        assertTrue(appended > 0);

        try (MappedArena arena = MappedArena.open(path))
        {
            assertTrue(arena.committedLength() < (long)LIMIT_KIB << 10);
        }
        long index = 0;
        try (MappedArenaReader reader = MappedArenaReader.open(path))
        {
            while (reader.next())
            {
                CheckedRecord.verify(reader.buffer(), reader.length(), index++);
            }
        }
        assertEquals(appended, index);
    }
}
