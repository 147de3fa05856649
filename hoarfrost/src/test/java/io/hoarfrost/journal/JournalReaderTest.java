package io.hoarfrost.journal;

import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * The reader: seeks to random sequences across many small segments (and with every index shift
 * that matters), toStart / toEnd, and following a live writer in another thread across rolls.
 */
public class JournalReaderTest
{
    private static final long RECORDS = 5000;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);

    private Path write(final JournalOptions options, final long records) throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal-" + options.indexShift());
        try (Journal journal = Journal.create(dir, options))
        {
            JournalTest.appendRecords(journal, scratch, 0, records);
        }
        return dir;
    }

    @Test
    public void seeksToRandomSequencesAcrossSegments() throws IOException
    {
        for (final int shift : new int[]{ 0, 3, 6 })
        {
            final Path dir = write(JournalTest.SMALL.withIndexShift(shift), RECORDS);
            assertTrue(JournalTest.segments(dir) >= 5);
            final long seed = System.nanoTime();
            final Random random = new Random(seed);
            try (JournalReader reader = JournalReader.open(dir))
            {
                for (int i = 0; i < 500; i++)
                {
                    final long sequence = random.nextInt((int)RECORDS);
                    reader.seek(sequence);
                    assertEquals(-1, reader.sequence());
                    assertTrue("seed " + seed + ", shift " + shift + ", sequence " + sequence, reader.next());
                    assertEquals("seed " + seed, sequence, reader.sequence());
                    JournalRecords.verify(reader.buffer(), reader.length(), sequence);
                    if (reader.next())
                    {
                        assertEquals(sequence + 1, reader.sequence());
                        JournalRecords.verify(reader.buffer(), reader.length(), sequence + 1);
                    }
                }
                reader.seek(RECORDS - 1);
                assertEquals(1, JournalRecords.verifyAll(reader, RECORDS - 1));
                reader.seek(RECORDS);
                assertFalse(reader.next());
            }
        }
    }

    @Test
    public void seeksToEveryFirstAndLastRecordOfEachSegment() throws IOException
    {
        final Path dir = write(JournalTest.SMALL, RECORDS);
        final long[] firsts = JournalFiles.listSegments(dir);
        try (JournalReader reader = JournalReader.open(dir))
        {
            for (final long first : firsts)
            {
                for (final long sequence : new long[]{ first - 1, first, first + 1, first + 63, first + 64, first + 65 })
                {
                    if (sequence >= 0 && sequence < RECORDS)
                    {
                        reader.seek(sequence);
                        assertTrue(reader.next());
                        assertEquals(sequence, reader.sequence());
                        JournalRecords.verify(reader.buffer(), reader.length(), sequence);
                    }
                }
            }
        }
    }

    @Test
    public void toStartAndToEnd() throws IOException
    {
        final Path dir = write(JournalTest.SMALL, RECORDS);
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.toEnd();
            assertFalse(reader.next());
            try (Journal journal = Journal.open(dir))
            {
                JournalTest.appendRecords(journal, scratch, RECORDS, RECORDS + 10);
            }
            assertEquals(10, JournalRecords.verifyAll(reader, RECORDS));
            reader.toStart();
            assertEquals(RECORDS + 10, JournalRecords.verifyAll(reader, 0));
        }
    }

    @Test
    public void seekPastTheEndNamesTheSequenceAndTheEnd() throws IOException
    {
        final Path dir = write(JournalTest.SMALL, 10);
        try (JournalReader reader = JournalReader.open(dir))
        {
            final IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class, () -> reader.seek(11));
            assertThat(past.getMessage(), containsString("sequence 11"));
            assertThat(past.getMessage(), containsString("from 0 to 10"));
            assertThrows(IndexOutOfBoundsException.class, () -> reader.seek(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> reader.seek(Long.MAX_VALUE));
            assertEquals(10, JournalRecords.verifyAll(reader, 0));
        }
    }

    @Test
    public void anEmptyJournalHasNothingToRead() throws IOException
    {
        final Path dir = write(JournalTest.SMALL, 0);
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(-1, reader.lastSequence());
            assertFalse(reader.next());
            reader.toEnd();
            reader.toStart();
            assertFalse(reader.next());
        }
    }

    @Test
    public void followsALiveWriterAcrossRolls() throws Exception
    {
        final Path dir = folder.getRoot().toPath().resolve("live");
        final long records = 30_000;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Journal journal = Journal.create(dir, JournalTest.SMALL);
             JournalReader reader = JournalReader.open(dir))
        {
            final Thread follower = new Thread(() ->
            {
                try (JournalReader live = JournalReader.open(dir))
                {
                    long expected = 0;
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (expected < records && System.nanoTime() < deadline)
                    {
                        if (live.next())
                        {
                            assertEquals(expected, live.sequence());
                            JournalRecords.verify(live.buffer(), live.length(), expected);
                            expected++;
                        }
                        else
                        {
                            Thread.yield();
                        }
                    }
                    assertEquals(records, expected);
                    assertFalse(live.next());
                    assertEquals(records - 1, live.lastSequence());
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            follower.start();
            for (long sequence = 0; sequence < records; sequence++)
            {
                journal.append(scratch, 0, JournalRecords.write(scratch, 0, sequence));
                if (0 == sequence % 1000)
                {
                    assertEquals(sequence, reader.lastSequence());
                }
            }
            follower.join(TimeUnit.SECONDS.toMillis(90));
            assertFalse("the follower finished", follower.isAlive());
        }
        if (null != failure.get())
        {
            throw new AssertionError("the follower failed", failure.get());
        }
        assertTrue(JournalTest.segments(dir) > 10);
    }
}
