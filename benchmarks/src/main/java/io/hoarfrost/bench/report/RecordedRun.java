package io.hoarfrost.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A JMH run read back from its JSON result file: the AverageTime measurements in nanoseconds, and
 * one line naming the JDK and settings they were taken with. A fresh run, {@code --table} and
 * {@code --compare} all read the file, so there is one path for all three.
 *
 * <p>Immutable.
 */
final class RecordedRun
{
    /** JMH's secondary result for heap bytes allocated per operation ({@code -prof gc}). */
    static final String ALLOC_NORM = "gc.alloc.rate.norm";

    final Path file;
    final List<Measurement> measurements; // in the file's order: JMH sorts by benchmark, then params
    /** JDK and settings of the first result: {@code "JDK 17.0.15, OpenJDK 64-Bit Server VM; 1 fork, ..."}. */
    final String description;
    final int skipped; // results left out because their mode was not AverageTime

    private RecordedRun(final Path file, final List<Measurement> measurements, final String description, final int skipped)
    {
        this.file = file;
        this.measurements = Collections.unmodifiableList(measurements);
        this.description = description;
        this.skipped = skipped;
    }

    /**
     * Reads a file JMH wrote with {@code -rf json}.
     *
     * @throws IllegalArgumentException naming the file if it is not JMH's JSON.
     */
    static RecordedRun read(final Path file) throws IOException
    {
        final List<Measurement> measurements = new ArrayList<>();
        int skipped = 0;
        String description = "no benchmarks";
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            for (final JsonElement element : JsonParser.parseReader(reader).getAsJsonArray())
            {
                final JsonObject result = element.getAsJsonObject();
                if (!"avgt".equals(result.get("mode").getAsString()))
                {
                    skipped++;
                    continue;
                }
                final JsonObject primary = result.getAsJsonObject("primaryMetric");
                final double toNanos = nanosPerUnit(primary.get("scoreUnit").getAsString(), file);
                final JsonObject secondary = result.getAsJsonObject("secondaryMetrics");
                final JsonElement threads = result.get("threads");
                measurements.add(new Measurement(
                    result.get("benchmark").getAsString(),
                    params(result.getAsJsonObject("params")),
                    null == threads ? 1 : Math.max(1, threads.getAsInt()),
                    number(primary.get("score")) * toNanos,
                    number(primary.get("scoreError")) * toNanos,
                    null == secondary || !secondary.has(ALLOC_NORM) ?
                        Double.NaN : number(secondary.getAsJsonObject(ALLOC_NORM).get("score"))));
                if (measurements.size() == 1)
                {
                    final int forks = result.has("forks") ? result.get("forks").getAsInt() : 0;
                    description = "JDK " + text(result, "jdkVersion") + ", " + text(result, "vmName") + "; " + forks +
                        (forks == 1 ? " fork, " : " forks, ") + text(result, "warmupIterations") + " x " +
                        text(result, "warmupTime") + " warmup, " + text(result, "measurementIterations") + " x " +
                        text(result, "measurementTime") + " measured";
                }
            }
        }
        catch (final JsonSyntaxException | IllegalStateException | NullPointerException | ClassCastException ex)
        {
            throw new IllegalArgumentException(file + " is not a JMH JSON result (" + ex + ")", ex);
        }
        return new RecordedRun(file, measurements, description, skipped);
    }

    private static String params(final JsonObject params)
    {
        final StringBuilder text = new StringBuilder();
        if (null != params)
        {
            for (final Map.Entry<String, JsonElement> param : params.entrySet())
            {
                text.append(text.length() == 0 ? "" : ", ").append(param.getKey()).append('=')
                    .append(param.getValue().getAsString());
            }
        }
        return text.toString();
    }

    private static double nanosPerUnit(final String unit, final Path file)
    {
        final int power = Arrays.asList("ns/op", "us/op", "ms/op", "s/op").indexOf(unit);
        if (power < 0)
        {
            throw new IllegalArgumentException(file + ": unexpected AverageTime unit '" + unit + "'");
        }
        return Math.pow(1000, power);
    }

    private static double number(final JsonElement value)
    {
        if (!(value instanceof JsonPrimitive))
        {
            return Double.NaN;
        }
        try
        {
            return value.getAsDouble(); // JMH writes NaN as the string "NaN"
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    private static String text(final JsonObject object, final String name)
    {
        final JsonElement value = object.get(name);
        return null == value || value.isJsonNull() ? "?" : value.getAsString();
    }
}
