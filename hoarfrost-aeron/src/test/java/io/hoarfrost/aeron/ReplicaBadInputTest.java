package io.hoarfrost.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.archive.codecs.SourceLocation;
import io.hoarfrost.journal.Journal;
import io.hoarfrost.journal.JournalReader;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.hoarfrost.aeron.Nodes.await;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/**
 * What a replica refuses, each with an {@code IllegalStateException} naming the values and nothing
 * written: the wrong stream (no recording; a recording that is not a journal's; messages without
 * the header), a journal with another id, a directory that is not a journal, a gap. And a leader
 * refuses to record a second journal on a stream that already carries one.
 */
public class ReplicaBadInputTest
{
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[4096]);
    private Nodes.Leader leader;
    private Nodes.ReplicaHost host;
    private Path replicaDir;

    @Before
    public void before()
    {
        leader = new Nodes.Leader(folder.getRoot().toPath(), 1 << 16);
        host = new Nodes.ReplicaHost(0);
        replicaDir = folder.getRoot().toPath().resolve("replica-journal");
    }

    @After
    public void after()
    {
        try
        {
            host.close();
        }
        finally
        {
            leader.close();
        }
    }

    private Throwable failureOf(final JournalReplica replica)
    {
        await("the replica to refuse", 20_000, () -> null != replica.failure());
        host.stop();
        return replica.failure();
    }

    @Test
    public void wrongStreamWithNoRecording()
    {
        try (Journal journal = leader.createJournal())
        {
            Nodes.append(journal, scratch, 10);
            leader.startPublishing();
            host.replica = Nodes.replica(host.aeron, leader, replicaDir, Nodes.freePort(), 999);
            final JournalReplica replica = startAgent(host.replica);
            final Throwable failure = failureOf(replica);
            assertTrue(failure instanceof IllegalStateException);
            assertThat(failure.getMessage(), containsString("no recording of stream 999"));
            assertFalse(Files.exists(replicaDir));
        }
    }

    @Test
    public void wrongStreamRecordedWithoutTheAlias()
    {
        final String channel = "aeron:udp?control=127.0.0.1:" + leader.controlPort + "|control-mode=dynamic";
        leader.archive.startRecording(channel, Nodes.STREAM, SourceLocation.LOCAL);
        try (ExclusivePublication publication = leader.aeron.addExclusivePublication(channel, Nodes.STREAM))
        {
            offer(publication, new UnsafeBuffer(new byte[40]), 40);
            final Throwable failure = failureOf(host.start(leader, replicaDir, Nodes.freePort()));
            assertThat(failure.getMessage(), containsString("is not a replicated journal"));
            assertThat(failure.getMessage(), containsString("stream " + Nodes.STREAM));
            assertFalse(Files.exists(replicaDir));
        }
    }

    @Test
    public void wrongStreamMessagesWithoutTheHeader()
    {
        final String channel = "aeron:udp?control=127.0.0.1:" + leader.controlPort + "|control-mode=dynamic|alias=" +
            ReplicationDescriptor.alias(1L, 2L);
        leader.archive.startRecording(channel, Nodes.STREAM, SourceLocation.LOCAL);
        try (ExclusivePublication publication = leader.aeron.addExclusivePublication(channel, Nodes.STREAM))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[100]);
            message.putStringWithoutLengthAscii(0, "not a journal record");
            offer(publication, message, 100);
            final Throwable failure = failureOf(host.start(leader, replicaDir, Nodes.freePort()));
            assertThat(failure.getMessage(), containsString("message of 100 bytes at position"));
            assertThat(failure.getMessage(), containsString("is not a replicated journal record"));
            assertFalse(Files.exists(replicaDir));
        }
    }

    @Test
    public void foreignJournalRefusedWritingNothing() throws Exception
    {
        try (Journal journal = leader.createJournal())
        {
            Nodes.append(journal, scratch, 10);
            leader.startPublishing();
        }
        try (Journal other = Journal.create(replicaDir, Nodes.SMALL))
        {
            Nodes.append(other, scratch, 3);
        }
        final List<String> before = listing(replicaDir);
        final Throwable failure = failureOf(host.start(leader, replicaDir, Nodes.freePort()));
        assertThat(failure.getMessage(), containsString("a different history"));
        try (JournalReader mine = JournalReader.open(replicaDir); JournalReader theirs = JournalReader.open(leader.journalDir))
        {
            assertThat(failure.getMessage(), containsString(ReplicationDescriptor.idString(mine.idHigh(), mine.idLow())));
            assertThat(failure.getMessage(), containsString(ReplicationDescriptor.idString(theirs.idHigh(), theirs.idLow())));
            assertEquals(2L, mine.lastSequence());
        }
        assertEquals(before, listing(replicaDir));
    }

    @Test
    public void directoryThatIsNotAJournal() throws Exception
    {
        try (Journal journal = leader.createJournal())
        {
            Nodes.append(journal, scratch, 10);
        }
        Files.createDirectory(replicaDir);
        Files.write(replicaDir.resolve("notes.txt"), "not a journal".getBytes("UTF-8"));
        final JournalReplica replica = Nodes.replica(host.aeron, leader, replicaDir, Nodes.freePort(), Nodes.STREAM);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, replica::onStart);
        assertThat(ex.getMessage(), containsString(replicaDir.toString()));
        assertThat(ex.getMessage(), containsString("is not a journal"));
        assertSame(ex, replica.failure());
        replica.onClose();
        assertEquals(1, listing(replicaDir).size());
    }

    @Test
    public void gapRefusedNamingBothSequences()
    {
        final long idHigh = 0x1234L;
        final long idLow = 0x5678L;
        final String channel = "aeron:udp?control=127.0.0.1:" + leader.controlPort + "|control-mode=dynamic|alias=" +
            ReplicationDescriptor.alias(idHigh, idLow);
        leader.archive.startRecording(channel, Nodes.STREAM, SourceLocation.LOCAL);
        try (ExclusivePublication publication = leader.aeron.addExclusivePublication(channel, Nodes.STREAM))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            ReplicationDescriptor.writeHeader(message, idHigh, idLow);
            for (final long sequence : new long[]{ 0, 1, 3, 4 })
            {
                message.putLong(ReplicationDescriptor.SEQUENCE_OFFSET, sequence);
                message.putLong(ReplicationDescriptor.HEADER_LENGTH, sequence * 11);
                offer(publication, message, 64);
            }
            final Throwable failure = failureOf(host.start(leader, replicaDir, Nodes.freePort()));
            assertThat(failure.getMessage(), containsString("gap"));
            assertThat(failure.getMessage(), containsString("holds sequences up to 1"));
            assertThat(failure.getMessage(), containsString("is sequence 3"));
        }
        try (JournalReader reader = JournalReader.open(replicaDir))
        {
            assertEquals(idHigh, reader.idHigh());
            assertEquals(idLow, reader.idLow());
            assertEquals(1L, reader.lastSequence());
            assertTrue(reader.next());
            assertEquals(32, reader.length());
            assertTrue(reader.next());
            assertEquals(11L, reader.buffer().getLong(0));
        }
    }

    @Test
    public void leaderRefusesASecondJournalOnTheSameStream()
    {
        try (Journal journal = leader.createJournal())
        {
            Nodes.append(journal, scratch, 10);
            leader.startPublishing();
        }
        leader.stopPublishing();
        final Path other = folder.getRoot().toPath().resolve("other-journal");
        try (Journal journal = Journal.create(other, Nodes.SMALL))
        {
            Nodes.append(journal, scratch, 1);
        }
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> JournalLeader.launch(leader.aeron, leader.archive, other, leader.channel, Nodes.STREAM, Nodes.SESSION_ID));
        assertThat(ex.getMessage(), containsString("records stream " + Nodes.STREAM + " of another journal"));
        assertThat(ex.getMessage(), containsString(other.toString()));
    }

    @Test
    public void publisherRefusesARecordLongerThanAMessage()
    {
        try (Journal journal = leader.createJournal())
        {
            Nodes.append(journal, scratch, 3);
            final UnsafeBuffer big = new UnsafeBuffer(new byte[9_000]);
            assertEquals(3L, journal.append(big, 0, 9_000));
        }
        leader.leader = JournalLeader.launch(leader.aeron, leader.archive, leader.journalDir, leader.channel,
            Nodes.STREAM, Nodes.SESSION_ID);
        final JournalPublisher publisher = leader.leader.publisher();
        publisher.onStart();
        try
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () ->
            {
                for (int i = 0; i < 100_000; i++)
                {
                    publisher.doWork();
                }
            });
            assertThat(ex.getMessage(), containsString("record 3 of journal " + leader.journalDir + " is 9000 bytes"));
            assertThat(ex.getMessage(), containsString("takes at most " + (8192 - ReplicationDescriptor.HEADER_LENGTH)));
            assertEquals(2L, publisher.offeredSequence());
        }
        finally
        {
            publisher.onClose();
        }
    }

    private JournalReplica startAgent(final JournalReplica replica)
    {
        host.runner = new AgentRunner(new BackoffIdleStrategy(), host::onError, null, replica);
        AgentRunner.startOnThread(host.runner);
        return replica;
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer message, final int length)
    {
        await("the publication to take a message", 10_000, () -> publication.offer(message, 0, length) > 0);
    }

    private static List<String> listing(final Path dir) throws Exception
    {
        final List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            names.addAll(files.map(file -> file.getFileName() + ":" + file.toFile().length() + ":" +
                file.toFile().lastModified()).sorted().collect(Collectors.toList()));
        }
        return names;
    }
}
