package io.hoarfrost.aeron;

import io.hoarfrost.journal.Journal;
import io.hoarfrost.journal.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static io.hoarfrost.aeron.Nodes.assertIdentical;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * A replica in a child JVM ({@link ReplicaMain}) killed with {@code kill -9} in the middle of a
 * stream, then started again: it catches up from its saved position and ends byte-identical.
 */
public class ReplicaCrashTest
{
    @Rule
    public final Timeout timeout = Timeout.seconds(90);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[4096]);
    private Process child;
    private String childAeronDir;

    @After
    public void after()
    {
        if (null != child)
        {
            child.destroyForcibly();
        }
        if (null != childAeronDir)
        {
            Nodes.deleteRecursively(Paths.get(childAeronDir));
        }
    }

    @Test
    public void killedReplicaCatchesUpByteIdentical() throws Exception
    {
        final Path root = folder.getRoot().toPath();
        final Path replicaDir = root.resolve("replica-journal");
        final int livePort = Nodes.freePort();
        try (Nodes.Leader leader = new Nodes.Leader(root, 1 << 20); Journal journal = leader.createJournal())
        {
            Nodes.append(journal, scratch, 5_000);
            leader.startPublishing();
            childAeronDir = Nodes.aeronDir("child-replica");
            child = startReplica(leader, replicaDir, livePort, root.resolve("child-1.log").toFile());
            // kill -9 while records stream in: after the replica has some and before it has them all
            long killedAt = -1;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (killedAt < 0)
            {
                Nodes.append(journal, scratch, 20);
                final long held = lastSequence(replicaDir);
                if (held >= 2_000)
                {
                    child.destroyForcibly();
                    assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                    killedAt = held;
                }
                else if (System.nanoTime() > deadline)
                {
                    fail("the child replica did not reach sequence 2000; its log:\n" + log(root, 1));
                }
                Thread.sleep(2);
            }
            assertEquals(137, child.exitValue());
            Nodes.deleteRecursively(Paths.get(childAeronDir));
            Nodes.append(journal, scratch, 2_000);
            final long last = journal.lastSequence();
            assertTrue("killed at " + killedAt + " of " + last, killedAt < last);

            child = startReplica(leader, replicaDir, livePort, root.resolve("child-2.log").toFile());
            final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (lastSequence(replicaDir) != last)
            {
                if (System.nanoTime() > until || !child.isAlive())
                {
                    fail("the restarted replica did not catch up to " + last + "; its log:\n" + log(root, 2));
                }
                Thread.sleep(5);
            }
            child.destroy();   // SIGTERM: a clean stop
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            child = null;
            leader.stopPublishing();
            assertIdentical(leader.journalDir, replicaDir);
        }
    }

    private Process startReplica(final Nodes.Leader leader, final Path dir, final int livePort, final File log)
        throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(ReplicaMain.class,
            "--journal", dir.toString(), "--leader", Nodes.HOST, "--host", Nodes.HOST,
            "--control-port", Integer.toString(leader.controlPort), "--archive-port", Integer.toString(leader.archivePort),
            "--live-port", Integer.toString(livePort), "--stream", Integer.toString(Nodes.STREAM),
            "--aeron-dir", childAeronDir, "--segment-size", Integer.toString(1 << 20)));
        builder.redirectErrorStream(true);
        builder.redirectOutput(log);
        return builder.start();
    }

    private static long lastSequence(final Path dir)
    {
        if (!Files.exists(dir.resolve("journal.meta")))
        {
            return -1;
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            return reader.lastSequence();
        }
    }

    private static String log(final Path root, final int n) throws Exception
    {
        return new String(Files.readAllBytes(root.resolve("child-" + n + ".log")), "UTF-8");
    }
}
