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

    private static int format(final long value, final byte[] line)
    {
        final byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, line, 0, digits.length);
        line[digits.length] = '\n';
        return digits.length + 1;
    }
}
