package io.hoarfrost.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journal directory's plumbing: permissions, segment listing, the temporary names of segments
 * being prepared, and the writers open in this JVM.
 *
 * <p><b>Writers in this JVM.</b> The writer's exclusive {@code FileLock} on {@code journal.lock}
 * is a POSIX record lock, which the OS drops when the process closes <em>any</em> descriptor of
 * that file. Readers never open it; a second writer in the same JVM is refused here, by the
 * directory's identity, before it opens the lock file.
 */
final class JournalFiles
{
    /** Prefix of a segment being prepared under a temporary name; never read by readers. */
    static final String PREPARING_PREFIX = "preparing-";
    /** Suffix of a segment being prepared under a temporary name. */
    static final String PREPARING_SUFFIX = ".tmp";

    private static final Object LOCK = new Object();
    private static final Map<Object, Journal> WRITERS = new HashMap<>();
    private static final Map<Object, JournalReader> NAMED_READERS = new HashMap<>();
    private static final Set<PosixFilePermission> DIR_PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> DIR_GROUP = PosixFilePermissions.fromString("rwxr-x---");
    private static final Set<PosixFilePermission> FILE_PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FILE_GROUP = PosixFilePermissions.fromString("rw-r-----");

    private JournalFiles()
    {
    }

    /**
     * Registers a writer of {@code dir}, unless one is open in this JVM.
     *
     * @return the directory's identity, to pass to {@link #unregister(Object, Journal)}.
     * @throws IllegalStateException naming the directory if a writer of it is open in this JVM.
     */
    static Object register(final Path dir, final Journal writer)
    {
        final Object key = key(dir);
        synchronized (LOCK)
        {
            final Journal open = WRITERS.get(key);
            if (null != open)
            {
                throw new IllegalStateException("journal " + dir + " is already open for writing in this JVM (" +
                    open.directory() + "); nothing was modified");
            }
            WRITERS.put(key, writer);
        }
        return key;
    }

    static void unregister(final Object key, final Journal writer)
    {
        synchronized (LOCK)
        {
            WRITERS.remove(key, writer);
        }
    }

    /**
     * Registers a named reader of {@code dir}, unless one of that name is open in this JVM (its
     * position file's lock would be dropped if this reader opened and closed the file).
     *
     * @return the identity to pass to {@link #unregisterReader(Object, JournalReader)}.
     * @throws IllegalStateException naming the reader if one of that name is open in this JVM.
     */
    static Object registerReader(final Path dir, final String name, final JournalReader reader)
    {
        final Object key = Arrays.asList(key(dir), name);
        synchronized (LOCK)
        {
            if (null != NAMED_READERS.get(key))
            {
                throw new IllegalStateException("named reader '" + name + "' of journal " + dir +
                    " is already open in this JVM; nothing was modified");
            }
            NAMED_READERS.put(key, reader);
        }
        return key;
    }

    static void unregisterReader(final Object key, final JournalReader reader)
    {
        synchronized (LOCK)
        {
            NAMED_READERS.remove(key, reader);
        }
    }

    private static Object key(final Path dir)
    {
        try
        {
            final Object key = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
            return null != key ? key : dir.toRealPath();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal " + dir + ": " + ex, ex);
        }
    }

    /**
     * Creates a journal directory, 0700 (0750 with group access) where the file system has POSIX
     * permissions, set as it is created.
     */
    static void createDirectory(final Path dir, final boolean groupAccess) throws IOException
    {
        final Path parent = dir.toAbsolutePath().getParent();
        if (null != parent && posix(parent))
        {
            final Set<PosixFilePermission> wanted = groupAccess ? DIR_GROUP : DIR_PRIVATE;
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(wanted));
            widen(dir, wanted);
        }
        else
        {
            Files.createDirectory(dir);
        }
    }

    /**
     * Creates an empty file, 0600 (0640 with group access) where the file system has POSIX
     * permissions, set as it is created.
     *
     * @throws FileAlreadyExistsException if it exists.
     */
    static void createFile(final Path file, final Set<PosixFilePermission> permissions) throws IOException
    {
        if (null != permissions)
        {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(permissions));
            widen(file, permissions);
        }
        else
        {
            Files.createFile(file);
        }
    }

    /** The permissions of new files: 0600 or 0640, or null where there are no POSIX permissions. */
    static Set<PosixFilePermission> filePermissions(final Path dir, final boolean groupAccess) throws IOException
    {
        return posix(dir) ? (groupAccess ? FILE_GROUP : FILE_PRIVATE) : null;
    }

    /**
     * The permissions of new files in an existing journal: those of its {@code journal.meta}, so a
     * reopened journal keeps what its creator (or an administrator since) chose.
     */
    static Set<PosixFilePermission> filePermissionsLike(final Path file) throws IOException
    {
        // not through posix(file): Files.getFileStore reads the mount table, a third of an open's time
        try
        {
            return Files.getPosixFilePermissions(file);
        }
        catch (final UnsupportedOperationException ex)
        {
            return null;
        }
    }

    /**
     * Adds the bits the process's umask removed at creation (it can only remove): never wider than
     * asked, so there is no moment at which the file is more open than intended.
     */
    private static void widen(final Path path, final Set<PosixFilePermission> wanted) throws IOException
    {
        if (!Files.getPosixFilePermissions(path).equals(wanted))
        {
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    private static boolean posix(final Path path) throws IOException
    {
        return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    /**
     * The first sequences of the directory's segment files, ascending.
     */
    static long[] listSegments(final Path dir)
    {
        return listSegments(dir, null);
    }

    /**
     * The first sequences of the directory's segment files, ascending; and, into {@code prepared}
     * if not null, the segments left under a temporary name (one listing for both).
     */
    static long[] listSegments(final Path dir, final List<Path> prepared)
    {
        // File.list, not a DirectoryStream: names only, no Path per entry (a third of the time per segment), and no
        // glob, which compiles a regular expression per listing
        final String[] names = dir.toFile().list();
        if (null == names)
        {
            final IOException ex = new IOException(Files.isDirectory(dir) ? "the directory cannot be read" :
                "not a directory");
            throw new UncheckedIOException("cannot list journal " + dir + ": " + ex, ex);
        }
        final long[] firsts = new long[names.length];
        int count = 0;
        for (final String name : names)
        {
            final long first = JournalDescriptor.firstSequenceOf(name);
            if (first >= 0)
            {
                firsts[count++] = first;
            }
            else if (null != prepared && name.startsWith(PREPARING_PREFIX) && name.endsWith(PREPARING_SUFFIX))
            {
                prepared.add(dir.resolve(name));
            }
        }
        final long[] sorted = Arrays.copyOf(firsts, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * Deletes segments left under a temporary name by a writer that was killed while preparing
     * one. Call holding the writer's lock.
     */
    static void deletePrepared(final Path dir) throws IOException
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir))
        {
            for (final Path file : files)
            {
                final String name = file.getFileName().toString();
                if (name.startsWith(PREPARING_PREFIX) && name.endsWith(PREPARING_SUFFIX))
                {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
