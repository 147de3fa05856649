package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32;

import static io.hoarfrost.arena.MappedArenaDescriptor.CHECKSUMMED_LENGTH;
import static io.hoarfrost.arena.MappedArenaDescriptor.CHECKSUM_OFFSET;
import static io.hoarfrost.arena.MappedArenaDescriptor.CHUNK_SIZE_OFFSET;
import static io.hoarfrost.arena.MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET;
import static io.hoarfrost.arena.MappedArenaDescriptor.FILE_HEADER_LENGTH;
import static io.hoarfrost.arena.MappedArenaDescriptor.HEADER_LENGTH_OFFSET;
import static io.hoarfrost.arena.MappedArenaDescriptor.MAGIC;
import static io.hoarfrost.arena.MappedArenaDescriptor.MAGIC_OFFSET;
import static io.hoarfrost.arena.MappedArenaDescriptor.RESERVE_OFFSET;
import static io.hoarfrost.arena.MappedArenaDescriptor.VERSION;
import static io.hoarfrost.arena.MappedArenaDescriptor.VERSION_OFFSET;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * A validated {@link MappedArena} header, read with positional reads through a channel so that a
 * file which is not a valid arena is never mapped, locked or modified. Also encodes a new header
 * and reads the committed word of a mapped one.
 */
final class MappedArenaHeader
{
    final long reserve;
    final long chunkSize;
    final int chunkShift;
    final long committedLength;

    private MappedArenaHeader(final long reserve, final long chunkSize, final long committedLength)
    {
        this.reserve = reserve;
        this.chunkSize = chunkSize;
        this.chunkShift = Long.numberOfTrailingZeros(chunkSize);
        this.committedLength = committedLength;
    }

    /**
     * The header bytes of a new, empty arena.
     */
    static byte[] encode(final long reserve, final long chunkSize)
    {
        final byte[] bytes = new byte[FILE_HEADER_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putLong(MAGIC_OFFSET, MAGIC);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putInt(HEADER_LENGTH_OFFSET, FILE_HEADER_LENGTH);
        buffer.putLong(RESERVE_OFFSET, reserve);
        buffer.putLong(CHUNK_SIZE_OFFSET, chunkSize);
        buffer.putInt(CHECKSUM_OFFSET, checksum(bytes));
        buffer.putLong(COMMITTED_LENGTH_OFFSET, MappedArenaDescriptor.committedWord(0));
        return bytes;
    }

    /**
     * Reads and validates the header of an arena file through an open channel, without modifying
     * it or moving the channel's position.
     *
     * @throws IllegalStateException naming the file and the fault if it is not a Hoarfrost arena,
     *                               its header is truncated or corrupt (the committed word
     *                               included), it is shorter than its header says, or another
     *                               format version wrote it.
     * @throws UncheckedIOException  with the OS's reason if the file cannot be read.
     */
    static MappedArenaHeader read(final Path path, final FileChannel channel)
    {
        final long fileLength;
        final byte[] bytes;
        try
        {
            fileLength = channel.size();
            bytes = new byte[(int)Math.min(fileLength, FILE_HEADER_LENGTH)];
            final ByteBuffer target = ByteBuffer.wrap(bytes);
            while (target.hasRemaining())
            {
                if (channel.read(target, target.position()) < 0)
                {
                    throw new IOException("end of file at " + target.position() + " of " + bytes.length + " header bytes");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read MappedArena " + path + ": " + LazyRegion.reason(ex), ex);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (bytes.length < SIZE_OF_LONG || buffer.getLong(MAGIC_OFFSET) != MAGIC)
        {
            throw invalid(path, "is not a Hoarfrost arena: it does not start with the magic \"HOARFRST\"");
        }
        if (bytes.length < VERSION_OFFSET + SIZE_OF_INT)
        {
            throw invalid(path, "has a truncated header: " + fileLength + " bytes, a header needs " + FILE_HEADER_LENGTH);
        }
        final int version = buffer.getInt(VERSION_OFFSET);
        if (version > VERSION)
        {
            throw invalid(path, "was written by a newer format version " + version + "; this library reads up to version " +
                VERSION);
        }
        if (1 == version)
        {
            throw invalid(path, "was written in format version 1 (before Hoarfrost 0.1.0), whose committed length has no " +
                "check; this library reads version " + VERSION + " only");
        }
        if (bytes.length < FILE_HEADER_LENGTH)
        {
            throw invalid(path, "has a truncated header: " + fileLength + " bytes, a header needs " + FILE_HEADER_LENGTH);
        }
        if (version < 1)
        {
            throw invalid(path, "has a corrupt header: version " + version);
        }
        final int checksum = buffer.getInt(CHECKSUM_OFFSET);
        final int expected = checksum(bytes);
        if (checksum != expected)
        {
            throw invalid(path, "has a corrupt header: checksum 0x" + Integer.toHexString(checksum) + ", computed 0x" +
                Integer.toHexString(expected));
        }
        final int headerLength = buffer.getInt(HEADER_LENGTH_OFFSET);
        final long reserve = buffer.getLong(RESERVE_OFFSET);
        final long chunkSize = buffer.getLong(CHUNK_SIZE_OFFSET);
        final long committedWord = buffer.getLong(COMMITTED_LENGTH_OFFSET);
        final long committedLength = MappedArenaDescriptor.committedLength(committedWord);
        if (headerLength != FILE_HEADER_LENGTH)
        {
            throw invalid(path, "has a corrupt header: header length " + headerLength + ", expected " + FILE_HEADER_LENGTH);
        }
        try
        {
            RegionArena.checkChunkSize(chunkSize);
            if (reserve <= 0 || reserve > Long.MAX_VALUE - FILE_HEADER_LENGTH)
            {
                throw new IllegalArgumentException("reserve " + reserve + " is out of range");
            }
            RegionArena.checkChunkCount(reserve, chunkSize);
        }
        catch (final IllegalArgumentException ex)
        {
            throw invalid(path, "has a corrupt header: " + ex.getMessage());
        }
        if (committedLength < 0)
        {
            throw invalid(path, "has a corrupt committed length: the word 0x" + Long.toHexString(committedWord) +
                " fails its check");
        }
        if (committedLength > reserve)
        {
            throw invalid(path, "has a corrupt header: committed length " + committedLength + " is beyond the reserve " +
                reserve);
        }
        if (fileLength < FILE_HEADER_LENGTH + reserve)
        {
            throw invalid(path, "is truncated: " + fileLength + " bytes, its header says " + (FILE_HEADER_LENGTH + reserve));
        }
        return new MappedArenaHeader(reserve, chunkSize, committedLength);
    }

    /**
     * The committed length published in a mapped header now, read with an acquire load.
     *
     * @throws IllegalStateException naming the file and the word if the word fails its check.
     */
    static long committedLength(final Path path, final long headerAddress)
    {
        final long word = Memory.getLongAcquire(headerAddress + COMMITTED_LENGTH_OFFSET);
        final long length = MappedArenaDescriptor.committedLength(word);
        if (length < 0)
        {
            throw new IllegalStateException("MappedArena file " + path + " has a corrupt committed length: the word 0x" +
                Long.toHexString(word) + " fails its check");
        }
        return length;
    }

    static IllegalStateException invalid(final Path path, final String fault)
    {
        return new IllegalStateException("MappedArena file " + path + ' ' + fault + "; the file was not modified");
    }

    private static int checksum(final byte[] bytes)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes, 0, CHECKSUMMED_LENGTH);
        return (int)crc.getValue();
    }
}
