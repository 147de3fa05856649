package io.hoarfrost.journal;

import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * {@code close()} hands the mappings to the background {@link Unmapper}: the lock is released at
 * once (a reopen right after works), nothing is reachable after close, the files do not change
 * once close has returned, and every mapping is unmapped eventually (counted in
 * {@code /proc/self/maps}).
 */
public class JournalCloseTest
{
    private static final Path MAPS = Paths.get("/proc/self/maps");

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);

    @After
    public void everyMappingIsUnmapped() throws IOException
    {
        assertTrue("the unmapper drained", Unmapper.awaitIdle());
        assertEquals(0, Unmapper.pending());
        if (Files.isReadable(MAPS))
        {
            assertEquals("mappings of this test's files left: " + mappings(), 0, mappings().size());
        }
    }

    private List<String> mappings() throws IOException
    {
        final String root = folder.getRoot().getCanonicalPath();
        return Files.readAllLines(MAPS).stream().filter(line -> line.contains(root)).collect(Collectors.toList());
    }

    @Test
    public void reopenRightAfterCloseAppendsAndReadsEverything() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        long next = 0;
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            JournalTest.appendRecords(journal, scratch, 0, 3000);
            next = 3000;
        }
        for (int cycle = 0; cycle < 20; cycle++)
        {
            try (Journal journal = Journal.open(dir); JournalReader reader = JournalReader.open(dir))
            {
                assertEquals(next - 1, journal.lastSequence());
                JournalTest.appendRecords(journal, scratch, next, next + 500);
                next += 500;
                assertEquals(next, JournalRecords.verifyAll(reader, 0));
            }
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(next, JournalRecords.verifyAll(reader, 0));
        }
        assertTrue("several segments: " + JournalTest.segments(dir), JournalTest.segments(dir) > 3);
    }

    @Test
    public void manyCloseCyclesWithAPretoucherLeaveNoMapping() throws Exception
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        Journal.create(dir, JournalTest.SMALL).close();
        long next = 0;
        for (int cycle = 0; cycle < 200; cycle++)
        {
            final Journal journal = Journal.open(dir);
            final AtomicBoolean stop = new AtomicBoolean();
            final Thread pretoucher = new Thread(() ->
            {
                while (!stop.get())
                {
                    journal.pretouch();
                }
            });
            pretoucher.start();
            JournalTest.appendRecords(journal, scratch, next, next + 300);
            next += 300;
            // closed while the pretoucher may be touching or preparing: it must let go, and the mappings too
            journal.close();
            stop.set(true);
            pretoucher.join();
            final JournalReader reader = JournalReader.open(dir);
            reader.seek(Math.max(0, next - 700));
            assertEquals(Math.min(next, 700), JournalRecords.verifyAll(reader, Math.max(0, next - 700)));
            reader.close();
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(next, JournalRecords.verifyAll(reader, 0));
        }
    }

    @Test
    public void filesDoNotChangeOnceCloseReturned() throws Exception
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        final Journal journal = Journal.create(dir, JournalTest.SMALL);
        JournalTest.appendRecords(journal, scratch, 0, 2000);
        // past half of the segment, so that pretouch prepares the next one: close deletes it
        while (0 == journal.pretouch())
        {
            JournalTest.appendRecords(journal, scratch, journal.lastSequence() + 1, journal.lastSequence() + 2);
        }
        final JournalReader reader = JournalReader.open(dir);
        JournalRecords.verifyAll(reader, 0);
        reader.close();
        journal.close();
        final Map<String, Long> atClose = checksums(dir);
        assertTrue(Unmapper.awaitIdle());
        assertEquals(atClose, checksums(dir));
        assertTrue("no prepared segment left: " + atClose.keySet(),
            atClose.keySet().stream().noneMatch(name -> name.startsWith(JournalFiles.PREPARING_PREFIX)));
    }

    @Test
    public void nothingIsReachableAfterClose() throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        final Journal journal = Journal.create(dir, JournalTest.SMALL);
        JournalTest.appendRecords(journal, scratch, 0, 10);
        final JournalClaim claim = new JournalClaim();
        journal.claim(16, claim);
        final JournalReader reader = JournalReader.open(dir);
        reader.next();
        final UnsafeBuffer view = (UnsafeBuffer)reader.buffer();
        reader.close();
        journal.close();
        assertEquals("the claim's view is detached", 0, claim.buffer().capacity());
        assertEquals("the reader's view is detached", 0, view.capacity());
        assertThrows(IllegalStateException.class, claim::commit);
        assertThrows(IllegalStateException.class, () -> journal.append(scratch, 0, 8));
        assertThrows(IllegalStateException.class, () -> journal.append(new byte[8], 0, 8));
        assertThrows(IllegalStateException.class, journal::lastSequence);
        assertThrows(IllegalStateException.class, reader::next);
        assertThrows(IllegalStateException.class, reader::buffer);
        assertThrows(IllegalStateException.class, () -> reader.seek(0));
        assertThrows(IllegalStateException.class, reader::lastSequence);
        assertEquals(0, journal.pretouch());
    }

    @Test
    public void unmapperDrainsAndThenCountsNothingPending() throws IOException
    {
        assumeTrue("Linux: /proc/self/maps", Files.isReadable(MAPS));
        final Path dir = folder.getRoot().toPath().resolve("journal");
        try (Journal journal = Journal.create(dir, JournalTest.SMALL))
        {
            JournalTest.appendRecords(journal, scratch, 0, 5000);
        }
        assertTrue(Unmapper.awaitIdle());
        assertEquals(0, mappings().size());
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(4999, journal.lastSequence());
            assertTrue(Unmapper.awaitIdle());
            assertEquals("the writer maps its current segment: " + mappings(), 1, mappings().size());
        }
        // the after-method checks the writer's mapping goes too
    }

    /** Each file's CRC-32, by name. */
    private static Map<String, Long> checksums(final Path dir) throws IOException
    {
        final Map<String, Long> sums = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                final CRC32 crc = new CRC32();
                crc.update(Files.readAllBytes(file));
                sums.put(file.getFileName().toString(), crc.getValue());
            }
        }
        return sums;
    }
}
