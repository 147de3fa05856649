package io.hoarfrost.aeron;

import io.aeron.Aeron;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The leader's command: an embedded media driver and archive, and a {@link JournalLeader}
 * publishing a journal that the application appends to (in this host, any process).
 *
 * <pre>
 * java -cp hoarfrost-aeron.jar:... io.hoarfrost.aeron.LeaderMain \
 *     --journal /data/orders --host 10.0.0.1 --stream 1001 --archive-dir /data/archive
 * </pre>
 *
 * <p>Options: {@code --journal} (required), {@code --host} (the leader's address, default
 * 127.0.0.1), {@code --control-port} (the MDC control port replicas join, 40456),
 * {@code --archive-port} (the archive's control port, 8010), {@code --stream} (1001),
 * {@code --session-id} (101), {@code --archive-dir} (required), {@code --aeron-dir} (the driver's
 * directory, default Aeron's), {@code --term-length} (the publication's term length in bytes,
 * default 16 MiB), {@code --mtu} (default 1408, Aeron's; 8192 on a LAN with jumbo frames). Runs until
 * SIGINT or SIGTERM.
 */
public final class LeaderMain
{
    static final String USAGE = "--journal DIR --archive-dir DIR [--host 127.0.0.1] [--control-port 40456] " +
        "[--archive-port 8010] [--stream 1001] [--session-id 101] [--aeron-dir DIR] [--term-length 16777216] [--mtu 1408]";

    private LeaderMain()
    {
    }

    /**
     * Runs the leader until SIGINT or SIGTERM.
     *
     * @param args {@code --name value} options, see the class Javadoc.
     * @throws IllegalArgumentException naming the option if one is missing or malformed.
     */
    public static void main(final String[] args)
    {
        final MainArgs options = new MainArgs("LeaderMain", USAGE, args);
        final Path journal = Paths.get(options.get("journal"));
        final String host = options.get("host", "127.0.0.1");
        final int controlPort = options.getInt("control-port", 40456);
        final int archivePort = options.getInt("archive-port", 8010);
        final int stream = options.getInt("stream", 1001);
        final int sessionId = options.getInt("session-id", 101);
        final int termLength = options.getInt("term-length", 16 << 20);
        final int mtu = options.getInt("mtu", 1408);
        final String archiveDir = options.get("archive-dir");
        final MediaDriver.Context driver = new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .spiesSimulateConnection(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        final String aeronDir = options.get("aeron-dir", null);
        if (null != aeronDir)
        {
            driver.aeronDirectoryName(aeronDir);
        }
        final Archive.Context archive = new Archive.Context()
            .archiveDir(new File(archiveDir))
            .controlChannel("aeron:udp?endpoint=" + host + ":" + archivePort)
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .aeronDirectoryName(driver.aeronDirectoryName());
        final String channel = "aeron:udp?control=" + host + ":" + controlPort + "|control-mode=dynamic|term-length=" +
            termLength + "|mtu=" + mtu;
        try (ArchivingMediaDriver node = ArchivingMediaDriver.launch(driver, archive);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            AeronArchive client = AeronArchive.connect(new AeronArchive.Context().aeron(aeron)
                .controlRequestChannel(archive.localControlChannel())
                .controlRequestStreamId(archive.localControlStreamId())
                .controlResponseChannel(archive.localControlChannel()));
            JournalLeader leader = JournalLeader.launch(aeron, client, journal, channel, stream, sessionId))
        {
            final AgentRunner runner =
                new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null, leader.publisher());
            AgentRunner.startOnThread(runner);
            System.out.println("leader: publishing " + journal + " on " + channel + " stream " + stream + ", recording " +
                leader.recordingId() + (leader.extended() ? " (extended)" : "") + ", archive " +
                node.archive().context().archiveId() + " control " + host + ":" + archivePort);
            new ShutdownSignalBarrier().await();
            CloseHelper.close(runner);
            System.out.println("leader: stopped at sequence " + leader.publisher().offeredSequence());
        }
    }
}
