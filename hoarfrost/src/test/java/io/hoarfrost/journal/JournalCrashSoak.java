package io.hoarfrost.journal;

import io.hoarfrost.arena.ChildJvm;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.hoarfrost.journal.JournalDescriptor.COMMIT_WORD_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.SEALED_OFFSET;

/**
 * The journal's crash loop, short in the suite ({@link JournalCrashTest}) and long in the soak run
 * ({@code bash soak/run}): a writer child JVM appending checksummed records over 64 KiB segments
 * with an index entry per record (index shift 0), so that it rolls every few milliseconds and
 * writes an index entry before every commit, is killed with SIGKILL at random moments (mid-append,
 * mid-roll, mid-index-update), while a reader child JVM follows it. After each kill the journal is
 * reopened (repairing a roll cut short) and every record is checked by sequence and checksum: all
 * whose append had returned are there, whole. At the end of each journal a last writer appends
 * more, and the follower must have read every record, in order, valid. Free of JUnit: failures are
 * {@code AssertionError}s.
 */
public final class JournalCrashSoak
{
    /** The crash loop's journals: 64 KiB segments, an index entry per record, a CRC32C per record. */
    static final JournalOptions OPTIONS = JournalOptions.defaults().withSegmentSize(1 << 16).withIndexShift(0)
        .withChecksums(true);

    private final Path parent;
    private final Random random;
    private final int maxDelayMillis;
    private final PrintStream log;
    private long kills;
    private long records;
    private long segments;
    private long midRoll;
    private long midPrepare;

    JournalCrashSoak(final Path parent, final long seed, final int maxDelayMillis, final PrintStream log)
    {
        this.parent = parent;
        this.random = new Random(seed);
        this.maxDelayMillis = maxDelayMillis;
        this.log = log;
    }

