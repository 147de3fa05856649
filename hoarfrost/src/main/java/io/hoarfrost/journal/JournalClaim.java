package io.hoarfrost.journal;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Space claimed in a {@link Journal} for one record, to be encoded in place and then committed or
 * aborted: the journal's zero-copy path, shaped like Aeron's {@code BufferClaim}. A re-pointable
 * flyweight: make one per writer thread and pass it to every {@link Journal#claim(int, JournalClaim)}.
 *
 * <pre>{@code
 * JournalClaim claim = new JournalClaim();                // once
 * long sequence = journal.claim(16, claim);
 * claim.buffer().putLong(claim.offset(), orderId);        // encode in place
 * claim.buffer().putLong(claim.offset() + 8, price);
 * claim.commit();                                         // or claim.abort()
 * }</pre>
 *
 * <p><b>Ownership.</b> {@link #buffer()} is the record's space in the journal's mapping, borrowed
 * until {@link #commit()}, {@link #abort()} or the journal's close, which detach it (address 0,
 * capacity 0): a stale access then throws {@code IndexOutOfBoundsException} while Agrona's
 * bounds checks are on (the default); with {@code -Dagrona.disable.bounds.checks=true} it
 * writes or reads address 0 plus the index, which crashes the JVM.
 * Confined to the journal's thread; allocates nothing after construction.
 */
public final class JournalClaim
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private Journal journal;
    private long sequence = -1;
    private int length;

    /** An empty claim, to be filled by {@link Journal#claim(int, JournalClaim)}. */
    public JournalClaim()
    {
    }

    void wrap(final Journal journal, final long address, final int length, final long sequence)
    {
        this.journal = journal;
        this.sequence = sequence;
        this.length = length;
        buffer.wrap(address, length);
    }

    /**
     * The claimed space: exactly {@link #length()} bytes, from {@link #offset()}.
     *
     * @return a view borrowed until commit or abort; empty when nothing is claimed.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Where the record's bytes start in {@link #buffer()}: 0 in this version (the view holds the
     * record only, not its frame header). Encode at {@code buffer(), offset()} as with Aeron.
     *
     * @return 0.
     */
    public int offset()
    {
        return 0;
    }

    /**
     * The claimed length.
     *
     * @return bytes claimed; 0 when nothing is claimed.
     */
    public int length()
    {
        return length;
    }

    /**
     * The sequence the record has once committed.
     *
     * @return the sequence, or -1 when nothing is claimed.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * Publishes the record: one release store of the segment's commit word, after the bytes
     * written through {@link #buffer()}. Readers see it, and it survives the process, from the
     * return on. Detaches the buffer.
     *
     * @return the record's sequence.
     * @throws IllegalStateException if nothing is claimed (already committed or aborted), or the
     *                               journal is closed.
     */
    public long commit()
    {
        final long committed = sequence;
        if (null == journal)
        {
            throw new IllegalStateException("no claim of sequence " + committed + " is pending: nothing was claimed");
        }
        journal.commitClaim(this);
        reset();
        return committed;
    }

    /**
     * Abandons the claim: no record is written and the sequence is not consumed (the next append
     * gets it). Detaches the buffer.
     *
     * @throws IllegalStateException if nothing is claimed (already committed or aborted), or the
     *                               journal is closed.
     */
    public void abort()
    {
        if (null == journal)
        {
            throw new IllegalStateException("no claim of sequence " + sequence + " is pending: nothing was claimed");
        }
        journal.abortClaim(this);
        reset();
    }

    void reset()
    {
        journal = null;
        sequence = -1;
        length = 0;
        buffer.wrap(0, 0);
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "JournalClaim{sequence=" + sequence + ", length=" + length + '}';
    }
}
