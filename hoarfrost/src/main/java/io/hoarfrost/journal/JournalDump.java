package io.hoarfrost.journal;

import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalTime;
import java.util.concurrent.locks.LockSupport;

/**
 * A command-line dump of a journal's records for an operator: a header (journal id, segment size,
 * index shift, checksums, segments, first and last sequence), then each record's sequence, length
 * and bytes in hex with an ASCII column, as {@code hexdump -C} prints them.
 *
 * <pre>
 *   java -cp hoarfrost.jar:agrona.jar io.hoarfrost.journal.JournalDump DIR [--from SEQ] [--count N] [--bytes N] [--follow]
 * </pre>
 *
 * <p>It only reads, through a {@link JournalReader}: it never modifies the journal's files, and
 * works while a writer appends. A user error (an unknown option, a bad number, a directory that
 * is not a journal, a sequence outside it) prints one line on stderr and exits 2; a journal
 * damaged or changed under the dump (a damaged record, a segment deleted or truncated) prints
 * what was read, then one line on stderr, and exits 1. No stack trace for either.
 */
public final class JournalDump
{
    /** Exit status of a user error: a bad option, or a directory or sequence that is not in a journal. */
    public static final int USAGE_ERROR = 2;

    /** Exit status of a journal that failed while it was read: damaged, truncated or deleted under the dump. */
    public static final int READ_ERROR = 1;

    /** Hex bytes printed per record unless {@code --bytes} says otherwise. */
    public static final int DEFAULT_BYTES = 64;

    private static final String USAGE = "usage: JournalDump DIR [--from SEQ] [--count N] [--bytes N] [--follow]\n" +
        "  DIR        a journal directory (read only; a writer may be appending)\n" +
        "  --from     the first sequence to print (default: the first in the journal)\n" +
        "  --count    how many records to print (default: all)\n" +
        "  --bytes    bytes of each record to print in hex, 0 for none (default " + DEFAULT_BYTES + ")\n" +
        "  --follow   at the end, wait for the writer's next records (until --count, or killed)";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long FOLLOW_PAUSE_NANOS = 10_000_000L;

    private JournalDump()
    {
    }

    /**
     * Dumps the journal named by the arguments to stdout, and exits with {@link #USAGE_ERROR} or
     * {@link #READ_ERROR} (after a one-line message on stderr) if it cannot.
     *
     * @param args {@code DIR [--from SEQ] [--count N] [--bytes N] [--follow]}; {@code --help}
     *             prints the usage. Agrona must be on the class path (the exit status is
     *             {@link #USAGE_ERROR}, with a message saying so, if it is not).
     */
    public static void main(final String[] args)
    {
        int status;
        try
        {
            status = run(args, System.out, System.err);
        }
        catch (final NoClassDefFoundError ex)
        {
            System.err.println("JournalDump: Agrona (org.agrona:agrona 1.22) must be on the class path beside the " +
                "hoarfrost jar; missing " + ex.getMessage());
            status = USAGE_ERROR;
        }
        System.out.flush();
        if (0 != status)
        {
            System.exit(status);
        }
    }

