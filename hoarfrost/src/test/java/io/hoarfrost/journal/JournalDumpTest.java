package io.hoarfrost.journal;

import io.hoarfrost.arena.ChildJvm;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * {@link JournalDump} against real journals: the header, the hex and ASCII columns, truncation,
 * {@code --from}/{@code --count}/{@code --follow}, a live writer, and bad input (a message and exit
 * status 2, no stack trace), in this JVM and through {@code main} in a child JVM.
 */
public class JournalDumpTest
{
    private static final byte[] HELLO = "Hello, journal!\n\u0000\u0001ABC".getBytes(StandardCharsets.ISO_8859_1);

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int dump(final String... args)
    {
        out.reset();
        err.reset();
        return JournalDump.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private String out()
    {
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private String err()
    {
        return new String(err.toByteArray(), StandardCharsets.UTF_8);
    }

    private Path journal(final JournalOptions options, final int records) throws IOException
    {
        final Path dir = folder.getRoot().toPath().resolve("journal");
        try (Journal journal = Journal.create(dir, options))
        {
            for (int i = 0; i < records; i++)
            {
                HELLO[HELLO.length - 1] = (byte)('A' + i % 26);
                journal.append(HELLO, 0, HELLO.length);
            }
        }
        return dir;
    }

    @Test
    public void printsTheHeaderThenEachRecordInHexAndAscii() throws IOException
    {
        final Path dir = journal(JournalTest.SMALL.withChecksums(true), 3);
        assertEquals(err(), 0, dump(dir.toString()));
        final String meta = JournalMeta.read(dir).id();
        assertEquals("journal " + dir.toAbsolutePath() + "\n" +
            "  id " + meta + ", created " + java.time.Instant.ofEpochMilli(JournalMeta.read(dir).createdMillis) + "\n" +
            "  segment size 65536 bytes, index shift 6, checksums on (CRC32C), daily roll off\n" +
            "  segments 1: 00000000000000000000.hfj to 00000000000000000000.hfj\n" +
            "  sequences 0 to 2 (3 records)\n" +
            "sequence 0, length 21\n" +
            "  00000000  48 65 6c 6c 6f 2c 20 6a  6f 75 72 6e 61 6c 21 0a  |Hello, journal!.|\n" +
            "  00000010  00 01 41 42 41                                    |..ABA|\n" +
            "sequence 1, length 21\n" +
            "  00000000  48 65 6c 6c 6f 2c 20 6a  6f 75 72 6e 61 6c 21 0a  |Hello, journal!.|\n" +
            "  00000010  00 01 41 42 42                                    |..ABB|\n" +
            "sequence 2, length 21\n" +
            "  00000000  48 65 6c 6c 6f 2c 20 6a  6f 75 72 6e 61 6c 21 0a  |Hello, journal!.|\n" +
            "  00000010  00 01 41 42 43                                    |..ABC|\n", out());
        assertEquals("", err());
    }

    @Test
    public void fromCountAndBytesSelectAndTruncate() throws IOException
    {
        final Path dir = journal(JournalTest.SMALL, 4000);
        assertTrue("several segments", JournalTest.segments(dir) > 1);
        assertEquals(err(), 0, dump(dir.toString(), "--from", "3001", "--count", "2", "--bytes", "5"));
        final String text = out();
        assertThat(text, containsString("checksums off"));
        assertThat(text, containsString("sequences 0 to 3999 (4000 records)"));
        assertThat(text, containsString("sequence 3001, length 21\n" +
            "  00000000  48 65 6c 6c 6f                                    |Hello|\n" +
            "  ... 16 more bytes\n" +
            "sequence 3002, length 21\n"));
        assertFalse(text, text.contains("sequence 3003"));
        assertFalse(text, text.contains("sequence 3000,"));

        assertEquals(err(), 0, dump(dir.toString(), "--from", "3999", "--bytes", "0"));
        assertThat(out(), containsString("sequence 3999, length 21\n  ... 21 more bytes\n"));
    }

    @Test
    public void anEmptyJournalHasNoRecords() throws IOException
    {
        final Path dir = journal(JournalTest.SMALL, 0);
        assertEquals(err(), 0, dump(dir.toString()));
        assertThat(out(), containsString("  records: none\n"));
        assertFalse(out(), out().contains("sequence "));
    }

    @Test
    public void readsWhileAWriterAppendsAndFollowsIt() throws Exception
    {
        final Path dir = journal(JournalTest.SMALL, 2);
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(err(), 0, dump(dir.toString(), "--bytes", "0"));
            assertThat(out(), containsString("sequences 0 to 1 (2 records)"));
            final int[] status = { -1 };
            final Thread follower = new Thread(() -> status[0] = dump(dir.toString(), "--follow", "--from", "1",
                "--count", "3", "--bytes", "0"));
            follower.start();
            TimeUnit.MILLISECONDS.sleep(50);
            journal.append(HELLO, 0, 3);
            journal.append(HELLO, 0, 4);
            follower.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse("the follower stopped after --count records", follower.isAlive());
            assertEquals(err(), 0, status[0]);
            assertThat(out(), containsString("sequence 1, length 21\n  ... 21 more bytes\n" +
                "sequence 2, length 3\n  ... 3 more bytes\nsequence 3, length 4\n"));
        }
    }

    @Test
    public void userErrorsGiveAMessageAndStatusTwo() throws IOException
    {
        final Path dir = journal(JournalTest.SMALL, 5);
        final String[][] cases = {
            {},
            { "--bogus", dir.toString() },
            { dir.toString(), "--count" },
            { dir.toString(), "--count", "many" },
            { dir.toString(), "--bytes", "-1" },
            { dir.toString(), dir.toString() },
            { folder.getRoot().toString() },
            { dir.resolve("missing").toString() },
            { dir.toString(), "--from", "6" },
        };
        final String[] expected = { "no journal directory", "unknown option --bogus", "--count needs a number",
            "--count needs a number, not 'many'", "--bytes -1 is negative", "a second directory", "is not a journal",
            "does not exist", "sequence 6 is outside journal" };
        for (int i = 0; i < cases.length; i++)
        {
            assertEquals(String.join(" ", cases[i]), JournalDump.USAGE_ERROR, dump(cases[i]));
            assertThat(err(), containsString(expected[i]));
            assertThat(err(), not(containsString("\tat ")));
        }
    }

    @Test
    public void aDamagedRecordStopsTheDumpWithStatusOne() throws IOException
    {
        final Path dir = journal(JournalTest.SMALL.withChecksums(true), 3);
        final Path segment = dir.resolve(JournalDescriptor.segmentName(0));
        final byte[] bytes = Files.readAllBytes(segment);
        // the second record's first byte: after the header, one frame [length | crc | 21 bytes | pad to 4], then 8
        final int second = JournalDescriptor.SEGMENT_HEADER_LENGTH + JournalDescriptor.frameLength(21, true) + 8;
        bytes[second] ^= 1;
        Files.write(segment, bytes);
        assertEquals(JournalDump.READ_ERROR, dump(dir.toString()));
        assertThat(out(), containsString("sequence 0, length 21"));
        assertThat(out(), not(containsString("sequence 1,")));
        assertThat(err(), containsString("sequence 1 is damaged"));
        assertThat(err(), not(containsString("\tat ")));
    }

    @Test
    public void mainExitsWithTheStatusInAChildJvmAndModifiesNothing() throws Exception
    {
        final Path dir = journal(JournalTest.SMALL, 3);
        final long modified = Files.getLastModifiedTime(dir.resolve(JournalDescriptor.segmentName(0))).toMillis();
        final byte[] before = Files.readAllBytes(dir.resolve(JournalDescriptor.segmentName(0)));
        assertEquals(0, child(dir.toString(), "--count", "1"));
        assertThat(read(childOut), containsString("sequence 0, length 21\n  00000000  48 65"));
        assertEquals("", read(childErr));
        assertEquals(JournalDump.USAGE_ERROR, child(dir.toString(), "--from", "x"));
        assertThat(read(childErr), containsString("JournalDump: --from needs a number, not 'x'"));
        assertThat(read(childErr), not(containsString("Exception")));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve(JournalDescriptor.segmentName(0)))));
        assertEquals(modified, Files.getLastModifiedTime(dir.resolve(JournalDescriptor.segmentName(0))).toMillis());
    }

    private File childOut;
    private File childErr;

    private int child(final String... args) throws Exception
    {
        childOut = folder.newFile();
        childErr = folder.newFile();
        final Process process = new ProcessBuilder(ChildJvm.command(JournalDump.class, args))
            .redirectOutput(childOut).redirectError(childErr).start();
        assertTrue("the dump finished", process.waitFor(60, TimeUnit.SECONDS));
        return process.exitValue();
    }

    private static String read(final File file) throws IOException
    {
        return new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
    }
}
