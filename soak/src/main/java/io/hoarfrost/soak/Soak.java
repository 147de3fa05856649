package io.hoarfrost.soak;

import io.hoarfrost.memory.MemoryChecks;
import io.hoarfrost.memory.TrackedBlock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The soak run: every primitive of Hoarfrost mixed in one process for a while (10 minutes by
 * default) with checked mode on, then everything released. It reports the operations done, the
 * blocks still live at the end ({@code MemoryChecks.leaks()}, which must be empty) and the resident
 * memory when the mix has warmed up and at the end, which must be flat within 5%. Exits 0 when both
 * hold, 1 otherwise.
 *
 * <pre>
 *   java -Dhoarfrost.checks=true -Xms512m -Xmx512m -XX:+AlwaysPreTouch -jar soak/target/soak.jar [seconds] [seed]
 * </pre>
 */
public final class Soak
{
    /** Default length of the run. */
    static final long DEFAULT_SECONDS = 600;
    /** Resident memory may grow by at most this fraction between the warmed-up start and the end. */
    static final double MAX_GROWTH = 0.05;
    private static final Path STATUS = Paths.get("/proc/self/status");
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(30);

    private Soak()
    {
    }

    /**
     * Runs the soak.
     *
     * @param args optional: seconds to run, then a seed.
     * @throws Exception if the mix fails: a broken promise is a failure, not a number.
     */
    public static void main(final String[] args) throws Exception
    {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_SECONDS;
        final long seed = args.length > 1 ? Long.decode(args[1]) : 0x50A4_50A4L;
        if (!MemoryChecks.ENABLED)
        {
            System.out.println("soak: checked mode is off; run with -Dhoarfrost.checks=true");
            System.exit(2);
        }
        final long warmUpNanos = TimeUnit.SECONDS.toNanos(Math.max(5, Math.min(60, seconds / 10)));
        final long endNanos = TimeUnit.SECONDS.toNanos(seconds);
        final List<TrackedBlock> before = MemoryChecks.leaks();
        final long rssBefore = residentBytes();
        System.out.printf("soak: %d s, seed 0x%x, checks on, resident before the mix %s%n",
            seconds, seed, mebibytes(rssBefore));

        final SplittableRandom random = new SplittableRandom(seed);
        final long start = System.nanoTime();
        long rssStart = -1;
        long rssEnd;
        long ops = 0;
        long nextProgress = PROGRESS_NANOS;
        try (Mix mix = new Mix(random.split()); ConcurrentSide side = new ConcurrentSide(random.split()))
        {
            side.start();
            while (true)
            {
                for (int i = 0; i < 1_000; i++)
                {
                    mix.step();
                }
                ops += 1_000;
                final long elapsed = System.nanoTime() - start;
                if (rssStart < 0 && elapsed >= warmUpNanos)
                {
                    System.gc();
                    rssStart = residentBytes();
                    System.out.printf("soak: warmed up after %d s: resident %s, %d blocks live%n",
                        TimeUnit.NANOSECONDS.toSeconds(elapsed), mebibytes(rssStart), MemoryChecks.liveCount());
                }
                if (elapsed >= nextProgress)
                {
                    nextProgress += PROGRESS_NANOS;
                    System.out.printf("soak: %4d s  %,d ops  %,d concurrent ops  %d blocks live  resident %s%n",
                        TimeUnit.NANOSECONDS.toSeconds(elapsed), ops + mix.extraOps(), side.ops(), MemoryChecks.liveCount(),
                        mebibytes(residentBytes()));
                }
                if (elapsed >= endNanos)
                {
                    break;
                }
            }
            side.stop();
            System.gc();
            rssEnd = residentBytes();
            ops += mix.extraOps();
            System.out.printf("soak: operations done: %,d single-threaded + %,d concurrent = %,d%n",
                ops, side.ops(), ops + side.ops());
            for (final Map.Entry<String, Long> entry : mix.counts().entrySet())
            {
                System.out.printf("soak:   %-14s %,d%n", entry.getKey(), entry.getValue());
            }
            System.out.printf("soak:   %-14s %,d%n", "ConcurrentPool", side.ops());
        }
        final List<TrackedBlock> after = new java.util.ArrayList<>(MemoryChecks.leaks());
        after.removeAll(before);
        final double growth = (double)(rssEnd - rssStart) / rssStart;
        System.out.printf("soak: leaks: %d%n", after.size());
        for (final TrackedBlock leak : after)
        {
            System.out.println("soak:   " + leak.describe());
        }
        System.out.printf("soak: resident memory: start %s (after warm-up), end %s: %+.2f%% (limit %.0f%%)%n",
            mebibytes(rssStart), mebibytes(rssEnd), growth * 100, MAX_GROWTH * 100);
        final boolean passed = after.isEmpty() && growth <= MAX_GROWTH;
        System.out.println("soak: " + (passed ? "PASSED" : "FAILED"));
        System.exit(passed ? 0 : 1);
    }

    /**
     * The process's resident set size.
     *
     * @return bytes, or 0 where {@code /proc} is not there.
     * @throws IOException if it cannot be read.
     */
    static long residentBytes() throws IOException
    {
        if (!Files.isReadable(STATUS))
        {
            return 0;
        }
        for (final String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII))
        {
            if (line.startsWith("VmRSS:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static String mebibytes(final long bytes)
    {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
