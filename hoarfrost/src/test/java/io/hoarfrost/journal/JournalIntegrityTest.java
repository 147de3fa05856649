package io.hoarfrost.journal;

import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * Damage and accidents after a journal was written: a roll cut short by a crash (repaired by the
 * next writer, crossed by readers meanwhile), a segment truncated or deleted under a reader, a
 * damaged frame length. Each is read correctly or reported as an {@code IllegalStateException}
 * naming what was wanted, never handed out as data.
 */
public class JournalIntegrityTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);

    private Path journal(final long records) throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            JournalTest.appendRecords(journal, scratch, 0, records);
        }
        return dir;
    }

    private static int readInt(final Path file, final long position) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            final byte[] bytes = new byte[4];
            raf.seek(position);
            raf.readFully(bytes);
            return new UnsafeBuffer(bytes).getInt(0);
        }
    }

    private static void writeInt(final Path file, final long position, final int value) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final byte[] bytes = new byte[4];
            new UnsafeBuffer(bytes).putInt(0, value);
            raf.seek(position);
            raf.write(bytes);
        }
    }

    @Test
    public void aRollCutShortIsCrossedByReadersAndSealedByTheNextWriter() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("cut");
        final JournalClaim claim = new JournalClaim();
        final long records;
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            long sequence = 0;
            while (JournalTest.segments(dir) == 1)
            {
                assertEquals(sequence, journal.claim(JournalRecords.length(sequence), claim));
                if (JournalTest.segments(dir) > 1)
                {
                    claim.abort();
                    break;
                }
                JournalRecords.write(claim.buffer(), claim.offset(), sequence++);
                claim.commit();
            }
            records = sequence;
            assertEquals(records - 1, journal.lastSequence());
        }
        final Path first = dir.resolve(JournalDescriptor.segmentName(0));
        assertEquals(1, readInt(first, JournalDescriptor.SEALED_OFFSET));
        writeInt(first, JournalDescriptor.SEALED_OFFSET, 0);
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(records - 1, reader.lastSequence());
            assertEquals(records, JournalRecords.verifyAll(reader, 0));
            try (Journal journal = Journal.open(dir))
            {
                assertEquals(1, readInt(first, JournalDescriptor.SEALED_OFFSET));
                assertEquals(records - 1, journal.lastSequence());
                JournalTest.appendRecords(journal, scratch, records, records + 5);
            }
            assertEquals(5, JournalRecords.verifyAll(reader, records));
        }
    }

    @Test
    public void aWriterReopeningASealedLastSegmentStartsTheNextOne() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("sealed");
        final JournalClaim claim = new JournalClaim();
        long records = 0;
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            while (JournalTest.segments(dir) == 1)
            {
                journal.claim(JournalRecords.length(records), claim);
                if (JournalTest.segments(dir) > 1)
                {
                    claim.abort();
                    break;
                }
                JournalRecords.write(claim.buffer(), claim.offset(), records++);
                claim.commit();
            }
        }
        Files.delete(dir.resolve(JournalDescriptor.segmentName(records)));
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(records - 1, journal.lastSequence());
            assertEquals(2, JournalTest.segments(dir));
            JournalTest.appendRecords(journal, scratch, records, records + 3);
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(records + 3, JournalRecords.verifyAll(reader, 0));
        }
    }

    @Test
    public void aSegmentTruncatedUnderAReaderIsReportedWithItsLengths() throws IOException
    {
        truncateUnderAReader(journal(3000));
    }

    @Test
    public void aSegmentTruncatedUnderAReaderCheckingChecksumsIsReportedNotACrash() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("checksummed");
        try (Journal journal = Journal.create(dir, JournalChecksumTest.CHECKED))
        {
            JournalTest.appendRecords(journal, scratch, 0, 3000);
        }
        // cut the file at a page boundary inside a record (its frame header before it), so that the first read past
        // the new end is the CRC32C's, not a frame length's
        int offset = JournalDescriptor.SEGMENT_HEADER_LENGTH;
        int cut = 0;
        for (long sequence = 0; 0 == cut; sequence++)
        {
            final int length = JournalRecords.length(sequence);
            final int recordStart = offset + JournalDescriptor.frameHeaderLength(true);
            if (recordStart >= 8192 && recordStart % 4096 != 0 && recordStart / 4096 != (recordStart + length - 1) / 4096)
            {
                cut = (recordStart + length - 1) / 4096 * 4096;
            }
            offset += JournalDescriptor.frameLength(length, true);
        }
        truncateUnderAReader(dir, cut);
    }

    private static void truncateUnderAReader(final Path dir) throws IOException
    {
        truncateUnderAReader(dir, 8192);
    }

    private static void truncateUnderAReader(final Path dir, final int cut) throws IOException
    {
        final Path first = dir.resolve(JournalDescriptor.segmentName(0));
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertTrue(reader.next());
            try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw"))
            {
                raf.setLength(cut);
            }
            // The JVM delivers the access fault at its next safepoint poll: usually inside the reader's call, which
            // converts it; occasionally in this loop, between two calls, and then the next call reports the truncation.
            IllegalStateException truncated = null;
            for (int call = 0; call < 10_000 && null == truncated; call++)
            {
                try
                {
                    assertTrue("the reader reached the end of a truncated segment", reader.next());
                }
                catch (final IllegalStateException ex)
                {
                    truncated = ex;
                }
                catch (final InternalError escaped)
                {
                    assertThat(escaped.getMessage(), containsString("unsafe memory access"));
                }
            }
            assertTrue("no IllegalStateException", null != truncated);
            assertThat(truncated.getMessage(), containsString(first.toString()));
            assertThat(truncated.getMessage(), containsString("truncated under the reader: it is " + cut + " bytes"));
            assertThat(truncated.getMessage(), containsString(String.valueOf(1 << 16)));
        }
    }

    @Test
    public void aCommitWordDamagedAfterTheReaderEnteredIsReportedNotReadPastTheMapping() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("live");
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            JournalTest.appendRecords(journal, scratch, 0, 10);
            final Path first = dir.resolve(JournalDescriptor.segmentName(0));
            try (JournalReader reader = JournalReader.open(dir))
            {
                assertEquals(10, JournalRecords.verifyAll(reader, 0));
                // little-endian commit word: the length (low half) then the count
                writeInt(first, JournalDescriptor.COMMIT_WORD_OFFSET, Integer.MAX_VALUE & ~3);
                writeInt(first, JournalDescriptor.COMMIT_WORD_OFFSET + 4, 20);
                final IllegalStateException damaged = assertThrows(IllegalStateException.class, reader::next);
                assertThat(damaged.getMessage(), containsString(first.toString()));
                assertThat(damaged.getMessage(), containsString("damaged commit word 0x14" +
                    Integer.toHexString(Integer.MAX_VALUE & ~3)));
                assertThat(damaged.getMessage(), containsString("mapped " + (1 << 16) + " bytes"));
                final IllegalStateException sought = assertThrows(IllegalStateException.class, () -> reader.seek(3));
                assertThat(sought.getMessage(), containsString("damaged commit word"));
                assertThrows(IllegalStateException.class, reader::lastSequence);
            }
        }
    }

    @Test
    public void aDeletedSegmentIsReportedWithTheSequenceWanted() throws IOException
    {
        final Path dir = journal(3000);
        final long[] firsts = JournalFiles.listSegments(dir);
        assertTrue(firsts.length >= 3);
        try (JournalReader reader = JournalReader.open(dir))
        {
            Files.delete(dir.resolve(JournalDescriptor.segmentName(firsts[1])));
            final long wanted = firsts[1] + 5;
            final IllegalStateException sought = assertThrows(IllegalStateException.class, () -> reader.seek(wanted));
            assertThat(sought.getMessage(), containsString("sequence " + wanted + " is in a segment that was deleted"));
            reader.seek(firsts[1] - 1);
            assertTrue(reader.next());
            final IllegalStateException next = assertThrows(IllegalStateException.class, reader::next);
            assertThat(next.getMessage(), containsString("sequence " + firsts[1] + " is in a segment that was deleted"));
            reader.seek(firsts[2]);
            assertEquals(3000 - firsts[2], JournalRecords.verifyAll(reader, firsts[2]));
        }
    }

    @Test
    public void aDamagedFrameLengthIsReportedWithSequenceSegmentAndOffset() throws IOException
    {
        final Path dir = journal(10);
        final Path first = dir.resolve(JournalDescriptor.segmentName(0));
        final int offset = JournalDescriptor.SEGMENT_HEADER_LENGTH + JournalDescriptor.frameLength(JournalRecords.length(0)) +
            JournalDescriptor.frameLength(JournalRecords.length(1));
        writeInt(first, offset, 1 << 20);
        try (JournalReader reader = JournalReader.open(dir))
        {
            for (long sequence = 0; sequence < 2; sequence++)
            {
                assertTrue(reader.next());
                JournalRecords.verify(reader.buffer(), reader.length(), sequence);
            }
            fail(reader);
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            final IllegalStateException sought = assertThrows(IllegalStateException.class, () -> reader.seek(5));
            assertThat(sought.getMessage(), containsString("damaged"));
        }
    }

    private static void fail(final JournalReader reader)
    {
        final IllegalStateException damaged = assertThrows(IllegalStateException.class, reader::next);
        assertThat(damaged.getMessage(), containsString("sequence 2 is damaged"));
        assertThat(damaged.getMessage(), containsString(JournalDescriptor.segmentName(0)));
        assertThat(damaged.getMessage(), containsString("offset " + (JournalDescriptor.SEGMENT_HEADER_LENGTH +
            JournalDescriptor.frameLength(JournalRecords.length(0)) + JournalDescriptor.frameLength(JournalRecords.length(1)))));
        assertFalse("the damaged record was not handed out", 2 == reader.sequence());
    }
}
