package io.hoarfrost.array;

import io.hoarfrost.memory.Alignment;
import io.hoarfrost.memory.RecordFlyweight;

import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_CHAR;
import static org.agrona.BitUtil.SIZE_OF_DOUBLE;
import static org.agrona.BitUtil.SIZE_OF_FLOAT;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * The type of an array's elements: a Java primitive, or a fixed-size record read and written
 * through a {@link RecordFlyweight}. Fixes the element's size (the stride between elements) and its
 * alignment, and how {@code toString} prints it.
 *
 * <p>Element access is by width: {@code getLong}/{@code putLong} work on any 8-byte element
 * ({@link #LONG}, {@link #DOUBLE} or an 8-byte record), {@code getInt} on any 4-byte one, and so
 * on, as Agrona's buffers read any bytes as any primitive. Equality of arrays also compares element
 * types: an array of {@link #INT} never equals an array of {@link #FLOAT}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ElementType
{
    /** 1-byte {@code byte} elements. */
    public static final ElementType BYTE = new ElementType("byte", SIZE_OF_BYTE, SIZE_OF_BYTE);
    /** 2-byte {@code short} elements. */
    public static final ElementType SHORT = new ElementType("short", SIZE_OF_SHORT, SIZE_OF_SHORT);
    /** 2-byte {@code char} elements. */
    public static final ElementType CHAR = new ElementType("char", SIZE_OF_CHAR, SIZE_OF_CHAR);
    /** 4-byte {@code int} elements. */
    public static final ElementType INT = new ElementType("int", SIZE_OF_INT, SIZE_OF_INT);
    /** 4-byte {@code float} elements. */
    public static final ElementType FLOAT = new ElementType("float", SIZE_OF_FLOAT, SIZE_OF_FLOAT);
    /** 8-byte {@code long} elements. */
    public static final ElementType LONG = new ElementType("long", SIZE_OF_LONG, SIZE_OF_LONG);
    /** 8-byte {@code double} elements. */
    public static final ElementType DOUBLE = new ElementType("double", SIZE_OF_DOUBLE, SIZE_OF_DOUBLE);

    private static final String RECORD = "record";

    private final String name;
    private final int size;
    private final int alignment;

    private ElementType(final String name, final int size, final int alignment)
    {
        this.name = name;
        this.size = size;
        this.alignment = alignment;
    }

    /**
     * Fixed-size records of {@code size} bytes, each starting at a multiple of {@code alignment}.
     *
     * @param size      bytes per record: positive and a multiple of {@code alignment}, as a C
     *                  struct's size is a multiple of its alignment.
     * @param alignment a power of two from 1 to 4096.
     * @return the record type; records of equal size and alignment are the same type.
     * @throws IllegalArgumentException naming the value if the size is not positive, the
     *                                  alignment is invalid, or the size is not a multiple of it.
     */
    public static ElementType record(final int size, final int alignment)
    {
        if (size <= 0)
        {
            throw new IllegalArgumentException("record size " + size + " must be positive");
        }
        Alignment.check(alignment);
        if (!Alignment.isAligned(size, alignment))
        {
            throw new IllegalArgumentException(
                "record size " + size + " is not a multiple of its alignment " + alignment);
        }
        return new ElementType(RECORD, size, alignment);
    }

    /**
     * Bytes per element: the stride between consecutive elements.
     *
     * @return the size, positive.
     */
    public int size()
    {
        return size;
    }

    /**
     * The alignment of each element within the block.
     *
     * @return a power of two.
     */
    public int alignment()
    {
        return alignment;
    }

    /**
     * Whether the elements are records rather than primitives.
     *
     * @return true for types made by {@link #record(int, int)}.
     */
    public boolean isRecord()
    {
        return RECORD.equals(name);
    }

    /**
     * Equal when both are the same primitive, or records of the same size and alignment.
     *
     * @param other any object.
     * @return whether {@code other} is the same element type.
     */
    @Override
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof ElementType))
        {
            return false;
        }
        final ElementType that = (ElementType)other;
        return name.equals(that.name) && size == that.size && alignment == that.alignment;
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode()
    {
        return (name.hashCode() * 31 + size) * 31 + alignment;
    }

    /**
     * The Java name of a primitive ({@code "long"}), or {@code "record(size, alignment)"}.
     *
     * @return the type's name.
     */
    @Override
    public String toString()
    {
        return isRecord() ? RECORD + "(" + size + ", " + alignment + ")" : name;
    }
}
