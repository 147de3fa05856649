package io.hoarfrost.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world GC pauses of a JVM, read from its GC log: how many, their total and the
 * longest, in milliseconds. Reads both formats the forks write ({@link #forkArguments}):
 * <ul>
 *   <li>JDK 9 and later, {@code -Xlog:gc}: one line per collection, the pauses named
 *       {@code Pause ...} and ending in their time, e.g.
 *       {@code [1.234s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 51M->3M(1024M) 2.345ms};
 *       concurrent phases ({@code Concurrent Mark Cycle 12.3ms}) and ZGC's summary lines are not
 *       pauses and do not count;</li>
 *   <li>JDK 8, {@code -XX:+PrintGCDetails}: one line per pause opening with {@code [GC} or
 *       {@code [Full GC}, whose outermost time is the last {@code , N secs]} before
 *       {@code [Times: ...]}, e.g.
 *       {@code 1.234: [GC (Allocation Failure) [PSYoungGen: 262144K->1234K(305664K)] ..., 0.0012345 secs]};
 *       G1's and CMS's concurrent phases ({@code [GC concurrent-mark-end, 0.012 secs]},
 *       {@code [CMS-concurrent-mark: ...]}) and detail lines without a time do not count, nor do
 *       {@code -XX:+PrintGCApplicationStoppedTime}'s lines, which include safepoints other than GC.</li>
 * </ul>
 *
 * <p>Immutable.
 */
final class GcPauses
{
    /** No pause, no log: what a fork without a GC log reports. */
    static final GcPauses NONE = new GcPauses(0, 0, 0, "", 0);

    private static final Pattern UNIFIED_PAUSE =
        Pattern.compile("\\bPause\\b.*?(\\d+(?:[.,]\\d+)?)\\s*ms\\s*$");
    private static final Pattern UNIFIED_COLLECTOR = Pattern.compile("\\]\\s*Using (.+?)\\s*$");
    private static final Pattern JDK8_EVENT = Pattern.compile("\\[(Full GC|GC)\\b([^\\[\\],]*)");
    private static final Pattern JDK8_SECONDS = Pattern.compile(",\\s*(\\d+(?:[.,]\\d+)?) secs\\]");
    private static final Pattern JDK8_COLLECTOR = Pattern.compile("\\[(PSYoungGen|ParNew|DefNew|GC pause \\(G1|CMS)");

    /** Pauses counted. */
    final int count;
    /** Their sum, ms. */
    final double totalMillis;
    /** The longest, ms; 0 if none. */
    final double longestMillis;
    /** The collector the log names ({@code G1}, {@code Parallel}, ...), or empty if it names none. */
    final String collector;
    /** How many log files were read: one per fork. */
    final int logs;

    GcPauses(final int count, final double totalMillis, final double longestMillis, final String collector, final int logs)
    {
        this.count = count;
        this.totalMillis = totalMillis;
        this.longestMillis = longestMillis;
        this.collector = collector;
        this.logs = logs;
    }

    /**
     * The JVM arguments that make a fork write its GC log to {@code file} (which may hold
     * {@code %p}, replaced by the fork's process id): {@code -Xlog:gc:file=...} on JDK 9 and later,
     * {@code -XX:+PrintGCDetails -XX:+PrintGCTimeStamps -Xloggc:...} on JDK 8.
     *
     * @param feature the fork JVM's Java feature version: 8, 11, 17...
     * @param file    the log file.
     * @return the arguments.
     */
    static List<String> forkArguments(final int feature, final String file)
    {
        return feature <= 8 ?
            Arrays.asList("-XX:+PrintGCDetails", "-XX:+PrintGCTimeStamps", "-Xloggc:" + file) :
            Collections.singletonList("-Xlog:gc:file=" + file);
    }

    /**
     * Reads the pauses of one or more GC logs (each fork's), summed.
     *
     * @param files the logs.
     * @return their pauses; {@code logs} is how many files there were.
     * @throws IOException if one cannot be read.
     */
    static GcPauses read(final List<Path> files) throws IOException
    {
        GcPauses sum = NONE;
        for (final Path file : files)
        {
            sum = sum.plus(parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1)));
        }
        return sum;
    }

    /**
     * The pauses in the lines of one GC log, of either format.
     *
     * @param lines the log.
     * @return its pauses, {@code logs} 1.
     */
    static GcPauses parse(final List<String> lines)
    {
        int count = 0;
        double total = 0;
        double longest = 0;
        String collector = "";
        for (final String line : lines)
        {
            final double millis = pauseMillis(line);
            if (millis >= 0)
            {
                count++;
                total += millis;
                longest = Math.max(longest, millis);
            }
            if (collector.isEmpty())
            {
                collector = collector(line);
            }
        }
        return new GcPauses(count, total, longest, collector, 1);
    }

    /**
     * The pause time a line reports, in ms, or -1 if it reports no stop-the-world pause.
     *
     * @param line one line of a GC log.
     * @return ms, or -1.
     */
    static double pauseMillis(final String line)
    {
        final Matcher unified = UNIFIED_PAUSE.matcher(line);
        if (line.startsWith("[") && unified.find())
        {
            return number(unified.group(1));
        }
        final Matcher event = JDK8_EVENT.matcher(line);
        if (!event.find() || event.group(2).toLowerCase(Locale.ROOT).contains("concurrent"))
        {
            return -1;
        }
        final int times = line.indexOf("[Times:");
        final Matcher seconds = JDK8_SECONDS.matcher(times < 0 ? line : line.substring(0, times));
        double last = -1;
        while (seconds.find())
        {
            last = number(seconds.group(1)) * 1000;
        }
        return last;
    }

    /** This and another fork's pauses together. */
    GcPauses plus(final GcPauses other)
    {
        return new GcPauses(count + other.count, totalMillis + other.totalMillis,
            Math.max(longestMillis, other.longestMillis), collector.isEmpty() ? other.collector : collector,
            logs + other.logs);
    }

    @Override
    public String toString()
    {
        return String.format(Locale.ROOT, "%d pauses, %.3f ms total, longest %.3f ms (%s, %d logs)",
            count, totalMillis, longestMillis, collector, logs);
    }

    private static String collector(final String line)
    {
        final Matcher unified = UNIFIED_COLLECTOR.matcher(line);
        if (line.startsWith("[") && unified.find())
        {
            return unified.group(1);
        }
        final Matcher jdk8 = JDK8_COLLECTOR.matcher(line);
        if (jdk8.find())
        {
            switch (jdk8.group(1))
            {
                case "PSYoungGen":
                    return "Parallel";
                case "ParNew":
                case "CMS":
                    return "CMS";
                case "DefNew":
                    return "Serial";
                default:
                    return "G1";
            }
        }
        return "";
    }

    private static double number(final String text)
    {
        return Double.parseDouble(text.replace(',', '.'));
    }
}
