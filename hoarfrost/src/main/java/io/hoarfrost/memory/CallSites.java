package io.hoarfrost.memory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.CodeSource;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds, cheaply, the frame that called into Hoarfrost: the first stack frame whose class is not
 * Hoarfrost's own (a class under Hoarfrost's root package loaded from Hoarfrost's jar or classes
 * directory, so that tests and benchmarks in the same packages count as callers).
 *
 * <p>On JDK 9+ it walks the stack with {@code java.lang.StackWalker}, reached by reflection
 * because Hoarfrost is compiled and checked against the Java 8 API (Animal Sniffer rejects
 * {@code MethodHandle.invokeExact} calls); it stops at the first caller frame
 * instead of capturing the whole stack. On JDK 8 it reads single frames of a {@code Throwable}
 * through its private {@code getStackTraceDepth}/{@code getStackTraceElement(int)}; where neither
 * works, it falls back to {@code new Throwable().getStackTrace()}.
 *
 * <p>Frames are interned, so every block allocated at one place shares one
 * {@link StackTraceElement}. Thread-safe.
 */
final class CallSites
{
    /** Beyond this many distinct frames, new ones are no longer interned (each block keeps its own). */
    static final int MAX_INTERNED = 1 << 16;

    private static final String ROOT_PACKAGE = rootPackage();
    private static final String CODE_SOURCE = location(MemoryChecks.class);
    private static final Map<StackTraceElement, StackTraceElement> INTERNED = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> HOARFROST_NAMES = new ConcurrentHashMap<>();

    private static final ClassValue<Boolean> HOARFROST_CLASSES = new ClassValue<Boolean>()
    {
        @Override
        protected Boolean computeValue(final Class<?> type)
        {
            return type.getName().startsWith(ROOT_PACKAGE) && CODE_SOURCE.equals(location(type));
        }
    };

    /** A {@code StackWalker} that retains classes; null before JDK 9. */
    private static final Object WALKER;
    /** {@code StackWalker.walk(Function)}; null before JDK 9. */
    private static final Method WALK;
    /** {@code StackWalker.StackFrame.getDeclaringClass()}. */
    private static final Method FRAME_CLASS;
    /** {@code StackWalker.StackFrame.toStackTraceElement()}. */
    private static final Method FRAME_ELEMENT;
    /** JDK 8's private {@code Throwable.getStackTraceDepth()}; null elsewhere. */
    private static final Method DEPTH;
    /** JDK 8's private {@code Throwable.getStackTraceElement(int)}; null elsewhere. */
    private static final Method ELEMENT;

    private static final Function<Stream<?>, StackTraceElement> FIRST_OUTSIDE = new FirstOutside();

    static
    {
        Object walker = null;
        Method walk = null;
        Method frameClass = null;
        Method frameElement = null;
        try
        {
            final Class<?> walkerType = Class.forName("java.lang.StackWalker");
            final Class<?> optionType = Class.forName("java.lang.StackWalker$Option");
            final Class<?> frameType = Class.forName("java.lang.StackWalker$StackFrame");
            final Object retain = optionType.getField("RETAIN_CLASS_REFERENCE").get(null);
            walker = walkerType.getMethod("getInstance", optionType).invoke(null, retain);
            walk = walkerType.getMethod("walk", Function.class);
            frameClass = frameType.getMethod("getDeclaringClass");
            frameElement = frameType.getMethod("toStackTraceElement");
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            walk = null;
        }
        WALKER = null == walk ? null : walker;
        WALK = walk;
        FRAME_CLASS = frameClass;
        FRAME_ELEMENT = frameElement;

        Method depth = null;
        Method element = null;
        if (null == walk)
        {
            try
            {
                depth = Throwable.class.getDeclaredMethod("getStackTraceDepth");
                element = Throwable.class.getDeclaredMethod("getStackTraceElement", int.class);
                depth.setAccessible(true);
                element.setAccessible(true);
                final Throwable probe = new Throwable();
                if ((Integer)depth.invoke(probe) <= 0 || !(element.invoke(probe, 0) instanceof StackTraceElement))
                {
                    depth = null;
                }
            }
            catch (final ReflectiveOperationException | RuntimeException ex)
            {
                depth = null;
            }
        }
        DEPTH = depth;
        ELEMENT = null == depth ? null : element;
    }

    private CallSites()
    {
    }

    /**
     * The first frame on the current stack outside Hoarfrost, interned.
     *
     * @return the caller's frame, or null if the whole stack is Hoarfrost's.
     */
    static StackTraceElement caller()
    {
        if (null != WALK)
        {
            return callerFromWalker();
        }
        return null != DEPTH ? callerFromPrivateThrowable() : callerFromStackTrace();
    }

