package io.hoarfrost.bench.report;

/**
 * One representation's memory at one string count, from the footprint scaling. Representations are
 * named as the SlimBox benchmark's impls. Immutable.
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

    /** The representation, e.g. {@value #HOARFROST}. */
    public final String impl;
    /** How many strings were stored. */
    public final int count;
    /** Memory per string, heap and native, the handle, reference or offset that finds it included. */
    public final double bytesPerString;
    /** Live heap objects added per string (class histogram difference), or NaN if not counted. */
    public final double objectsPerString;
    /** Heap bytes allocated per string while storing, or NaN if not measured (only Hoarfrost's is). */
    public final double heapAllocatedPerString;

    /**
     * Creates a point.
     *
     * @param impl                   the representation, e.g. {@value #HOARFROST}.
     * @param count                  how many strings were stored.
     * @param bytesPerString         memory per string.
     * @param objectsPerString       live heap objects added per string, or NaN.
     * @param heapAllocatedPerString heap bytes allocated per string while storing, or NaN.
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
}
