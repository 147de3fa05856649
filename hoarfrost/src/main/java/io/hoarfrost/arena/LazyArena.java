package io.hoarfrost.arena;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.Platform;
import io.hoarfrost.memory.internal.Bounds;
import io.hoarfrost.memory.internal.Checks;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * A bump arena over a large reserved address range whose pages are committed only as allocation
 * reaches them.
 *
 * <p><b>What the OS does.</b> Java 8 has no portable way to reserve address space without
 * committing it ({@code malloc} of 64 GiB is refused by Linux's overcommit heuristic on a smaller
 * machine), so the arena maps a sparse file:
 * <ol>
 *   <li><b>Reserve.</b> A temporary file is created in the {@linkplain #defaultDirectory() arena
 *       directory}, extended to the reservation with {@code ftruncate} (sparse: no blocks, no
 *       memory), mapped shared in chunks of {@code chunkSize} bytes (one {@code FileChannel.map}
 *       each, since Java 8 maps at most 2 GiB at once), and unlinked at once, so it disappears
 *       with the process even after a crash. This uses address space only; the OS refuses it
 *       with {@code EFBIG} (file too large for the file system), {@code ENOMEM} (address space or
 *       {@code vm.max_map_count}) and the like, which the constructor reports.</li>
 *   <li><b>Commit.</b> When an allocation passes the committed length, the arena writes zeros
 *       into the file up to the next {@value #COMMIT_STEP}-byte step. This makes the file system
 *       allocate the pages (RAM on tmpfs, blocks on a disk file system) while it can still say
 *       no: if it refuses ({@code ENOSPC}), the allocation returns {@code 0} and
 *       {@link #lastError()} holds the OS's reason. Touching an uncommitted page of a full file
 *       system would instead raise {@code SIGBUS} and kill the JVM.</li>
 *   <li><b>Touch.</b> Pages enter the process's resident set (VmRSS) only when first read or
 *       written through the mapping.</li>
 * </ol>
 * On {@code /dev/shm} (tmpfs, the default where it exists) committed pages are plain RAM and are
 * never written to a disk. In a directory on a disk file system the kernel writes dirty pages
 * back in the background.
 *
 * <p><b>Chunks.</b> The chunks are separate mappings, not one contiguous range, so an allocation
 * never straddles two of them: one that would is placed at the start of the next chunk (the tail
 * of the previous one is skipped and counts as used), and one larger than a chunk is refused with
 * an {@link IllegalArgumentException}. Chunk starts are page-aligned, so every alignment from 1
 * to 4096 is honoured exactly.
 *
 * <p>{@link #reset()} keeps the committed pages for reuse; {@link #close()} unmaps everything and
 * releases the file's pages. Unlike {@code BumpArena} and {@code TypedArena}, a {@code LazyArena}
 * is not tracked by checked mode's leak list: close it.
 *
 * <p>{@link #allocate(long, int)} allocates no heap garbage; when it commits, it makes one write
 * system call per 64 KiB.
 *
 * <p>Ported from linalloc's {@code BumpArenaLazy} (its {@code lazy} feature).
 */
public final class LazyArena extends RegionArena
{
    /** The default chunk size: 1 GiB, the largest power of two a Java 8 mapping can hold. */
    public static final long DEFAULT_CHUNK_SIZE = 1L << 30;

    /** The smallest chunk size: one page. */
    public static final long MIN_CHUNK_SIZE = Alignment.MAX_ALIGNMENT;

    /** The largest chunk size: 1 GiB. */
    public static final long MAX_CHUNK_SIZE = 1L << 30;

    /** The most chunks one arena maps, well inside Linux's default {@code vm.max_map_count}. */
    public static final int MAX_CHUNKS = 1 << 15;

    /** Bytes committed at a time: allocation commits up to the next multiple of this. */
    public static final int COMMIT_STEP = LazyRegion.COMMIT_STEP;

    private static final String NAME = "LazyArena";
    private static final Path SHARED_MEMORY = Paths.get("/dev/shm");

    private final Path file;

    /**
     * Reserves {@code reserve} bytes of address space in the {@linkplain #defaultDirectory()
     * default directory}, in 1 GiB chunks. Nothing is committed yet.
     *
     * @param reserve bytes the arena can hand out, positive.
     * @throws IllegalArgumentException naming the value if the reservation is not positive or
     *                                  needs more than {@link #MAX_CHUNKS} chunks.
     * @throws OutOfMemoryError         stating the size and the OS's reason if the reservation is
     *                                  refused.
     */
    public LazyArena(final long reserve)
    {
        this(reserve, defaultDirectory(), DEFAULT_CHUNK_SIZE);
    }

    /**
     * Reserves {@code reserve} bytes of address space backed by an unlinked file in
     * {@code directory}, mapped in chunks of {@code chunkSize} bytes. Nothing is committed yet.
     *
     * @param reserve   bytes the arena can hand out, positive.
     * @param directory where the backing file lives (unlinked at once): tmpfs keeps committed
     *                  pages in RAM, a disk file system writes them back.
     * @param chunkSize bytes per mapping and the largest allocation: a power of two from
     *                  {@link #MIN_CHUNK_SIZE} to {@link #MAX_CHUNK_SIZE}.
     * @throws IllegalArgumentException naming the value if the reservation is not positive, the
     *                                  chunk size is invalid or more than {@link #MAX_CHUNKS}
     *                                  chunks would be needed.
     * @throws NullPointerException     naming the directory if it is null.
     * @throws OutOfMemoryError         stating the size and the OS's reason if the reservation is
     *                                  refused.
     */
    public LazyArena(final long reserve, final Path directory, final long chunkSize)
    {
        super(checkReserve(reserve, directory, chunkSize), chunkSize, 0);
        final File created;
        try
        {
            created = File.createTempFile("hoarfrost-lazy-", ".arena", directory.toFile());
        }
        catch (final IOException | RuntimeException ex)
        {
            throw refused(reserve, directory, ex);
        }
        RandomAccessFile raf = null;
        try
        {
            raf = new RandomAccessFile(created, "rw");
            raf.setLength(reserve);
            this.region = LazyRegion.map(raf, 0, reserve, chunkShift, 0);
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            closeQuietly(raf);
            created.delete();
            throw refused(reserve, directory, ex);
        }
        this.file = created.delete() ? null : created.toPath();
    }

    /** Validates the constructor's arguments before anything is reserved; returns the reserve. */
    private static long checkReserve(final long reserve, final Path directory, final long chunkSize)
    {
        Platform.current().requireSupported();
        Objects.requireNonNull(directory, "directory");
        Bounds.checkPositiveSize(reserve);
        checkChunkSize(chunkSize);
        checkChunkCount(reserve, chunkSize);
        return reserve;
    }

    /**
     * Where arenas keep their backing file by default: {@code /dev/shm} if it is a writable
     * directory (tmpfs: pages stay in RAM), else {@code java.io.tmpdir}.
     *
     * @return the default directory.
     */
    public static Path defaultDirectory()
    {
        if (Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY))
        {
            return SHARED_MEMORY;
        }
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns {@code 0} also when committing the pages fails; {@link #lastError()} then says
     * why. An allocation that would straddle two chunks starts at the next chunk instead.
     *
     * @throws IllegalArgumentException naming the values also if {@code size} exceeds the chunk
     *                                  size: no chunk could ever hold it.
     */
    @Override
    public long allocate(final long size, final int alignment)
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
        }
        Bounds.checkNonNegative(size);
        Alignment.check(alignment);
        if (size > chunkSize)
        {
            throw new IllegalArgumentException(
                "size " + size + " exceeds the chunk size " + chunkSize + " of this LazyArena: an allocation never " +
                "straddles two mappings");
        }
        final long mask = alignment - 1L;
        final long aligned = (position + mask) & ~mask;
        final long start = 0 != size && (aligned >>> chunkShift) != ((aligned + size - 1) >>> chunkShift) ?
            ((aligned >>> chunkShift) + 1) << chunkShift : aligned;
        if (size > limit - start)
        {
            return 0;
        }
        final long end = start + size;
        if (end > region.committed() && !region.commit(end))
        {
            return 0;
        }
        if (0 != size)
        {
            position = end;
        }
        return region.address(start);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Committed pages stay committed and are reused.
     */
    @Override
    public void reset()
    {
        if (MemoryChecks.ENABLED)
        {
            checkUsable();
            region.mapping().fill(0, position, MemoryChecks.POISON);
        }
        position = 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Unmaps every chunk and closes the backing file, whose pages the OS then releases.
     */
    @Override
    public void close()
    {
        Checks.checkOwner(owner, NAME);
        if (null != region)
        {
            final LazyRegion closing = region;
            region = null;
            markClosed();
            closing.close();
            if (null != file)
            {
                file.toFile().delete();
            }
        }
    }

    @Override
    String describe()
    {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return "LazyArena{used=" + position + ", committed=" + committed() + ", reserved=" + reserved +
            ", chunkSize=" + chunkSize + ", closed=" + isClosed() + '}';
    }

    private static OutOfMemoryError refused(final long reserve, final Path directory, final Throwable ex)
    {
        final OutOfMemoryError error = new OutOfMemoryError(
            "cannot reserve " + reserve + " bytes for a LazyArena in " + directory + ": " + LazyRegion.reason(ex));
        error.initCause(ex);
        return error;
    }

    private static void closeQuietly(final RandomAccessFile raf)
    {
        if (null != raf)
        {
            try
            {
                raf.close();
            }
            catch (final IOException ignore)
            {
                // the reservation failed already; that is the error to report
            }
        }
    }
}
