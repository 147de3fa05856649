package io.hoarfrost.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A JMH run read back from its JSON result file: the AverageTime measurements in nanoseconds, and
 * a one-line description of the JVM and settings they were taken with.
 *
 * <p>Reading the file rather than JMH's in-memory results keeps one path for a fresh run, for
 * re-printing an old run's table and for comparing two runs. Immutable.
 */
public final class RecordedRun
{
    /** JMH's secondary result for heap bytes allocated per operation ({@code -prof gc}). */
    public static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private static final String AVERAGE_TIME = "avgt";

    private final Path file;
    private final List<Measurement> measurements;
    private final String description;
    private final int skipped;

    private RecordedRun(final Path file, final List<Measurement> measurements, final String description, final int skipped)
    {
        this.file = file;
        this.measurements = measurements;
        this.description = description;
        this.skipped = skipped;
    }

    /**
     * Reads a JMH JSON result file.
     *
     * @param file a file JMH wrote with {@code -rf json}.
     * @return the run; the caller owns it.
     * @throws IOException              if the file cannot be read.
     * @throws IllegalArgumentException naming the file if it is not JMH's JSON.
     */
    public static RecordedRun read(final Path file) throws IOException
    {
        final JsonElement root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            root = JsonParser.parseReader(reader);
        }
        catch (final JsonParseException ex)
        {
            throw new IllegalArgumentException(file + " is not JSON: " + ex.getMessage(), ex);
        }
        if (!root.isJsonArray())
        {
            throw new IllegalArgumentException(file + " is not a JMH JSON result: expected an array of benchmarks");
        }
        final JsonArray results = root.getAsJsonArray();
        final List<Measurement> measurements = new ArrayList<>(results.size());
        int skipped = 0;
        String description = "no benchmarks";
        for (final JsonElement element : results)
        {
            if (!element.isJsonObject())
            {
                throw new IllegalArgumentException(file + " is not a JMH JSON result: expected benchmark objects");
            }
            final JsonObject result = element.getAsJsonObject();
            if (!AVERAGE_TIME.equals(string(result, "mode", file)))
            {
                skipped++;
                continue;
            }
            final JsonObject primary = object(result, "primaryMetric", file);
            final double toNanos = nanosPerUnit(string(primary, "scoreUnit", file), file);
            measurements.add(Measurement.of(
                string(result, "benchmark", file),
                params(result),
                threads(result),
                number(primary, "score") * toNanos,
                number(primary, "scoreError") * toNanos,
                allocatedBytes(result)));
            if (measurements.size() == 1)
            {
                description = describe(result);
            }
        }
        return new RecordedRun(file, Collections.unmodifiableList(measurements), description, skipped);
    }

    /**
     * The file the run was read from.
     *
     * @return the path.
     */
    public Path file()
    {
        return file;
    }

    /**
     * The AverageTime measurements, in the file's order (JMH sorts by benchmark, then params).
     *
     * @return an unmodifiable list.
     */
    public List<Measurement> measurements()
    {
        return measurements;
    }

    /**
     * JVM and settings of the first benchmark, e.g.
     * {@code "JDK 17.0.15, OpenJDK 64-Bit Server VM; 1 fork, 2 x 300 ms warmup, 3 x 300 ms"}.
     *
     * @return one line.
     */
    public String description()
    {
        return description;
    }

    /**
     * How many results were left out because their mode was not AverageTime.
     *
     * @return the count.
     */
    public int skipped()
    {
        return skipped;
    }

    private static String describe(final JsonObject result)
    {
        final int forks = result.has("forks") ? result.get("forks").getAsInt() : 0;
        return "JDK " + optional(result, "jdkVersion") + ", " + optional(result, "vmName") + "; " +
            forks + (forks == 1 ? " fork, " : " forks, ") +
            optional(result, "warmupIterations") + " x " + optional(result, "warmupTime") + " warmup, " +
            optional(result, "measurementIterations") + " x " + optional(result, "measurementTime") + " measured";
    }

    private static String params(final JsonObject result)
    {
        if (!result.has("params") || !result.get("params").isJsonObject())
        {
            return "";
        }
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, JsonElement> param : result.getAsJsonObject("params").entrySet())
        {
            if (text.length() > 0)
            {
                text.append(", ");
            }
            text.append(param.getKey()).append('=').append(param.getValue().getAsString());
        }
        return text.toString();
    }

    private static int threads(final JsonObject result)
    {
        final JsonElement value = result.get("threads");
        return null == value || !value.isJsonPrimitive() ? 1 : Math.max(1, value.getAsInt());
    }

    private static double allocatedBytes(final JsonObject result)
    {
        if (!result.has("secondaryMetrics"))
        {
            return Double.NaN;
        }
        final JsonObject secondary = result.getAsJsonObject("secondaryMetrics");
        if (!secondary.has(ALLOC_NORM))
        {
            return Double.NaN;
        }
        return number(secondary.getAsJsonObject(ALLOC_NORM), "score");
    }

    private static double nanosPerUnit(final String unit, final Path file)
    {
        switch (unit)
        {
            case "ns/op":
                return 1;
            case "us/op":
                return 1e3;
            case "ms/op":
                return 1e6;
            case "s/op":
                return 1e9;
            default:
                throw new IllegalArgumentException(file + ": unexpected AverageTime unit '" + unit + "'");
        }
    }

    private static double number(final JsonObject object, final String name)
    {
        final JsonElement value = object.get(name);
        if (value == null || !value.isJsonPrimitive())
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

    private static String optional(final JsonObject object, final String name)
    {
        final JsonElement value = object.get(name);
        return value == null || value.isJsonNull() ? "?" : value.getAsString();
    }

    private static String string(final JsonObject object, final String name, final Path file)
    {
        final JsonElement value = object.get(name);
        if (value == null || !value.isJsonPrimitive())
        {
            throw new IllegalArgumentException(file + " is not a JMH JSON result: no '" + name + "' field");
        }
        return value.getAsString();
    }

    private static JsonObject object(final JsonObject object, final String name, final Path file)
    {
        final JsonElement value = object.get(name);
        if (value == null || !value.isJsonObject())
        {
            throw new IllegalArgumentException(file + " is not a JMH JSON result: no '" + name + "' object");
        }
        return value.getAsJsonObject();
    }
}
