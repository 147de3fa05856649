package io.hoarfrost.bench.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;

/** What the results say about the machine and the baseline: the load average, Chronicle's version. */
final class Environment
{
    private Environment()
    {
    }

    /**
     * The load averages now, as {@code /proc/loadavg} has them: 1, 5 and 15 minutes, then running
     * and total tasks.
     *
     * @return them, or "unknown" where there is no {@code /proc/loadavg}.
     */
    static String load()
    {
        try
        {
            return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).trim();
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    /**
     * Chronicle Queue's version, from its Maven properties on the class path.
     *
     * @return it, or "5.23" if they are not there.
     */
    static String chronicleVersion()
    {
        try (InputStream in = Environment.class.getResourceAsStream(
            "/META-INF/maven/net.openhft/chronicle-queue/pom.properties"))
        {
            if (null != in)
            {
                final Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "5.23");
            }
        }
        catch (final IOException ex)
        {
            // the fallback below
        }
        return "5.23";
    }
}
