package io.hoarfrost.journal;

import io.hoarfrost.memory.BadInput;
import io.hoarfrost.memory.BadInput.Fixture;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.hoarfrost.memory.BadInput.Kind.CLOSED;
import static io.hoarfrost.memory.BadInput.Kind.FOREIGN;
import static io.hoarfrost.memory.BadInput.Kind.IN_USE;
import static io.hoarfrost.memory.BadInput.Kind.NEGATIVE;
import static io.hoarfrost.memory.BadInput.Kind.NULL;
import static io.hoarfrost.memory.BadInput.Kind.TOO_LARGE;

/**
 * The bad-input matrix of the journal: every public entry point of {@link Journal},
 * {@link JournalClaim}, {@link JournalReader} and {@link JournalOptions} with negative and
 * too-large lengths and sequences, null, a closed journal or reader, a directory or file that is
 * not this journal's, a journal already open for writing, and a second thread.
 */
@RunWith(Parameterized.class)
public class JournalBadInputTest
{
    private static final String CLOSED_JOURNAL = "used after close";
    private static final int MAX = JournalDescriptor.maxRecordLength(1 << 16);

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Parameterized.Parameter
    public BadInput input;

    /**
     * The cases.
     *
     * @return every case of this package.
     */
    @Parameterized.Parameters(name = "{0}")
    public static List<BadInput> cases()
    {
        final List<BadInput> cases = new ArrayList<>();
        journal(cases);
        claim(cases);
        reader(cases);
        options(cases);
        return cases;
    }

    @Test
    public void throwsAsDocumentedAndChangesNothing()
    {
        input.run();
    }

    /** A journal of three records, with a reader and a claim, in a temporary directory. */
    static final class JournalFixture
    {
        final Path directory;
        final Path dir;
        final Journal journal;
        final JournalReader reader;
        final JournalClaim claim = new JournalClaim();

        JournalFixture() throws IOException
        {
            directory = Files.createTempDirectory("hoarfrost-journal-bad-input");
            dir = directory.resolve("journal");
            Journal created = null;
            try
            {
                created = Journal.create(dir, JournalOptions.defaults().withSegmentSize(1 << 16));
                for (int i = 0; i < 3; i++)
                {
                    created.append(new byte[]{ 1, 2, 3, (byte)i }, 0, 4);
                }
                reader = JournalReader.open(dir);
            }
            catch (final RuntimeException | Error ex)
            {
                // a fixture that failed to build leaves no journal open and no temporary directory behind
                if (null != created)
                {
                    created.close();
                }
                try
                {
                    delete(directory.toFile());
                }
                catch (final IOException suppressed)
                {
                    ex.addSuppressed(suppressed);
                }
                throw ex;
            }
            journal = created;
        }

        /** Another journal's directory, with the same layout. */
        Path other() throws IOException
        {
            final Path other = directory.resolve("other");
            if (!Files.exists(other))
            {
                Journal.create(other, JournalOptions.defaults().withSegmentSize(1 << 16)).close();
            }
            return other;
        }

        /** A copy of this journal whose segment was replaced by another journal's. */
        Path foreignSegment() throws IOException
        {
            final Path copy = directory.resolve("copy");
            Files.createDirectory(copy);
            for (final String name : new String[]{ "journal.meta", "journal.lock" })
            {
                Files.copy(dir.resolve(name), copy.resolve(name));
            }
            final String segment = JournalDescriptor.segmentName(0);
            Files.copy(other().resolve(segment), copy.resolve(segment));
            return copy;
        }

        String state()
        {
            return journal + " " + reader + " " + claim;
        }

        Void close() throws IOException
        {
            if (claim.sequence() >= 0)
            {
                claim.abort();
            }
            reader.close();
            journal.close();
            delete(directory.toFile());
            return null;
        }

        Void closeAll()
        {
            reader.close();
            journal.close();
            return null;
        }

