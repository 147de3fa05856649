package io.hoarfrost.journal;

import io.hoarfrost.arena.ChildJvm;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * Kills a child JVM with SIGKILL at random moments while it appends checksummed records (by append
 * and by claim, with a pretouch thread preparing segments, over 64 KiB segments so that kills land
 * around rolls), and
 * checks after each kill that reopening finds every record whose append had returned, each whole
 * and at its sequence, and that the writer continues the sequence.
 */
public class JournalCrashTest
{
    private static final int KILLS = 6;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void everyReturnedAppendSurvivesSigkill() throws Exception
    {
        final Path dir = folder.getRoot().toPath().resolve("crash");
        Journal.create(dir, JournalChecksumTest.CHECKED).close();
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        long records = 0;
        for (int kill = 0; kill < KILLS; kill++)
        {
            final long printed = runAndKill(dir, records, random.nextInt(40));
            final String context = "kill " + kill + " (seed " + seed + "), last sequence printed " + printed;
            final long found = verify(dir, context);
            assertTrue(context + ": found " + found + " records", found > printed);
            records = found;
        }
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(records - 1, journal.lastSequence());
            JournalTest.appendRecords(journal, scratch, records, records + 1000);
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(records + 1000, JournalRecords.verifyAll(reader, 0));
        }
        assertTrue("the kills spanned several segments: " + JournalTest.segments(dir), JournalTest.segments(dir) > 1);
    }

    /**
     * Starts a child appending, kills it {@code delayMillis} after its first append returned, and
     * returns the last sequence it printed (each printed after its append returned).
     */
    private long runAndKill(final Path dir, final long first, final int delayMillis) throws Exception
    {
        final File stdout = folder.newFile();
        final File stderr = folder.newFile();
        final Process child = new ProcessBuilder(ChildJvm.command(JournalChild.class, "append", dir.toString()))
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
            fail("the child printed nothing; exit " + child.exitValue() + ": " +
                new String(Files.readAllBytes(stderr.toPath()), StandardCharsets.UTF_8));
        }
        return last;
    }

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

    /** Reopens the journal as a writer (repairing a roll cut short), then replays every record. */
    private static long verify(final Path dir, final String context)
    {
        final long last;
        try (Journal journal = Journal.open(dir))
        {
            last = journal.lastSequence();
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(context, last, reader.lastSequence());
            final long found = JournalRecords.verifyAll(reader, 0);
            assertEquals(context, last + 1, found);
            return found;
        }
    }
}
