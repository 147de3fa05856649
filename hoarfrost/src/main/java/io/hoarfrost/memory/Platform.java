package io.hoarfrost.memory;

import java.lang.reflect.InvocationTargetException;
import java.nio.ByteOrder;

/**
 * What Hoarfrost relies on in the running JVM, probed once when {@link Memory} is initialised:
 * {@code sun.misc.Unsafe} with its memory-access methods, 8-byte addresses (a 64-bit JVM), a page
 * size that is a power of two, and the native byte order (both orders work; it is recorded).
 *
 * <p>When something is missing (a JDK started with {@code --sun-misc-unsafe-memory-access=deny},
 * a runtime image without {@code jdk.unsupported}, a 32-bit JVM), class initialisation still
 * succeeds and nothing is thrown until the first allocation, adoption or free through
 * {@link Memory}, which throws one {@link UnsupportedOperationException} naming the JDK, the
 * missing piece and the flag or step that fixes it (see {@link #requireSupported()}). No chain of
 * {@code ExceptionInInitializerError}s.
 *
 * <p>Flags by JDK: 8 to 22 need none; 23 accepts {@value #UNSAFE_ALLOW_FLAG}; 24 and later
 * print one warning to stderr on the first {@code Unsafe} memory access unless started with it,
 * and fail at first use under {@code --sun-misc-unsafe-memory-access=deny}. {@value #PORTABLE_FLAGS}
 * is accepted by every JDK from 8 to 25.
 */
public final class Platform
{
    /** The JVM option that lets JDK 23 and later use {@code sun.misc.Unsafe}'s memory methods silently. */
    public static final String UNSAFE_ALLOW_FLAG = "--sun-misc-unsafe-memory-access=allow";

    /** JVM options accepted by every JDK from 8 to 25 that give Hoarfrost what it needs, without warnings. */
    public static final String PORTABLE_FLAGS = "-XX:+IgnoreUnrecognizedVMOptions " + UNSAFE_ALLOW_FLAG;

    /** The first Java release that has the {@code --sun-misc-unsafe-memory-access} option. */
    public static final int FIRST_RELEASE_WITH_UNSAFE_FLAG = 23;

    /** The only address size Hoarfrost supports, in bytes. */
    public static final int REQUIRED_ADDRESS_SIZE = 8;

    private static final String UNKNOWN = "?";

    private final int javaVersion;
    private final String jdk;
    private final int addressSize;
    private final int pageSize;
    private final ByteOrder byteOrder;
    private final String unsupportedReason;

    Platform(
        final int javaVersion,
        final String jdk,
        final Throwable unsafeFailure,
        final int addressSize,
        final int pageSize,
        final ByteOrder byteOrder)
    {
        this.javaVersion = javaVersion;
        this.jdk = jdk;
        this.addressSize = addressSize;
        this.pageSize = pageSize;
        this.byteOrder = byteOrder;
        final String missing = missingPiece(javaVersion, unsafeFailure, addressSize, pageSize);
        this.unsupportedReason = null == missing ? null : "Hoarfrost cannot run on " + jdk + ": " + missing;
    }

    /**
     * The platform of this JVM, as {@link Memory} probed it when first used. Initialising
     * {@link Memory} for this never throws, whatever the JVM lacks.
     *
     * @return the one instance for this JVM.
     */
    public static Platform current()
    {
        return Memory.PLATFORM;
    }

    /**
     * Builds the platform record for this JVM from what {@link Memory} found, reading the
     * {@code java.*} system properties.
     *
     * @param unsafeFailure what touching {@code Unsafe}'s memory methods threw, or null.
     * @param addressSize   {@code Unsafe.addressSize()}, or 0 when unknown.
     * @param pageSize      {@code Unsafe.pageSize()}, or 0 when unknown.
     * @return the record.
     */
    static Platform probed(final Throwable unsafeFailure, final int addressSize, final int pageSize)
    {
        final int javaVersion = featureVersion(property("java.specification.version"));
        final String jdk = "Java " + javaVersion + " (" + property("java.vm.vendor") + " " + property("java.vm.name") +
            " " + property("java.runtime.version") + ", " + property("java.home") + ")";
        return new Platform(javaVersion, jdk, unsafeFailure, addressSize, pageSize, ByteOrder.nativeOrder());
    }

