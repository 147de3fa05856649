package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static io.hoarfrost.bench.report.Claim.atMostNanos;
import static io.hoarfrost.bench.report.Claim.faster;
import static io.hoarfrost.bench.report.Claim.noAllocation;
import static io.hoarfrost.bench.report.Claim.within;
import static io.hoarfrost.bench.report.MarkdownTable.MISSING;

/**
 * The verdict of a run (issue 15, item 5): one row per {@link Claim} whose rows the run has, with
 * Hoarfrost's time, the baseline it is judged against, the ratio, the target and whether it was
 * met. A claim whose rows are missing (a run of a few classes) is left out. Met or missed is read
 * on the point estimates; "within noise" is added when the ratio's 99.9% interval, from both
 * confidence intervals, reaches both sides of the target. Printed on the console in at most
 * {@value #MAX_WIDTH} columns, ASCII only; the wide table of every row stays in the saved markdown.
 *
 * <p>Immutable once made.
 */
final class Verdict
{
    /** The widest console line the verdict may print. */
    static final int MAX_WIDTH = 120;

    /**
     * The claims, in the order printed: issue 15's targets for every JDK (each primitive within
     * 1.15x of its raw floor, {@code ConcurrentPool} 5x faster than malloc/free, atomic retain +
     * release within 1.1x of a raw {@code getAndAdd}, 0 B/op everywhere) and the other targets of
     * the README's "Is it fast?" and of the benchmark classes' Javadoc. A null parameter set gives a
     * row per parameter set in the run.
     */
    static final List<Claim> CLAIMS = Collections.unmodifiableList(Arrays.asList(
        within("Memory", "getLong", "MemoryBenchmark.getLong", null, "unsafe", "Unsafe", 1.1),
        within("Memory", "putLong", "MemoryBenchmark.putLong", null, "unsafe", "Unsafe", 1.1),
        within("SubWordAtomics", "getAndAddByte", "MemoryBenchmark.getAndAddByte", null, "casLoop", "CAS loop", 1.1),
        within("Flake", "copyOf + close", "FlakeBenchmark.copyClose", "size=64", "unsafe", "malloc+copy+free", 1.15),
        within("Rime", "retain + release", "RimeBenchmark.retainRelease", null, "unsafe", "getAndAdd", 1.1),
        within("Rime", "retain + release", "RimeSubWordBenchmark.retainRelease", null, "casLoop", "CAS on word", 1.3),
        atMostNanos("Rime", "retain + release", "RimePlainBenchmark.retainRelease", null, "unsafe", "raw", 2),
        within("LabeledArray", "getLong(i)", "ArrayBenchmark.getLong", null, "unsafeBuffer", "UnsafeBuffer", 1.1),
        within("LabeledArray", "putLong(i, v)", "ArrayBenchmark.putLong", null, "unsafeBuffer", "UnsafeBuffer", 1.1),
        within("LabeledArray", "200 reads", "ArrayBenchmark.sumLongs", null, "unsafeBuffer", "UnsafeBuffer", 1.1),
        within("LabeledArray", "200 writes", "ArrayBenchmark.putLongs", null, "unsafeBuffer", "UnsafeBuffer", 1.1),
        within("Pool", "allocate + free", "PoolBenchmark.allocateFree", null, "freeList", "free list", 1.15),
        faster("Pool", "allocate + free", "PoolBenchmark.allocateFree", null, "unsafe", "malloc/free", 15),
        faster("Pool", "allocate + free", "PoolBenchmark.allocateFree", null, "netty", "Netty", 30),
        faster("ConcurrentPool", "1-thread alloc + free", "ConcurrentPoolBenchmark.allocateFree1t", null, "unsafe",
            "malloc/free", 5),
        within("BumpArena", "allocate(64, 8)", "ArenaBenchmark.allocate", "size=64", "bump", "raw bump", 1.15),
        faster("BumpArena", "allocate(64, 8)", "ArenaBenchmark.allocate", "size=64", "unsafe", "malloc/free", 20),
        faster("BumpArena", "allocate(64, 8)", "ArenaBenchmark.allocate", "size=64", "heap", "new byte[64]", 1),
        within("TypedArena", "allocate a 32 B record", "ArenaBenchmark.allocateRecord", null, "bump", "raw slots", 1.15),
        atMostNanos("MappedArena", "append 64 B, committed", "ArenaBenchmark.append", null, null, null, 200),
        within("SnapshotCell", "acquire + read + release", "SnapshotCellBenchmark.read1t", null, "retainRelease",
            "retain + release", 2),
        noAllocation("all", "heap B/op")));

