package io.hoarfrost.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of the journal's two-process tests.
 *
 * <ul>
 *   <li>{@code append <dir> [every]}: opens the journal and appends {@link JournalRecords}
 *       forever (alternately by append and by claim, with a pretouch thread preparing segments),
 *       writing each sequence (or each {@code every}-th: the writer then goes faster than its
 *       pretoucher, and prepares most segments itself at the roll) to stdout (one line,
 *       unbuffered) only after its append returned, until killed.</li>
 *   <li>{@code follow <dir>}: reads every record from sequence 0 with a {@link JournalReader},
 *       following the writers (killed and restarted meanwhile), checking each record's sequence
 *       and bytes (and CRC32C, in a journal with checksums); when a line arrives on stdin it reads
 *       on to the end and writes {@code verified <records>}; at the first bad record it writes
 *       {@code FAIL <why>} and exits 1.</li>
 *   <li>{@code try-open <dir>}: tries to open the journal for writing; writes {@code refused
 *       <message>}, or {@code opened}.</li>
 *   <li>{@code try-reader <dir> <name>}: tries to open the named reader and read one record;
 *       writes {@code refused <message>}, or {@code opened <sequence read>}.</li>
 *   <li>{@code hold <dir>}: opens the journal for writing and appends a record, opens and closes a
 *       reader and retries a refused open (what could drop a POSIX lock), writes {@code ready},
 *       waits for a line on stdin, appends one more record, writes {@code done} and exits.</li>
 * </ul>
 */
public final class JournalChild
{
    private JournalChild()
    {
    }

    /**
     * Runs one of the modes above.
     *
     * @param args the mode and the journal's directory.
     * @throws Exception if stdout fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final String mode = args[0];
        final Path dir = Paths.get(args[1]);
        final OutputStream out = new FileOutputStream(FileDescriptor.out);
        if ("follow".equals(mode))
        {
            follow(dir, out);
            return;
        }
        if ("try-open".equals(mode))
        {
            String result;
            try (Journal journal = Journal.open(dir))
            {
                result = "opened " + journal.lastSequence();
            }
            catch (final IllegalStateException ex)
            {
                result = "refused " + ex.getMessage();
            }
            out.write((result + '\n').getBytes(StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        if ("try-reader".equals(mode))
        {
            String result;
            try (JournalReader reader = JournalReader.open(dir, args[2]))
            {
                result = "opened " + (reader.next() ? reader.sequence() : -1);
            }
            catch (final IllegalStateException ex)
            {
                result = "refused " + ex.getMessage();
            }
            out.write((result + '\n').getBytes(StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[JournalRecords.MAX_LENGTH]);
        if ("hold".equals(mode))
        {
            hold(dir, scratch, out);
            return;
        }
        append(dir, scratch, out, args.length > 2 ? Integer.parseInt(args[2]) : 1);
    }

    private static void append(final Path dir, final UnsafeBuffer scratch, final OutputStream out, final int every)
        throws IOException
    {
        final byte[] line = new byte[24];
        final JournalClaim claim = new JournalClaim();
        try (Journal journal = Journal.open(dir))
        {
            final Thread pretoucher = new Thread(() ->
            {
                while (true)
                {
                    journal.pretouch();
                    try
                    {
                        Thread.sleep(0, 200_000);
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                }
            });
            pretoucher.setDaemon(true);
            pretoucher.start();
            long sequence = journal.lastSequence() + 1;
            while (true)
            {
                final long appended;
                if (0 == (sequence & 1))
                {
                    appended = journal.append(scratch, 0, JournalRecords.write(scratch, 0, sequence));
                }
                else
                {
                    journal.claim(JournalRecords.length(sequence), claim);
                    JournalRecords.write(claim.buffer(), claim.offset(), sequence);
                    appended = claim.commit();
                }
                if (appended != sequence)
                {
                    throw new IllegalStateException("appended " + appended + ", expected " + sequence);
                }
                if (0 == sequence % every)
                {
                    out.write(line, 0, format(sequence, line));
                }
                sequence++;
            }
        }
    }

    private static void follow(final Path dir, final OutputStream out) throws IOException
    {
        long verified = 0;
        try (JournalReader reader = JournalReader.open(dir))
        {
            boolean stopping = false;
            while (true)
            {
                if (reader.next())
                {
                    if (reader.sequence() != verified)
                    {
                        throw new AssertionError("read sequence " + reader.sequence() + ", expected " + verified);
                    }
                    JournalRecords.verify(reader.buffer(), reader.length(), verified);
                    verified++;
                }
                else if (stopping)
                {
                    break;
                }
                else if (System.in.available() > 0)
                {
                    // the parent's last writer has closed: one more pass reads to its end
                    stopping = true;
                }
                else
                {
                    LockSupport.parkNanos(100_000);
                }
            }
        }
        catch (final RuntimeException | AssertionError ex)
        {
            out.write(("FAIL at sequence " + verified + ": " + ex + '\n').getBytes(StandardCharsets.UTF_8));
            out.flush();
            System.exit(1);
        }
        out.write(("verified " + verified + '\n').getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void hold(final Path dir, final UnsafeBuffer scratch, final OutputStream out) throws IOException
    {
        try (Journal journal = Journal.open(dir))
        {
            final long first = journal.lastSequence() + 1;
            journal.append(scratch, 0, JournalRecords.write(scratch, 0, first));
            try (JournalReader reader = JournalReader.open(dir))
            {
                while (reader.next())
                {
                    reader.length();
                }
            }
            try
            {
                Journal.open(dir).close();
                out.write("reopened\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            catch (final IllegalStateException expected)
            {
                out.write("ready\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            System.in.read();
            journal.append(scratch, 0, JournalRecords.write(scratch, 0, first + 1));
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
