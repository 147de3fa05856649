package io.hoarfrost.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.zip.CRC32;

import static io.hoarfrost.journal.JournalDescriptor.JOURNAL_ID_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.LENGTH_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.MAGIC_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.META_CHECKSUM_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.META_CREATED_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.META_DAILY_ROLL_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.META_FLAGS_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.META_INDEX_SHIFT_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.META_LENGTH;
import static io.hoarfrost.journal.JournalDescriptor.META_MAGIC;
import static io.hoarfrost.journal.JournalDescriptor.META_SEGMENT_SIZE_OFFSET;
import static io.hoarfrost.journal.JournalDescriptor.VERSION;
import static io.hoarfrost.journal.JournalDescriptor.VERSION_OFFSET;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * A journal's fixed description, as {@code journal.meta} holds it: id, segment size, index shift,
 * flags. Immutable; read with positional reads through a descriptor closed at once, so reading
 * never modifies anything.
 */
final class JournalMeta
{
    static final String META_FILE = "journal.meta";
    static final String LOCK_FILE = "journal.lock";
    static final int SECONDS_PER_DAY = 86_400;

    final long idHigh;
    final long idLow;
    final int segmentSize;
    final int indexShift;
    final int flags;
    /** The UTC second of the day to roll at, plus one; 0 for none. */
    final int dailyRoll;
    final long createdMillis;

    JournalMeta(final long idHigh, final long idLow, final int segmentSize, final int indexShift, final int flags,
        final int dailyRoll, final long createdMillis)
    {
        this.idHigh = idHigh;
        this.idLow = idLow;
        this.segmentSize = segmentSize;
        this.indexShift = indexShift;
        this.flags = flags;
        this.dailyRoll = dailyRoll;
        this.createdMillis = createdMillis;
    }

    /**
     * A new journal's description, with a random 128-bit id.
     */
    static JournalMeta create(final JournalOptions options)
    {
        final SecureRandom random = new SecureRandom();
        return create(options, random.nextLong(), random.nextLong());
    }

    /**
     * A new journal's description, with a given id (a replica's).
     */
    static JournalMeta create(final JournalOptions options, final long idHigh, final long idLow)
    {
        return new JournalMeta(idHigh, idLow, options.segmentSize(), options.indexShift(),
            options.checksums() ? JournalDescriptor.FLAG_CHECKSUMS : 0,
            null == options.dailyRoll() ? 0 : options.dailyRoll().toSecondOfDay() + 1, System.currentTimeMillis());
    }

    boolean checksums()
    {
        return 0 != (flags & JournalDescriptor.FLAG_CHECKSUMS);
    }

    String id()
    {
        return hex(idHigh) + hex(idLow);
    }

