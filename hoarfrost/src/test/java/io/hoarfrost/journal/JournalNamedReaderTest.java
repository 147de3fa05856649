package io.hoarfrost.journal;

import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * Named readers: the position persists across closes, a record is acknowledged by the next call,
 * one reader per name, and a bad name or a damaged or foreign position file is refused.
 */
public class JournalNamedReaderTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);

    private Path journal(final String name, final long records) throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve(name);
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            JournalTest.appendRecords(journal, scratch, 0, records);
        }
        return dir;
    }

    private static void read(final JournalReader reader, final long from, final int count)
    {
        for (long sequence = from; sequence < from + count; sequence++)
        {
            assertTrue(reader.next());
            assertEquals(sequence, reader.sequence());
            JournalRecords.verify(reader.buffer(), reader.length(), sequence);
        }
    }

    @Test
    public void resumesWhereItLeftOff() throws IOException
    {
        final Path dir = journal("journal", 3000);
        try (JournalReader reader = JournalReader.open(dir, "risk"))
        {
            read(reader, 0, 10);
        }
        try (JournalReader reader = JournalReader.open(dir, "risk");
             JournalReader other = JournalReader.open(dir, "audit"))
        {
            read(reader, 10, 5);
            read(other, 0, 1);
        }
        try (JournalReader reader = JournalReader.open(dir, "risk"))
        {
            read(reader, 15, 1);
            reader.seek(2500);
        }
        try (JournalReader reader = JournalReader.open(dir, "risk"))
        {
            assertEquals(500, JournalRecords.verifyAll(reader, 2500));
            try (Journal journal = Journal.open(dir))
            {
                JournalTest.appendRecords(journal, scratch, 3000, 3010);
            }
        }
        try (JournalReader reader = JournalReader.open(dir, "risk"))
        {
            assertEquals(10, JournalRecords.verifyAll(reader, 3000));
            reader.toEnd();
        }
        try (JournalReader reader = JournalReader.open(dir, "risk");
             JournalReader audit = JournalReader.open(dir, "audit"))
        {
            assertFalse(reader.next());
            read(audit, 1, 1);
        }
        assertTrue(Files.exists(dir.resolve("risk.reader")));
    }

    @Test
    public void aRecordIsAcknowledgedByTheNextCall() throws IOException
    {
        final Path dir = journal("journal", 10);
        try (JournalReader reader = JournalReader.open(dir, "ack");
             JournalReader anonymous = JournalReader.open(dir))
        {
            read(reader, 0, 3);
            read(anonymous, 0, 3);
        }
        try (JournalReader reader = JournalReader.open(dir, "ack"))
        {
            read(reader, 3, 1);
        }
    }

    @Test
    public void oneReaderPerName() throws IOException
    {
        final Path dir = journal("journal", 10);
        try (JournalReader reader = JournalReader.open(dir, "single"))
        {
            read(reader, 0, 2);
            final IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> JournalReader.open(dir, "single"));
            assertThat(twice.getMessage(), containsString("'single'"));
            assertThat(twice.getMessage(), containsString("already open"));
            read(reader, 2, 1);
        }
        try (JournalReader reader = JournalReader.open(dir, "single"))
        {
            read(reader, 3, 1);
        }
    }

    @Test
    public void badNamesAndFilesAreRefused() throws IOException
    {
        final Path dir = journal("journal", 10);
        for (final String name : new String[]{ "", "../x", "a b", "a.reader", "x/y" })
        {
            final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> JournalReader.open(dir, name));
            assertThat(bad.getMessage(), containsString("'" + name + "'"));
        }
        Files.write(dir.resolve("junk.reader"), new byte[64]);
        final IllegalStateException junk = assertThrows(IllegalStateException.class, () -> JournalReader.open(dir, "junk"));
        assertThat(junk.getMessage(), containsString("is not a named reader's file"));
        assertEquals(64, Files.size(dir.resolve("junk.reader")));

        final Path other = journal("other", 1);
        JournalReader.open(other, "theirs").close();
        Files.copy(other.resolve("theirs.reader"), dir.resolve("theirs.reader"));
        final IllegalStateException foreign = assertThrows(IllegalStateException.class,
            () -> JournalReader.open(dir, "theirs"));
        assertThat(foreign.getMessage(), containsString("belongs to another journal"));
    }

    @Test
    public void aPositionInADeletedSegmentIsReportedAndLeftAlone() throws IOException
    {
        final Path dir = journal("journal", 3000);
        try (JournalReader reader = JournalReader.open(dir, "slow"))
        {
            read(reader, 0, 6);
        }
        Files.delete(dir.resolve(JournalDescriptor.segmentName(0)));
        final byte[] before = Files.readAllBytes(dir.resolve("slow.reader"));
        final IllegalStateException deleted = assertThrows(IllegalStateException.class, () -> JournalReader.open(dir, "slow"));
        assertThat(deleted.getMessage(), containsString("sequence 6 of journal"));
        assertEquals(new String(before, "ISO-8859-1"), new String(Files.readAllBytes(dir.resolve("slow.reader")), "ISO-8859-1"));
    }

    @Test
    public void anEmptyFileLeftByAKillBetweenCreateAndHeaderIsTakenAsNew() throws IOException
    {
        final Path dir = journal("journal", 10);
        Files.createFile(dir.resolve("killed.reader"));
        try (JournalReader reader = JournalReader.open(dir, "killed"))
        {
            read(reader, 0, 4);
        }
        assertEquals(JournalDescriptor.READER_LENGTH, Files.size(dir.resolve("killed.reader")));
        try (JournalReader reader = JournalReader.open(dir, "killed"))
        {
            read(reader, 4, 6);
        }
    }

    @Test
    public void aDamagedReaderFileIsRefusedAsDamaged() throws IOException
    {
        final Path dir = journal("journal", 10);
        JournalReader.open(dir, "damaged").close();
        final Path file = dir.resolve("damaged.reader");
        final byte[] good = Files.readAllBytes(file);
        final int[][] damages =
        {
            { JournalDescriptor.VERSION_OFFSET, 0 },
            { JournalDescriptor.LENGTH_OFFSET, 63 },
            { JournalDescriptor.READER_POSITION_OFFSET + 4, 0x8000_0000 },
        };
        for (final int[] damage : damages)
        {
            final byte[] bytes = good.clone();
            new UnsafeBuffer(bytes).putInt(damage[0], damage[1]);
            Files.write(file, bytes);
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> JournalReader.open(dir, "damaged"));
            assertThat(refused.getMessage(), containsString("is damaged"));
            assertThat(refused.getMessage(), containsString(file.toString()));
            assertArrayEquals(bytes, Files.readAllBytes(file));
        }
    }

    @Test
    public void theReadersFileIsOwnerOnly() throws IOException
    {
        assumeTrue(Files.getFileStore(folder.getRoot().toPath()).supportsFileAttributeView(PosixFileAttributeView.class));
        final Path dir = journal("journal", 1);
        JournalReader.open(dir, "private").close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private.reader"))));
    }
}
