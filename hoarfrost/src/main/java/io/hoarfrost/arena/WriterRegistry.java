package io.hoarfrost.arena;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link MappedArena} writers open in this JVM, by file identity, and the one lock under which
 * this package opens and closes descriptors of arena files.
 *
 * <p><b>Why.</b> A writer's exclusive {@code FileLock} is a POSIX {@code fcntl} lock: closing
 * <em>any</em> descriptor of the file in the process releases every lock the process holds on it.
 * So while a writer is open, nothing in this package may open and close another descriptor of
 * its file: a second {@code MappedArena.open} is refused here before the file is touched, and a
 * {@link MappedArenaReader} in the same JVM reads and maps through the writer's own channel.
 * Holding {@link #LOCK} while opening or closing makes the check and the descriptor's life one
 * step, so a reader's short-lived descriptor can never overlap a writer taking its lock.
 *
 * <p>Files are identified by the file system's key (device and inode on Linux), so two paths to
 * one file (links, {@code ..}) are one entry; where there is no key, by the real path.
 */
final class WriterRegistry
{
    /** Held while any arena file descriptor is opened or closed, and while the map changes. */
    static final Object LOCK = new Object();

    private static final Map<Object, MappedArena> WRITERS = new HashMap<>();

    private WriterRegistry()
    {
    }

    /**
     * The identity of an existing file, found without opening it.
     *
     * @throws IOException if the file does not exist or cannot be examined.
     */
    static Object key(final Path path) throws IOException
    {
        final BasicFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        }
        catch (final NoSuchFileException ex)
        {
            throw new NoSuchFileException(path.toString(), null, "No such file or directory");
        }
        final Object key = attributes.fileKey();
        return null != key ? key : path.toRealPath();
    }

    /** The open writer of a file in this JVM, or null. Call holding {@link #LOCK}. */
    static MappedArena writer(final Object key)
    {
        return WRITERS.get(key);
    }

    /** Records an open writer. Call holding {@link #LOCK}. */
    static void add(final Object key, final MappedArena writer)
    {
        WRITERS.put(key, writer);
    }

    /** Forgets a writer being closed. Call holding {@link #LOCK}. */
    static void remove(final Object key, final MappedArena writer)
    {
        WRITERS.remove(key, writer);
    }
}
