package io.hoarfrost.arena;

import io.hoarfrost.memory.Memory;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A range of a file mapped as consecutive chunks of {@code 2^chunkShift} bytes, each its own
 * {@code FileChannel.map} (Java 8 maps at most {@code Integer.MAX_VALUE} bytes at once). Offsets
 * are translated to addresses chunk by chunk; the chunks are not contiguous in memory, so a block
 * must never straddle two of them.
 *
 * <p>All chunks are mapped up front: the mapping reserves address space only, no memory. The
 * addresses table has one extra entry, one chunk past the last chunk's start, so the offset just
 * past a full last chunk has an address too.
 *
 * <p>Not thread-safe for {@link #unmap()}; {@link #address(long)} may be called from any thread
 * while the mapping is live.
 */
final class ChunkedMapping
{
    private final int chunkShift;
    private final long chunkMask;
    private final long length;
    private final MappedByteBuffer[] chunks;
    private final long[] addresses;

    private ChunkedMapping(final int chunkShift, final long length, final MappedByteBuffer[] chunks, final long[] addresses)
    {
        this.chunkShift = chunkShift;
        this.chunkMask = (1L << chunkShift) - 1;
        this.length = length;
        this.chunks = chunks;
        this.addresses = addresses;
    }

    /**
     * Maps {@code [position, position + length)} of the channel's file, which must already be at
     * least that long. On failure nothing stays mapped.
     */
    static ChunkedMapping map(
        final FileChannel channel,
        final FileChannel.MapMode mode,
        final long position,
        final long length,
        final int chunkShift) throws IOException
    {
        final long chunkSize = 1L << chunkShift;
        final int count = (int)((length + chunkSize - 1) >>> chunkShift);
        final MappedByteBuffer[] chunks = new MappedByteBuffer[count];
        final long[] addresses = new long[count + 1];
        try
        {
            for (int i = 0; i < count; i++)
            {
                final long chunkOffset = (long)i << chunkShift;
                chunks[i] = channel.map(mode, position + chunkOffset, Math.min(chunkSize, length - chunkOffset));
                addresses[i] = BufferUtil.address(chunks[i]);
            }
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            unmap(chunks);
            throw ex;
        }
        addresses[count] = addresses[count - 1] + chunkSize;
        return new ChunkedMapping(chunkShift, length, chunks, addresses);
    }

    /**
     * The address of an offset from 0 to the mapped length, inclusive.
     */
    long address(final long offset)
    {
        return addresses[(int)(offset >>> chunkShift)] + (offset & chunkMask);
    }

    /**
     * The offset of an address inside the mapping (or just past its end), or -1.
     */
    long offsetOf(final long address)
    {
        final int count = chunks.length;
        for (int i = 0; i < count; i++)
        {
            final long start = addresses[i];
            if (address >= start && address - start < chunks[i].capacity())
            {
                return ((long)i << chunkShift) + (address - start);
            }
        }
        return address == addresses[count - 1] + chunks[count - 1].capacity() ? length : -1;
    }

    /**
     * Fills {@code [from, to)} with a byte, chunk by chunk. The pages must be committed.
     */
    void fill(final long from, final long to, final byte value)
    {
        long offset = from;
        while (offset < to)
        {
            final long chunkEnd = (offset | chunkMask) + 1;
            final long end = Math.min(chunkEnd, to);
            Memory.fill(address(offset), end - offset, value);
            offset = end;
        }
    }

    /**
     * Writes the chunks overlapping {@code [from, to)} to the storage device.
     */
    void force(final long from, final long to)
    {
        if (to > from)
        {
            final int last = (int)((to - 1) >>> chunkShift);
            for (int i = (int)(from >>> chunkShift); i <= last; i++)
            {
                chunks[i].force();
            }
        }
    }

    long length()
    {
        return length;
    }

    int chunkShift()
    {
        return chunkShift;
    }

    /**
     * Unmaps every chunk. Addresses from this mapping must not be used again.
     */
    void unmap()
    {
        unmap(chunks);
    }

    private static void unmap(final MappedByteBuffer[] chunks)
    {
        for (int i = 0; i < chunks.length; i++)
        {
            if (null != chunks[i])
            {
                IoUtil.unmap(chunks[i]);
                chunks[i] = null;
            }
        }
    }
}
