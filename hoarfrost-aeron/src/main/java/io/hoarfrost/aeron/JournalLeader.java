package io.hoarfrost.aeron;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.hoarfrost.journal.JournalReader;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.agrona.concurrent.status.CountersReader.NULL_COUNTER_ID;

/**
 * The leader's side, assembled: an exclusive publication of a journal on a UDP channel, recorded by
 * an Aeron Archive in the same media driver ({@link SourceLocation#LOCAL}), and the
 * {@link JournalPublisher} agent that feeds it.
 *
 * <p><b>One recording per journal and stream.</b> The channel carries the alias
 * {@code hoarfrost-journal-<id>} and a fixed session id. The first leader starts a recording; a
 * restarted leader finds that recording (by stream and alias), and extends it: its publication
 * starts at the recording's stop position (same initial term id, term length and MTU), so stream
 * positions stay continuous across leader restarts and a replica's saved position stays valid.
 * The publisher of a new recording starts at the journal's first record; of an extended one, at
 * its checkpoint (the first record not known to be recorded).
 *
 * <p><b>Requirements.</b> The channel is UDP, normally an MDC control channel
 * ({@code aeron:udp?control=<leader-host>:<port>|control-mode=dynamic}) that replicas join. The
 * archive must run in the media driver {@code aeron} talks to (its recording counter is read for
 * the publisher's checkpoint). With no replica connected the publication is back-pressured by the
 * archive's spy only if the driver has {@code spiesSimulateConnection(true)}; otherwise offers
 * wait ({@code NOT_CONNECTED}) until the first replica joins.
 *
 * <p><b>Ownership and threading.</b> {@link #launch} blocks (at most about 10 s) while the
 * recording starts; the caller owns the leader, runs {@link #publisher()} on an agent runner, and
 * closes the leader after that runner: closing closes the publication and waits for the archive
 * to stop the recording. Not thread-safe.
 */
public final class JournalLeader implements AutoCloseable
{
    /** The name of the publisher's checkpoint reader in the journal's directory. */
    public static final String READER_NAME = "aeron-publisher";

    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(10);

    private final AeronArchive archive;
    private final ExclusivePublication publication;
    private final long recordingId;
    private final boolean extended;
    private final JournalPublisher publisher;

    private JournalLeader(
        final AeronArchive archive,
        final ExclusivePublication publication,
        final long recordingId,
        final boolean extended,
        final JournalPublisher publisher)
    {
        this.archive = archive;
        this.publication = publication;
        this.recordingId = recordingId;
        this.extended = extended;
        this.publisher = publisher;
    }