    /**
     * Runs journals of 20 kills each until the time is up, deleting each journal after it passed.
     * Prints a line per journal and a summary; exits 1 on the first failure.
     *
     * @param args optional: seconds (default 300), a seed, a parent directory (default the temporary directory).
     * @throws Exception if a file operation fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 300;
        final long seed = args.length > 1 ? Long.decode(args[1]) : System.nanoTime();
        final Path parent = Files.createTempDirectory(
            Paths.get(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir")), "journal-crash-soak");
        final JournalCrashSoak soak = new JournalCrashSoak(parent, seed, 200, System.out);
        System.out.printf("journal crash soak: %d s, seed 0x%x, in %s%n", seconds, seed, parent);
        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        boolean passed = false;
        try
        {
            for (int journal = 0; System.nanoTime() < end; journal++)
            {
                final Path dir = parent.resolve("journal-" + journal);
                soak.journal(dir, 20);
                delete(dir);
            }
            passed = true;
        }
        catch (final AssertionError ex)
        {
            System.out.println("journal crash soak: FAILED: " + ex.getMessage());
        }
        finally
        {
            System.out.printf("journal crash soak: %,d kills (%,d cut a roll short, %,d a segment's preparation), %,d " +
                "records verified, %,d segments: %s%n", soak.kills, soak.midRoll, soak.midPrepare, soak.records, soak.segments,
                passed ? "PASSED" : "FAILED (journal kept in " + parent + ')');
        }
        if (!passed)
        {
            System.exit(1);
        }
        delete(parent);
    }

    /**
     * One journal: created in {@code dir}, a follower started, {@code killCount} writers killed,
     * a last writer appending 1000 records, the follower's count checked.
     *
     * @return the records in the journal.
     */
    long journal(final Path dir, final int killCount) throws IOException, InterruptedException
    {
        Journal.create(dir, OPTIONS).close();
        final File followerOut = Files.createTempFile(parent, "follower", ".out").toFile();
        final Process follower = new ProcessBuilder(ChildJvm.command(JournalChild.class, "follow", dir.toString()))
            .redirectOutput(followerOut)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try
        {
            long found = 0;
            for (int kill = 0; kill < killCount; kill++)
            {
                // every 16th sequence printed: the writer outruns its pretoucher and rolls every ~100 us, preparing the
                // next segment itself (a file created, sized, mapped and renamed), so kills land mid-roll often
                final long printed = ChildJvm.startAndKill(parent, found, random.nextInt(maxDelayMillis),
                    JournalChild.class, "append", dir.toString(), "16");
                final String context = dir.getFileName() + ", kill " + kill + ", last sequence printed " + printed;
                classify(dir);
                final long now = verify(dir, context);
                check(now > printed, context + ": found only " + now + " records");
                check(follower.isAlive(), context + ": the follower stopped: " + read(followerOut));
                found = now;
                kills++;
            }
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);
            try (Journal journal = Journal.open(dir))
            {
                check(journal.lastSequence() == found - 1, dir + ": the writer reopened at " + journal.lastSequence());
                for (long sequence = found; sequence < found + 1000; sequence++)
                {
                    journal.append(scratch, 0, JournalRecords.write(scratch, 0, sequence));
                }
            }
            found += 1000;
            check(verify(dir, dir + ", after the last writer") == found, dir + ": records lost at the end");
            stop(follower);
            final String said = read(followerOut).trim();
            check(("verified " + found).equals(said) && 0 == follower.exitValue(),
                dir + ": the follower said '" + said + "' (exit " + follower.exitValue() + "), " + found + " records written");
            final long count = segmentCount(dir);
            check(count > 1, dir + ": one segment: the kills did not span rolls");
            records += found;
            segments += count;
            log.printf("journal crash soak: %s: %d kills (%d mid-roll, %d mid-preparation so far), %,d records, %d segments, " +
                "the follower read them all%n", dir.getFileName(), killCount, midRoll, midPrepare, found, count);
            return found;
        }
        finally
        {
            follower.destroyForcibly();
            follower.waitFor();
            Files.deleteIfExists(followerOut.toPath());
        }
    }

    /**
     * Counts what the kill cut short, from the files as the killed writer left them: a roll (the
     * newest segment named and empty, the one before it not sealed), or the preparation of a
     * segment (a file left under its temporary name).
     */
    private void classify(final Path dir) throws IOException
    {
        final long[] firsts = JournalFiles.listSegments(dir);
        if (firsts.length > 1 &&
            0 == JournalDescriptor.committedCount(header(dir, firsts[firsts.length - 1]).getLong(COMMIT_WORD_OFFSET)) &&
            0 == header(dir, firsts[firsts.length - 2]).getInt(SEALED_OFFSET))
        {
            midRoll++;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            if (files.anyMatch(p -> p.getFileName().toString().startsWith(JournalFiles.PREPARING_PREFIX)))
            {
                midPrepare++;
            }
        }
    }

    private static UnsafeBuffer header(final Path dir, final long first) throws IOException
    {
        final byte[] header = new byte[JournalDescriptor.SEGMENT_HEADER_LENGTH];
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve(JournalDescriptor.segmentName(first)).toFile(), "r"))
        {
            file.readFully(header);
        }
        return new UnsafeBuffer(header);
    }

    /** Reopens the journal as a writer (repairing a roll cut short), then replays and checks every record. */
    static long verify(final Path dir, final String context)
    {
        final long last;
        try (Journal journal = Journal.open(dir))
        {
            last = journal.lastSequence();
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            check(last == reader.lastSequence(), context + ": the reader's last sequence is " + reader.lastSequence() +
                ", the writer's " + last);
            final long found = JournalRecords.verifyAll(reader, 0);
            check(last + 1 == found, context + ": replayed " + found + " records, the writer's last sequence is " + last);
            return found;
        }
    }

    private static void stop(final Process follower) throws IOException, InterruptedException
    {
        final OutputStream in = follower.getOutputStream();
        in.write('\n');
        in.flush();
        check(follower.waitFor(60, TimeUnit.SECONDS), "the follower did not stop within 60 s");
    }

    private static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new AssertionError(message);
        }
    }

    private static String read(final File file) throws IOException
    {
        return new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
    }

    private static long segmentCount(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(JournalDescriptor.SEGMENT_SUFFIX)).count();
        }
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (Files.isDirectory(file))
                {
                    delete(file);
                }
                else
                {
                    Files.delete(file);
                }
            }
        }
        Files.delete(dir);
    }
}
