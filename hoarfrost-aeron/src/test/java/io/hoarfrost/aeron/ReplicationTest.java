package io.hoarfrost.aeron;

import io.hoarfrost.journal.Journal;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import java.nio.file.Path;

import static io.hoarfrost.aeron.Nodes.assertIdentical;
import static io.hoarfrost.aeron.Nodes.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * A leader and a replica in this JVM, each with its own media driver, on 127.0.0.1: the replica
 * catches up through the archive, follows live, survives its own restart and the leader's, and
 * ends byte-identical.
 */
public class ReplicationTest
{
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[4096]);
    private Nodes.Leader leader;
    private Nodes.ReplicaHost host;

    @Before
    public void before()
    {
        leader = new Nodes.Leader(folder.getRoot().toPath(), 1 << 20);
    }

    @After
    public void after()
    {
        try
        {
            if (null != host)
            {
                host.close();
            }
        }
        finally
        {
            leader.close();
        }
    }

    @Test
    public void catchesUpFollowsLiveAndSurvivesRestarts()
    {
        final Path replicaDir = folder.getRoot().toPath().resolve("replica-journal");
        final int livePort = Nodes.freePort();
        try (Journal journal = leader.createJournal())
        {
            Nodes.append(journal, scratch, 2_000);
            leader.startPublishing();
            await("the archive to record 2000 records", 20_000, () -> leader.leader.publisher().recordedSequence() == 1_999);

            host = new Nodes.ReplicaHost(0);
            JournalReplica replica = host.start(leader, replicaDir, livePort);
            await("the replica to catch up", 20_000, () -> replica.lastSequence() == 1_999);
            await("the replica to go live", 20_000, replica::isLive);
            Nodes.append(journal, scratch, 1_000);
            await("the replica to follow live", 20_000, () -> replica.lastSequence() == 2_999);
            assertNull(replica.failure());
            assertEquals(0, replica.duplicates());

            // the replica restarts (a clean stop): it resumes from its saved position
            host.stop();
            Nodes.append(journal, scratch, 500);
            final JournalReplica again = host.start(leader, replicaDir, livePort);
            await("the restarted replica to catch up", 20_000, () -> again.lastSequence() == 3_499);
            assertTrue("duplicates " + again.duplicates(), again.duplicates() <= 1);

            // the leader's host restarts: the recording is extended, the replica reconnects and resumes
            leader.restart();
            assertTrue(leader.leader.extended());
            Nodes.append(journal, scratch, 500);
            await("the replica to resume after the leader's restart", 30_000, () -> again.lastSequence() == 3_999);
            assertNull(again.failure());
            assertTrue(again.reconnects() >= 1);
        }
        host.stop();
        leader.stopPublishing();
        assertIdentical(leader.journalDir, replicaDir);
        assertFalse(leader.leader.publication().isConnected());
    }

    @Test
    public void archiveLostLeaderRecordsAgainFromTheFirstRecord()
    {
        final Path replicaDir = folder.getRoot().toPath().resolve("replica-journal");
        final int livePort = Nodes.freePort();
        try (Journal journal = leader.createJournal())
        {
            Nodes.append(journal, scratch, 1_000);
            leader.startPublishing();
            host = new Nodes.ReplicaHost(0);
            final JournalReplica replica = host.start(leader, replicaDir, livePort);
            await("the replica to catch up", 20_000, () -> replica.lastSequence() == 999);
            host.stop();

            // the leader's archive is lost: a new archive numbers its first recording 0 again
            leader.stopPublishing();
            leader.stopNode();
            Nodes.deleteRecursively(folder.getRoot().toPath().resolve("archive"));
            leader.startNode();
            leader.startPublishing();
            assertFalse(leader.leader.extended());
            final JournalPublisher publisher = leader.leader.publisher();
            await("the publisher to start", 10_000, () -> publisher.startSequence() >= 0);
            assertEquals(0L, publisher.startSequence());
            Nodes.append(journal, scratch, 200);

            // the replica's saved position names recording 0 of the old archive: it replays the new one from its start
            final JournalReplica again = host.start(leader, replicaDir, livePort);
            await("the replica to catch up from the new recording", 20_000, () -> again.lastSequence() == 1_199);
            assertEquals(1_000, again.duplicates());
            assertNull(again.failure());
        }
        host.stop();
        leader.stopPublishing();
        assertIdentical(leader.journalDir, replicaDir);
    }
}
