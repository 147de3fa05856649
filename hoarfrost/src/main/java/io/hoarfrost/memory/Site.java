package io.hoarfrost.memory;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where and on which thread checked mode saw a block allocated or freed: the caller's frame
 * (interned by {@link CallSites}), the thread's name and, in full-site mode, the whole stack.
 *
 * <p>Sites without a stack are shared: each thread reuses one {@code Site} per frame, so a million
 * blocks allocated at one place by one thread hold a million references to one object. Immutable.
 */
final class Site
{
    /** Beyond this many distinct frames a thread's cache of shared sites starts again. */
    private static final int SHARED_PER_THREAD = 1024;

    private static final ThreadLocal<Map<StackTraceElement, Site>> SHARED =
        ThreadLocal.withInitial(IdentityHashMap::new);

    private final StackTraceElement frame;
    private final String thread;
    private final Throwable stack;

    private Site(final StackTraceElement frame, final String thread, final Throwable stack)
    {
        this.frame = frame;
        this.thread = thread;
        this.stack = stack;
    }

    /**
     * The current site.
     *
     * @param full whether to keep the whole stack as well as the caller's frame.
     * @return a shared site when {@code full} is false, a new one otherwise.
     */
    static Site here(final boolean full)
    {
        final StackTraceElement frame = CallSites.caller();
        final String thread = Thread.currentThread().getName();
        if (full)
        {
            return new Site(frame, thread, new Throwable());
        }
        final Map<StackTraceElement, Site> shared = SHARED.get();
        final Site known = shared.get(frame);
        if (null != known && known.thread.equals(thread))
        {
            return known;
        }
        if (shared.size() >= SHARED_PER_THREAD)
        {
            shared.clear();
        }
        final Site site = new Site(frame, thread, null);
        shared.put(frame, site);
        return site;
    }

    /**
     * Whether this site kept the whole stack.
     *
     * @return true in full-site mode.
     */
    boolean full()
    {
        return null != stack;
    }

    /**
     * The recorded frames: the whole stack, or just the caller's frame.
     *
     * @return a new array; empty if the caller is unknown.
     */
    StackTraceElement[] frames()
    {
        if (null != stack)
        {
            return stack.getStackTrace();
        }
        return null == frame ? new StackTraceElement[0] : new StackTraceElement[] {frame};
    }

    /**
     * A {@code Throwable} carrying the recorded frames, for printing.
     *
     * @param message what happened here, with the thread's name appended.
     * @return a new throwable whose stack trace is {@link #frames()}.
     */
    Throwable toThrowable(final String message)
    {
        final Throwable site = new Throwable(message + " on thread " + thread);
        site.setStackTrace(frames());
        return site;
    }

    /**
     * The caller's frame (and in full-site mode the three frames that called it) and the thread.
     *
     * @param sb where to append.
     */
    void appendTo(final StringBuilder sb)
    {
        if (null == frame)
        {
            sb.append("(unknown)");
        }
        else
        {
            sb.append(frame);
            if (null != stack)
            {
                final StackTraceElement[] frames = stack.getStackTrace();
                int i = 0;
                while (i < frames.length && !frame.equals(frames[i]))
                {
                    i++;
                }
                for (int shown = 1; shown < 4 && ++i < frames.length; shown++)
                {
                    sb.append(" <- ").append(frames[i]);
                }
            }
        }
        sb.append(" on thread '").append(thread).append('\'');
    }
}
