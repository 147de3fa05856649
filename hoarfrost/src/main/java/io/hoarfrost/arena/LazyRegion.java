package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;

/**
 * The memory under a {@link LazyArena} or a {@link MappedArena}: a sparse file mapped in chunks
 * and committed step by step as allocation reaches it.
 *
 * <p><b>Commit.</b> To commit {@code [committed, end)} the region writes zeros into the file with
 * ordinary positional writes, {@link #COMMIT_STEP} bytes ahead of the allocation that needs them.
 * The write makes the file system allocate the pages (RAM on tmpfs, blocks on a disk file system)
 * while it can still report failure as an {@link IOException}; the pages then enter the
 * process's resident set only when touched through the mapping. Touching a sparse, uncommitted
 * page of a full file system would instead raise {@code SIGBUS} and kill the JVM.
 *
 * <p>The writes go through {@link RandomAccessFile}, not a {@code FileChannel}: an interrupt of
 * the owning thread then cannot close the file under the arena. Confined to one thread.
 */
final class LazyRegion
{
    /** Bytes committed at a time: allocation commits up to the next multiple of this. */
    static final int COMMIT_STEP = 1 << 20;

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final RandomAccessFile file;
    private final long filePosition;
    private final ChunkedMapping mapping;
    private final long capacity;
    private long committed;
    private IOException lastError;

    /**
     * Takes over an open file and its mapping, with {@code [0, committed)} already committed.
     */
    LazyRegion(
        final RandomAccessFile file,
        final long filePosition,
        final ChunkedMapping mapping,
        final long capacity,
        final long committed)
    {
        this.file = file;
        this.filePosition = filePosition;
        this.mapping = mapping;
        this.capacity = capacity;
        this.committed = committed;
    }

    /**
     * Maps {@code [filePosition, filePosition + capacity)} of an open file, which must already be
     * long enough, in chunks of {@code 2^chunkShift} bytes.
     */
    static LazyRegion map(
        final RandomAccessFile file,
        final long filePosition,
        final long capacity,
        final int chunkShift,
        final long committed) throws IOException
    {
        final ChunkedMapping mapping = ChunkedMapping.map(
            file.getChannel(), FileChannel.MapMode.READ_WRITE, filePosition, capacity, chunkShift);
        return new LazyRegion(file, filePosition, mapping, capacity, committed);
    }

    /**
     * What went wrong, as the OS and the JDK told it: each exception of the chain with its type.
     */
    static String reason(final Throwable failure)
    {
        final StringBuilder sb = new StringBuilder(128);
        for (Throwable ex = failure; null != ex; ex = ex.getCause())
        {
            if (ex != failure)
            {
                sb.append(", caused by ");
            }
            sb.append(ex.getClass().getSimpleName()).append(": ").append(ex.getMessage());
            if (ex.getCause() == ex)
            {
                break;
            }
        }
        return sb.toString();
    }

    long address(final long offset)
    {
        return mapping.address(offset);
    }

    long committed()
    {
        return committed;
    }

    IOException lastError()
    {
        return lastError;
    }

    ChunkedMapping mapping()
    {
        return mapping;
    }

    RandomAccessFile file()
    {
        return file;
    }

    /**
     * Commits at least {@code [0, end)}, up to the next commit step (or the capacity).
     *
     * @return false, keeping the reason for {@link #lastError()}, if the file system refused.
     */
    boolean commit(final long end)
    {
        if (end <= committed)
        {
            return true;
        }
        final long target = Math.min(Alignment.alignUp(end, COMMIT_STEP), capacity);
        try
        {
            long position = committed;
            file.seek(filePosition + position);
            while (position < target)
            {
                final int length = (int)Math.min(ZEROS.length, target - position);
                file.write(ZEROS, 0, length);
                position += length;
            }
            committed = target;
            return true;
        }
        catch (final IOException ex)
        {
            lastError = ex;
            return false;
        }
    }

    /**
     * Unmaps the chunks and closes the file, keeping the first failure to close.
     */
    void close()
    {
        mapping.unmap();
        try
        {
            file.close();
        }
        catch (final IOException ex)
        {
            lastError = ex;
        }
    }
}
