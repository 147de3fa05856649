package io.hoarfrost.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses a JVM's GC log reports inside a window of JVM uptime: count, total and
 * longest, ms. Reads both formats the runs write ({@link #arguments}): JDK 9 and later
 * ({@code -Xlog:gc}, e.g. {@code [12.345s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 51M->3M(1024M) 2.345ms})
 * and JDK 8 ({@code -XX:+PrintGCDetails -XX:+PrintGCTimeStamps}, e.g.
 * {@code 12.345: [GC (Allocation Failure) [PSYoungGen: ...] ..., 0.0012345 secs] [Times: ...]}), as
 * the benchmarks' {@code GcPauses} does; concurrent phases are not pauses. Immutable.
 */
final class GcLog
{
    private static final Pattern UNIFIED =
        Pattern.compile("^\\[(\\d+[.,]\\d+)s\\].*\\bPause\\b.*?(\\d+(?:[.,]\\d+)?)\\s*ms\\s*$");
    private static final Pattern JDK8_STAMP = Pattern.compile("^(?:\\S+T\\S+: )?(\\d+[.,]\\d+): \\[(Full GC|GC)\\b([^\\[\\],]*)");
    private static final Pattern JDK8_SECONDS = Pattern.compile(",\\s*(\\d+(?:[.,]\\d+)?) secs\\]");

    final int count;
    final double totalMillis;
    final double longestMillis;

    private GcLog(final int count, final double totalMillis, final double longestMillis)
    {
        this.count = count;
        this.totalMillis = totalMillis;
        this.longestMillis = longestMillis;
    }

    /**
     * The JVM arguments that write a GC log this class reads.
     *
     * @param feature the JVM's Java feature version: 8, 11, 17...
     * @param file    the log.
     * @return the arguments.
     */
    static List<String> arguments(final int feature, final String file)
    {
        return feature <= 8 ?
            Arrays.asList("-XX:+PrintGCDetails", "-XX:+PrintGCTimeStamps", "-Xloggc:" + file) :
            Collections.singletonList("-Xlog:gc:file=" + file);
    }

    /**
     * The pauses of a log whose time stamp lies in {@code [fromMillis, toMillis]} of JVM uptime.
     *
     * @param file       the log.
     * @param fromMillis the window's start, ms of uptime.
     * @param toMillis   its end.
     * @return the pauses in it.
     * @throws IOException if the log cannot be read.
     */
    static GcLog read(final Path file, final long fromMillis, final long toMillis) throws IOException
    {
        return parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1), fromMillis, toMillis);
    }

    static GcLog parse(final List<String> lines, final long fromMillis, final long toMillis)
    {
        int count = 0;
        double total = 0;
        double longest = 0;
        for (final String line : lines)
        {
            final double[] pause = pause(line);
            if (null != pause && pause[0] >= fromMillis && pause[0] <= toMillis)
            {
                count++;
                total += pause[1];
                longest = Math.max(longest, pause[1]);
            }
        }
        return new GcLog(count, total, longest);
    }

    /** {uptime ms, pause ms} of a pause line, or null. */
    static double[] pause(final String line)
    {
        final Matcher unified = UNIFIED.matcher(line);
        if (unified.find())
        {
            return new double[]{number(unified.group(1)) * 1000, number(unified.group(2))};
        }
        final Matcher event = JDK8_STAMP.matcher(line);
        if (!event.find() || event.group(3).toLowerCase(java.util.Locale.ROOT).contains("concurrent"))
        {
            return null;
        }
        final int times = line.indexOf("[Times:");
        final Matcher seconds = JDK8_SECONDS.matcher(times < 0 ? line : line.substring(0, times));
        double last = -1;
        while (seconds.find())
        {
            last = number(seconds.group(1)) * 1000;
        }
        return last < 0 ? null : new double[]{number(event.group(1)) * 1000, last};
    }

    private static double number(final String text)
    {
        return Double.parseDouble(text.replace(',', '.'));
    }
}
