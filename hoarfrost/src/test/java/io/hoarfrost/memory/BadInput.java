package io.hoarfrost.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

/**
 * One case of the bad-input matrix: an entry point of a primitive, a kind of bad input, and what
 * the documentation promises (an exception whose message names the value, or a documented return
 * such as 0 from a full arena). {@link #run()} opens a fresh subject through its {@link Fixture},
 * makes the call (on another thread for {@link Kind#OTHER_THREAD}), and asserts the promise, that
 * the subject's observable state and the count of live blocks did not change, and that nothing
 * leaked. The {@code *BadInputTest} classes list the cases; {@code BadInputMatrix} prints them
 * as the README's table.
 */
public final class BadInput
{
    /** The kinds of bad input: the matrix's columns. */
    public enum Kind
    {
        /** A negative size, length, index or count. */
        NEGATIVE("negative"),
        /** Zero where it is not allowed (a size, block 0, address 0). */
        ZERO("zero"),
        /** A size, length, index or alignment past its limit. */
        TOO_LARGE("too large"),
        /** {@code null}. */
        NULL("null"),
        /** A closed or released handle. */
        CLOSED("closed"),
        /** An address this primitive never handed out (checked mode). */
        FOREIGN("foreign address"),
        /** A confined object used from another thread (checked mode). */
        OTHER_THREAD("other thread"),
        /** Something another owner holds: a file already open for writing, an arena in its drop hook. */
        IN_USE("in use");

        private final String title;

        Kind(final String title)
        {
            this.title = title;
        }

        /**
         * The column title.
         *
         * @return the title.
         */
        public String title()
        {
            return title;
        }
    }

    /** A call on the subject. */
    @FunctionalInterface
    public interface Call<T>
    {
        /**
         * Makes the call.
         *
         * @param subject the subject.
         * @return the call's result, or null.
         * @throws Exception what the call throws.
         */
        Object call(T subject) throws Exception;
    }

    final Fixture<?> fixture;
    final String entry;
    final Kind kind;
    final String detail;
    final Class<? extends Throwable> expected;
    final Object result;
    final String named;
    final Mode mode;
    final Call<Object> call;

    /** When a case applies. */
    public enum Mode
    {
        /** In both modes. */
        ALWAYS,
        /** Only with checked mode on. */
        CHECKED,
        /** Only with checked mode off. */
        UNCHECKED
    }

    @SuppressWarnings("unchecked")
    BadInput(
        final Fixture<?> fixture,
        final String entry,
        final Kind kind,
        final String detail,
        final Class<? extends Throwable> expected,
        final Object result,
        final String named,
        final Mode mode,
        final Call<?> call)
    {
        this.fixture = fixture;
        this.entry = entry;
        this.kind = kind;
        this.detail = detail;
        this.expected = expected;
        this.result = result;
        this.named = named;
        this.mode = mode;
        this.call = (Call<Object>)call;
    }

    /**
     * The primitive's name.
     *
     * @return e.g. {@code "BumpArena"}.
     */
    public String primitive()
    {
        return fixture.primitive;
    }

    /**
     * The entry point.
     *
     * @return e.g. {@code "allocate(size, alignment)"}.
     */
    public String entry()
    {
        return entry;
    }

    /**
     * The kind of bad input.
     *
     * @return the kind.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * What the documentation promises, for the table: the exception's simple name, or what is returned.
     *
     * @return e.g. {@code "IllegalArgumentException"} or {@code "returns 0"}.
     */
    public String outcome()
    {
        return null == expected ? "returns " + result : expected.getSimpleName();
    }

    /**
     * When the case applies.
     *
     * @return the mode.
     */
    public Mode mode()
    {
        return mode;
    }

