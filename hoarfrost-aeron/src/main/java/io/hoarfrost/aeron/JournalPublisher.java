package io.hoarfrost.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.hoarfrost.journal.JournalReader;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

import static io.hoarfrost.aeron.ReplicationDescriptor.HEADER_LENGTH;
import static io.hoarfrost.aeron.ReplicationDescriptor.SEQUENCE_OFFSET;

/**
 * Follows a journal and offers each committed record, in sequence order, to an Aeron publication:
 * an {@link Agent}, so it runs on the caller's {@code AgentRunner} or {@code AgentInvoker}.
 *
 * <p><b>Zero copy.</b> Each record goes out as one message, {@link ReplicationDescriptor}'s 32-byte
 * header (sequence and journal id) then the record, offered with
 * {@code offer(header, 0, 32, reader.buffer(), 0, length)}: Aeron copies the record from the
 * journal's read-only mapping straight into its term buffer; nothing is copied out before.
 *
 * <p><b>Order, back pressure, no loss.</b> A record is offered until the publication takes it:
 * {@code BACK_PRESSURED}, {@code NOT_CONNECTED} and {@code ADMIN_ACTION} leave it pending, and the
 * next duty cycle offers the same record again before any other, so the stream carries the
 * journal's records in order with no gap. {@code CLOSED} and {@code MAX_POSITION_EXCEEDED} are
 * fatal ({@code IllegalStateException}).
 *
 * <p><b>Restart.</b> The publisher keeps a checkpoint in a named journal reader
 * ({@code <readerName>.reader} in the journal's directory): the first sequence not yet known to be
 * recorded, advanced only once {@code recordedPosition} (the archive's recording position of this
 * publication) has passed the stream position of a record. A new publisher on the same journal
 * starts at the checkpoint, so after any restart or crash the stream may repeat records (which
 * {@link JournalReplica} skips by sequence) but never skips one.
 *
 * <p><b>Ownership and threading.</b> The publisher opens its two readers in {@link #onStart()} and
 * closes them in {@link #onClose()}, on the agent's thread, which must be the only thread that
 * calls {@link #doWork()}. It does not own the publication: the caller closes it after the agent.
 * {@link #doWork()} allocates nothing (moving to a new segment does, once per segment).
 * {@link #startSequence()} and {@link #recordedSequence()} may be read from any thread; the other
 * counters are plain fields, exact on the agent's thread.
 */
public final class JournalPublisher implements Agent
{
    private static final int BURST = 64;
    private static final long NONE = -1;

    private final Path journalDir;
    private final String readerName;
    private final ExclusivePublication publication;
    private final LongSupplier recordedPosition;
    private final UnsafeBuffer header = new UnsafeBuffer(ByteBuffer.allocateDirect(HEADER_LENGTH));
    private final int maxRecordLength;
    private final boolean fromFirst;
    private JournalReader reader;
    private JournalReader checkpoint;
    private boolean pending;
    private long offeredSequence = NONE;
    private long offeredPosition = NONE;
    private long checkpointSequence = NONE;
    private long checkpointPosition = NONE;
    private volatile long recordedSequence = NONE;
    private volatile long startSequence = NONE;
    private long backPressured;
    private long notConnected;

    /**
     * A publisher of the journal in {@code journalDir} to {@code publication}.
     *
     * @param journalDir       the journal's directory; opened read-only in {@link #onStart()}.
     * @param readerName       the name of the publisher's checkpoint reader (letters, digits,
     *                         {@code _} and {@code -}); one publisher per name and journal.
     * @param publication      the publication to offer to, borrowed: the caller keeps it open while
     *                         the agent runs and closes it afterwards.
     * @param recordedPosition the position up to which the archive has recorded the publication's
     *                         stream (its {@code RecordingPos} counter); called on the agent thread.
     * @throws NullPointerException naming the argument that is null.
     */
    public JournalPublisher(
        final Path journalDir,
        final String readerName,
        final ExclusivePublication publication,
        final LongSupplier recordedPosition)
    {
        this(journalDir, readerName, publication, recordedPosition, false);
    }

    /**
     * A publisher of the journal in {@code journalDir} to {@code publication}, starting either at
     * its checkpoint or at the journal's first record.
     *
     * @param journalDir       the journal's directory; opened read-only in {@link #onStart()}.
     * @param readerName       the name of the publisher's checkpoint reader.
     * @param publication      the publication to offer to, borrowed.
     * @param recordedPosition the archive's recorded position of the publication's stream.
     * @param fromFirst        true for a new stream (a new recording): publish from the journal's
     *                         first record and reset the checkpoint there; false to resume at the
     *                         checkpoint of an earlier publisher of the same stream.
     * @throws NullPointerException naming the argument that is null.
     */
    public JournalPublisher(
        final Path journalDir,
        final String readerName,
        final ExclusivePublication publication,
        final LongSupplier recordedPosition,
        final boolean fromFirst)
    {
        this.fromFirst = fromFirst;
        this.journalDir = Objects.requireNonNull(journalDir, "journalDir");
        this.readerName = Objects.requireNonNull(readerName, "readerName");
        this.publication = Objects.requireNonNull(publication, "publication");
        this.recordedPosition = Objects.requireNonNull(recordedPosition, "recordedPosition");
        this.maxRecordLength = publication.maxMessageLength() - HEADER_LENGTH;
    }

