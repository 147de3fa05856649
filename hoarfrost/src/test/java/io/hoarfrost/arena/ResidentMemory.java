package io.hoarfrost.arena;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads the process's resident set size from {@code /proc/self/status}.
 */
final class ResidentMemory
{
    static final Path STATUS = Paths.get("/proc/self/status");

    private ResidentMemory()
    {
    }

    static boolean available()
    {
        return Files.isReadable(STATUS);
    }

    /**
     * VmRSS in bytes.
     */
    static long bytes() throws IOException
    {
        for (final String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII))
        {
            if (line.startsWith("VmRSS:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS line in " + STATUS);
    }
}