    /** Runs the case: skipped (an assumption) in the mode it does not apply to. */
    public void run()
    {
        assumeTrue("needs -Dhoarfrost.checks=true", mode != Mode.CHECKED || MemoryChecks.ENABLED);
        assumeTrue("needs checked mode off", mode != Mode.UNCHECKED || !MemoryChecks.ENABLED);
        final List<TrackedBlock> baseline = MemoryChecks.leaks();
        fixture.run(this);
        final List<TrackedBlock> leaked = new ArrayList<>(MemoryChecks.leaks());
        leaked.removeAll(baseline);
        assertEquals("leaked: " + leaked, 0, leaked.size());
    }

    void judge(final Object returned, final Throwable thrown)
    {
        if (null == expected)
        {
            if (null != thrown)
            {
                throw new AssertionError("expected " + outcome() + ", but it threw " + thrown, thrown);
            }
            assertEquals("returned", result, returned);
            return;
        }
        if (null == thrown)
        {
            throw new AssertionError("expected " + outcome() + ", but it returned " + returned);
        }
        assertThat("exception type (" + thrown + ")", thrown, instanceOf(expected));
        if (null != named)
        {
            assertThat("the message names the bad value", String.valueOf(thrown.getMessage()), containsString(named));
        }
    }

    @Override
    public String toString()
    {
        return primitive() + "." + entry + " [" + kind.title() + ": " + detail + "] -> " + outcome() +
            (mode == Mode.ALWAYS ? "" : " (" + mode.name().toLowerCase() + ")");
    }

    /**
     * A kind of subject: how to make one, how to read its observable state, how to dispose of it.
     *
     * @param <T> the subject's type.
     */
    public static final class Fixture<T>
    {
        /** Makes a subject. */
        @FunctionalInterface
        public interface Opener<T>
        {
            /**
             * Makes a subject.
             *
             * @return it.
             * @throws Exception if it cannot.
             */
            T open() throws Exception;
        }

        /** Reads or disposes of a subject. */
        @FunctionalInterface
        public interface Action<T, R>
        {
            /**
             * Acts.
             *
             * @param subject the subject.
             * @return a result (state) or null.
             * @throws Exception if it fails.
             */
            R apply(T subject) throws Exception;
        }

        final String primitive;
        private final Opener<T> opener;
        private final Action<T, Object> state;
        private final Action<T, Object> close;
        private final Action<T, Object> dispose;
        private final List<BadInput> cases;

        /**
         * A fixture whose cases go into {@code cases}.
         *
         * @param cases     where the cases made by this fixture are added.
         * @param primitive the primitive's name, for the table.
         * @param opener    makes a fresh subject.
         * @param state     the subject's observable state (compared with equals before and after).
         * @param close     disposes of the subject (also when it was closed by a {@link Kind#CLOSED} case).
         */
        public Fixture(
            final List<BadInput> cases,
            final String primitive,
            final Opener<T> opener,
            final Action<T, Object> state,
            final Action<T, Object> close)
        {
            this(cases, primitive, opener, state, close, close);
        }

        /**
         * A fixture whose {@link Kind#CLOSED} cases close the subject one way (release a handle)
         * and whose cases all dispose of it another (release the handle and close its pool).
         *
         * @param cases     where the cases made by this fixture are added.
         * @param primitive the primitive's name, for the table.
         * @param opener    makes a fresh subject.
         * @param state     the subject's observable state (compared with equals before and after).
         * @param close     closes the subject before the call of a {@link Kind#CLOSED} case.
         * @param dispose   disposes of the subject after every case.
         */
        public Fixture(
            final List<BadInput> cases,
            final String primitive,
            final Opener<T> opener,
            final Action<T, Object> state,
            final Action<T, Object> close,
            final Action<T, Object> dispose)
        {
            this.cases = cases;
            this.primitive = primitive;
            this.opener = opener;
            this.state = state;
            this.close = close;
            this.dispose = dispose;
        }

        /**
         * A case that must throw.
         *
         * @param entry    the entry point.
         * @param kind     the kind of bad input.
         * @param detail   the bad value, in words.
         * @param expected the exception type.
         * @param named    what its message must contain, or null when the JVM throws it (a bare NPE).
         * @param call     the call.
         * @return this fixture.
         */
        public Fixture<T> throwsOn(
            final String entry, final Kind kind, final String detail, final Class<? extends Throwable> expected,
            final String named, final Call<T> call)
        {
            cases.add(new BadInput(this, entry, kind, detail, expected, null, named, Mode.ALWAYS, call));
            return this;
        }

