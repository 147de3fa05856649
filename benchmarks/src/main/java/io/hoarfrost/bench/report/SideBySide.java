package io.hoarfrost.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hoarfrost.bench.report.MarkdownTable.MISSING;

/**
 * The verdict of several saved runs side by side ({@code --side-by-side}, issue 15 item 1): one row
 * per claim and parameter set found in any run, and per run its Hoarfrost time, its baseline's time
 * and the ratio with met or missed. Each run is named by its JDK ("JDK 8", "JDK 17"), read from the
 * run's JSON, so the README's JDK columns come from the files as saved.
 *
 * <p>Stateless and thread-safe.
 */
final class SideBySide
{
    private static final Pattern JDK = Pattern.compile("^JDK (?:1\\.)?(\\d+)");

    private SideBySide()
    {
    }

    /**
     * The side-by-side table of the runs, in the order given.
     *
     * @param runs the runs, each judged by {@link Verdict#CLAIMS}.
     * @return the table: primitive, operation, baseline, target, then three columns per run.
     */
    static MarkdownTable table(final List<RecordedRun> runs)
    {
        final Map<String, Verdict.Row[]> rows = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++)
        {
            for (final Verdict.Row row : Verdict.of(runs.get(i).measurements).rows)
            {
                final String key = row.claim.primitive + '\u0000' + operation(row) + '\u0000' + row.claim.baselineLabel +
                    '\u0000' + row.claim.target();
                rows.computeIfAbsent(key, k -> new Verdict.Row[runs.size()])[i] = row;
            }
        }
        final List<String> headers = new ArrayList<>();
        final StringBuilder alignments = new StringBuilder("llll");
        headers.add("primitive");
        headers.add("operation");
        headers.add("baseline");
        headers.add("target");
        for (final RecordedRun run : runs)
        {
            final String jdk = jdk(run);
            headers.add(jdk + " Hoarfrost");
            headers.add(jdk + " baseline");
            headers.add(jdk + " ratio");
            alignments.append("rrl");
        }
        final MarkdownTable table = new MarkdownTable(alignments.toString(), headers.toArray(new String[0]));
        for (final Verdict.Row[] perRun : rows.values())
        {
            Verdict.Row any = null;
            for (final Verdict.Row row : perRun)
            {
                any = null == any ? row : any;
            }
            final List<String> cells = new ArrayList<>();
            cells.add(any.claim.primitive);
            cells.add(operation(any));
            cells.add(null == any.claim.baselineLabel ? MISSING : any.claim.baselineLabel);
            cells.add(any.claim.target());
            for (final Verdict.Row row : perRun)
            {
                final String[] own = null == row ? null : row.cells();
                cells.add(null == row ? MISSING : own[2]);
                cells.add(null == row || MISSING.equals(own[3]) ? MISSING :
                    own[3].substring(row.claim.baselineLabel.length() + 1));
                cells.add(null == row ? MISSING : (MISSING.equals(own[4]) ? "" : own[4] + ": ") + row.verdict());
            }
            table.addRow(cells.toArray(new String[0]));
        }
        return table;
    }

    /** The row's operation; the allocation claim's without its row count, which differs between runs. */
    private static String operation(final Verdict.Row row)
    {
        return Claim.Kind.NO_ALLOCATION == row.claim.kind ? row.claim.operation + ", every Hoarfrost row" : row.operation;
    }

    /** "JDK 8" for a run on 1.8.0_504, "JDK 17" for 17.0.15; the description itself if it names no JDK. */
    static String jdk(final RecordedRun run)
    {
        final Matcher matcher = JDK.matcher(run.description);
        return matcher.find() ? "JDK " + matcher.group(1) : run.description;
    }
}
