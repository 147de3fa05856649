package io.hoarfrost.bench.report;

/**
 * One representation's memory at one string count, from the footprint scaling: bytes per string
 * (value, length and handle or reference) and heap objects per string.
 *
 * <p>Representations are named as the SlimBox benchmark's impls: {@value #HOARFROST},
 * {@value #STRING}, {@value #BYTE_ARRAY}, {@value #UNSAFE}. Immutable.
 */
public final class FootprintPoint
{
    /** U8 slim boxes in one {@code BumpArena}, with 8-byte packed handles in an off-heap index. */
    public static final String HOARFROST = "hoarfrost";

    /** {@code String}s in a {@code String[]}. */
    public static final String STRING = "string";

    /** {@code byte[]} copies in a {@code byte[][]}. */
    public static final String BYTE_ARRAY = "byteArray";

    /** Hand-packed {@code [u16 length | bytes]} with an {@code int} offset index. */
    public static final String UNSAFE = "unsafe";

    private final String impl;
    private final int count;
    private final double bytesPerString;
    private final double objectsPerString;
    private final double heapAllocatedPerString;

    /**
     * Creates a point.
     *
     * @param impl                   the representation, e.g. {@value #HOARFROST}.
     * @param count                  how many strings were stored.
     * @param bytesPerString         memory per string, heap and native, handle or reference included.
     * @param objectsPerString       live heap objects added per string, or NaN if not counted.
     * @param heapAllocatedPerString heap bytes allocated per string while storing, or NaN if not
     *                               measured (only Hoarfrost's is).
     * @throws IllegalArgumentException if the impl is empty or the count is not positive.
     */
    public FootprintPoint(
        final String impl,
        final int count,
        final double bytesPerString,
        final double objectsPerString,
        final double heapAllocatedPerString)
    {
        if (null == impl || impl.isEmpty() || count < 1)
        {
            throw new IllegalArgumentException("a footprint point needs an impl and a positive count, had '" + impl +
                "' and " + count);
        }
        this.impl = impl;
        this.count = count;
        this.bytesPerString = bytesPerString;
        this.objectsPerString = objectsPerString;
        this.heapAllocatedPerString = heapAllocatedPerString;
    }

    /**
     * The representation.
     *
     * @return its name, e.g. {@value #HOARFROST}.
     */
    public String impl()
    {
        return impl;
    }

    /**
     * How many strings were stored.
     *
     * @return the count.
     */
    public int count()
    {
        return count;
    }

    /**
     * Memory per string: heap growth after GC, arena or raw bytes, plus the handle, reference or
     * offset that finds the string.
     *
     * @return bytes.
     */
    public double bytesPerString()
    {
        return bytesPerString;
    }

    /**
     * Live heap objects the representation added, per string (class histogram difference).
     *
     * @return objects, or NaN if not counted.
     */
    public double objectsPerString()
    {
        return objectsPerString;
    }

    /**
     * Heap bytes allocated per string while storing (the thread's allocation counter).
     *
     * @return bytes, or NaN if not measured.
     */
    public double heapAllocatedPerString()
    {
        return heapAllocatedPerString;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return impl + " x " + count + ": " + bytesPerString + " B, " + objectsPerString + " objects per string";
    }
}