        private static void delete(final File file) throws IOException
        {
            final File[] children = file.listFiles();
            if (null != children)
            {
                for (final File child : children)
                {
                    delete(child);
                }
            }
            Files.deleteIfExists(file.toPath());
        }
    }

    private static Fixture<JournalFixture> fixture(final List<BadInput> cases, final String primitive)
    {
        return new Fixture<>(cases, primitive, JournalFixture::new, JournalFixture::state, JournalFixture::closeAll,
            JournalFixture::close);
    }

    private static void journal(final List<BadInput> cases)
    {
        fixture(cases, "Journal")
            .throwsOn("create(dir, options)", NULL, "dir null", NullPointerException.class, null,
                f -> Journal.create(null, JournalOptions.defaults()))
            .throwsOn("create(dir, options)", NULL, "options null", NullPointerException.class, "options",
                f -> Journal.create(f.directory.resolve("new"), null))
            .throwsOn("create(dir, options)", IN_USE, "an existing directory", IllegalStateException.class,
                "already exists", f -> Journal.create(f.dir, JournalOptions.defaults()))
            .throwsOn("open(dir)", FOREIGN, "a directory that is not a journal", IllegalStateException.class,
                "is not a journal", f -> Journal.open(f.directory))
            .throwsOn("open(dir)", FOREIGN, "a segment of another journal", IllegalStateException.class,
                "belongs to another journal", f -> Journal.open(f.foreignSegment()))
            .throwsOn("open(dir)", IN_USE, "a journal this JVM has open for writing", IllegalStateException.class,
                "already open for writing in this JVM", f -> Journal.open(f.dir))
            .throwsOn("open(dir)", NULL, "dir null", NullPointerException.class, null, f -> Journal.open(null))
            .throwsOn("append(byte[], index, length)", NEGATIVE, "length -1", IndexOutOfBoundsException.class,
                "length -1", f -> f.journal.append(new byte[4], 0, -1))
            .throwsOn("append(byte[], index, length)", TOO_LARGE, "range past the array", IndexOutOfBoundsException.class,
                "offset 2", f -> f.journal.append(new byte[4], 2, 3))
            .throwsOn("append(byte[], index, length)", TOO_LARGE, "a record longer than a segment holds",
                IllegalArgumentException.class, "a record of " + (MAX + 1) + " bytes", f -> f.journal.append(
                    new byte[MAX + 1], 0, MAX + 1))
            .throwsOn("append(byte[], index, length)", NULL, "source null", NullPointerException.class, null,
                f -> f.journal.append((byte[])null, 0, 1))
            .throwsOn("append(byte[], index, length)", CLOSED, "closed journal", IllegalStateException.class,
                CLOSED_JOURNAL, f -> f.journal.append(new byte[4], 0, 4))
            .throwsOn("append(byte[], index, length)", IN_USE, "a claim pending", IllegalStateException.class,
                "is pending", f ->
                {
                    f.journal.claim(8, f.claim);
                    try
                    {
                        return f.journal.append(new byte[4], 0, 4);
                    }
                    finally
                    {
                        f.claim.abort();
                    }
                })
            .throwsOn("append(DirectBuffer, index, length)", NEGATIVE, "index -1", IndexOutOfBoundsException.class,
                "offset -1", f -> f.journal.append(new UnsafeBuffer(new byte[4]), -1, 1))
            .throwsOn("append(DirectBuffer, index, length)", TOO_LARGE, "a record longer than a segment holds",
                IllegalArgumentException.class, String.valueOf(MAX), f -> f.journal.append(
                    new UnsafeBuffer(new byte[MAX + 1]), 0, MAX + 1))
            .throwsOn("append(DirectBuffer, index, length)", CLOSED, "closed journal", IllegalStateException.class,
                CLOSED_JOURNAL, f -> f.journal.append(new UnsafeBuffer(new byte[4]), 0, 4))
            .throwsOn("claim(length, claim)", NEGATIVE, "length -1", IllegalArgumentException.class, "a record of -1",
                f -> f.journal.claim(-1, f.claim))
            .throwsOn("claim(length, claim)", TOO_LARGE, "a record longer than a segment holds",
                IllegalArgumentException.class, "at most " + MAX, f -> f.journal.claim(MAX + 1, f.claim))
            .throwsOn("claim(length, claim)", NULL, "claim null", NullPointerException.class, "claim",
                f -> f.journal.claim(8, null))
            .throwsOn("claim(length, claim)", CLOSED, "closed journal", IllegalStateException.class, CLOSED_JOURNAL,
                f -> f.journal.claim(8, f.claim))
            .throwsOn("lastSequence()", CLOSED, "closed journal", IllegalStateException.class, CLOSED_JOURNAL,
                f -> f.journal.lastSequence())
            .throwsOn("retain(segments, onRetired)", NEGATIVE, "segments -1", IllegalArgumentException.class, "-1", f ->
            {
                f.journal.retain(-1, null);
                return null;
            })
            .throwsOn("retain(segments, onRetired)", CLOSED, "closed journal", IllegalStateException.class, CLOSED_JOURNAL,
                f ->
                {
                    f.journal.retain(2, null);
                    return null;
                })
            .returns("pretouch()", CLOSED, "closed journal (does nothing)", 0, f -> f.journal.pretouch())
            .returns("close()", CLOSED, "closed journal (idempotent)", null, f ->
            {
                f.journal.close();
                return null;
            })
            .confined("append(byte[], index, length)", f -> f.journal.append(new byte[4], 0, 4))
            .confined("claim(length, claim)", f -> f.journal.claim(8, f.claim))
            .confined("lastSequence()", f -> f.journal.lastSequence())
            .confined("retain(segments, onRetired)", f ->
            {
                f.journal.retain(2, null);
                return null;
            })
            .confined("close()", f ->
            {
                f.journal.close();
                return null;
            });
    }