        /**
         * A case that must throw in checked mode (and is undefined, or returns something else, unchecked).
         *
         * @param entry    the entry point.
         * @param kind     the kind of bad input.
         * @param detail   the bad value, in words.
         * @param expected the exception type.
         * @param named    what its message must contain.
         * @param call     the call.
         * @return this fixture.
         */
        public Fixture<T> throwsWhenChecked(
            final String entry, final Kind kind, final String detail, final Class<? extends Throwable> expected,
            final String named, final Call<T> call)
        {
            cases.add(new BadInput(this, entry, kind, detail, expected, null, named, Mode.CHECKED, call));
            return this;
        }

        /**
         * A case whose documented answer is a value (a full arena's 0).
         *
         * @param entry  the entry point.
         * @param kind   the kind of bad input.
         * @param detail the bad value, in words.
         * @param result what it returns.
         * @param call   the call.
         * @return this fixture.
         */
        public Fixture<T> returns(
            final String entry, final Kind kind, final String detail, final Object result, final Call<T> call)
        {
            cases.add(new BadInput(this, entry, kind, detail, null, result, null, Mode.ALWAYS, call));
            return this;
        }

        /**
         * A case whose documented answer with checked mode off is a value (a closed arena's 0).
         *
         * @param entry  the entry point.
         * @param kind   the kind of bad input.
         * @param detail the bad value, in words.
         * @param result what it returns.
         * @param call   the call.
         * @return this fixture.
         */
        public Fixture<T> returnsWhenUnchecked(
            final String entry, final Kind kind, final String detail, final Object result, final Call<T> call)
        {
            cases.add(new BadInput(this, entry, kind, detail, null, result, null, Mode.UNCHECKED, call));
            return this;
        }

        /**
         * A case run on another thread: checked mode's confinement must refuse it.
         *
         * @param entry the entry point.
         * @param call  the call.
         * @return this fixture.
         */
        public Fixture<T> confined(final String entry, final Call<T> call)
        {
            cases.add(new BadInput(this, entry, Kind.OTHER_THREAD, "a second thread", IllegalStateException.class, null,
                "confined to thread", Mode.CHECKED, call));
            return this;
        }

        @SuppressWarnings("unchecked")
        void run(final BadInput input)
        {
            final T subject;
            try
            {
                subject = opener.open();
            }
            catch (final Exception ex)
            {
                throw new AssertionError("fixture of " + primitive + " failed", ex);
            }
            try
            {
                if (input.kind == Kind.CLOSED)
                {
                    close.apply(subject);
                }
                final Object before = state.apply(subject);
                final int live = MemoryChecks.liveCount();
                final Object[] returned = new Object[1];
                final Throwable thrown;
                if (input.kind == Kind.OTHER_THREAD)
                {
                    thrown = ModelRunner.onOtherThread(() -> returned[0] = input.call.call(subject));
                }
                else
                {
                    thrown = thrownBy(() -> returned[0] = input.call.call(subject));
                }
                input.judge(returned[0], thrown);
                assertEquals("state unchanged", before, state.apply(subject));
                assertEquals("nothing allocated or freed", live, MemoryChecks.liveCount());
            }
            catch (final Exception ex)
            {
                throw new AssertionError(input + ": the fixture failed", ex);
            }
            finally
            {
                try
                {
                    dispose.apply(subject);
                }
                catch (final Exception ex)
                {
                    throw new AssertionError(input + ": closing the fixture failed", ex);
                }
            }
        }

        private static Throwable thrownBy(final ModelRunner.ThrowingRunnable action)
        {
            try
            {
                action.run();
                return null;
            }
            catch (final Throwable ex)
            {
                return ex;
            }
        }

        @Override
        public String toString()
        {
            return Objects.toString(primitive);
        }
    }
}
