package io.hoarfrost.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.MatcherAssert.assertThat;

/**
 * Model-based random testing for the {@code *ModelTest} classes: random sequences of operations
 * run against a primitive and a plain on-heap model of it, with a delete-one-step-at-a-time
 * shrinker (hand-written: no property library needed) that reduces a failing sequence to a
 * minimal one before reporting it with its seed.
 *
 * <p>A sequence is a configuration number and up to {@link #MAX_STEPS} {@link Step}s, each a kind
 * and two raw {@code int} arguments that the {@link Machine} interprets against its current state
 * ("free the {@code a}-th live block"), so a sequence with steps deleted still runs. Bad operations
 * are kinds like any other: the machine asserts the exception the model predicts and that nothing
 * changed. After every sequence the machine releases what it holds, and in checked mode
 * {@link MemoryChecks#leaks()} must be back to what it was before the sequence.
 *
 * <p>{@code -Dhoarfrost.model.sequences=N} changes the count (default {@value #DEFAULT_SEQUENCES});
 * {@code -Dhoarfrost.model.seed=0x...} the master seed; {@code -Dhoarfrost.model.replay=0x...}
 * runs the one sequence a failure report names.
 */
public final class ModelRunner
{
    /** Sequences per primitive unless {@value #SEQUENCES_PROPERTY} says otherwise. */
    public static final int DEFAULT_SEQUENCES = 10_000;
    /** The longest sequence generated. */
    public static final int MAX_STEPS = 50;
    /** System property: how many sequences to run. */
    public static final String SEQUENCES_PROPERTY = "hoarfrost.model.sequences";
    /** System property: the master seed (decimal or 0x hex). */
    public static final String SEED_PROPERTY = "hoarfrost.model.seed";
    /** System property: replay one sequence seed. */
    public static final String REPLAY_PROPERTY = "hoarfrost.model.replay";

    private static final int MAX_SHRINK_RUNS = 5_000;
    private static final ExecutorService OTHER_THREAD = Executors.newSingleThreadExecutor(task ->
    {
        final Thread thread = new Thread(task, "model-other-thread");
        thread.setDaemon(true);
        return thread;
    });

    private static long sequencesRun;

    private ModelRunner()
    {
    }

    /** One operation: a kind and two raw arguments, interpreted by the machine. */
    public static final class Step
    {
        /** Which operation, from 0 to the number of weights minus one. */
        public final int kind;
        /** First raw argument. */
        public final int a;
        /** Second raw argument. */
        public final int b;

        Step(final int kind, final int a, final int b)
        {
            this.kind = kind;
            this.a = a;
            this.b = b;
        }

        @Override
        public String toString()
        {
            return "Step(" + kind + ", " + a + ", " + b + ")";
        }
    }

    /** A primitive and its model, for one sequence. */
    public interface Machine
    {
        /**
         * Runs one step on the primitive and on the model and asserts that they agree.
         *
         * @param step the step.
         * @return what was done, for the failure report.
         * @throws Exception when they disagree (an {@link AssertionError}) or the primitive fails.
         */
        String apply(Step step) throws Exception;

        /**
         * Releases everything the sequence holds, checking the primitive's final state.
         *
         * @throws Exception when they disagree.
         */
        void close() throws Exception;
    }

    /** Makes machines and says how often each kind of step is drawn. */
    public interface Factory
    {
        /**
         * Relative weights of the step kinds; kind {@code i} is drawn with weight {@code weights()[i]}.
         *
         * @return the weights.
         */
        int[] weights();

        /**
         * A fresh primitive and model.
         *
         * @param config a random number the machine turns into sizes, capacities and so on.
         * @return the machine.
         */
        Machine start(int config);
    }

    /** What {@link #onOtherThread(ThrowingRunnable)} runs. */
    @FunctionalInterface
    public interface ThrowingRunnable
    {
        /**
         * Runs.
         *
         * @throws Exception anything.
         */
        void run() throws Exception;
    }

