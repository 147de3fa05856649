package io.hoarfrost.memory;

import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * A JUnit rule for every test class: in checked mode, fails a test that leaves a block live which
 * was not live before it, naming each leaked block and its allocation site.
 */
public final class NoLeaks implements TestRule
{
    @Override
    public Statement apply(final Statement base, final Description description)
    {
        return new Statement()
        {
            @Override
            public void evaluate() throws Throwable
            {
                final List<TrackedBlock> before = MemoryChecks.leaks();
                base.evaluate();
                final List<TrackedBlock> leaked = new ArrayList<>(MemoryChecks.leaks());
                leaked.removeAll(before);
                if (!leaked.isEmpty())
                {
                    final StringBuilder sb = new StringBuilder(description.getDisplayName()).append(" leaked:");
                    for (final TrackedBlock block : leaked)
                    {
                        sb.append("\n  ").append(block.describe());
                    }
                    throw new AssertionError(sb.toString());
                }
            }
        };
    }
}
