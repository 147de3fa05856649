package io.hoarfrost.journal;

import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * The writer: sequences, round trips through a reader, reopening, rolling, claims, permissions and
 * one writer per directory in this JVM (the two-JVM cases are in {@link JournalWriterLockTest}).
 */
public class JournalTest
{
    static final JournalOptions SMALL = JournalOptions.defaults().withSegmentSize(1 << 16);

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);

    private Path dir() throws IOException
    {
        return folder.getRoot().toPath().resolve("journal");
    }

    static void appendRecords(final Journal journal, final UnsafeBuffer scratch, final long from, final long to)
    {
        for (long sequence = from; sequence < to; sequence++)
        {
            final long appended = journal.append(scratch, 0, JournalRecords.write(scratch, 0, sequence));
            assertEquals(sequence, appended);
        }
    }

    static long segments(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".hfj")).count();
        }
    }

    @Test
    public void sequencesCountFromZeroAndRoundTrip() throws IOException
    {
        final Path dir = dir();
        try (Journal journal = Journal.create(dir, JournalOptions.defaults()))
        {
            assertEquals(-1, journal.lastSequence());
            appendRecords(journal, scratch, 0, 1000);
            assertEquals(999, journal.lastSequence());
            try (JournalReader reader = JournalReader.open(dir))
            {
                assertEquals(999, reader.lastSequence());
                assertEquals(-1, reader.sequence());
                assertEquals(1000, JournalRecords.verifyAll(reader, 0));
                assertFalse(reader.next());
            }
        }
        assertEquals(1L << 26, Files.size(dir.resolve("00000000000000000000.hfj")));
    }

    @Test
    public void aSixtyFourByteMessageTakesSixtyEightBytes() throws IOException
    {
        final Path dir = dir();
        try (Journal journal = Journal.create(dir, SMALL))
        {
            final byte[] message = new byte[64];
            journal.append(message, 0, 64);
            journal.append(message, 0, 64);
            try (JournalReader reader = JournalReader.open(dir))
            {
                assertTrue(reader.next());
                final long first = reader.buffer().addressOffset();
                assertTrue(reader.next());
                assertEquals(68, reader.buffer().addressOffset() - first);
            }
        }
        assertEquals(68, JournalDescriptor.frameLength(64));
        assertEquals(4, JournalDescriptor.frameLength(0));
        assertEquals(8, JournalDescriptor.frameLength(1));
    }

    @Test
    public void rollsAcrossSegmentsAndReopensWhereItLeftOff() throws IOException
    {
        final Path dir = dir();
        try (Journal journal = Journal.create(dir, SMALL))
        {
            appendRecords(journal, scratch, 0, 3000);
        }
        assertTrue("several segments: " + segments(dir), segments(dir) >= 3);
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(2999, journal.lastSequence());
            appendRecords(journal, scratch, 3000, 5000);
        }
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(4999, journal.lastSequence());
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(5000, JournalRecords.verifyAll(reader, 0));
            assertEquals(4999, reader.lastSequence());
        }
    }

    @Test
    public void aClaimIsEncodedInPlaceAndCommitted() throws IOException
    {
        final Path dir = dir();
        final JournalClaim claim = new JournalClaim();
        try (Journal journal = Journal.create(dir, SMALL);
             JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(-1, claim.sequence());
            final long sequence = journal.claim(16, claim);
            assertEquals(0, sequence);
            assertEquals(0, claim.sequence());
            assertEquals(16, claim.length());
            assertEquals(16, claim.buffer().capacity());
            claim.buffer().putLong(claim.offset(), 42L);
            claim.buffer().putLong(claim.offset() + 8, 43L);
            assertFalse("not visible before commit", reader.next());
            assertEquals(-1, journal.lastSequence());
            assertEquals(0, claim.commit());
            assertEquals(0, journal.lastSequence());
            assertTrue(reader.next());
            assertEquals(0, reader.sequence());
            assertEquals(16, reader.length());
            assertEquals(42L, reader.buffer().getLong(0));
            assertEquals(43L, reader.buffer().getLong(8));
            assertThrows(IndexOutOfBoundsException.class, () -> claim.buffer().putLong(0, 1L));
            assertThrows(IllegalStateException.class, claim::commit);
        }
    }

    @Test
    public void anAbortedClaimLeavesNoRecordAndKeepsItsSequence() throws IOException
    {
        final Path dir = dir();
        final JournalClaim claim = new JournalClaim();
        try (Journal journal = Journal.create(dir, SMALL))
        {
            appendRecords(journal, scratch, 0, 3);
            assertEquals(3, journal.claim(100, claim));
            claim.buffer().setMemory(0, 100, (byte)0x55);
            final IllegalStateException pending = assertThrows(IllegalStateException.class,
                () -> journal.append(scratch, 0, 8));
            assertThat(pending.getMessage(), containsString("claim of sequence 3"));
            claim.abort();
            assertThrows(IllegalStateException.class, claim::abort);
            assertEquals(2, journal.lastSequence());
            appendRecords(journal, scratch, 3, 10);
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(10, JournalRecords.verifyAll(reader, 0));
        }
    }

    @Test
    public void claimsRollLikeAppends() throws IOException
    {
        final Path dir = dir();
        final JournalClaim claim = new JournalClaim();
        try (Journal journal = Journal.create(dir, SMALL))
        {
            for (long sequence = 0; sequence < 2000; sequence++)
            {
                final int length = JournalRecords.length(sequence);
                assertEquals(sequence, journal.claim(length, claim));
                JournalRecords.write(claim.buffer(), claim.offset(), sequence);
                claim.commit();
            }
        }
        assertTrue(segments(dir) >= 2);
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(2000, JournalRecords.verifyAll(reader, 0));
        }
    }

    @Test
    public void closeDetachesAPendingClaim() throws IOException
    {
        final JournalClaim claim = new JournalClaim();
        final Journal journal = Journal.create(dir(), SMALL);
        journal.claim(8, claim);
        journal.close();
        assertEquals(0, claim.buffer().capacity());
        assertThrows(IllegalStateException.class, claim::commit);
        try (Journal reopened = Journal.open(dir()))
        {
            assertEquals(-1, reopened.lastSequence());
        }
    }

    @Test
    public void theLargestRecordFitsAndOneMoreByteIsRefused() throws IOException
    {
        final int max = JournalDescriptor.maxRecordLength(1 << 16);
        try (Journal journal = Journal.create(dir(), SMALL))
        {
            journal.append(new byte[8], 0, 8);
            assertEquals(1, journal.append(new byte[max], 0, max));
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> journal.append(new byte[max + 1], 0, max + 1));
            assertThat(refused.getMessage(), containsString(String.valueOf(max + 1)));
            assertThat(refused.getMessage(), containsString(String.valueOf(max)));
            assertEquals(1, journal.lastSequence());
        }
        try (JournalReader reader = JournalReader.open(dir()))
        {
            assertTrue(reader.next());
            assertTrue(reader.next());
            assertEquals(max, reader.length());
            assertFalse(reader.next());
        }
    }

    @Test
    public void aSecondWriterInThisJvmIsRefusedAndTheFirstKeepsWriting() throws IOException
    {
        final Path dir = dir();
        try (Journal journal = Journal.create(dir, SMALL))
        {
            appendRecords(journal, scratch, 0, 1);
            final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Journal.open(dir));
            assertThat(refused.getMessage(), containsString("already open for writing"));
            final IllegalStateException again = assertThrows(IllegalStateException.class, () -> Journal.open(dir));
            assertThat(again.getMessage(), containsString("already open for writing"));
            appendRecords(journal, scratch, 1, 2);
        }
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(1, journal.lastSequence());
        }
    }

    @Test
    public void filesAreOwnerOnlyByDefault() throws IOException
    {
        assumeTrue(Files.getFileStore(folder.getRoot().toPath()).supportsFileAttributeView(PosixFileAttributeView.class));
        final Path dir = dir();
        try (Journal journal = Journal.create(dir, SMALL))
        {
            appendRecords(journal, scratch, 0, 2000);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Stream<Path> files = Files.list(dir))
        {
            files.forEach(file -> assertPermissions("rw-------", file));
        }
    }

    @Test
    public void groupAccessIsAnOption() throws IOException
    {
        assumeTrue(Files.getFileStore(folder.getRoot().toPath()).supportsFileAttributeView(PosixFileAttributeView.class));
        final Path dir = dir();
        try (Journal journal = Journal.create(dir, SMALL.withGroupAccess(true)))
        {
            appendRecords(journal, scratch, 0, 2000);
        }
        try (Journal journal = Journal.open(dir))
        {
            appendRecords(journal, scratch, 2000, 4000);
        }
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Stream<Path> files = Files.list(dir))
        {
            files.forEach(file -> assertPermissions("rw-r-----", file));
        }
    }

    private static void assertPermissions(final String expected, final Path file)
    {
        try
        {
            assertEquals(file.toString(), expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    public void pretouchPreparesTheNextSegmentWhileAWriterAppends() throws Exception
    {
        final Path dir = dir();
        try (Journal journal = Journal.create(dir, SMALL))
        {
            final boolean[] stop = { false };
            final Throwable[] failure = { null };
            final long[] pages = { 0 };
            final CountDownLatch firstCall = new CountDownLatch(1);
            final Thread pretoucher = new Thread(() ->
            {
                try
                {
                    while (!isStopped(stop))
                    {
                        pages[0] += journal.pretouch();
                        firstCall.countDown();
                        LockSupport.parkNanos(20_000);
                    }
                }
                catch (final Throwable ex)
                {
                    failure[0] = ex;
                    firstCall.countDown();
                }
            });
            pretoucher.start();
            try
            {
                // on a loaded machine the appends could all finish before the pretoucher first runs
                assertTrue("the pretoucher never ran", firstCall.await(60, TimeUnit.SECONDS) || null != failure[0]);
                for (long sequence = 0; sequence < 20_000; sequence++)
                {
                    journal.append(scratch, 0, JournalRecords.write(scratch, 0, sequence));
                    if (0 == sequence % 500)
                    {
                        Thread.yield();
                    }
                }
            }
            finally
            {
                synchronized (stop)
                {
                    stop[0] = true;
                }
                pretoucher.join();
            }
            if (null != failure[0])
            {
                throw new AssertionError("pretouch failed", failure[0]);
            }
            assertTrue("pages touched: " + pages[0], pages[0] > 0);
        }
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals("no prepared segment left behind", 0,
                files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(20_000, JournalRecords.verifyAll(reader, 0));
        }
    }

    private static boolean isStopped(final boolean[] stop)
    {
        synchronized (stop)
        {
            return stop[0];
        }
    }

    @Test
    public void rollsDailyAtTheUtcTimeGiven() throws IOException
    {
        final Path dir = dir();
        final long day = 86_400_000L;
        // a fixed day, not today: the journal's test clock decides every roll, whatever the real time
        final long nextRoll = 20_000 * day + 17 * 3_600_000L;
        final long[] clock = { nextRoll - 1 };
        try (Journal journal = Journal.create(dir, SMALL.withDailyRoll(LocalTime.of(17, 0, 0, 999))))
        {
            journal.clock(() -> clock[0]);
            appendRecords(journal, scratch, 0, 3);
            assertEquals("before 17:00 UTC", 1, segments(dir));
            clock[0] = nextRoll;
            appendRecords(journal, scratch, 3, 5);
            assertEquals("at 17:00 UTC", 2, segments(dir));
            assertTrue(Files.exists(dir.resolve(JournalDescriptor.segmentName(3))));
            clock[0] = nextRoll + 3_600_000L;
            appendRecords(journal, scratch, 5, 6);
            assertEquals("an hour later", 2, segments(dir));
            clock[0] = nextRoll + day + 1;
            appendRecords(journal, scratch, 6, 7);
            assertEquals("a day later", 3, segments(dir));
            assertTrue(Files.exists(dir.resolve(JournalDescriptor.segmentName(6))));
        }
        try (Journal journal = Journal.open(dir))
        {
            journal.clock(() -> clock[0]);
            clock[0] = nextRoll + day + 2;
            appendRecords(journal, scratch, 7, 8);
            assertEquals("reopened, the same day", 3, segments(dir));
            clock[0] = nextRoll + 2 * day;
            appendRecords(journal, scratch, 8, 9);
            assertEquals("reopened, the next day", 4, segments(dir));
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(9, JournalRecords.verifyAll(reader, 0));
        }
        assertEquals(LocalTime.of(17, 0), SMALL.withDailyRoll(LocalTime.of(17, 0, 0, 999)).dailyRoll());
    }

    @Test
    public void preparedSegmentsNeverShareATemporaryName() throws Exception
    {
        final Path dir = folder.newFolder("prepared").toPath();
        final JournalMeta meta = JournalMeta.create(SMALL);
        final Segment[][] prepared = new Segment[2][50];
        final Throwable[] failure = { null };
        final Thread other = new Thread(() ->
        {
            try
            {
                for (int i = 0; i < prepared[1].length; i++)
                {
                    prepared[1][i] = Segment.prepare(dir, meta, null);
                }
            }
            catch (final Throwable ex)
            {
                failure[0] = ex;
            }
        });
        other.start();
        for (int i = 0; i < prepared[0].length; i++)
        {
            prepared[0][i] = Segment.prepare(dir, meta, null);
        }
        other.join();
        try
        {
            if (null != failure[0])
            {
                throw new AssertionError("prepare failed", failure[0]);
            }
            final Set<Path> names = new HashSet<>();
            for (final Segment[] segments : prepared)
            {
                for (final Segment segment : segments)
                {
                    names.add(segment.path);
                }
            }
            assertEquals(100, names.size());
            try (Stream<Path> files = Files.list(dir))
            {
                assertEquals(100, files.count());
            }
        }
        finally
        {
            for (final Segment[] segments : prepared)
            {
                for (final Segment segment : segments)
                {
                    if (null != segment)
                    {
                        segment.discard();
                    }
                }
            }
        }
    }

    @Test
    public void aPreparedSegmentHasItsBlocksAllocated() throws Exception
    {
        final Path dir = folder.newFolder("allocated").toPath();
        final Segment segment = Segment.prepare(dir, JournalMeta.create(SMALL), null);
        try
        {
            // st_blocks in 512-byte units: a sparse file of 64 KiB holding a 4 KiB header would have about 8
            final Process stat = new ProcessBuilder("stat", "-c", "%b %B", segment.path.toString()).start();
            final String out;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                stat.getInputStream(), StandardCharsets.US_ASCII)))
            {
                out = String.valueOf(lines.readLine());
            }
            assumeTrue("stat works here", stat.waitFor(60, TimeUnit.SECONDS) &&
                0 == stat.exitValue() && out.matches("\\d+ \\d+"));
            final String[] parts = out.split(" ");
            assertTrue("allocated bytes: " + out, Long.parseLong(parts[0]) * Long.parseLong(parts[1]) >= 1 << 16);
        }
        finally
        {
            segment.discard();
        }
    }

    @Test
    public void pretouchAfterCloseDoesNothing() throws IOException
    {
        final Journal journal = Journal.create(dir(), SMALL);
        journal.close();
        assertEquals(0, journal.pretouch());
        journal.close();
    }
}
