package io.hoarfrost.readme;

import io.hoarfrost.box.LengthWidth;
import io.hoarfrost.box.SlimBox;
import io.hoarfrost.box.SlimHandle;
import io.hoarfrost.memory.Allocator;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/** The README's SlimBox size table states what the code does. */
public class SlimBoxReadmeTableTest
{
    private static final int[] SLIMMER_BOX_HANDLE_BYTES = { 9, 10, 12, 16 };

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void theTableMatchesTheCode() throws IOException
    {
        final Path readme = ReadmeExamplesTest.findReadme();
        assumeTrue("README.md not found", null != readme);
        final Map<LengthWidth, String[]> rows = new HashMap<>();
        for (final String line : new String(Files.readAllBytes(readme), StandardCharsets.UTF_8).split("\n"))
        {
            for (final LengthWidth width : LengthWidth.values())
            {
                if (line.startsWith("| `" + width + "` |"))
                {
                    rows.put(width, line.split("\\|"));
                }
            }
        }
        assertEquals("a row per width", LengthWidth.values().length, rows.size());
        for (final LengthWidth width : LengthWidth.values())
        {
            final String[] cells = rows.get(width);
            assertEquals(width + " header", headerBytes(width), leadingNumber(cells[3]));
            assertEquals(width + " slimmer_box", SLIMMER_BOX_HANDLE_BYTES[width.ordinal()], leadingNumber(cells[4]));
            assertEquals(width + " record", width.recordHandleBytes(), leadingNumber(cells[5]));
            assertEquals(width + " packed", Long.BYTES, leadingNumber(cells[6]));
            assertEquals(width + " relative", Long.BYTES, leadingNumber(cells[7]));
            assertTrue(width + " packed handle beats slimmer_box",
                leadingNumber(cells[6]) < SLIMMER_BOX_HANDLE_BYTES[width.ordinal()]);
        }
        assertEquals("packed lengths are 16 bits", 65_535, SlimHandle.MAX_PACKED_LENGTH);
    }

    /** The bytes a box's block takes beyond its value, measured through the allocator. */
    private static int headerBytes(final LengthWidth width)
    {
        final long[] asked = new long[1];
        final Allocator measuring = new Allocator()
        {
            @Override
            public long allocate(final long size, final int alignment)
            {
                asked[0] = size;
                return NativeAllocator.INSTANCE.allocate(size, alignment);
            }

            @Override
            public void free(final long address, final long size, final int alignment)
            {
                NativeAllocator.INSTANCE.free(address, size, alignment);
            }
        };
        try (SlimBox box = SlimBox.copyOf(measuring, width, new byte[100], 0, 100))
        {
            return (int)(asked[0] - box.length());
        }
    }

    private static int leadingNumber(final String cell)
    {
        final String trimmed = cell.trim().replace(",", "");
        int end = 0;
        while (end < trimmed.length() && Character.isDigit(trimmed.charAt(end)))
        {
            end++;
        }
        return Integer.parseInt(trimmed.substring(0, end));
    }
}