    /**
     * The tool without {@code System.exit}: dumps to {@code out}, reports errors on {@code err}.
     *
     * @return 0, {@link #USAGE_ERROR} or {@link #READ_ERROR}.
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        Path dir = null;
        long from = -1;
        long count = Long.MAX_VALUE;
        int bytes = DEFAULT_BYTES;
        boolean follow = false;
        try
        {
            for (int i = 0; i < args.length; i++)
            {
                final String arg = args[i];
                switch (arg)
                {
                    case "--from":
                        from = number(args, ++i, arg);
                        break;
                    case "--count":
                        count = number(args, ++i, arg);
                        break;
                    case "--bytes":
                        bytes = (int)Math.min(Integer.MAX_VALUE, number(args, ++i, arg));
                        break;
                    case "--follow":
                        follow = true;
                        break;
                    case "-h":
                    case "--help":
                        out.println(USAGE);
                        return 0;
                    default:
                        if (arg.startsWith("-") || null != dir)
                        {
                            throw new IllegalArgumentException((arg.startsWith("-") ? "unknown option " : "a second directory ") +
                                arg);
                        }
                        dir = Paths.get(arg);
                }
            }
            if (null == dir)
            {
                throw new IllegalArgumentException("no journal directory given");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("JournalDump: " + ex.getMessage());
            err.println(USAGE);
            return USAGE_ERROR;
        }
        return dump(dir, from, count, bytes, follow, out, err);
    }

    private static long number(final String[] args, final int at, final String option)
    {
        if (at >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a number");
        }
        try
        {
            final long value = Long.parseLong(args[at]);
            if (value < 0)
            {
                throw new IllegalArgumentException(option + " " + value + " is negative");
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " needs a number, not '" + args[at] + "'");
        }
    }

    private static int dump(final Path dir, final long from, final long count, final int bytes, final boolean follow,
        final PrintStream out, final PrintStream err)
    {
        final JournalReader reader;
        final long[] firsts;
        final JournalMeta meta;
        try
        {
            meta = JournalMeta.read(dir);
            reader = JournalReader.open(dir);
            firsts = JournalFiles.listSegments(dir);
        }
        catch (final IllegalStateException | UncheckedIOException ex)
        {
            err.println("JournalDump: " + ex.getMessage());
            return USAGE_ERROR;
        }
        try
        {
            final long last = reader.lastSequence();
            header(out, dir, meta, firsts, last);
            try
            {
                if (from >= 0)
                {
                    reader.seek(from);
                }
            }
            catch (final IndexOutOfBoundsException | IllegalStateException ex)
            {
                err.println("JournalDump: " + ex.getMessage());
                return USAGE_ERROR;
            }
            final StringBuilder line = new StringBuilder(80);
            for (long printed = 0; printed < count; )
            {
                if (reader.next())
                {
                    record(out, line, reader.sequence(), reader.buffer(), reader.length(), bytes);
                    printed++;
                }
                else if (follow)
                {
                    out.flush();
                    LockSupport.parkNanos(FOLLOW_PAUSE_NANOS);
                }
                else
                {
                    break;
                }
            }
            return 0;
        }
        catch (final IllegalStateException | UncheckedIOException ex)
        {
            out.flush();
            err.println("JournalDump: " + ex.getMessage());
            return READ_ERROR;
        }
        catch (final InternalError ex)
        {
            // a segment truncated under the dump between the reader's checks and the hex reads
            out.flush();
            err.println("JournalDump: the journal's file changed under the dump (truncated?): " + ex.getMessage());
            return READ_ERROR;
        }
        finally
        {
            reader.close();
        }
    }

    private static void header(final PrintStream out, final Path dir, final JournalMeta meta, final long[] firsts,
        final long last)
    {
        out.println("journal " + dir.toAbsolutePath());
        out.println("  id " + meta.id() + ", created " + Instant.ofEpochMilli(meta.createdMillis));
        out.println("  segment size " + meta.segmentSize + " bytes, index shift " + meta.indexShift + ", checksums " +
            (meta.checksums() ? "on (CRC32C)" : "off") + ", daily roll " +
            (0 == meta.dailyRoll ? "off" : LocalTime.ofSecondOfDay(meta.dailyRoll - 1) + " UTC"));
        out.println("  segments " + firsts.length + (0 == firsts.length ? "" : ": " +
            JournalDescriptor.segmentName(firsts[0]) + " to " + JournalDescriptor.segmentName(firsts[firsts.length - 1])));
        final long first = 0 == firsts.length ? 0 : firsts[0];
        out.println(last < first ? "  records: none" :
            "  sequences " + first + " to " + last + " (" + (last - first + 1) + " records)");
    }

    /** One record: its sequence and length, then up to {@code bytes} of it in lines of 16, as {@code hexdump -C}. */
    static void record(final PrintStream out, final StringBuilder line, final long sequence, final DirectBuffer buffer,
        final int length, final int bytes)
    {
        out.println("sequence " + sequence + ", length " + length);
        final int shown = Math.min(length, bytes);
        for (int offset = 0; offset < shown; offset += 16)
        {
            line.setLength(0);
            line.append("  ");
            appendHex(line, offset, 8);
            line.append(' ');
            final int end = Math.min(offset + 16, shown);
            for (int i = offset; i < offset + 16; i++)
            {
                line.append(8 == i - offset ? "  " : " ");
                if (i < end)
                {
                    appendHex(line, buffer.getByte(i) & 0xFF, 2);
                }
                else
                {
                    line.append("  ");
                }
            }
            line.append("  |");
            for (int i = offset; i < end; i++)
            {
                final int b = buffer.getByte(i) & 0xFF;
                line.append(b >= 0x20 && b < 0x7F ? (char)b : '.');
            }
            line.append('|');
            out.println(line);
        }
        if (shown < length)
        {
            out.println("  ... " + (length - shown) + " more bytes");
        }
    }

    private static void appendHex(final StringBuilder line, final int value, final int digits)
    {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        {
            line.append(HEX[(value >>> shift) & 0xF]);
        }
    }
}
