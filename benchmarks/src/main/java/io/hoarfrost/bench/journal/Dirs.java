package io.hoarfrost.bench.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deleting the stores' directories, and what they take on disk. */
final class Dirs
{
    private Dirs()
    {
    }

    /**
     * Deletes a directory and everything in it, or a file; nothing if it does not exist.
     *
     * @param path the directory or file.
     * @throws UncheckedIOException if something cannot be deleted.
     */
    static void delete(final Path path)
    {
        if (!Files.exists(path))
        {
            return;
        }
        try
        {
            Files.walkFileTree(path, new SimpleFileVisitor<Path>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) throws IOException
                {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path dir, final IOException ex) throws IOException
                {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + path + ": " + ex, ex);
        }
    }

    /**
     * The bytes a directory takes on disk, as {@code du -s -B1} counts them (allocated blocks,
     * not file lengths).
     *
     * @param dir the directory.
     * @return bytes, or -1 if {@code du} is not there or fails.
     */
    static long diskUsage(final Path dir)
    {
        try
        {
            final Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(true).start();
            final byte[] out = readAll(du);
            if (0 != du.waitFor())
            {
                return -1;
            }
            return Long.parseLong(new String(out, "UTF-8").trim().split("\\s+")[0]);
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The sum of the lengths of the files in a directory (not recursive).
     *
     * @param dir the directory.
     * @return bytes.
     * @throws UncheckedIOException if it cannot be listed.
     */
    static long apparentSize(final Path dir)
    {
        long bytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir))
        {
            for (final Path file : files)
            {
                if (Files.isRegularFile(file))
                {
                    bytes += Files.size(file);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + dir + ": " + ex, ex);
        }
        return bytes;
    }

    private static byte[] readAll(final Process process) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] chunk = new byte[4096];
        try (InputStream in = process.getInputStream())
        {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk))
            {
                out.write(chunk, 0, n);
            }
        }
        return out.toByteArray();
    }
}
