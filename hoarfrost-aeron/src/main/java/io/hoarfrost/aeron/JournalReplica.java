package io.hoarfrost.aeron;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ReplayMerge;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.hoarfrost.journal.Journal;
import io.hoarfrost.journal.JournalOptions;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.hoarfrost.aeron.ReplicationDescriptor.HEADER_LENGTH;
import static io.hoarfrost.aeron.ReplicationDescriptor.ID_HIGH_OFFSET;
import static io.hoarfrost.aeron.ReplicationDescriptor.ID_LOW_OFFSET;
import static io.hoarfrost.aeron.ReplicationDescriptor.SEQUENCE_OFFSET;

/**
 * Keeps a local copy of a leader's journal: the same records, at the same sequences, with the same
 * bytes and the same journal id. An {@link Agent}: run it on an {@code AgentRunner}.
 *
 * <p><b>How it follows.</b> On start and after every lost connection the replica connects to the
 * leader's archive, finds the recording of the stream (the newest of that stream id), and uses
 * Aeron's {@link ReplayMerge}: a replay of the recording from the position the replica saved,
 * merged into the live stream on the same subscription, then the live stream alone. No
 * retransmission of its own: the archive's replay is the catch-up, Aeron's NAKs repair loss.
 *
 * <p><b>Sequence and position.</b> After each append the replica saves (in
 * {@code aeron-replica.position} in the journal's directory) the sequence and the stream position
 * just after its message. The save follows the append, so a crash leaves it at most one record
 * behind the journal, never ahead: the replay from there redelivers a record already held, and the
 * replica skips it.
 *
 * <p><b>Guarantees.</b> Records are appended in sequence order with no gap and no duplicate:
 * a message whose sequence is at or below the journal's last is skipped; one that does not follow
 * the last is refused with an {@code IllegalStateException} naming both sequences, and nothing is
 * written. A message of another journal (a different id), a recording whose alias names another
 * journal, or a message without the {@link ReplicationDescriptor} header (the wrong stream) is
 * refused the same way. After such a refusal the replica has failed ({@link #failure()}), has
 * closed its subscription and does nothing more. {@link #doWork()} throws the refusal once (one
 * found in a message reaches the Aeron client's error handler first, because Aeron's
 * {@code Image.poll} reports there what a fragment handler throws). A fresh replica creates its journal
 * ({@link Journal#createReplica(Path, JournalOptions, long, long)}) at the first record, which
 * must be sequence 0.
 *
 * <p><b>Ownership and threading.</b> The replica owns its journal, position file, subscription and
 * archive client; it opens them on the agent's thread ({@link #onStart()}, {@link #doWork()}) and
 * closes them in {@link #onClose()}. The Aeron client is borrowed. {@link #lastSequence()} and the
 * counters may be read from any thread. In the live state, {@link #doWork()} allocates nothing.
 */
public final class JournalReplica implements Agent
{
    private static final int FRAGMENT_LIMIT = 256;
    private static final long RETRY_NS = TimeUnit.MILLISECONDS.toNanos(200);

    enum State
    {
        CONNECT, MERGE, LIVE, BACKOFF, FAILED, CLOSED
    }

    private final Aeron aeron;
    private final Supplier<AeronArchive.Context> archiveContext;
    private final Path journalDir;
    private final JournalOptions options;
    private final String liveDestination;
    private final String replayDestination;
    private final int streamId;
    private final FragmentHandler handler = new FragmentAssembler(this::onMessage);
    private State state = State.CONNECT;
    private Journal journal;
    private ReplicaPosition position;
    private AeronArchive.AsyncConnect connecting;
    private AeronArchive archive;
    private Subscription subscription;
    private ReplayMerge merge;
    private Image image;
    private long recordingId = -1;
    private long recordingStartTimestamp;
    private long retryAt;
    private volatile long lastSequence = -1;
    private volatile long duplicates;
    private volatile long reconnects;
    private volatile boolean merged;
    private volatile Throwable failure;
    private volatile Throwable lastTransientError;