    /**
     * Opens the journal's readers and positions the publishing one at the checkpoint (or, for a
     * new stream, at the journal's first record).
     *
     * @throws IllegalStateException naming the directory if it is not a journal, or if another
     *                               publisher holds the checkpoint reader's name.
     */
    @Override
    public void onStart()
    {
        reader = JournalReader.open(journalDir);
        try
        {
            checkpoint = JournalReader.open(journalDir, readerName);
        }
        catch (final RuntimeException ex)
        {
            reader.close();
            reader = null;
            throw ex;
        }
        ReplicationDescriptor.writeHeader(header, reader.idHigh(), reader.idLow());
        if (fromFirst)
        {
            checkpoint.toStart();
        }
        startSequence = checkpoint.next() ? checkpoint.sequence() : checkpoint.lastSequence() + 1;
        checkpoint.seek(startSequence);
        recordedSequence = startSequence - 1;
        reader.seek(startSequence);
    }

    /**
     * Offers the pending record, then up to 64 new ones, and advances the checkpoint.
     *
     * @return the number of records offered plus checkpoints moved: 0 when idle.
     * @throws IllegalStateException if the publication is closed or its maximum position reached,
     *                               or a record with its header exceeds the publication's maximum
     *                               message length (naming the sequence and lengths).
     */
    @Override
    public int doWork()
    {
        int work = 0;
        if (pending)
        {
            if (!offer())
            {
                return work + advanceCheckpoint();
            }
            work++;
        }
        for (int i = 0; i < BURST; i++)
        {
            if (!reader.next())
            {
                break;
            }
            header.putLong(SEQUENCE_OFFSET, reader.sequence());
            if (!offer())
            {
                break;
            }
            work++;
        }
        return work + advanceCheckpoint();
    }

    private boolean offer()
    {
        final int length = reader.length();
        if (length > maxRecordLength)
        {
            throw new IllegalStateException("record " + reader.sequence() + " of journal " + journalDir + " is " + length +
                " bytes; publication " + publication.channel() + " takes at most " + maxRecordLength + " (its maximum " +
                "message length " + publication.maxMessageLength() + " less the " + HEADER_LENGTH + "-byte header): " +
                "use a longer term length");
        }
        final long result = publication.offer(header, 0, HEADER_LENGTH, reader.buffer(), 0, length);
        if (result > 0)
        {
            pending = false;
            offeredSequence = reader.sequence();
            offeredPosition = result;
            return true;
        }
        pending = true;
        if (Publication.BACK_PRESSURED == result || Publication.ADMIN_ACTION == result)
        {
            backPressured++;
            return false;
        }
        if (Publication.NOT_CONNECTED == result)
        {
            notConnected++;
            return false;
        }
        if (Publication.MAX_POSITION_EXCEEDED == result)
        {
            throw new IllegalStateException("publication " + publication.channel() + " stream " + publication.streamId() +
                " reached its maximum position " + publication.maxPossiblePosition() + " at sequence " + reader.sequence());
        }
        if (Publication.CLOSED == result)
        {
            throw new IllegalStateException("publication " + publication.channel() + " stream " + publication.streamId() +
                " is closed; sequence " + reader.sequence() + " was not offered");
        }
        throw new IllegalStateException("publication offer of sequence " + reader.sequence() + " returned " + result);
    }

    private int advanceCheckpoint()
    {
        int work = 0;
        if (NONE != checkpointPosition)
        {
            if (recordedPosition.getAsLong() < checkpointPosition)
            {
                return 0;
            }
            checkpoint.seek(checkpointSequence + 1);
            recordedSequence = checkpointSequence;
            checkpointPosition = NONE;
            work = 1;
        }
        if (offeredSequence > recordedSequence)
        {
            checkpointSequence = offeredSequence;
            checkpointPosition = offeredPosition;
        }
        return work;
    }

    /**
     * The sequence the publisher started at: its checkpoint when {@link #onStart()} ran.
     *
     * @return it, or -1 before {@link #onStart()}.
     */
    public long startSequence()
    {
        return startSequence;
    }

    /**
     * The last sequence the publication took.
     *
     * @return it, or -1 if none since the start.
     */
    public long offeredSequence()
    {
        return offeredSequence;
    }

    /**
     * The last sequence known to be recorded by the archive: the checkpoint a restart resumes after.
     *
     * @return it, or {@link #startSequence()} - 1 if none since the start.
     */
    public long recordedSequence()
    {
        return recordedSequence;
    }

    /**
     * How many offers were refused for back pressure or an admin action (and retried).
     *
     * @return the count since the start.
     */
    public long backPressured()
    {
        return backPressured;
    }

    /**
     * How many offers were refused because no subscriber (and no archive spy) was connected.
     *
     * @return the count since the start.
     */
    public long notConnected()
    {
        return notConnected;
    }

    /**
     * Closes the readers (the checkpoint keeps what was recorded). Idempotent.
     */
    @Override
    public void onClose()
    {
        if (null != checkpoint)
        {
            checkpoint.close();
            checkpoint = null;
        }
        if (null != reader)
        {
            reader.close();
            reader = null;
        }
    }

    /**
     * The agent's role name.
     *
     * @return {@code "hoarfrost-publisher"} and the journal's directory.
     */
    @Override
    public String roleName()
    {
        return "hoarfrost-publisher " + journalDir;
    }
}