    private static void claim(final List<BadInput> cases)
    {
        // a claim is "closed" when nothing is claimed: its fixture leaves the journal open for CLOSED cases
        new Fixture<JournalFixture>(cases, "JournalClaim", JournalFixture::new, JournalFixture::state, f -> null,
            JournalFixture::close)
            .throwsOn("commit()", CLOSED, "nothing claimed", IllegalStateException.class, "nothing was claimed",
                f -> f.claim.commit())
            .throwsOn("commit()", CLOSED, "committed twice", IllegalStateException.class, "nothing was claimed", f ->
            {
                f.journal.claim(0, f.claim);
                f.claim.abort();
                return f.claim.commit();
            })
            .throwsOn("abort()", CLOSED, "nothing claimed", IllegalStateException.class, "nothing was claimed", f ->
            {
                f.claim.abort();
                return null;
            })
            .throwsOn("buffer()", CLOSED, "written after commit", IndexOutOfBoundsException.class, null, f ->
            {
                f.journal.claim(0, f.claim);
                f.claim.abort();
                f.claim.buffer().putLong(0, 1L);
                return null;
            });
    }

    private static void reader(final List<BadInput> cases)
    {
        fixture(cases, "JournalReader")
            .throwsOn("open(dir)", NULL, "dir null", NullPointerException.class, null, f -> JournalReader.open(null))
            .throwsOn("open(dir)", FOREIGN, "a directory that is not a journal", IllegalStateException.class,
                "is not a journal", f -> JournalReader.open(f.directory))
            .throwsOn("open(dir)", FOREIGN, "a missing directory", IllegalStateException.class, "does not exist",
                f -> JournalReader.open(f.directory.resolve("missing")))
            .throwsOn("open(dir)", FOREIGN, "a segment of another journal", IllegalStateException.class,
                "belongs to another journal", f -> JournalReader.open(f.foreignSegment()))
            .throwsOn("open(dir, name)", NULL, "name null", IllegalArgumentException.class, "'null'",
                f -> JournalReader.open(f.dir, null))
            .throwsOn("open(dir, name)", FOREIGN, "a name with a path in it", IllegalArgumentException.class, "'../x'",
                f -> JournalReader.open(f.dir, "../x"))
            .throwsOn("open(dir, name)", TOO_LARGE, "a name of 65 characters", IllegalArgumentException.class, "1 to 64",
                f -> JournalReader.open(f.dir, new String(new char[65]).replace('\0', 'a')))
            .throwsOn("open(dir, name)", IN_USE, "a name open in this JVM", IllegalStateException.class, "already open", f ->
            {
                final JournalReader named = JournalReader.open(f.dir, "twice");
                try
                {
                    return JournalReader.open(f.dir, "twice");
                }
                finally
                {
                    named.close();
                }
            })
            .throwsOn("seek(sequence)", NEGATIVE, "sequence -1", IndexOutOfBoundsException.class, "sequence -1", f ->
            {
                f.reader.seek(-1);
                return null;
            })
            .throwsOn("seek(sequence)", TOO_LARGE, "past the end", IndexOutOfBoundsException.class, "from 0 to 3", f ->
            {
                f.reader.seek(4);
                return null;
            })
            .throwsOn("seek(sequence)", TOO_LARGE, "Long.MAX_VALUE", IndexOutOfBoundsException.class,
                String.valueOf(Long.MAX_VALUE), f ->
                {
                    f.reader.seek(Long.MAX_VALUE);
                    return null;
                })
            .throwsOn("seek(sequence)", CLOSED, "closed reader", IllegalStateException.class, CLOSED_JOURNAL, f ->
            {
                f.reader.seek(0);
                return null;
            })
            .throwsOn("next()", CLOSED, "closed reader", IllegalStateException.class, CLOSED_JOURNAL, f -> f.reader.next())
            .throwsOn("buffer()", CLOSED, "closed reader", IllegalStateException.class, CLOSED_JOURNAL,
                f -> f.reader.buffer())
            .throwsOn("lastSequence()", CLOSED, "closed reader", IllegalStateException.class, CLOSED_JOURNAL,
                f -> f.reader.lastSequence())
            .throwsOn("toStart()", CLOSED, "closed reader", IllegalStateException.class, CLOSED_JOURNAL, f ->
            {
                f.reader.toStart();
                return null;
            })
            .throwsOn("toEnd()", CLOSED, "closed reader", IllegalStateException.class, CLOSED_JOURNAL, f ->
            {
                f.reader.toEnd();
                return null;
            })
            .returns("close()", CLOSED, "closed reader (idempotent)", null, f ->
            {
                f.reader.close();
                return null;
            })
            .confined("next()", f -> f.reader.next())
            .confined("seek(sequence)", f ->
            {
                f.reader.seek(0);
                return null;
            })
            .confined("lastSequence()", f -> f.reader.lastSequence());
    }

    private static void options(final List<BadInput> cases)
    {
        fixture(cases, "JournalOptions")
            .throwsOn("withSegmentSize(bytes)", NEGATIVE, "segment size -65536", IllegalArgumentException.class, "-65536",
                f -> JournalOptions.defaults().withSegmentSize(-65536))
            .throwsOn("withSegmentSize(bytes)", TOO_LARGE, "segment size 2^31 - 1", IllegalArgumentException.class,
                String.valueOf(Integer.MAX_VALUE), f -> JournalOptions.defaults().withSegmentSize(Integer.MAX_VALUE))
            .throwsOn("withSegmentSize(bytes)", TOO_LARGE, "not a power of two", IllegalArgumentException.class,
                "100000", f -> JournalOptions.defaults().withSegmentSize(100_000))
            .throwsOn("withIndexShift(k)", NEGATIVE, "shift -1", IllegalArgumentException.class, "-1",
                f -> JournalOptions.defaults().withIndexShift(-1))
            .throwsOn("withIndexShift(k)", TOO_LARGE, "shift 21", IllegalArgumentException.class, "21",
                f -> JournalOptions.defaults().withIndexShift(21));
    }
}