    /**
     * Which way {@link #caller()} finds the frame, for tests and diagnostics.
     *
     * @return {@code "StackWalker"}, {@code "Throwable internals"} or {@code "getStackTrace"}.
     */
    static String strategy()
    {
        return null != WALK ? "StackWalker" : null != DEPTH ? "Throwable internals" : "getStackTrace";
    }

    /** The JDK 9+ way, or the fallback when there is no {@code StackWalker}. */
    static StackTraceElement callerFromWalker()
    {
        if (null == WALK)
        {
            return callerFromStackTrace();
        }
        try
        {
            return intern((StackTraceElement)WALK.invoke(WALKER, FIRST_OUTSIDE));
        }
        catch (final InvocationTargetException ex)
        {
            throw rethrow(ex);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException("StackWalker failed", ex);
        }
    }

    /** The portable fallback: materialises the whole stack, then picks one frame. */
    static StackTraceElement callerFromStackTrace()
    {
        for (final StackTraceElement frame : new Throwable().getStackTrace())
        {
            if (!isHoarfrost(frame.getClassName()))
            {
                return intern(frame);
            }
        }
        return null;
    }

    /** The JDK 8 way: decodes one frame of a fresh {@code Throwable} at a time. */
    private static StackTraceElement callerFromPrivateThrowable()
    {
        try
        {
            final Throwable stack = new Throwable();
            final int depth = (Integer)DEPTH.invoke(stack);
            for (int i = 0; i < depth; i++)
            {
                final StackTraceElement frame = (StackTraceElement)ELEMENT.invoke(stack, i);
                if (!isHoarfrost(frame.getClassName()))
                {
                    return intern(frame);
                }
            }
            return null;
        }
        catch (final ReflectiveOperationException ex)
        {
            return callerFromStackTrace();
        }
    }

    /**
     * Whether a class is Hoarfrost's own: under its root package and loaded from its code source.
     *
     * @param type a class on the stack.
     * @return true for Hoarfrost's classes, false for callers' (tests included).
     */
    static boolean isHoarfrost(final Class<?> type)
    {
        return HOARFROST_CLASSES.get(type);
    }

    /**
     * {@link #isHoarfrost(Class)} by name, for stacks that carry only names; a name that does not
     * load from Hoarfrost's class loader is a caller's.
     *
     * @param className a binary class name from a stack trace.
     * @return true for Hoarfrost's classes.
     */
    static boolean isHoarfrost(final String className)
    {
        if (!className.startsWith(ROOT_PACKAGE))
        {
            return false;
        }
        final Boolean known = HOARFROST_NAMES.get(className);
        if (null != known)
        {
            return known;
        }
        boolean ours;
        try
        {
            ours = isHoarfrost(Class.forName(className, false, MemoryChecks.class.getClassLoader()));
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            ours = false;
        }
        HOARFROST_NAMES.put(className, ours);
        return ours;
    }

    private static StackTraceElement intern(final StackTraceElement frame)
    {
        if (null == frame)
        {
            return null;
        }
        final StackTraceElement known = INTERNED.get(frame);
        if (null != known)
        {
            return known;
        }
        if (INTERNED.size() >= MAX_INTERNED)
        {
            return frame;
        }
        final StackTraceElement raced = INTERNED.putIfAbsent(frame, frame);
        return null == raced ? frame : raced;
    }

    private static RuntimeException rethrow(final InvocationTargetException ex)
    {
        final Throwable cause = ex.getCause();
        if (cause instanceof Error)
        {
            throw (Error)cause;
        }
        return cause instanceof RuntimeException ? (RuntimeException)cause : new IllegalStateException(cause);
    }

    private static String rootPackage()
    {
        final String name = MemoryChecks.class.getName();
        final String memoryPackage = name.substring(0, name.lastIndexOf('.'));
        return memoryPackage.substring(0, memoryPackage.lastIndexOf('.') + 1);
    }

    private static String location(final Class<?> type)
    {
        try
        {
            final CodeSource source = type.getProtectionDomain().getCodeSource();
            return null == source || null == source.getLocation() ? "" : source.getLocation().toString();
        }
        catch (final SecurityException ex)
        {
            return "";
        }
    }

    /** The function {@code StackWalker.walk} applies: the first frame whose class is not Hoarfrost's. */
    private static final class FirstOutside implements Function<Stream<?>, StackTraceElement>
    {
        @Override
        public StackTraceElement apply(final Stream<?> frames)
        {
            try
            {
                final Iterator<?> it = frames.iterator();
                while (it.hasNext())
                {
                    final Object frame = it.next();
                    if (!isHoarfrost((Class<?>)FRAME_CLASS.invoke(frame)))
                    {
                        return (StackTraceElement)FRAME_ELEMENT.invoke(frame);
                    }
                }
                return null;
            }
            catch (final InvocationTargetException ex)
            {
                throw rethrow(ex);
            }
            catch (final IllegalAccessException ex)
            {
                throw new IllegalStateException("StackWalker frame access failed", ex);
            }
        }
    }
}