    /**
     * A replica of the stream {@code streamId} into the journal in {@code journalDir}.
     *
     * @param aeron             the client of the replica's media driver, borrowed.
     * @param archiveContext    makes a fresh context for each connection to the leader's archive
     *                          (control request and response channels); the replica sets its Aeron
     *                          client on it.
     * @param journalDir        the replica's journal: opened if it exists, created at the first record if not.
     * @param options           the layout of the journal if the replica creates it.
     * @param liveDestination   the live stream's destination, e.g.
     *                          {@code aeron:udp?endpoint=10.0.0.2:40457|control=10.0.0.1:40456}.
     * @param replayDestination the replay's destination, e.g. {@code aeron:udp?endpoint=10.0.0.2:0}.
     * @param streamId          the stream id the leader publishes and records.
     * @throws NullPointerException naming the argument that is null.
     */
    public JournalReplica(
        final Aeron aeron,
        final Supplier<AeronArchive.Context> archiveContext,
        final Path journalDir,
        final JournalOptions options,
        final String liveDestination,
        final String replayDestination,
        final int streamId)
    {
        this.aeron = Objects.requireNonNull(aeron, "aeron");
        this.archiveContext = Objects.requireNonNull(archiveContext, "archiveContext");
        this.journalDir = Objects.requireNonNull(journalDir, "journalDir");
        this.options = Objects.requireNonNull(options, "options");
        this.liveDestination = Objects.requireNonNull(liveDestination, "liveDestination");
        this.replayDestination = Objects.requireNonNull(replayDestination, "replayDestination");
        this.streamId = streamId;
    }

    /**
     * Opens the replica's journal if its directory exists (its position file is opened once the
     * leader's recording is known to be of the same journal).
     *
     * @throws IllegalStateException naming the directory and the fault if it exists and is not a
     *                               journal (nothing is modified), or another writer has it open;
     *                               the replica has then failed ({@link #failure()}).
     */
    @Override
    public void onStart()
    {
        if (Files.exists(journalDir))
        {
            try
            {
                journal = Journal.open(journalDir);
            }
            catch (final IllegalStateException ex)
            {
                throw fail(ex);
            }
            lastSequence = journal.lastSequence();
        }
    }

    /**
     * One duty cycle: connect and start the replay merge, or poll the merged stream and append.
     *
     * @return work done: fragments polled, steps taken.
     * @throws IllegalStateException on a gap, a foreign journal or a message that is not a record
     *                               (naming the sequences, ids or position); the replica has then
     *                               failed and writes nothing more.
     */
    @Override
    public int doWork()
    {
        switch (state)
        {
            case LIVE:
                return live();
            case MERGE:
                return merge();
            case CONNECT:
                return connect();
            case BACKOFF:
                if (System.nanoTime() - retryAt >= 0)
                {
                    state = State.CONNECT;
                    return 1;
                }
                return 0;
            default:
                return 0;
        }
    }

    private int live()
    {
        final int fragments = image.poll(handler, FRAGMENT_LIMIT);
        checkFailed();
        if (0 == fragments && image.isClosed())
        {
            return retry(null);
        }
        return fragments;
    }

    private int merge()
    {
        int work;
        try
        {
            work = merge.doWork();
        }
        catch (final RuntimeException ex)
        {
            // Aeron's errors (a timeout, an archive error) and ReplayMerge's own IllegalStateException when the replay
            // image closes under it: start over from the saved position
            return retry(ex);
        }
        if (merge.hasFailed())
        {
            return retry(null);
        }
        final Image mergeImage = merge.image();
        if (null != mergeImage)
        {
            work += mergeImage.poll(handler, FRAGMENT_LIMIT);
            checkFailed();
        }
        if (merge.isMerged())
        {
            image = merge.image();
            CloseHelper.quietClose(merge);
            merge = null;
            merged = true;
            state = State.LIVE;
            work++;
        }
        return work;
    }

