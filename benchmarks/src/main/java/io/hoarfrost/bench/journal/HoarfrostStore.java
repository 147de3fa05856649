package io.hoarfrost.bench.journal;

import io.hoarfrost.journal.Journal;
import io.hoarfrost.journal.JournalOptions;
import io.hoarfrost.journal.JournalReader;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * Hoarfrost's {@link Journal} with its default options (64 MiB segments, no checksums):
 * {@code append(buffer, 0, length)} from a direct buffer, {@code JournalReader.next()} and its
 * zero-copy view.
 */
final class HoarfrostStore implements Store
{
    @Override
    public StoreWriter createWriter(final Path dir, final int messageSize)
    {
        return new Writer(Journal.create(dir, JournalOptions.defaults()), messageSize);
    }

    @Override
    public StoreReader openReader(final Path dir)
    {
        return new Reader(JournalReader.open(dir));
    }

    /** Appends copies of a direct buffer. */
    private static final class Writer implements StoreWriter
    {
        private final Journal journal;
        private final UnsafeBuffer message;
        private final int length;

        Writer(final Journal journal, final int length)
        {
            this.journal = journal;
            this.length = length;
            this.message = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, 64));
        }

        @Override
        public void append(final long first, final long second)
        {
            message.putLong(0, first);
            message.putLong(8, second);
            journal.append(message, 0, length);
        }

        @Override
        public void pretouch()
        {
            journal.pretouch();
        }

        @Override
        public void close()
        {
            journal.close();
        }
    }

    /** Reads through the reader's view of the mapping. */
    private static final class Reader implements StoreReader
    {
        private final JournalReader reader;
        private long first;
        private long second;
        private int length;

        Reader(final JournalReader reader)
        {
            this.reader = reader;
        }

        @Override
        public boolean next()
        {
            if (!reader.next())
            {
                return false;
            }
            final DirectBuffer record = reader.buffer();
            first = record.getLong(0);
            second = record.getLong(8);
            length = reader.length();
            return true;
        }

        @Override
        public void toLast()
        {
            final long last = reader.lastSequence();
            reader.seek(Math.max(0, last));
        }

        @Override
        public long first()
        {
            return first;
        }

        @Override
        public long second()
        {
            return second;
        }

        @Override
        public int length()
        {
            return length;
        }

        @Override
        public void close()
        {
            reader.close();
        }
    }
}