    /**
     * The Java feature release of a {@code java.specification.version}: 8 for "1.8", 25 for "25".
     *
     * @param specificationVersion the property's value.
     * @return the release, or 0 if the value is not a version.
     */
    static int featureVersion(final String specificationVersion)
    {
        final String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        final int dot = version.indexOf('.');
        try
        {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    private static String property(final String name)
    {
        try
        {
            return System.getProperty(name, UNKNOWN);
        }
        catch (final SecurityException ex)
        {
            return UNKNOWN;
        }
    }

    private static String missingPiece(
        final int javaVersion, final Throwable unsafeFailure, final int addressSize, final int pageSize)
    {
        if (null != unsafeFailure)
        {
            final Throwable cause = rootCause(unsafeFailure);
            final String what = cause.getClass().getName() + (null == cause.getMessage() ? "" : ": " + cause.getMessage());
            if (cause instanceof NoClassDefFoundError || cause instanceof ClassNotFoundException)
            {
                return "sun.misc.Unsafe is missing (" + what + "). Fix: include the jdk.unsupported module in the " +
                    "runtime image (jlink --add-modules jdk.unsupported).";
            }
            if (cause instanceof UnsupportedOperationException && javaVersion >= FIRST_RELEASE_WITH_UNSAFE_FLAG)
            {
                return "sun.misc.Unsafe memory access is denied (" + what + "), as --sun-misc-unsafe-memory-access=deny " +
                    "does. Fix: start the JVM with " + UNSAFE_ALLOW_FLAG + " (or, on a command line shared with JDK 8, " +
                    PORTABLE_FLAGS + ").";
            }
            return "sun.misc.Unsafe memory access failed (" + what + "). Fix: run a HotSpot-based JDK from 8 to 25 " +
                "started with " + PORTABLE_FLAGS + ".";
        }
        if (addressSize != REQUIRED_ADDRESS_SIZE)
        {
            return "a 64-bit JVM is required, but this one has " + addressSize + "-byte addresses. Fix: run a 64-bit " +
                "JDK (no flag makes a 32-bit JVM work).";
        }
        if (pageSize <= 0 || (pageSize & (pageSize - 1)) != 0)
        {
            return "the page size " + pageSize + " is not a power of two. Fix: run on an operating system with " +
                "power-of-two pages (every 64-bit Linux, macOS and Windows has them).";
        }
        return null;
    }

    private static Throwable rootCause(final Throwable failure)
    {
        Throwable cause = failure;
        while ((cause instanceof ExceptionInInitializerError || cause instanceof InvocationTargetException) &&
            null != cause.getCause())
        {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Throws unless this JVM gives Hoarfrost everything it needs. {@link Memory} calls it on the
     * paths that hand out or take back memory, so a missing piece fails there, once per call, with
     * the same message.
     *
     * @throws UnsupportedOperationException naming the JDK, the missing piece and the flag or
     *                                       step that fixes it.
     */
    public void requireSupported()
    {
        if (null != unsupportedReason)
        {
            throw new UnsupportedOperationException(unsupportedReason);
        }
    }

    /**
     * Whether this JVM gives Hoarfrost everything it needs.
     *
     * @return true if {@link #requireSupported()} does not throw.
     */
    public boolean isSupported()
    {
        return null == unsupportedReason;
    }

    /**
     * Why Hoarfrost cannot run here: the JDK, the missing piece and the fix.
     *
     * @return the message {@link #requireSupported()} throws, or null if supported.
     */
    public String unsupportedReason()
    {
        return unsupportedReason;
    }

    /**
     * The Java feature release: 8 for Java 8 ({@code 1.8}), 25 for Java 25.
     *
     * @return the release, or 0 if {@code java.specification.version} is not a version.
     */
    public int javaVersion()
    {
        return javaVersion;
    }

    /**
     * The JDK as messages name it: release, vendor, VM, runtime version and {@code java.home}.
     *
     * @return a one-line description.
     */
    public String jdk()
    {
        return jdk;
    }

    /**
     * The size of a native address.
     *
     * @return bytes per address (8 on a supported JVM), or 0 if {@code Unsafe} could not tell.
     */
    public int addressSize()
    {
        return addressSize;
    }

    /**
     * The size of a memory page of the operating system.
     *
     * @return bytes per page, or 0 if {@code Unsafe} could not tell.
     */
    public int pageSize()
    {
        return pageSize;
    }

    /**
     * The native byte order, in which Hoarfrost stores every multi-byte field.
     *
     * @return {@link ByteOrder#LITTLE_ENDIAN} or {@link ByteOrder#BIG_ENDIAN}.
     */
    public ByteOrder byteOrder()
    {
        return byteOrder;
    }

    /**
     * A one-line summary for logs: the JDK, address size, page size, byte order and verdict.
     *
     * @return the summary.
     */
    @Override
    public String toString()
    {
        return jdk + ": " + addressSize + "-byte addresses, " + pageSize + "-byte pages, " + byteOrder +
            (null == unsupportedReason ? ", supported" : ", unsupported");
    }
}