    private int connect()
    {
        try
        {
            if (null == archive)
            {
                if (null == connecting)
                {
                    connecting = AeronArchive.asyncConnect(archiveContext.get().aeron(aeron).ownsAeronClient(false));
                }
                archive = connecting.poll();
                if (null == archive)
                {
                    return 0;
                }
                connecting = null;
            }
            final Recordings.Found found = Recordings.latest(archive, streamId);
            if (null == found)
            {
                throw fail(new IllegalStateException("archive " + archive.archiveId() + " has no recording of stream " +
                    streamId + ": wrong stream id, or no leader has published it yet; nothing was written"));
            }
            if (null == found.alias || !found.alias.startsWith(ReplicationDescriptor.ALIAS_PREFIX))
            {
                throw fail(new IllegalStateException("recording " + found.recordingId + " of stream " + streamId +
                    " is not a replicated journal (its channel has alias " + found.alias + ", not " +
                    ReplicationDescriptor.ALIAS_PREFIX + "<id>): wrong stream id; nothing was written"));
            }
            if (null != journal)
            {
                final String mine = ReplicationDescriptor.alias(journal.idHigh(), journal.idLow());
                if (!mine.equals(found.alias))
                {
                    throw fail(new IllegalStateException("replica journal " + journalDir + " is journal " +
                        ReplicationDescriptor.idString(journal.idHigh(), journal.idLow()) + " but recording " +
                        found.recordingId + " of stream " + streamId + " is journal " +
                        found.alias.substring(ReplicationDescriptor.ALIAS_PREFIX.length()) +
                        ": a different history; nothing was written"));
                }
            }
            if (null != journal && null == position)
            {
                position = ReplicaPosition.open(journalDir);
            }
            long start = found.startPosition;
            final boolean sameRecording = null != position && position.recordingId() == found.recordingId &&
                position.startTimestamp() == found.startTimestamp;
            if (sameRecording && position.position() >= start)
            {
                start = position.position();
            }
            final long max = archive.getMaxRecordedPosition(found.recordingId);
            if (start > max)
            {
                throw fail(new IllegalStateException("replica journal " + journalDir + " holds records up to position " +
                    start + " (sequence " + position.sequence() + ") of recording " + found.recordingId +
                    ", but the recording ends at " + max + ": the leader lost records it had sent; nothing was written"));
            }
            if (null != position && !sameRecording)
            {
                position.recording(found.recordingId, found.startTimestamp, start);
            }
            recordingId = found.recordingId;
            recordingStartTimestamp = found.startTimestamp;
            final String session = "session-id=" + found.sessionId;
            subscription = aeron.addSubscription("aeron:udp?control-mode=manual|" + session, streamId);
            merge = new ReplayMerge(subscription, archive, "aeron:udp?" + session, replayDestination, liveDestination,
                found.recordingId, start);
            state = State.MERGE;
            return 1;
        }
        catch (final RuntimeException ex)
        {
            if (State.FAILED == state)
            {
                throw ex;
            }
            // the archive is unreachable or refused a request: start over after a pause
            return retry(ex);
        }
    }

    private int retry(final Throwable cause)
    {
        if (State.FAILED == state)
        {
            return 0;
        }
        lastTransientError = cause;
        closeTransport();
        reconnects++;
        merged = false;
        retryAt = System.nanoTime() + RETRY_NS;
        state = State.BACKOFF;
        return 1;
    }