    /**
     * Runs the sequences of a model test and fails with a minimal sequence and its seeds.
     *
     * @param name        the primitive, for messages.
     * @param defaultSeed the master seed unless {@value #SEED_PROPERTY} is set.
     * @param factory     makes the machines.
     */
    public static void check(final String name, final long defaultSeed, final Factory factory)
    {
        final String replay = System.getProperty(REPLAY_PROPERTY);
        if (null != replay)
        {
            checkSequence(name, "replayed", 0, Long.decode(replay), factory);
            return;
        }
        final String seedProperty = System.getProperty(SEED_PROPERTY);
        final long seed = null == seedProperty ? defaultSeed : Long.decode(seedProperty);
        final int sequences = Integer.getInteger(SEQUENCES_PROPERTY, DEFAULT_SEQUENCES);
        final SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < sequences; i++)
        {
            checkSequence(name, "master seed 0x" + Long.toHexString(seed), i, master.nextLong(), factory);
        }
    }

    /**
     * How many sequences have run in this JVM, for the closing numbers.
     *
     * @return the count.
     */
    public static synchronized long sequencesRun()
    {
        return sequencesRun;
    }

    /**
     * Runs an action on another (long-lived) thread and returns what it threw.
     *
     * @param action what to run.
     * @return the exception thrown, or null.
     */
    public static Throwable onOtherThread(final ThrowingRunnable action)
    {
        final Future<?> done = OTHER_THREAD.submit(() ->
        {
            action.run();
            return null;
        });
        try
        {
            done.get();
            return null;
        }
        catch (final ExecutionException ex)
        {
            return ex.getCause();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /**
     * Asserts that an operation throws the exception the model predicts, with a message that
     * contains every fragment (the bad value, the limit).
     *
     * @param type      the exception type.
     * @param action    the operation.
     * @param fragments what the message must name.
     * @param <T>       the exception type.
     * @return the exception.
     */
    public static <T extends Throwable> T expectThrows(
        final Class<T> type, final ThrowingRunnable action, final String... fragments)
    {
        try
        {
            action.run();
        }
        catch (final Throwable ex)
        {
            assertThat("exception type (" + ex + ")", ex, instanceOf(type));
            for (final String fragment : fragments)
            {
                assertThat(ex.getMessage(), containsString(fragment));
            }
            return type.cast(ex);
        }
        throw new AssertionError("expected " + type.getSimpleName() + " naming " + Arrays.toString(fragments) +
            ", but nothing was thrown");
    }

    /**
     * Asserts that every byte of a range holds {@code value}, eight bytes at a time.
     *
     * @param address the range's first byte.
     * @param length  its length.
     * @param value   the byte every one must hold.
     * @param what    the range, for the message.
     */
    public static void assertFilled(final long address, final long length, final byte value, final String what)
    {
        final long word = (value & 0xFFL) * 0x0101_0101_0101_0101L;
        long i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (Memory.getLong(address + i) != word)
            {
                break;
            }
        }
        for (; i < length; i++)
        {
            if (Memory.getByte(address + i) != value)
            {
                throw new AssertionError(what + ": byte " + i + " is " + Memory.getByte(address + i) + ", expected " + value);
            }
        }
    }

    /**
     * Asserts that another thread's attempt throws {@link IllegalStateException} naming both
     * threads (checked mode's confinement).
     *
     * @param action the operation, run on the other thread.
     */
    public static void expectConfined(final ThrowingRunnable action)
    {
        final Throwable thrown = onOtherThread(action);
        if (!(thrown instanceof IllegalStateException) || !thrown.getMessage().contains("confined to thread"))
        {
            throw new AssertionError("expected the other thread to be refused, got " + thrown, thrown);
        }
    }

    private static void checkSequence(
        final String name, final String origin, final int index, final long sequenceSeed, final Factory factory)
    {
        final int[] weights = factory.weights();
        final Sequence sequence = Sequence.generate(sequenceSeed, weights);
        final Throwable failure = run(factory, sequence, null);
        synchronized (ModelRunner.class)
        {
            sequencesRun++;
        }
        if (null == failure)
        {
            return;
        }
        final Sequence minimal = shrink(factory, sequence, failure.getClass());
        final List<String> trace = new ArrayList<>();
        Throwable minimalFailure = run(factory, minimal, trace);
        if (null == minimalFailure)
        {
            minimalFailure = failure;
        }
        final StringBuilder sb = new StringBuilder(1024)
            .append(name).append(" model: sequence #").append(index).append(" of ").append(origin)
            .append(" failed (checks ").append(MemoryChecks.ENABLED ? "on" : "off").append(")\n")
            .append("  replay: -D").append(REPLAY_PROPERTY).append("=0x").append(Long.toHexString(sequenceSeed))
            .append('\n')
            .append("  minimal failing sequence: ").append(minimal.steps.length).append(" of ")
            .append(sequence.steps.length).append(" steps, config ").append(minimal.config).append('\n');
        for (int i = 0; i < trace.size(); i++)
        {
            sb.append("    ").append(i + 1).append(". ").append(trace.get(i)).append('\n');
        }
        for (int i = trace.size(); i < minimal.steps.length; i++)
        {
            sb.append("    ").append(i + 1).append(". ").append(minimal.steps[i]).append(" <- failed here\n");
        }
        if (trace.size() == minimal.steps.length)
        {
            sb.append("    then close <- failed here\n");
        }
        sb.append("  failure: ").append(minimalFailure);
        System.err.println(sb);
        throw new AssertionError(sb.toString(), minimalFailure);
    }

    /** Runs a sequence on a fresh machine; returns the first failure, or null. */
    private static Throwable run(final Factory factory, final Sequence sequence, final List<String> trace)
    {
        final List<TrackedBlock> before = MemoryChecks.ENABLED ? MemoryChecks.leaks() : null;
        Throwable failure = null;
        Machine machine = null;
        try
        {
            machine = factory.start(sequence.config);
            for (final Step step : sequence.steps)
            {
                final String done = machine.apply(step);
                if (null != trace)
                {
                    trace.add(done);
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
        if (null != machine)
        {
            try
            {
                machine.close();
            }
            catch (final Throwable ex)
            {
                if (null == failure)
                {
                    failure = ex;
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (null == failure && MemoryChecks.ENABLED)
        {
            final List<TrackedBlock> leaked = new ArrayList<>(MemoryChecks.leaks());
            leaked.removeAll(before);
            if (!leaked.isEmpty())
            {
                failure = new AssertionError("leaked at the end of the sequence: " + leaked);
            }
        }
        return failure;
    }

    /** Deletes chunks and single steps, then simplifies arguments, while the same kind of failure remains. */
    private static Sequence shrink(final Factory factory, final Sequence failing, final Class<?> failureType)
    {
        Sequence current = failing;
        int runs = 0;
        boolean progress = true;
        while (progress && runs < MAX_SHRINK_RUNS)
        {
            progress = false;
            for (int chunk = Math.max(1, current.steps.length / 2); chunk >= 1; chunk /= 2)
            {
                int start = 0;
                while (start + chunk <= current.steps.length && runs < MAX_SHRINK_RUNS)
                {
                    final Sequence candidate = current.without(start, chunk);
                    runs++;
                    if (fails(factory, candidate, failureType))
                    {
                        current = candidate;
                        progress = true;
                    }
                    else
                    {
                        start += chunk;
                    }
                }
            }
            for (int i = 0; i < current.steps.length && runs < MAX_SHRINK_RUNS; i++)
            {
                final Step step = current.steps[i];
                final int[][] simpler = { { 0, step.b }, { step.a, 0 }, { step.a / 2, step.b }, { step.a, step.b / 2 } };
                for (final int[] args : simpler)
                {
                    if (args[0] == current.steps[i].a && args[1] == current.steps[i].b)
                    {
                        continue;
                    }
                    final Sequence candidate = current.with(i, new Step(step.kind, args[0], args[1]));
                    runs++;
                    if (fails(factory, candidate, failureType))
                    {
                        current = candidate;
                        progress = true;
                    }
                }
            }
        }
        return current;
    }

    private static boolean fails(final Factory factory, final Sequence candidate, final Class<?> failureType)
    {
        final Throwable failure = run(factory, candidate, null);
        return null != failure && failure.getClass() == failureType;
    }

    /** A configuration number and the steps. */
    private static final class Sequence
    {
        final int config;
        final Step[] steps;

        Sequence(final int config, final Step[] steps)
        {
            this.config = config;
            this.steps = steps;
        }

        static Sequence generate(final long seed, final int[] weights)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            int total = 0;
            for (final int weight : weights)
            {
                total += weight;
            }
            final Step[] steps = new Step[1 + random.nextInt(MAX_STEPS)];
            for (int i = 0; i < steps.length; i++)
            {
                int pick = random.nextInt(total);
                int kind = 0;
                while (pick >= weights[kind])
                {
                    pick -= weights[kind];
                    kind++;
                }
                steps[i] = new Step(kind, random.nextInt(), random.nextInt());
            }
            return new Sequence(random.nextInt(), steps);
        }

        Sequence without(final int start, final int count)
        {
            final Step[] fewer = new Step[steps.length - count];
            System.arraycopy(steps, 0, fewer, 0, start);
            System.arraycopy(steps, start + count, fewer, start, steps.length - start - count);
            return new Sequence(config, fewer);
        }

        Sequence with(final int index, final Step step)
        {
            final Step[] changed = steps.clone();
            changed[index] = step;
            return new Sequence(config, changed);
        }
    }
}
