package io.hoarfrost.bench.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The footprint scaling's result file, {@code <timestamp>-footprint.json}: the JVM it ran on and one
 * {@link FootprintPoint} per representation and string count; missing values (NaN) are {@code null}.
 * The forked footprint JVM writes it, the runner reads it back for the tables and charts.
 *
 * <pre>
 * {"jvm": "JDK 17.0.15, OpenJDK 64-Bit Server VM, -Xmx4g",
 *  "points": [{"impl": "hoarfrost", "count": 10000, "bytesPerString": 24.0,
 *              "objectsPerString": 0.0001, "heapAllocatedPerString": 0.0}, ...]}
 * </pre>
 *
 * <p>Immutable.
 */
public final class RecordedFootprint
{
    /** The JVM the footprint was measured on, with its heap settings, in one line. */
    public final String jvm;
    /** The points, in the file's order. */
    public final List<FootprintPoint> points;

    private RecordedFootprint(final String jvm, final List<FootprintPoint> points)
    {
        this.jvm = jvm;
        this.points = Collections.unmodifiableList(points);
    }

    /**
     * Writes a result file.
     *
     * @param file   where; replaced if it exists.
     * @param jvm    one line naming the JVM and its heap settings.
     * @param points the points, in the order tables should list them.
     * @throws IOException if the file cannot be written.
     */
    public static void write(final Path file, final String jvm, final List<FootprintPoint> points) throws IOException
    {
        final JsonArray array = new JsonArray();
        for (final FootprintPoint point : points)
        {
            final JsonObject object = new JsonObject();
            object.addProperty("impl", point.impl);
            object.addProperty("count", point.count);
            object.add("bytesPerString", number(point.bytesPerString));
            object.add("objectsPerString", number(point.objectsPerString));
            object.add("heapAllocatedPerString", number(point.heapAllocatedPerString));
            array.add(object);
        }
        final JsonObject root = new JsonObject();
        root.addProperty("jvm", jvm);
        root.add("points", array);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root, writer);
        }
    }

    /**
     * Reads a result file.
     *
     * @param file a file {@link #write} wrote.
     * @return its content.
     * @throws IOException              if the file cannot be read.
     * @throws IllegalArgumentException naming the file if it is not a footprint result.
     */
    public static RecordedFootprint read(final Path file) throws IOException
    {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            final JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
            final List<FootprintPoint> points = new ArrayList<>();
            for (final JsonElement element : root.getAsJsonArray("points"))
            {
                final JsonObject point = element.getAsJsonObject();
                points.add(new FootprintPoint(point.get("impl").getAsString(), point.get("count").getAsInt(),
                    number(point.get("bytesPerString")), number(point.get("objectsPerString")),
                    number(point.get("heapAllocatedPerString"))));
            }
            final JsonElement jvm = root.get("jvm");
            return new RecordedFootprint(null == jvm || jvm.isJsonNull() ? "?" : jvm.getAsString(), points);
        }
        catch (final RuntimeException ex) // Gson's: not JSON, or not this shape
        {
            throw new IllegalArgumentException(file + " is not a footprint result (" + ex + ")", ex);
        }
    }

    private static JsonElement number(final double value)
    {
        return Double.isNaN(value) || Double.isInfinite(value) ? JsonNull.INSTANCE : new JsonPrimitive(value);
    }

    private static double number(final JsonElement value)
    {
        return null == value || value.isJsonNull() ? Double.NaN : value.getAsDouble();
    }
}
