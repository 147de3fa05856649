package io.hoarfrost.memory.internal;

/**
 * The one bounds check of the library: overflow-safe index and range checks that name the
 * offending values in their exceptions.
 *
 * <p>Stateless and thread-safe. These checks are always on: they guard public entry points,
 * not inner loops.
 */
public final class Bounds
{
    private Bounds()
    {
    }

    /**
     * Checks that {@code 0 <= index < length}.
     *
     * @param index  the index to check.
     * @param length the number of valid indices.
     * @throws IndexOutOfBoundsException naming the index and the length if it is out of range.
     */
    public static void checkIndex(final long index, final long length)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException("index " + index + " out of range for length " + length);
        }
    }

    /**
     * Checks that {@code [offset, offset + length)} lies within {@code [0, capacity)}, without
     * overflowing.
     *
     * @param offset   start of the range.
     * @param length   length of the range.
     * @param capacity size of the region the range must fit in.
     * @throws IndexOutOfBoundsException naming all three values if it does not fit.
     */
    public static void checkRange(final long offset, final long length, final long capacity)
    {
        if ((offset | length | (capacity - offset - length)) < 0)
        {
            throw new IndexOutOfBoundsException(
                "range [offset " + offset + ", length " + length + "] out of bounds for capacity " + capacity);
        }
    }

    /**
     * Checks that a size is positive.
     *
     * @param size the size in bytes.
     * @return the size, for chaining.
     * @throws IllegalArgumentException naming the size if it is zero or negative.
     */
    public static long checkPositiveSize(final long size)
    {
        if (size <= 0)
        {
            throw new IllegalArgumentException("size " + size + " must be positive");
        }
        return size;
    }

    /**
     * Checks that a length is not negative.
     *
     * @param length the length in bytes or elements.
     * @return the length, for chaining.
     * @throws IllegalArgumentException naming the length if it is negative.
     */
    public static long checkNonNegative(final long length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("length " + length + " must not be negative");
        }
        return length;
    }

    /**
     * Checks the address of an 8-byte atomic cell inside a record (an array reference, a snapshot
     * cell).
     *
     * @param cellAddress the address.
     * @return the address.
     * @throws IllegalArgumentException naming the address if it is 0 or not a multiple of 8.
     */
    public static long checkCellAddress(final long cellAddress)
    {
        if (cellAddress == 0 || (cellAddress & 7) != 0)
        {
            throw new IllegalArgumentException(
                "cell address 0x" + Long.toHexString(cellAddress) + " is not a non-zero multiple of 8");
        }
        return cellAddress;
    }
}
