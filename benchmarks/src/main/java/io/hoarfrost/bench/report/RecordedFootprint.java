package io.hoarfrost.bench.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
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
 * The footprint scaling's result file, {@code <timestamp>-footprint.json}: the JVM it ran on and
 * one {@link FootprintPoint} per representation and string count. The forked footprint JVM writes
 * it, the runner reads it back for the tables and charts. Missing values (NaN) are written as
 * {@code null}.
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
    private final Path file;
    private final String jvm;
    private final List<FootprintPoint> points;

    private RecordedFootprint(final Path file, final String jvm, final List<FootprintPoint> points)
    {
        this.file = file;
        this.jvm = jvm;
        this.points = points;
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
            object.addProperty("impl", point.impl());
            object.addProperty("count", point.count());
            object.add("bytesPerString", number(point.bytesPerString()));
            object.add("objectsPerString", number(point.objectsPerString()));
            object.add("heapAllocatedPerString", number(point.heapAllocatedPerString()));
            array.add(object);
        }
        final JsonObject root = new JsonObject();
        root.addProperty("jvm", jvm);
        root.add("points", array);
        final Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            gson.toJson(root, writer);
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
        final JsonElement root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            root = JsonParser.parseReader(reader);
        }
        catch (final JsonParseException ex)
        {
            throw new IllegalArgumentException(file + " is not JSON: " + ex.getMessage(), ex);
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("points") ||
            !root.getAsJsonObject().get("points").isJsonArray())
        {
            throw new IllegalArgumentException(file + " is not a footprint result: expected an object with 'points'");
        }
        final JsonObject object = root.getAsJsonObject();
        final List<FootprintPoint> points = new ArrayList<>();
        try
        {
            for (final JsonElement element : object.getAsJsonArray("points"))
            {
                final JsonObject point = element.getAsJsonObject();
                points.add(new FootprintPoint(
                    point.get("impl").getAsString(),
                    point.get("count").getAsInt(),
                    number(point, "bytesPerString"),
                    number(point, "objectsPerString"),
                    number(point, "heapAllocatedPerString")));
            }
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(file + " is not a footprint result: " + ex, ex);
        }
        final String jvm = object.has("jvm") && object.get("jvm").isJsonPrimitive() ? object.get("jvm").getAsString() : "?";
        return new RecordedFootprint(file, jvm, Collections.unmodifiableList(points));
    }

    /**
     * The file the result was read from.
     *
     * @return the path.
     */
    public Path file()
    {
        return file;
    }

    /**
     * The JVM the footprint was measured on, with its heap settings.
     *
     * @return one line.
     */
    public String jvm()
    {
        return jvm;
    }

    /**
     * The points, in the file's order.
     *
     * @return an unmodifiable list.
     */
    public List<FootprintPoint> points()
    {
        return points;
    }

    private static JsonElement number(final double value)
    {
        return Double.isNaN(value) || Double.isInfinite(value) ?
            JsonNull.INSTANCE : new JsonPrimitive(value);
    }

    private static double number(final JsonObject object, final String name)
    {
        final JsonElement value = object.get(name);
        return null == value || value.isJsonNull() ? Double.NaN : value.getAsDouble();
    }
}
