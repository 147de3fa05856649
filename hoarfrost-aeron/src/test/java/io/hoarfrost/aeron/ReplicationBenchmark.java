package io.hoarfrost.aeron;

import io.hoarfrost.journal.Journal;
import io.hoarfrost.journal.JournalOptions;
import io.hoarfrost.journal.JournalReader;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Replication over UDP on loopback, a leader and a replica in one JVM, each with its own media
 * driver: throughput (records/s and MB/s of record bytes, leader append to the replica holding all)
 * and latency (leader append to a reader of the replica's journal seeing the record, HdrHistogram)
 * for 64- and 256-byte records. {@code bash hoarfrost-aeron/run-bench [OUT_BASE]}.
 *
 * <p>Throughput: the writer appends {@code count} records as fast as it can while the publisher and
 * the replica follow live. Latency: the writer appends at a fixed rate, each record starting with
 * {@code System.nanoTime()}; a thread following the replica's journal with a {@link JournalReader}
 * records {@code now - stamp}.
 */
public final class ReplicationBenchmark
{
    private ReplicationBenchmark()
    {
    }

    /** One measured run. */
    static final class Result
    {
        String kind;
        int size;
        long records;
        double seconds;
        double rate;
        Histogram histogram;
    }

    public static void main(final String[] args) throws Exception
    {
        final String out = args.length > 0 ? args[0] : null;
        System.setProperty("hoarfrost.aeron.idle", System.getProperty("hoarfrost.aeron.idle", "backoff"));
        final String loadBefore = loadAverage();
        final long throughputCount = Long.getLong("bench.throughput.count", 1_000_000L);
        final int latencyRate = Integer.getInteger("bench.latency.rate", 20_000);
        final int latencySeconds = Integer.getInteger("bench.latency.seconds", 10);
        final int warmupSeconds = Integer.getInteger("bench.warmup.seconds", 3);
        final List<Result> results = new ArrayList<>();
        for (final int size : new int[]{ 64, 256 })
        {
            results.add(throughput(size, throughputCount));
            results.add(latency(size, latencyRate, warmupSeconds, latencySeconds));
        }
        LOAD.append("load average before ").append(loadBefore).append(", after ").append(loadAverage());
        final String markdown = markdown(results, throughputCount, latencyRate, latencySeconds);
        System.out.println(markdown);
        if (null != out)
        {
            Files.write(Paths.get(out + ".md"), markdown.getBytes(StandardCharsets.UTF_8));
            Files.write(Paths.get(out + ".json"), json(results, throughputCount, latencyRate, latencySeconds)
                .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Result throughput(final int size, final long count) throws Exception
    {
        final Path root = Files.createTempDirectory("hoarfrost-aeron-bench");
        final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        try (Nodes.Leader leader = new Nodes.Leader(root, 16 << 20);
            Nodes.ReplicaHost host = new Nodes.ReplicaHost(0);
            Journal journal = Journal.create(leader.journalDir, JournalOptions.defaults()))
        {
            leader.startPublishing();
            final JournalReplica replica = host.start(leader, root.resolve("replica-journal"), Nodes.freePort());
            // the replica joins live before the clock starts
            journal.append(record, 0, size);
            Nodes.await("the replica to go live", 30_000, () -> replica.isLive() && replica.lastSequence() == 0);
            final long start = System.nanoTime();
            for (long i = 0; i < count; i++)
            {
                record.putLong(0, i);
                journal.append(record, 0, size);
            }
            final long appended = System.nanoTime();
            final long last = journal.lastSequence();
            Nodes.await("the replica to hold every record", 120_000, () -> replica.lastSequence() == last);
            final long end = System.nanoTime();
            host.stop();
            leader.stopPublishing();
            final Result result = new Result();
            result.kind = "throughput";
            result.size = size;
            result.records = count;
            result.seconds = (end - start) / 1e9;
            result.rate = count / result.seconds;
            System.out.printf(Locale.ROOT, "throughput %d B: %,d records in %.3f s (appended in %.3f s): %,.0f records/s, " +
                "%.1f MB/s%n", size, count, result.seconds, (appended - start) / 1e9, result.rate, result.rate * size / 1e6);
            return result;
        }
        finally
        {
            Nodes.deleteRecursively(root);
        }
    }

    private static Result latency(final int size, final int rate, final int warmupSeconds, final int seconds)
        throws Exception
    {
        final Path root = Files.createTempDirectory("hoarfrost-aeron-bench");
        final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        final Path replicaDir = root.resolve("replica-journal");
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicBoolean running = new AtomicBoolean(true);
        try (Nodes.Leader leader = new Nodes.Leader(root, 16 << 20);
            Nodes.ReplicaHost host = new Nodes.ReplicaHost(0);
            Journal journal = Journal.create(leader.journalDir, JournalOptions.defaults()))
        {
            leader.startPublishing();
            final JournalReplica replica = host.start(leader, replicaDir, Nodes.freePort());
            journal.append(record, 0, size);
            Nodes.await("the replica to go live", 30_000, () -> replica.isLive() && replica.lastSequence() == 0);
            final long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
            final long measureFrom = warmupEnd;
            final Thread observer = new Thread(() ->
            {
                try (JournalReader reader = JournalReader.open(replicaDir))
                {
                    while (running.get())
                    {
                        if (reader.next())
                        {
                            final long stamp = reader.buffer().getLong(0);
                            final long latency = System.nanoTime() - stamp;
                            if (stamp >= measureFrom)
                            {
                                histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                            }
                        }
                        else
                        {
                            Thread.yield();
                        }
                    }
                }
            }, "replica-observer");
            observer.start();
            final long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            final long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            long sent = 0;
            while (true)
            {
                long now = System.nanoTime();
                if (now >= end)
                {
                    break;
                }
                if (!measuring.get() && now >= warmupEnd)
                {
                    measuring.set(true);
                }
                while (now < next)
                {
                    if (next - now > 50_000)
                    {
                        LockSupport.parkNanos(20_000);
                    }
                    now = System.nanoTime();
                }
                next += interval;
                record.putLong(0, System.nanoTime());
                journal.append(record, 0, size);
                if (measuring.get())
                {
                    sent++;
                }
            }
            final long last = journal.lastSequence();
            Nodes.await("the replica to hold every record", 60_000, () -> replica.lastSequence() == last);
            Thread.sleep(100);
            running.set(false);
            observer.join(10_000);
            host.stop();
            leader.stopPublishing();
            final Result result = new Result();
            result.kind = "latency";
            result.size = size;
            result.records = histogram.getTotalCount();
            result.seconds = seconds;
            result.rate = rate;
            result.histogram = histogram;
            System.out.printf(Locale.ROOT, "latency %d B at %,d/s: %,d sent, %,d measured; p50 %.1f us, p99 %.1f us, " +
                "p99.99 %.1f us, max %.1f us%n", size, rate, sent, histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                histogram.getValueAtPercentile(99.99) / 1e3, histogram.getMaxValue() / 1e3);
            return result;
        }
        finally
        {
            running.set(false);
            Nodes.deleteRecursively(root);
        }
    }

    private static final double[] PERCENTILES = { 50, 90, 99, 99.9, 99.99 };

    private static final StringBuilder LOAD = new StringBuilder();

    private static String loadAverage()
    {
        try
        {
            final String[] fields = new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII)
                .trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (final Exception ex)
        {
            return "unknown";
        }
    }

    private static String environment()
    {
        return "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), " +
            Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " " +
            System.getProperty("os.arch") + ", " + LOAD;
    }

    private static String markdown(final List<Result> results, final long count, final int rate, final int seconds)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("# Replication over Aeron: throughput and latency\n\n");
        sb.append("`bash hoarfrost-aeron/run-bench` (`io.hoarfrost.aeron.ReplicationBenchmark`), ").append(environment())
            .append(". Aeron 1.45.2, UDP on 127.0.0.1: a leader (media driver and archive, SHARED threading, the ")
            .append("archive recording the stream) and a replica (its own media driver) in one JVM; term length 16 MiB, ")
            .append("MTU 1408; idle strategy ").append(System.getProperty("hoarfrost.aeron.idle"))
            .append(" for the drivers, the archive and both agents. Record bytes only in MB/s (10^6 bytes).\n\n");
        sb.append("## Throughput\n\n").append(count).append(" records appended as fast as the writer can, the replica ")
            .append("following live; timed from the first append to the replica holding the last record.\n\n");
        sb.append("| record | records/s | MB/s | seconds |\n|---:|---:|---:|---:|\n");
        for (final Result r : results)
        {
            if ("throughput".equals(r.kind))
            {
                sb.append(String.format(Locale.ROOT, "| %d B | %,.0f | %.1f | %.3f |%n", r.size, r.rate, r.rate * r.size / 1e6,
                    r.seconds));
            }
        }
        sb.append("\n## Latency: leader append to replica-visible\n\n").append(rate).append(" records/s for ")
            .append(seconds).append(" s after a warm-up; each record carries `System.nanoTime()` from just before ")
            .append("`Journal.append` on the leader, read by a `JournalReader` following the replica's journal. ")
            .append("Microseconds.\n\n");
        sb.append("| record | measured | p50 | p90 | p99 | p99.9 | p99.99 | max |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final Result r : results)
        {
            if ("latency".equals(r.kind))
            {
                sb.append(String.format(Locale.ROOT, "| %d B | %,d |", r.size, r.records));
                for (final double p : PERCENTILES)
                {
                    sb.append(String.format(Locale.ROOT, " %.1f |", r.histogram.getValueAtPercentile(p) / 1e3));
                }
                sb.append(String.format(Locale.ROOT, " %.1f |%n", r.histogram.getMaxValue() / 1e3));
            }
        }
        return sb.toString();
    }

    private static String json(final List<Result> results, final long count, final int rate, final int seconds)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"benchmark\": \"io.hoarfrost.aeron.ReplicationBenchmark\",\n");
        sb.append("  \"environment\": \"").append(environment()).append("\",\n");
        sb.append("  \"aeron\": \"1.45.2\",\n  \"transport\": \"udp 127.0.0.1, term length 16 MiB, mtu 1408\",\n");
        sb.append("  \"throughputRecords\": ").append(count).append(",\n  \"latencyRate\": ").append(rate)
            .append(",\n  \"latencySeconds\": ").append(seconds).append(",\n  \"results\": [\n");
        for (int i = 0; i < results.size(); i++)
        {
            final Result r = results.get(i);
            sb.append("    {\"kind\": \"").append(r.kind).append("\", \"recordBytes\": ").append(r.size);
            if ("throughput".equals(r.kind))
            {
                sb.append(String.format(Locale.ROOT, ", \"records\": %d, \"seconds\": %.4f, \"recordsPerSecond\": %.0f, " +
                    "\"megabytesPerSecond\": %.2f}", r.records, r.seconds, r.rate, r.rate * r.size / 1e6));
            }
            else
            {
                sb.append(", \"measured\": ").append(r.records).append(", \"unit\": \"ns\"");
                for (final double p : PERCENTILES)
                {
                    sb.append(", \"p").append(String.valueOf(p).replace(".0", "")).append("\": ")
                        .append(r.histogram.getValueAtPercentile(p));
                }
                sb.append(", \"max\": ").append(r.histogram.getMaxValue()).append(", \"mean\": ")
                    .append(String.format(Locale.ROOT, "%.0f", r.histogram.getMean())).append('}');
            }
            sb.append(i + 1 < results.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        return sb.toString();
    }
}
