package io.hoarfrost.aeron;

import io.hoarfrost.journal.Journal;
import io.hoarfrost.journal.JournalOptions;
import io.hoarfrost.memory.MemoryChecks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

/**
 * The steady state allocates nothing: the publisher's and the live replica's duty cycles, driven
 * by this thread, over thousands of records (the connection and the first record allocate, once).
 */
public class ReplicationGarbageTest
{
    private static final int RECORDS = 2_000;
    private static final long SLACK = 1_000;
    private static final JournalOptions LARGE = JournalOptions.defaults().withSegmentSize(1 << 23);

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private static long allocatedBytes()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue("needs HotSpot's allocation counter", threads instanceof com.sun.management.ThreadMXBean);
        return ((com.sun.management.ThreadMXBean)threads).getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    public void publishAndReplicateAllocateNothing()
    {
        assumeTrue("checked mode tracks on the heap", !MemoryChecks.ENABLED);
        allocatedBytes();
        final Path root = folder.getRoot().toPath();
        final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        try (Nodes.Leader leader = new Nodes.Leader(root, 1 << 22);
            Nodes.ReplicaHost host = new Nodes.ReplicaHost(0);
            Journal journal = Journal.create(leader.journalDir, LARGE))
        {
            leader.leader = JournalLeader.launch(leader.aeron, leader.archive, leader.journalDir, leader.channel,
                Nodes.STREAM, Nodes.SESSION_ID);
            final JournalPublisher publisher = leader.leader.publisher();
            final JournalReplica replica =
                Nodes.replica(host.aeron, leader, root.resolve("replica-journal"), Nodes.freePort(), Nodes.STREAM, LARGE);
            publisher.onStart();
            replica.onStart();
            try
            {
                journal.append(record, 0, 64);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!replica.isLive() || replica.lastSequence() != 0)
                {
                    publisher.doWork();
                    replica.doWork();
                    if (System.nanoTime() > deadline)
                    {
                        fail("the replica did not go live: " + replica.lastTransientError());
                    }
                }
                long least = Long.MAX_VALUE;
                for (int round = 0; round < 10; round++)
                {
                    final long before = allocatedBytes();
                    for (int i = 0; i < RECORDS; i++)
                    {
                        record.putLong(0, i);
                        journal.append(record, 0, 64);
                        publisher.doWork();
                        replica.doWork();
                    }
                    final long last = journal.lastSequence();
                    final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (replica.lastSequence() != last)
                    {
                        publisher.doWork();
                        replica.doWork();
                        if (System.nanoTime() > until)
                        {
                            fail("the replica did not follow to " + last + ": at " + replica.lastSequence());
                        }
                    }
                    least = Math.min(least, allocatedBytes() - before);
                }
                assertTrue(least + " bytes of heap for " + RECORDS + " records published and replicated", least < SLACK);
            }
            finally
            {
                replica.onClose();
                publisher.onClose();
            }
        }
    }
}