    /** What the columns and verdicts mean, printed under the table. */
    static final String LEGEND = String.join(System.lineSeparator(),
        "Times in ns/op (the heap row: most B/op of any Hoarfrost row). ratio: Hoarfrost / baseline, same run;",
        "Nx: baseline / Hoarfrost, how many times faster.",
        "met/missed: the point estimates against the target; within noise: the 99.9% confidence intervals",
        "reach both sides of the target, so another run may say the opposite.");

    private static final int MAX_LISTED = 5;

    final List<Row> rows;
    final List<String> allocating; // Hoarfrost rows that allocate: "Class.method {params}: 24 B/op"

    private Verdict(final List<Row> rows, final List<String> allocating)
    {
        this.rows = Collections.unmodifiableList(rows);
        this.allocating = Collections.unmodifiableList(allocating);
    }

    /** The verdict of {@link #CLAIMS} on a run's measurements. */
    static Verdict of(final List<Measurement> measurements)
    {
        return of(CLAIMS, measurements);
    }

    /** The verdict of some claims on a run's measurements: a row per claim and parameter set found. */
    static Verdict of(final List<Claim> claims, final List<Measurement> measurements)
    {
        final List<Row> rows = new ArrayList<>();
        final List<String> allocating = new ArrayList<>();
        for (final Claim claim : claims)
        {
            if (Claim.Kind.NO_ALLOCATION == claim.kind)
            {
                final Row row = allocation(claim, measurements, allocating);
                if (null != row)
                {
                    rows.add(row);
                }
                continue;
            }
            for (final Measurement ours : measurements)
            {
                if (ours.isHoarfrost() && claim.covers(ours))
                {
                    final Measurement baseline = baseline(claim, ours, measurements);
                    if (null != baseline || Claim.Kind.AT_MOST_NANOS == claim.kind)
                    {
                        rows.add(new Row(claim, ours, baseline));
                    }
                }
            }
        }
        return new Verdict(rows, allocating);
    }

    /** Whether no claim had its rows in the run. */
    boolean isEmpty()
    {
        return rows.isEmpty();
    }

    /** The table: primitive, operation, Hoarfrost, baseline, ratio, target, verdict. */
    MarkdownTable table()
    {
        final MarkdownTable table = new MarkdownTable("llrlrll",
            "primitive", "operation", "Hoarfrost", "baseline", "ratio", "target", "verdict");
        for (final Row row : rows)
        {
            table.addRow(row.cells());
        }
        return table;
    }

    /** The plain table for a terminal, then the lines that explain it; each line ends with a newline. */
    String console()
    {
        return table().renderPlain() + System.lineSeparator() + notes();
    }

    /** The markdown table, then the lines that explain it; each line ends with a newline. */
    String markdown()
    {
        return table().render() + System.lineSeparator() + notes();
    }

    private String notes()
    {
        final StringBuilder text = new StringBuilder(LEGEND).append(System.lineSeparator());
        for (int i = 0; i < allocating.size() && i < MAX_LISTED; i++)
        {
            text.append("allocates: ").append(allocating.get(i)).append(System.lineSeparator());
        }
        if (allocating.size() > MAX_LISTED)
        {
            text.append("and ").append(allocating.size() - MAX_LISTED).append(" more Hoarfrost rows that allocate ")
                .append("(the wide table's B/op column)").append(System.lineSeparator());
        }
        return text.toString();
    }

    private static Measurement baseline(final Claim claim, final Measurement ours, final List<Measurement> measurements)
    {
        if (null == claim.baseline)
        {
            return null;
        }
        for (final Measurement m : measurements)
        {
            if (claim.baseline.equals(m.impl) && m.benchmarkClass.equals(ours.benchmarkClass) &&
                m.operation.equals(ours.operation) && m.params.equals(ours.params))
            {
                return m;
            }
        }
        return null;
    }

    private static Row allocation(final Claim claim, final List<Measurement> measurements, final List<String> allocating)
    {
        int count = 0;
        double worst = 0;
        for (final Measurement m : measurements)
        {
            if (m.isHoarfrost() && !Double.isNaN(m.bytesPerOp))
            {
                count++;
                worst = Math.max(worst, m.bytesPerOp);
                if (!allocatesNothing(m.bytesPerOp))
                {
                    allocating.add(m.benchmarkClass + '.' + m.method + (m.params.isEmpty() ? "" : " {" + m.params + '}') +
                        ": " + MarkdownTable.bytes(m.bytesPerOp) + " B/op");
                }
            }
        }
        return 0 == count ? null : new Row(claim, count, worst);
    }

