package io.hoarfrost.bench.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.threads.InvalidEventHandlerException;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Chronicle Queue with its defaults (binary wire, daily roll cycle) through its raw paths:
 * {@code ExcerptAppender.writeBytes(BytesStore)} from a native store, and
 * {@code ExcerptTailer.readingDocument()} reading the document's bytes in place. Its pretoucher
 * is {@code Pretoucher.execute()}, called directly: deprecated in 5.23 in favour of
 * {@code PretouchUtil.createEventHandler(queue)}, whose handler runs it at most every 250 ms,
 * while the probes call it every millisecond, or before every batch.
 */
@SuppressWarnings("deprecation")
final class ChronicleStore implements Store
{
    @Override
    public StoreWriter createWriter(final Path dir, final int messageSize)
    {
        return new Writer(SingleChronicleQueueBuilder.binary(dir.toFile()).build(), messageSize);
    }

    @Override
    public StoreReader openReader(final Path dir)
    {
        return new Reader(SingleChronicleQueueBuilder.binary(dir.toFile()).build());
    }

    /** Appends copies of a native bytes store. */
    private static final class Writer implements StoreWriter
    {
        private final SingleChronicleQueue queue;
        private final ExcerptAppender appender;
        private final BytesStore<?, Void> message;
        private net.openhft.chronicle.queue.impl.single.Pretoucher pretoucher;

        Writer(final SingleChronicleQueue queue, final int length)
        {
            this.queue = queue;
            this.appender = queue.acquireAppender();
            this.message = BytesStore.nativeStoreWithFixedCapacity(length);
            for (int i = 0; i < length; i += 8)
            {
                message.writeLong(i, 0L);
            }
        }

        @Override
        public void append(final long first, final long second)
        {
            message.writeLong(0, first);
            message.writeLong(8, second);
            appender.writeBytes(message);
        }

        @Override
        public void pretouch()
        {
            // created by the thread that calls it: the pretoucher is confined to its thread
            if (null == pretoucher)
            {
                pretoucher = new net.openhft.chronicle.queue.impl.single.Pretoucher(queue);
            }
            try
            {
                pretoucher.execute();
            }
            catch (final InvalidEventHandlerException ex)
            {
                throw new IllegalStateException("Chronicle's pretoucher stopped: " + ex, ex);
            }
        }

        @Override
        public void close()
        {
            if (null != pretoucher)
            {
                pretoucher.close();
            }
            appender.close();
            queue.close();
            message.releaseLast();
        }
    }

    /** Reads each document's bytes in place. */
    private static final class Reader implements StoreReader
    {
        private final SingleChronicleQueue queue;
        private final ExcerptTailer tailer;
        private long first;
        private long second;
        private int length;

        Reader(final SingleChronicleQueue queue)
        {
            this.queue = queue;
            this.tailer = queue.createTailer();
        }

        @Override
        public boolean next()
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    return false;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final long at = bytes.readPosition();
                length = (int)bytes.readRemaining();
                first = bytes.readLong(at);
                second = bytes.readLong(at + 8);
                return true;
            }
        }

        @Override
        public void toLast()
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
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
            tailer.close();
            queue.close();
        }
    }
}
