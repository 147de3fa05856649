package io.hoarfrost.aeron;

import io.aeron.driver.status.SystemCounterDescriptor;
import io.hoarfrost.journal.Journal;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import java.nio.file.Path;

import static io.hoarfrost.aeron.Nodes.assertIdentical;
import static io.hoarfrost.aeron.Nodes.await;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * 5% of the data packets the replica's media driver receives are dropped (Aeron's
 * {@code DebugReceiveChannelEndpoint} with a {@code RandomLossGenerator}), on the replay and the
 * live stream alike: NAKs repair it and the copy is byte-identical.
 */
public class ReplicaLossTest
{
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[4096]);

    @Test
    public void fivePercentLossStillByteIdentical()
    {
        final Path root = folder.getRoot().toPath();
        final Path replicaDir = root.resolve("replica-journal");
        try (Nodes.Leader leader = new Nodes.Leader(root, 1 << 20);
            Journal journal = leader.createJournal();
            Nodes.ReplicaHost host = new Nodes.ReplicaHost(0.05))
        {
            Nodes.append(journal, scratch, 3_000);
            leader.startPublishing();
            final JournalReplica replica = host.start(leader, replicaDir, Nodes.freePort());
            await("the replica to catch up through 5% loss", 30_000, () -> replica.lastSequence() == 2_999);
            for (int i = 0; i < 20; i++)
            {
                Nodes.append(journal, scratch, 100);
            }
            final long last = journal.lastSequence();
            await("the replica to follow live through 5% loss", 30_000, () -> replica.lastSequence() == last);
            assertNull(replica.failure());
            final long naks = host.aeron.countersReader().getCounterValue(SystemCounterDescriptor.NAK_MESSAGES_SENT.id());
            assertTrue("the replica's driver sent no NAK: no loss happened", naks > 0);
            host.stop();
            leader.stopPublishing();
            assertIdentical(leader.journalDir, replicaDir);
        }
    }
}
