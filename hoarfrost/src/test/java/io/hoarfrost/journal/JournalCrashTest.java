package io.hoarfrost.journal;

import io.hoarfrost.arena.ChildJvm;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Kills a child JVM with SIGKILL at random moments while it appends checksummed records (by append
 * and by claim, with a pretouch thread preparing segments, over 64 KiB segments so that kills land
 * around rolls), and
 * checks after each kill that reopening finds every record whose append had returned, each whole
 * and at its sequence, and that the writer continues the sequence; and the soak run's crash loop
 * ({@link JournalCrashSoak}), short.
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
            final long printed = ChildJvm.startAndKill(folder.getRoot().toPath(), records, random.nextInt(40),
                JournalChild.class, "append", dir.toString());
            final String context = "kill " + kill + " (seed " + seed + "), last sequence printed " + printed;
            final long found = JournalCrashSoak.verify(dir, context);
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
     * The crash loop of the soak run, short: six writers killed at random moments over 64 KiB
     * segments with an index entry per record (so kills land mid-append, mid-roll and
     * mid-index-update), with a reader in another JVM following them all; after each kill every
     * record is checked by sequence and checksum, and at the end the follower has read them all.
     */
    @Test
    public void killedMidAppendRollAndIndexUpdateWithAReaderFollowing() throws Exception
    {
        final long seed = System.nanoTime();
        final JournalCrashSoak loop = new JournalCrashSoak(folder.getRoot().toPath(), seed, 40, System.out);
        try
        {
            final long records = loop.journal(folder.getRoot().toPath().resolve("crash"), 6);
            assertTrue("records: " + records, records > 1000);
        }
        catch (final AssertionError ex)
        {
            throw new AssertionError("seed " + seed + ": " + ex.getMessage(), ex);
        }
    }
}