    static String hex(final long value)
    {
        final String digits = Long.toHexString(value);
        final StringBuilder sb = new StringBuilder(16);
        for (int i = digits.length(); i < 16; i++)
        {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    byte[] encode()
    {
        final byte[] bytes = new byte[META_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putLong(MAGIC_OFFSET, META_MAGIC);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putInt(LENGTH_OFFSET, META_LENGTH);
        buffer.putLong(JOURNAL_ID_OFFSET, idHigh);
        buffer.putLong(JOURNAL_ID_OFFSET + SIZE_OF_LONG, idLow);
        buffer.putInt(META_SEGMENT_SIZE_OFFSET, segmentSize);
        buffer.putInt(META_INDEX_SHIFT_OFFSET, indexShift);
        buffer.putInt(META_FLAGS_OFFSET, flags);
        buffer.putInt(META_DAILY_ROLL_OFFSET, dailyRoll);
        buffer.putLong(META_CREATED_OFFSET, createdMillis);
        buffer.putInt(META_CHECKSUM_OFFSET, crc(bytes, META_CHECKSUM_OFFSET));
        return bytes;
    }

    /**
     * Reads and validates {@code dir/journal.meta}.
     *
     * @throws IllegalStateException naming the directory and the fault if it does not exist, is
     *                               not a journal, or its meta file is damaged or from a newer
     *                               format version.
     * @throws UncheckedIOException  with the OS's reason if the file cannot be read.
     */
    static JournalMeta read(final Path dir)
    {
        final Path path = dir.resolve(META_FILE);
        final byte[] bytes = new byte[META_LENGTH];
        final long fileLength;
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r"))
        {
            final FileChannel channel = file.getChannel();
            fileLength = channel.size();
            readFully(channel, bytes, (int)Math.min(fileLength, META_LENGTH));
        }
        catch (final FileNotFoundException ex)
        {
            // the directory is looked at only now: a stat fewer on the way to every open
            if (!Files.isDirectory(dir))
            {
                throw new IllegalStateException("journal directory " + dir + (Files.exists(dir) ? " is not a directory" :
                    " does not exist"));
            }
            if (!Files.exists(path))
            {
                throw new IllegalStateException("directory " + dir + " is not a journal: it has no " + META_FILE +
                    "; nothing was modified");
            }
            throw new UncheckedIOException("cannot read " + path + ": " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path + ": " + ex, ex);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (fileLength < SIZE_OF_LONG || buffer.getLong(MAGIC_OFFSET) != META_MAGIC)
        {
            throw invalid(path, "is not a journal's meta file: it does not start with the magic \"HFJRNLMT\"");
        }
        final int version = buffer.getInt(VERSION_OFFSET);
        if (version > VERSION)
        {
            throw invalid(path, "was written by a newer format version " + version + "; this library reads up to version " +
                VERSION);
        }
        if (fileLength != META_LENGTH)
        {
            throw invalid(path, "is damaged: " + fileLength + " bytes, a meta file has " + META_LENGTH);
        }
        final int checksum = buffer.getInt(META_CHECKSUM_OFFSET);
        final int expected = crc(bytes, META_CHECKSUM_OFFSET);
        if (checksum != expected || version < 1 || buffer.getInt(LENGTH_OFFSET) != META_LENGTH)
        {
            throw invalid(path, "is damaged: checksum 0x" + Integer.toHexString(checksum) + ", computed 0x" +
                Integer.toHexString(expected) + ", version " + version + ", length " + buffer.getInt(LENGTH_OFFSET));
        }
        final JournalMeta meta = new JournalMeta(buffer.getLong(JOURNAL_ID_OFFSET), buffer.getLong(JOURNAL_ID_OFFSET + 8),
            buffer.getInt(META_SEGMENT_SIZE_OFFSET), buffer.getInt(META_INDEX_SHIFT_OFFSET), buffer.getInt(META_FLAGS_OFFSET),
            buffer.getInt(META_DAILY_ROLL_OFFSET), buffer.getLong(META_CREATED_OFFSET));
        try
        {
            JournalOptions.checkSegmentSize(meta.segmentSize);
            JournalOptions.checkIndexShift(meta.indexShift);
        }
        catch (final IllegalArgumentException ex)
        {
            throw invalid(path, "is damaged: " + ex.getMessage());
        }
        if (meta.dailyRoll < 0 || meta.dailyRoll > SECONDS_PER_DAY)
        {
            throw invalid(path, "is damaged: daily roll " + meta.dailyRoll + " is not from 0 to " + SECONDS_PER_DAY);
        }
        if (0 != (meta.flags & ~JournalDescriptor.FLAG_CHECKSUMS))
        {
            throw invalid(path, "has flags 0x" + Integer.toHexString(meta.flags) + " this library does not know");
        }
        return meta;
    }

    static void readFully(final FileChannel channel, final byte[] bytes, final int length) throws IOException
    {
        final ByteBuffer target = ByteBuffer.wrap(bytes, 0, length);
        while (target.hasRemaining())
        {
            if (channel.read(target, target.position()) < 0)
            {
                throw new IOException("end of file at " + target.position() + " of " + length + " bytes");
            }
        }
    }

    static int crc(final byte[] bytes, final int length)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int)crc.getValue();
    }

    static IllegalStateException invalid(final Path path, final String fault)
    {
        return new IllegalStateException("journal file " + path + ' ' + fault + "; nothing was modified");
    }

    @Override
    public String toString()
    {
        return "journal " + id() + " (segment size " + segmentSize + ", index shift " + indexShift + ')';
    }
}