    /**
     * Whether heap bytes per operation are below one byte: no allocation on the measured path can
     * be smaller than an object header, so what is left is JMH's own residue, which grows with the
     * operation's length (0.1 B/op for a 2 us operation on JDK 8).
     */
    static boolean allocatesNothing(final double bytesPerOp)
    {
        return bytesPerOp < 1;
    }

    /** Whether an interval of a value reaches both sides of the largest value that meets the target. */
    static boolean straddles(final double low, final double high, final double maxValue)
    {
        return low < high && low <= maxValue && maxValue <= high;
    }

    /** One claim judged on one parameter set. */
    static final class Row
    {
        final Claim claim;
        final String operation; // the claim's, with the parameters when the claim covers several sets
        final String hoarfrost; // Hoarfrost's cell: ns/op, or B/op for the allocation claim
        final String baseline; // the baseline's cell
        final double ratio; // Hoarfrost / baseline time; NaN without a baseline
        final double value; // what the target bounds: the ratio, or ns/op, or the most B/op
        final boolean met; // on the point estimate
        final boolean withinNoise; // the value's 99.9% interval reaches both sides of the target

        Row(final Claim claim, final Measurement ours, final Measurement base)
        {
            this.claim = claim;
            this.operation = null != claim.params || ours.params.isEmpty() ?
                claim.operation : claim.operation + ", " + shortParams(ours.params);
            this.hoarfrost = MarkdownTable.measured(ours.nanos, Double.NaN);
            this.baseline = null == base ? MISSING : claim.baselineLabel + " " + MarkdownTable.measured(base.nanos, Double.NaN);
            this.ratio = null == base ? Double.NaN : ours.nanos / base.nanos;
            final double ourError = errorOrZero(ours);
            final double low;
            final double high;
            if (Claim.Kind.AT_MOST_NANOS == claim.kind)
            {
                value = ours.nanos;
                low = ours.nanos - ourError;
                high = ours.nanos + ourError;
            }
            else
            {
                final double baseError = errorOrZero(base);
                value = ratio;
                low = (ours.nanos - ourError) / (base.nanos + baseError);
                high = base.nanos > baseError ? (ours.nanos + ourError) / (base.nanos - baseError) : Double.POSITIVE_INFINITY;
            }
            this.met = value <= claim.maxValue();
            this.withinNoise = straddles(low, high, claim.maxValue());
        }

        Row(final Claim claim, final int count, final double worst)
        {
            this.claim = claim;
            this.operation = claim.operation + ", " + count + (count == 1 ? " row" : " rows");
            this.hoarfrost = MarkdownTable.bytes(worst);
            this.baseline = MISSING;
            this.ratio = Double.NaN;
            this.value = worst;
            this.met = allocatesNothing(worst);
            this.withinNoise = false;
        }

        /** {@code "met"} or {@code "missed"}, with {@code ", within noise"} when the intervals straddle the target. */
        String verdict()
        {
            return (met ? "met" : "missed") + (withinNoise ? ", within noise" : "");
        }

        String[] cells()
        {
            final String ratioCell;
            if (Claim.Kind.FASTER == claim.kind)
            {
                final double speedUp = 1 / ratio;
                ratioCell = Double.isNaN(speedUp) || Double.isInfinite(speedUp) ? MISSING :
                    String.format(Locale.ROOT, speedUp < 10 ? "%.2fx" : speedUp < 100 ? "%.1fx" : "%.0fx", speedUp);
            }
            else
            {
                ratioCell = MarkdownTable.ratio(ratio);
            }
            return new String[]{claim.primitive, operation, hoarfrost, baseline, ratioCell, claim.target(), verdict()};
        }

        private static double errorOrZero(final Measurement m)
        {
            return Double.isNaN(m.nanosError) ? 0 : Math.abs(m.nanosError);
        }

        /** The parameters as a row names them: {@code "size=1024"} is {@code "1 KiB"}, others their value. */
        private static String shortParams(final String params)
        {
            final StringBuilder text = new StringBuilder();
            for (final String pair : params.split(", "))
            {
                final int equals = pair.indexOf('=');
                final String name = pair.substring(0, equals);
                final String value = pair.substring(equals + 1);
                final String label = "size".equals(name) && value.matches("[0-9]{1,18}") ?
                    ScalingSeries.bytesLabel(Long.parseLong(value)) : value;
                text.append(text.length() == 0 ? "" : ", ").append(label);
            }
            return text.toString();
        }
    }
}
