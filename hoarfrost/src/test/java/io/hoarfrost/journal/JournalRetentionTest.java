package io.hoarfrost.journal;

import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * Retention by count: the writer deletes (or hands to a callback) whole sealed segments beyond the
 * count, oldest first; readers see the journal start later, and a seek into a deleted segment
 * names the sequence.
 */
public class JournalRetentionTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);

    @Test
    public void keepsTheNewestSegmentsAndReadersStartAtTheOldestLeft() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        try (Journal journal = Journal.create(dir, JournalTest.SMALL);
             JournalReader early = JournalReader.open(dir))
        {
            journal.retain(3, null);
            JournalTest.appendRecords(journal, scratch, 0, 100);
            assertTrue(early.next());
            JournalTest.appendRecords(journal, scratch, 100, 10_000);
            assertEquals(3, JournalTest.segments(dir));
            final long[] firsts = JournalFiles.listSegments(dir);
            try (JournalReader reader = JournalReader.open(dir))
            {
                assertEquals(10_000 - firsts[0], JournalRecords.verifyAll(reader, firsts[0]));
                final IllegalStateException deleted = assertThrows(IllegalStateException.class, () -> reader.seek(5));
                assertThat(deleted.getMessage(), containsString("sequence 5"));
                reader.toStart();
                assertTrue(reader.next());
                assertEquals(firsts[0], reader.sequence());
            }
            final IllegalStateException moved = assertThrows(IllegalStateException.class, () ->
            {
                while (early.next())
                {
                    early.length();
                }
            });
            assertThat(moved.getMessage(), containsString("is in a segment that was deleted"));
        }
    }

    @Test
    public void aReaderWhoseTailSuccessorWasDeletedStillFindsTheEnd() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        try (Journal journal = Journal.create(dir, JournalTest.SMALL);
             JournalReader early = JournalReader.open(dir);
             JournalReader caughtUp = JournalReader.open(dir))
        {
            journal.retain(2, null);
            JournalTest.appendRecords(journal, scratch, 0, 100);
            assertTrue(early.next());
            JournalTest.appendRecords(journal, scratch, 100, 10_000);
            assertEquals(2, JournalTest.segments(dir));
            assertEquals(9_999, early.lastSequence());
            early.toEnd();
            assertFalse(early.next());
            JournalTest.appendRecords(journal, scratch, 10_000, 10_001);
            assertTrue(early.next());
            assertEquals(10_000, early.sequence());
            JournalRecords.verify(early.buffer(), early.length(), 10_000);

            // a reader that moved on (its current segment later than its tail) starts from its current segment
            caughtUp.toEnd();
            for (long from = 10_001; from < 20_001; from += 100)
            {
                JournalTest.appendRecords(journal, scratch, from, from + 100);
                assertEquals(100, JournalRecords.verifyAll(caughtUp, from));
            }
            assertEquals(20_000, caughtUp.lastSequence());
            caughtUp.toEnd();
            assertFalse(caughtUp.next());
        }
    }

    @Test
    public void oneWarmUpPretouchDoesNotDisableRetentionOnTheWriter() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            journal.retain(2, null);
            journal.pretouch();
            JournalTest.appendRecords(journal, scratch, 0, 10_000);
            assertEquals(2, JournalTest.segments(dir));
        }
    }

    @Test
    public void aFailedRetentionIsNotAFailedAppendAndIsTriedAgain() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        final Path archive = folder.newFolder("archive").toPath();
        final List<Path> offered = new ArrayList<>();
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            journal.retain(2, file ->
            {
                offered.add(file);
                if (1 == offered.size())
                {
                    throw new IllegalStateException("archive unavailable");
                }
                try
                {
                    Files.move(file, archive.resolve(file.getFileName()));
                }
                catch (final IOException ex)
                {
                    throw new AssertionError(ex);
                }
            });
            JournalTest.appendRecords(journal, scratch, 0, 10_000);
            assertEquals(9_999, journal.lastSequence());
            assertEquals(2, JournalTest.segments(dir));
        }
        assertEquals(offered.get(0), offered.get(1));
        assertEquals(JournalDescriptor.segmentName(0), offered.get(0).getFileName().toString());
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.toStart();
            final long first = JournalFiles.listSegments(dir)[0];
            assertEquals(10_000 - first, JournalRecords.verifyAll(reader, first));
        }
    }

    @Test
    public void aCallbackReceivesTheSegmentsInstead() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        final Path archive = folder.newFolder("archive").toPath();
        final List<Path> retired = new ArrayList<>();
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            journal.retain(2, file ->
            {
                retired.add(file);
                try
                {
                    Files.move(file, archive.resolve(file.getFileName()));
                }
                catch (final IOException ex)
                {
                    throw new AssertionError(ex);
                }
            });
            JournalTest.appendRecords(journal, scratch, 0, 5000);
        }
        assertEquals(2, JournalTest.segments(dir));
        assertTrue(retired.size() >= 3);
        assertEquals(JournalDescriptor.segmentName(0), retired.get(0).getFileName().toString());
        assertEquals(retired.size(), JournalTest.segments(archive));
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.toStart();
            final long first = JournalFiles.listSegments(dir)[0];
            assertEquals(5000 - first, JournalRecords.verifyAll(reader, first));
        }
        try (Journal journal = Journal.open(dir))
        {
            assertThrows(IllegalArgumentException.class, () -> journal.retain(-1, null));
            assertEquals(4999, journal.lastSequence());
        }
    }
}
