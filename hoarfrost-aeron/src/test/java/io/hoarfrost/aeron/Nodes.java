package io.hoarfrost.aeron;

import io.aeron.Aeron;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.ext.DebugReceiveChannelEndpoint;
import io.aeron.driver.ext.RandomLossGenerator;
import io.hoarfrost.journal.Journal;
import io.hoarfrost.journal.JournalOptions;
import io.hoarfrost.journal.JournalReader;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The test harness: a leader (media driver, archive, journal, publisher) and replicas (a media
 * driver each, optionally losing packets), all on 127.0.0.1, every directory unique and deleted.
 */
final class Nodes
{
    static final String HOST = "127.0.0.1";
    static final int STREAM = 1001;
    static final int SESSION_ID = 101;
    static final JournalOptions SMALL = JournalOptions.defaults().withSegmentSize(1 << 20);

    private Nodes()
    {
    }

    /** The idle strategy of every driver, archive and agent: back-off by default, {@code -Dhoarfrost.aeron.idle=yield}. */
    static IdleStrategy idle()
    {
        return "yield".equals(System.getProperty("hoarfrost.aeron.idle")) ? new YieldingIdleStrategy() :
            new BackoffIdleStrategy(1, 1, 1_000, 1_000_000);
    }

    static int freePort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST)))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** A unique Aeron directory: in /dev/shm where there is one, else the temp directory. */
    static String aeronDir(final String role)
    {
        final Path shm = Paths.get("/dev/shm");
        final Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        return base.resolve("hoarfrost-aeron-" + role + "-" + UUID.randomUUID()).toString();
    }

    static MediaDriver.Context driver(final String aeronDir)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idle())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(true)
            .ipcTermBufferLength(1 << 16)
            .spiesSimulateConnection(true)
            .publicationLingerTimeoutNs(TimeUnit.MILLISECONDS.toNanos(100))
            .imageLivenessTimeoutNs(TimeUnit.SECONDS.toNanos(3))
            .warnIfDirectoryExists(false);
    }

    static void deleteRecursively(final Path path)
    {
        if (null == path || !Files.exists(path))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(path))
        {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void await(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** A record's length and bytes, a function of its sequence: 0 to 3000 bytes, some over the MTU. */
    static int record(final UnsafeBuffer buffer, final long sequence)
    {
        final int length = (int)((sequence * 7919) % 3001);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(i, (byte)(sequence * 31 + i));
        }
        return length;
    }

    static void append(final Journal journal, final UnsafeBuffer scratch, final long count)
    {
        for (long i = 0; i < count; i++)
        {
            final long next = journal.lastSequence() + 1;
            assertEquals(next, journal.append(scratch, 0, record(scratch, next)));
        }
    }

    /** Asserts the two journals hold the same id and the same records, byte for byte. */
    static void assertIdentical(final Path leader, final Path replica)
    {
        try (JournalReader a = JournalReader.open(leader); JournalReader b = JournalReader.open(replica))
        {
            assertEquals("journal id high", a.idHigh(), b.idHigh());
            assertEquals("journal id low", a.idLow(), b.idLow());
            assertEquals("last sequence", a.lastSequence(), b.lastSequence());
            long count = 0;
            while (a.next())
            {
                assertTrue("replica ends before sequence " + a.sequence(), b.next());
                assertEquals(a.sequence(), b.sequence());
                assertEquals("length of " + a.sequence(), a.length(), b.length());
                assertEquals("bytes of " + a.sequence(), 0, a.buffer().compareTo(b.buffer()));
                count++;
            }
            assertTrue("replica has more records", !b.next());
            assertTrue(count > 0);
        }
    }

    /** The leader's host: a media driver with an archive, a journal, and a publisher while started. */
    static final class Leader implements AutoCloseable
    {
        final Path root;
        final Path journalDir;
        final int controlPort = freePort();
        final int archivePort = freePort();
        final String channel;
        final String aeronDir = aeronDir("leader");
        ArchivingMediaDriver node;
        Aeron aeron;
        AeronArchive archive;
        JournalLeader leader;
        AgentRunner runner;

        Leader(final Path root, final int termLength)
        {
            this.root = root;
            this.journalDir = root.resolve("leader-journal");
            this.channel = "aeron:udp?control=" + HOST + ":" + controlPort + "|control-mode=dynamic|term-length=" + termLength;
            startNode();
        }

        void startNode()
        {
            final Archive.Context archiveContext = new Archive.Context()
                .archiveDir(root.resolve("archive").toFile())
                .controlChannel("aeron:udp?endpoint=" + HOST + ":" + archivePort)
                .replicationChannel("aeron:udp?endpoint=" + HOST + ":0")
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .idleStrategySupplier(Nodes::idle)
                .aeronDirectoryName(aeronDir);
            node = ArchivingMediaDriver.launch(driver(aeronDir), archiveContext);
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            archive = AeronArchive.connect(new AeronArchive.Context().aeron(aeron)
                .controlRequestChannel(archiveContext.localControlChannel())
                .controlRequestStreamId(archiveContext.localControlStreamId())
                .controlResponseChannel(archiveContext.localControlChannel()));
        }

        Journal createJournal()
        {
            return Journal.create(journalDir, SMALL);
        }

        void startPublishing()
        {
            leader = JournalLeader.launch(aeron, archive, journalDir, channel, STREAM, SESSION_ID);
            runner = new AgentRunner(idle(), Throwable::printStackTrace, null,
                leader.publisher());
            AgentRunner.startOnThread(runner);
        }

        void stopPublishing()
        {
            CloseHelper.close(runner);
            runner = null;
            CloseHelper.close(leader);
        }

        /** The whole host goes down and comes back: driver, archive and publisher. */
        void restart()
        {
            stopPublishing();
            stopNode();
            startNode();
            startPublishing();
        }

        void stopNode()
        {
            CloseHelper.closeAll(archive, aeron, node);
            archive = null;
            aeron = null;
            node = null;
        }

        JournalReplica replica(final Path dir, final int livePort)
        {
            return Nodes.replica(aeron, this, dir, livePort, STREAM);
        }

        @Override
        public void close()
        {
            stopPublishing();
            stopNode();
            deleteRecursively(Paths.get(aeronDir));
        }
    }

    static JournalReplica replica(final Aeron aeron, final Leader leader, final Path dir, final int livePort, final int stream)
    {
        return replica(aeron, leader, dir, livePort, stream, SMALL);
    }

    static JournalReplica replica(
        final Aeron aeron, final Leader leader, final Path dir, final int livePort, final int stream,
        final JournalOptions options)
    {
        return new JournalReplica(aeron,
            () -> new AeronArchive.Context()
                .messageTimeoutNs(TimeUnit.SECONDS.toNanos(5))
                .controlRequestChannel("aeron:udp?endpoint=" + HOST + ":" + leader.archivePort)
                .controlResponseChannel("aeron:udp?endpoint=" + HOST + ":0"),
            dir, options,
            "aeron:udp?endpoint=" + HOST + ":" + livePort + "|control=" + HOST + ":" + leader.controlPort,
            "aeron:udp?endpoint=" + HOST + ":0", stream);
    }

    /** A replica's host: its own media driver (dropping a share of data packets if asked) and the replica agent. */
    static final class ReplicaHost implements AutoCloseable
    {
        final String aeronDir = aeronDir("replica");
        final MediaDriver driver;
        final Aeron aeron;
        JournalReplica replica;
        AgentRunner runner;

        ReplicaHost(final double lossRate)
        {
            final MediaDriver.Context context = driver(aeronDir);
            if (lossRate > 0)
            {
                context.receiveChannelEndpointSupplier((udpChannel, dispatcher, statusIndicator, ctx) ->
                    new DebugReceiveChannelEndpoint(udpChannel, dispatcher, statusIndicator, ctx,
                        new RandomLossGenerator(lossRate, 42L), new RandomLossGenerator(0, 43L)));
            }
            driver = MediaDriver.launch(context);
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir).errorHandler(this::onError));
        }

        /** A replica's refusal is what a bad-input test expects (and asserts): anything else is printed. */
        void onError(final Throwable error)
        {
            final JournalReplica current = replica;
            if (null == current || error != current.failure())
            {
                error.printStackTrace();
            }
        }

        JournalReplica start(final Leader leader, final Path dir, final int livePort)
        {
            replica = Nodes.replica(aeron, leader, dir, livePort, STREAM);
            runner = new AgentRunner(idle(), this::onError, null, replica);
            AgentRunner.startOnThread(runner);
            return replica;
        }

        void stop()
        {
            CloseHelper.close(runner);
            runner = null;
        }

        @Override
        public void close()
        {
            stop();
            CloseHelper.closeAll(aeron, driver);
            deleteRecursively(Paths.get(aeronDir));
        }
    }

    static File file(final Path path)
    {
        return path.toFile();
    }
}
