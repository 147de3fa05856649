package io.hoarfrost.journal;

import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * The journal id accessors and {@link Journal#createReplica}: a copy that carries another
 * journal's id, seen the same by the writer, a reader and a reopen.
 */
public class JournalReplicaIdTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void idIsRandomAndSeenByReaders() throws Exception
    {
        final Path one = folder.getRoot().toPath().resolve("one");
        final Path two = folder.getRoot().toPath().resolve("two");
        try (Journal a = Journal.create(one, JournalTest.SMALL);
            Journal b = Journal.create(two, JournalTest.SMALL);
            JournalReader reader = JournalReader.open(one))
        {
            assertFalse(a.idHigh() == b.idHigh() && a.idLow() == b.idLow());
            assertEquals(a.idHigh(), reader.idHigh());
            assertEquals(a.idLow(), reader.idLow());
        }
    }

    @Test
    public void replicaKeepsTheGivenIdAcrossReopen() throws Exception
    {
        final Path original = folder.getRoot().toPath().resolve("original");
        final Path copy = folder.getRoot().toPath().resolve("copy");
        final UnsafeBuffer record = new UnsafeBuffer(new byte[16]);
        try (Journal leader = Journal.create(original, JournalTest.SMALL))
        {
            try (Journal replica = Journal.createReplica(copy, JournalTest.SMALL, leader.idHigh(), leader.idLow()))
            {
                assertEquals(leader.idHigh(), replica.idHigh());
                assertEquals(leader.idLow(), replica.idLow());
                record.putLong(0, 7L);
                assertEquals(0L, replica.append(record, 0, 16));
            }
            try (Journal reopened = Journal.open(copy); JournalReader reader = JournalReader.open(copy))
            {
                assertEquals(leader.idHigh(), reopened.idHigh());
                assertEquals(leader.idLow(), reopened.idLow());
                assertEquals(leader.idLow(), reader.idLow());
                assertTrue(reader.next());
                assertEquals(7L, reader.buffer().getLong(0));
                assertEquals(1L, reopened.append(record, 0, 16));
            }
            final Journal closed = leader;
            assertNotEquals(0L, closed.idHigh() | closed.idLow());
        }
    }

    @Test
    public void replicaRefusesAnExistingDirectory() throws Exception
    {
        final Path dir = Files.createDirectory(folder.getRoot().toPath().resolve("taken"));
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> Journal.createReplica(dir, JournalTest.SMALL, 1L, 2L));
        assertThat(ex.getMessage(), containsString(dir.toString()));
        try (java.util.stream.Stream<Path> files = Files.list(dir))
        {
            assertEquals(0L, files.count());
        }
    }

    @Test
    public void replicaRefusesNullOptions()
    {
        final Path dir = folder.getRoot().toPath().resolve("x");
        assertThrows(NullPointerException.class, () -> Journal.createReplica(dir, null, 1L, 2L));
        assertFalse(Files.exists(dir));
    }
}
