package io.hoarfrost.journal;

import io.hoarfrost.memory.Crc32c;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * Journals with a CRC32C per record: written at commit (by append and by claim), checked by the
 * reader, so a damaged record is reported with its sequence, segment and offset and never handed
 * out.
 */
public class JournalChecksumTest
{
    static final JournalOptions CHECKED = JournalTest.SMALL.withChecksums(true);

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);

    private Path journal(final long records) throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        final JournalClaim claim = new JournalClaim();
        try (Journal journal = Journal.create(dir, CHECKED))
        {
            for (long sequence = 0; sequence < records; sequence++)
            {
                if (0 == (sequence % 3))
                {
                    journal.claim(JournalRecords.length(sequence), claim);
                    JournalRecords.write(claim.buffer(), claim.offset(), sequence);
                    assertEquals(sequence, claim.commit());
                }
                else
                {
                    assertEquals(sequence, journal.append(scratch, 0, JournalRecords.write(scratch, 0, sequence)));
                }
            }
        }
        return dir;
    }

    /** The file offset of record {@code sequence}'s frame in segment 0. */
    private static int frameOffset(final long sequence)
    {
        int offset = JournalDescriptor.SEGMENT_HEADER_LENGTH;
        for (long s = 0; s < sequence; s++)
        {
            offset += JournalDescriptor.frameLength(JournalRecords.length(s), true);
        }
        return offset;
    }

    private static void flipByte(final Path file, final long position) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0x20);
        }
    }

    @Test
    public void checksummedRecordsRoundTripAcrossSegments() throws IOException
    {
        final Path dir = journal(5000);
        assertTrue(JournalTest.segments(dir) >= 5);
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(5000, JournalRecords.verifyAll(reader, 0));
            reader.seek(4321);
            assertEquals(5000 - 4321, JournalRecords.verifyAll(reader, 4321));
        }
        try (Journal journal = Journal.open(dir))
        {
            JournalTest.appendRecords(journal, scratch, 5000, 5010);
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(5010, JournalRecords.verifyAll(reader, 0));
        }
    }

    @Test
    public void theChecksumIsTheRecordsCrc32cAndCostsFourBytes() throws IOException
    {
        final Path dir = journal(2);
        final byte[] frame = new byte[JournalDescriptor.frameLength(JournalRecords.length(0), true)];
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(JournalDescriptor.segmentName(0)).toFile(), "r"))
        {
            raf.seek(JournalDescriptor.SEGMENT_HEADER_LENGTH);
            raf.readFully(frame);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        final int length = buffer.getInt(0);
        assertEquals(JournalRecords.length(0), length);
        assertEquals(Crc32c.compute(buffer, 8, length), buffer.getInt(JournalDescriptor.FRAME_CHECKSUM_OFFSET));
        assertEquals(72, JournalDescriptor.frameLength(64, true));
        assertEquals(JournalDescriptor.maxRecordLength(1 << 16) - 4, JournalDescriptor.maxRecordLength(1 << 16, true));
        try (Journal journal = Journal.open(dir))
        {
            final int max = JournalDescriptor.maxRecordLength(1 << 16, true);
            journal.append(new byte[max], 0, max);
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> journal.append(new byte[max + 1], 0, max + 1));
            assertThat(refused.getMessage(), containsString("a record of " + (max + 1) + " bytes"));
            assertThat(refused.getMessage(), containsString("at most " + max));
        }
    }

    @Test
    public void aDamagedRecordIsReportedAndNeverHandedOut() throws IOException
    {
        final Path dir = journal(200);
        final Path segment = dir.resolve(JournalDescriptor.segmentName(0));
        final long damaged = 77;
        final int offset = frameOffset(damaged);
        flipByte(segment, offset + 8 + 11);
        try (JournalReader reader = JournalReader.open(dir))
        {
            for (long sequence = 0; sequence < damaged; sequence++)
            {
                assertTrue(reader.next());
                JournalRecords.verify(reader.buffer(), reader.length(), sequence);
            }
            final IllegalStateException thrown = assertThrows(IllegalStateException.class, reader::next);
            assertThat(thrown.getMessage(), containsString("sequence " + damaged + " is damaged"));
            assertThat(thrown.getMessage(), containsString(segment.toString()));
            assertThat(thrown.getMessage(), containsString("offset " + offset));
            assertThat(thrown.getMessage(), containsString("CRC32C"));
            assertEquals("the reader stays at the last good record", damaged - 1, reader.sequence());
            assertThrows(IllegalStateException.class, reader::next);

            reader.seek(damaged);
            assertThrows(IllegalStateException.class, reader::next);
            reader.seek(damaged + 1);
            assertEquals(200 - damaged - 1, JournalRecords.verifyAll(reader, damaged + 1));
            assertFalse(reader.next());
        }
    }

    @Test
    public void aDamagedChecksumIsReportedToo() throws IOException
    {
        final Path dir = journal(10);
        flipByte(dir.resolve(JournalDescriptor.segmentName(0)), frameOffset(3) + JournalDescriptor.FRAME_CHECKSUM_OFFSET);
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.seek(3);
            final IllegalStateException thrown = assertThrows(IllegalStateException.class, reader::next);
            assertThat(thrown.getMessage(), containsString("sequence 3 is damaged"));
        }
    }
}
