package io.hoarfrost.bench.journal;

import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The child process of the journal pass: runs one measurement on one store and prints its result
 * as one line, {@value #PREFIX} and a JSON object, on standard output. {@link JournalVsChronicle}
 * starts it, one fresh JVM per measurement.
 *
 * <pre>
 * append STORE SIZE MESSAGES WARMUP touched|fresh|untouched DIR
 * replay STORE SIZE MESSAGES DIR
 * open   STORE MESSAGES first|last DIR
 * writer STORE SIZE RATE WARMUP MESSAGES alone|paired DIR
 * reader STORE SIZE WARMUP DIR
 * </pre>
 */
public final class JournalProbe
{
    /** What starts the result line. */
    public static final String PREFIX = "RESULT ";

    private JournalProbe()
    {
    }

    /**
     * Runs the measurement the arguments name, prints its result line and exits (0, or 1 with the
     * stack trace on standard error).
     *
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        final long mainNanos = System.nanoTime();
        int status = 0;
        try
        {
            final JsonObject result = run(args, mainNanos);
            System.out.println(PREFIX + result);
            System.out.flush();
        }
        catch (final RuntimeException | Error ex)
        {
            ex.printStackTrace();
            status = 1;
        }
        // Chronicle may leave threads of its own running
        System.exit(status);
    }

    private static JsonObject run(final String[] args, final long mainNanos)
    {
        final String role = args[0];
        final Store store = Store.of(args[1]);
        final Path dir = Paths.get(args[args.length - 1]);
        switch (role)
        {
            case "append":
                return AppendProbe.append(store, Integer.parseInt(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]),
                    args[5], dir);
            case "replay":
                return AppendProbe.replay(store, Integer.parseInt(args[2]), Long.parseLong(args[3]), dir);
            case "open":
                return OpenProbe.open(store, Long.parseLong(args[2]), "last".equals(args[3]), dir, mainNanos);
            case "writer":
                return LatencyProbe.write(store, Integer.parseInt(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]),
                    Long.parseLong(args[5]), dir, "alone".equals(args[6]));
            case "reader":
                return LatencyProbe.read(store, Integer.parseInt(args[2]), Long.parseLong(args[3]), dir);
            default:
                throw new IllegalArgumentException("no probe '" + role + "': append, replay, open, writer or reader");
        }
    }
}