    private void closeTransport()
    {
        image = null;
        CloseHelper.quietCloseAll(merge, subscription, connecting, archive);
        merge = null;
        subscription = null;
        connecting = null;
        archive = null;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (!ReplicationDescriptor.isRecord(buffer, offset, length))
        {
            throw fail(new IllegalStateException("message of " + length + " bytes at position " + header.position() +
                " of stream " + streamId + " (session " + header.sessionId() + ") is not a replicated journal record " +
                "(no " + HEADER_LENGTH + "-byte HFRP header): wrong stream id; nothing was written"));
        }
        final long sequence = buffer.getLong(offset + SEQUENCE_OFFSET);
        if (sequence < 0)
        {
            throw fail(new IllegalStateException("message at position " + header.position() + " of stream " + streamId +
                " carries sequence " + sequence + ": not a replicated journal record; nothing was written"));
        }
        final long idHigh = buffer.getLong(offset + ID_HIGH_OFFSET);
        final long idLow = buffer.getLong(offset + ID_LOW_OFFSET);
        if (null != journal && (idHigh != journal.idHigh() || idLow != journal.idLow()))
        {
            throw fail(new IllegalStateException("record " + sequence + " at position " + header.position() +
                " is of journal " + ReplicationDescriptor.idString(idHigh, idLow) + " but replica journal " + journalDir +
                " is journal " + ReplicationDescriptor.idString(journal.idHigh(), journal.idLow()) +
                ": a different history; nothing was written"));
        }
        final long last = lastSequence;
        if (sequence <= last)
        {
            duplicates++;
            position.store(last, header.position());
            return;
        }
        if (sequence != last + 1)
        {
            throw fail(new IllegalStateException("gap: replica journal " + journalDir + " holds sequences up to " + last +
                " but the next record received is sequence " + sequence + " (position " + header.position() +
                " of recording " + recordingId + "); a replica appends only sequence " + (last + 1) +
                "; nothing was written"));
        }
        if (null == journal)
        {
            journal = Journal.createReplica(journalDir, options, idHigh, idLow);
            position = ReplicaPosition.open(journalDir);
            position.recording(recordingId, recordingStartTimestamp, -1);
        }
        journal.append(buffer, offset + HEADER_LENGTH, length - HEADER_LENGTH);
        lastSequence = sequence;
        position.store(sequence, header.position());
    }

    /**
     * Aeron's {@code Image.poll} hands what a fragment handler throws to the Aeron client's error
     * handler instead of its caller: a refusal found in a message is thrown again here, so that
     * {@link #doWork()} reports every refusal the same way.
     */
    private void checkFailed()
    {
        if (State.FAILED == state)
        {
            closeTransport();
            throw (IllegalStateException)failure;
        }
    }

    private IllegalStateException fail(final IllegalStateException ex)
    {
        failure = ex;
        state = State.FAILED;
        return ex;
    }

    /**
     * The last sequence in the replica's journal; any thread may read it.
     *
     * @return it, or -1 if the journal is empty or not created yet.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * Whether the replay has merged into the live stream (since the last connection).
     *
     * @return true when following live.
     */
    public boolean isLive()
    {
        return merged;
    }

    /**
     * How many records were received again and skipped because the journal already held them.
     *
     * @return the count since the start.
     */
    public long duplicates()
    {
        return duplicates;
    }

    /**
     * How many times the replica lost its connection (or failed to connect) and started over.
     *
     * @return the count since the start.
     */
    public long reconnects()
    {
        return reconnects;
    }

    /**
     * The refusal that stopped the replica (a gap, a foreign journal, the wrong stream).
     *
     * @return it, or null while the replica is working.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * The last connection error the replica recovered from by reconnecting.
     *
     * @return it, or null.
     */
    public Throwable lastTransientError()
    {
        return lastTransientError;
    }

    /**
     * Closes the subscription, the archive client, the position file and the journal (on the
     * agent's thread). Idempotent.
     */
    @Override
    public void onClose()
    {
        closeTransport();
        if (null != position)
        {
            position.close();
            position = null;
        }
        if (null != journal)
        {
            journal.close();
            journal = null;
        }
        if (State.FAILED != state)
        {
            state = State.CLOSED;
        }
    }

    /**
     * The agent's role name.
     *
     * @return {@code "hoarfrost-replica"} and the journal's directory.
     */
    @Override
    public String roleName()
    {
        return "hoarfrost-replica " + journalDir;
    }
}
