package io.hoarfrost.aeron;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.hoarfrost.journal.JournalOptions;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The replica's command: an embedded media driver and a {@link JournalReplica} keeping a local
 * copy of the leader's journal.
 *
 * <pre>
 * java -cp hoarfrost-aeron.jar:... io.hoarfrost.aeron.ReplicaMain \
 *     --journal /data/orders-replica --leader 10.0.0.1 --host 10.0.0.2 --stream 1001
 * </pre>
 *
 * <p>Options: {@code --journal} (required; created at the first record if missing),
 * {@code --leader} (the leader's address, required), {@code --control-port} (the leader's MDC
 * control port, 40456), {@code --archive-port} (the leader's archive control port, 8010),
 * {@code --host} (this host's address, default 127.0.0.1), {@code --live-port} (the live
 * stream's port here, 40457), {@code --stream} (1001), {@code --aeron-dir} (the driver's
 * directory), {@code --segment-size} (of a journal it creates, default 64 MiB). Prints its last
 * sequence every second; runs until SIGINT or SIGTERM.
 */
public final class ReplicaMain
{
    static final String USAGE = "--journal DIR --leader HOST [--host 127.0.0.1] [--control-port 40456] " +
        "[--archive-port 8010] [--live-port 40457] [--stream 1001] [--aeron-dir DIR] [--segment-size 67108864]";

    private ReplicaMain()
    {
    }

    /**
     * Runs the replica until SIGINT or SIGTERM.
     *
     * @param args {@code --name value} options, see the class Javadoc.
     * @throws IllegalArgumentException naming the option if one is missing or malformed.
     */
    public static void main(final String[] args)
    {
        final MainArgs options = new MainArgs("ReplicaMain", USAGE, args);
        final Path journal = Paths.get(options.get("journal"));
        final String leader = options.get("leader");
        final String host = options.get("host", "127.0.0.1");
        final int controlPort = options.getInt("control-port", 40456);
        final int archivePort = options.getInt("archive-port", 8010);
        final int livePort = options.getInt("live-port", 40457);
        final int stream = options.getInt("stream", 1001);
        final JournalOptions journalOptions = JournalOptions.defaults()
            .withSegmentSize(options.getInt("segment-size", JournalOptions.DEFAULT_SEGMENT_SIZE));
        final MediaDriver.Context driver = new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        final String aeronDir = options.get("aeron-dir", null);
        if (null != aeronDir)
        {
            driver.aeronDirectoryName(aeronDir);
        }
        try (MediaDriver mediaDriver = MediaDriver.launch(driver);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(mediaDriver.aeronDirectoryName())))
        {
            final JournalReplica replica = new JournalReplica(aeron,
                () -> new AeronArchive.Context()
                    .controlRequestChannel("aeron:udp?endpoint=" + leader + ":" + archivePort)
                    .controlResponseChannel("aeron:udp?endpoint=" + host + ":0"),
                journal, journalOptions,
                "aeron:udp?endpoint=" + host + ":" + livePort + "|control=" + leader + ":" + controlPort,
                "aeron:udp?endpoint=" + host + ":0", stream);
            final ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(),
                error ->
                {
                    error.printStackTrace();
                    if (null != replica.failure())
                    {
                        barrier.signal();
                    }
                },
                null, replica);
            AgentRunner.startOnThread(runner);
            System.out.println("replica: following " + leader + " stream " + stream + " into " + journal);
            final Thread progress = new Thread(() ->
            {
                while (!Thread.currentThread().isInterrupted())
                {
                    System.out.println("replica: sequence " + replica.lastSequence() + (replica.isLive() ? " live" : ""));
                    try
                    {
                        Thread.sleep(1000);
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                }
            }, "replica-progress");
            progress.setDaemon(true);
            progress.start();
            barrier.await();
            progress.interrupt();
            CloseHelper.close(runner);
            System.out.println("replica: stopped at sequence " + replica.lastSequence());
            if (null != replica.failure())
            {
                System.exit(1);
            }
        }
    }
}
