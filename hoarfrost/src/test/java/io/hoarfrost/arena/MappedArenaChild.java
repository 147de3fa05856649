package io.hoarfrost.arena;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

/**
 * The child JVM of the crash tests: opens an existing arena and appends {@link CheckedRecord}s.
 *
 * <ul>
 *   <li>{@code append <path> <firstIndex>}: appends forever, writing each index to stdout (one
 *       line, unbuffered) only after its append returned, until killed.</li>
 *   <li>{@code fill <path> <firstIndex>}: appends until the arena refuses, then writes
 *       {@code refused <count> <reason>} and exits.</li>
 *   <li>{@code try-open <path> <firstIndex>}: tries to open the arena as a writer; writes
 *       {@code refused <message>}, or appends one record and writes {@code opened}.</li>
 *   <li>{@code hold <path> <firstIndex>}: opens the arena as a writer and appends one record, then
 *       does what used to drop its lock (opens and closes a reader, retries an open that is
 *       refused), writes {@code ready}, and waits for a line on stdin; then appends one more
 *       record, writes {@code done} and exits.</li>
 * </ul>
 */
public final class MappedArenaChild
{
    private MappedArenaChild()
    {
    }

    /**
     * Runs one of the modes above.
     *
     * @param args the mode, the arena's path and the first record index.
     * @throws IOException if stdout fails.
     */
    public static void main(final String[] args) throws IOException
    {
        final String mode = args[0];
        long index = Long.parseLong(args[2]);
        final OutputStream out = new FileOutputStream(FileDescriptor.out);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CheckedRecord.MAX_LENGTH]);
        if ("try-open".equals(mode))
        {
            tryOpen(args[1], index, scratch, out);
            return;
        }
        if ("hold".equals(mode))
        {
            hold(args[1], index, scratch, out);
            return;
        }
        final byte[] line = new byte[24];
        try (MappedArena arena = MappedArena.open(Paths.get(args[1])))
        {
            while (true)
            {
                final int length = CheckedRecord.write(scratch, index);
                if (0 == arena.append(scratch, 0, length))
                {
                    final String reason = null == arena.lastError() ? "full" : arena.lastError().getMessage();
                    out.write(("refused " + index + ' ' + reason + '\n').getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                if ("append".equals(mode))
                {
                    out.write(line, 0, format(index, line));
                }
                index++;
            }
        }
    }

    private static void tryOpen(final String path, final long index, final UnsafeBuffer scratch, final OutputStream out)
        throws IOException
    {
        String result;
        try (MappedArena arena = MappedArena.open(Paths.get(path)))
        {
            arena.append(scratch, 0, CheckedRecord.write(scratch, index));
            result = "opened";
        }
        catch (final IllegalStateException ex)
        {
            result = "refused " + ex.getMessage();
        }
        out.write((result + '\n').getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void hold(final String path, final long index, final UnsafeBuffer scratch, final OutputStream out)
        throws IOException
    {
        try (MappedArena arena = MappedArena.open(Paths.get(path)))
        {
            arena.append(scratch, 0, CheckedRecord.write(scratch, index));
            try (MappedArenaReader reader = MappedArenaReader.open(Paths.get(path)))
            {
                while (reader.next())
                {
                    reader.length();
                }
            }
            try
            {
                MappedArena.open(Paths.get(path)).close();
                out.write("reopened\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            catch (final IllegalStateException expected)
            {
                out.write("ready\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            System.in.read();
            arena.append(scratch, 0, CheckedRecord.write(scratch, index + 1));
            out.write("done\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static int format(final long value, final byte[] line)
    {
        final byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, line, 0, digits.length);
        line[digits.length] = '\n';
        return digits.length + 1;
    }
}
