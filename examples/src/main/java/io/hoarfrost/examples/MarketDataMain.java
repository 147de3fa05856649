package io.hoarfrost.examples;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * One handler's run in this JVM, as {@code examples/run} starts it:
 * {@code MarketDataMain hoarfrost|heap RESULT_FILE [instruments seed rate warmup measured burst readers]};
 * writes the result properties to RESULT_FILE.
 */
public final class MarketDataMain
{
    private MarketDataMain()
    {
    }

    /**
     * Runs one handler.
     *
     * @param args handler name, result file, then optionally the feed's seven numbers.
     * @throws Exception if the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length != 2 && args.length != 9)
        {
            throw new IllegalArgumentException(
                "usage: MarketDataMain hoarfrost|heap RESULT_FILE [instruments seed rate warmup measured burst readers]");
        }
        final FeedOptions options = args.length == 2 ? new FeedOptions(4096, 19, 100_000, 500_000, 2_000_000, 1_000_000, 2) :
            new FeedOptions(Integer.parseInt(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]),
                Long.parseLong(args[5]), Long.parseLong(args[6]), Long.parseLong(args[7]), Integer.parseInt(args[8]));
        final Properties result = run(args[0], options);
        try (OutputStream out = Files.newOutputStream(Paths.get(args[1])))
        {
            result.store(out, "market-data run: " + args[0]);
        }
        System.out.println(args[0] + ": " + result.getProperty("measured.rate") + " msg/s measured, p99.99 " +
            result.getProperty("latency.p99.99") + " ns, digest " + result.getProperty("digest"));
    }

    /**
     * Runs the named handler over the feed.
     *
     * @param handler {@code hoarfrost} or {@code heap}.
     * @param options the feed.
     * @return the results.
     * @throws Exception if the run fails.
     */
    static Properties run(final String handler, final FeedOptions options) throws Exception
    {
        switch (handler)
        {
            case "hoarfrost":
                return FeedRun.run(handler, options, HoarfrostHandler::new);
            case "heap":
                return FeedRun.run(handler, options, HeapHandler::new);
            default:
                throw new IllegalArgumentException("no handler '" + handler + "': hoarfrost or heap");
        }
    }
}
