package io.hoarfrost.aeron;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code --name value} pairs of the two main classes.
 */
final class MainArgs
{
    private final String command;
    private final String usage;
    private final Map<String, String> values = new HashMap<>();

    MainArgs(final String command, final String usage, final String[] args)
    {
        this.command = command;
        this.usage = usage;
        if (0 != args.length % 2)
        {
            throw usageError("expected --name value pairs, got " + args.length + " arguments");
        }
        for (int i = 0; i < args.length; i += 2)
        {
            if (!args[i].startsWith("--"))
            {
                throw usageError("'" + args[i] + "' is not an option (--name)");
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
    }

    String get(final String name)
    {
        final String value = values.get(name);
        if (null == value)
        {
            throw usageError("--" + name + " is required");
        }
        return value;
    }

    String get(final String name, final String fallback)
    {
        return values.getOrDefault(name, fallback);
    }

    int getInt(final String name, final int fallback)
    {
        final String value = values.get(name);
        if (null == value)
        {
            return fallback;
        }
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw usageError("--" + name + " " + value + " is not an integer");
        }
    }

    IllegalArgumentException usageError(final String message)
    {
        return new IllegalArgumentException(command + ": " + message + "\nusage: " + command + " " + usage);
    }
}