    /**
     * Starts (or extends) the recording of the journal's stream, adds the publication and makes
     * its publisher.
     *
     * @param aeron      the client of the leader's media driver, borrowed.
     * @param archive    a client of the archive in that driver, borrowed (used here and by
     *                   {@link #close()}).
     * @param journalDir the journal to publish.
     * @param channel    a UDP channel, e.g. {@code aeron:udp?control=10.0.0.1:40456|control-mode=dynamic}; the
     *                   leader adds {@code alias}, {@code session-id} and, to extend, the initial position.
     * @param streamId   the stream id.
     * @param sessionId  the publication's fixed session id, the same at every restart: pick it from the
     *                   driver's reserved range (-1 to 1000 by default) so it never clashes.
     * @return the leader, owned by the caller.
     * @throws IllegalStateException naming the stream and both journal ids if the archive already
     *                               records another journal on this stream; naming the recording
     *                               if it is still active (another leader); if the recording does
     *                               not start within 10 s; if the directory is not a journal.
     * @throws IllegalArgumentException naming the channel if it is not UDP.
     */
    public static JournalLeader launch(
        final Aeron aeron,
        final AeronArchive archive,
        final Path journalDir,
        final String channel,
        final int streamId,
        final int sessionId)
    {
        Objects.requireNonNull(aeron, "aeron");
        Objects.requireNonNull(archive, "archive");
        final ChannelUri uri = ChannelUri.parse(channel);
        if (!uri.isUdp())
        {
            throw new IllegalArgumentException("channel " + channel + " is not UDP: replication merges a replay " +
                "into the live stream, which Aeron supports on UDP only");
        }
        final long idHigh;
        final long idLow;
        try (JournalReader reader = JournalReader.open(journalDir))
        {
            idHigh = reader.idHigh();
            idLow = reader.idLow();
        }
        final String alias = ReplicationDescriptor.alias(idHigh, idLow);
        final Recordings.Found found = Recordings.latest(archive, streamId);
        if (null != found && !alias.equals(found.alias))
        {
            throw new IllegalStateException("archive " + archive.archiveId() + " records stream " + streamId +
                " of another journal (recording " + found.recordingId + ", alias " + found.alias + "); journal " +
                journalDir + " is " + ReplicationDescriptor.idString(idHigh, idLow) + ": use another stream id");
        }
        uri.put(CommonContext.ALIAS_PARAM_NAME, alias);
        uri.put(CommonContext.SESSION_ID_PARAM_NAME, Integer.toString(sessionId));
        final boolean extend = null != found;
        if (extend)
        {
            final long stop = archive.getStopPosition(found.recordingId);
            if (AeronArchive.NULL_POSITION == stop)
            {
                throw new IllegalStateException("recording " + found.recordingId + " of stream " + streamId +
                    " is still active: another leader publishes journal " + journalDir + ", or the last one has not " +
                    "stopped yet");
            }
            uri.initialPosition(stop, found.initialTermId, found.termBufferLength);
            uri.put(CommonContext.MTU_LENGTH_PARAM_NAME, Integer.toString(found.mtuLength));
        }
        final String publicationChannel = uri.toString();
        if (extend)
        {
            archive.extendRecording(found.recordingId, publicationChannel, streamId, SourceLocation.LOCAL);
        }
        else
        {
            archive.startRecording(publicationChannel, streamId, SourceLocation.LOCAL);
        }
        final ExclusivePublication publication = aeron.addExclusivePublication(publicationChannel, streamId);
        try
        {
            final CountersReader counters = aeron.countersReader();
            final long deadline = System.nanoTime() + WAIT_NS;
            int counterId;
            while (NULL_COUNTER_ID == (counterId = RecordingPos.findCounterIdBySession(
                counters, publication.sessionId(), archive.archiveId())))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the archive did not start recording " + publicationChannel +
                        " stream " + streamId + " within 10 s");
                }
                Thread.yield();
            }
            final long recordingId = RecordingPos.getRecordingId(counters, counterId);
            final int recordingCounterId = counterId;
            // a new recording is a new stream: it starts at the journal's first record, whatever an earlier
            // publisher's checkpoint says (a replica starts at sequence 0); an extended one resumes at the checkpoint
            final JournalPublisher publisher = new JournalPublisher(journalDir, READER_NAME, publication,
                () -> counters.getCounterValue(recordingCounterId), !extend);
            return new JournalLeader(archive, publication, recordingId, extend, publisher);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(publication);
            throw ex;
        }
    }

    /**
     * The agent that publishes the journal: run it on an {@code AgentRunner} (or invoke it).
     *
     * @return the publisher, owned by this leader.
     */
    public JournalPublisher publisher()
    {
        return publisher;
    }

    /**
     * The publication, borrowed until {@link #close()}.
     *
     * @return it.
     */
    public ExclusivePublication publication()
    {
        return publication;
    }

    /**
     * The archive's recording of the stream.
     *
     * @return its id.
     */
    public long recordingId()
    {
        return recordingId;
    }

    /**
     * Whether this leader extended an earlier recording (a restart) rather than starting one.
     *
     * @return true after a restart.
     */
    public boolean extended()
    {
        return extended;
    }

    /**
     * Closes the publication and waits (at most 10 s) for the archive to stop its recording, so
     * the next leader can extend it. Call after the publisher's agent runner has stopped.
     */
    @Override
    public void close()
    {
        publication.close();
        final long deadline = System.nanoTime() + WAIT_NS;
        while (AeronArchive.NULL_POSITION == archive.getStopPosition(recordingId) && System.nanoTime() < deadline)
        {
            Thread.yield();
        }
    }
}
