package io.hoarfrost.memory;

import io.hoarfrost.memory.BadInput.Fixture;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.hoarfrost.memory.BadInput.Kind.CLOSED;
import static io.hoarfrost.memory.BadInput.Kind.FOREIGN;
import static io.hoarfrost.memory.BadInput.Kind.NEGATIVE;
import static io.hoarfrost.memory.BadInput.Kind.NULL;
import static io.hoarfrost.memory.BadInput.Kind.TOO_LARGE;
import static io.hoarfrost.memory.BadInput.Kind.ZERO;

/**
 * The bad-input matrix of the raw layer: {@link Memory}'s allocation, free, copies, fills,
 * adoption of direct buffers and sub-word atomics, {@link NativeAllocator} and {@link Crc32c}.
 */
@RunWith(Parameterized.class)
public class MemoryBadInputTest
{
    private static final int SIZE = 64;

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Parameterized.Parameter
    public BadInput input;

    /**
     * The cases.
     *
     * @return every case of this package.
     */
    @Parameterized.Parameters(name = "{0}")
    public static List<BadInput> cases()
    {
        final List<BadInput> cases = new ArrayList<>();
        memory(cases);
        nativeAllocator(cases);
        crc32c(cases);
        return cases;
    }

    @Test
    public void throwsAsDocumentedAndChangesNothing()
    {
        input.run();
    }

    /** A live 64-byte block of sevens; "closed" frees it. */
    static final class Block
    {
        final long address = Memory.allocate(SIZE);
        boolean freed;

        Block()
        {
            Memory.fill(address, SIZE, (byte)7);
        }

        Object state()
        {
            if (freed)
            {
                return "freed";
            }
            long sum = 0;
            for (int i = 0; i < SIZE; i++)
            {
                sum = sum * 31 + Memory.getByte(address + i);
            }
            return sum;
        }

        Object close()
        {
            if (!freed)
            {
                freed = true;
                Memory.free(address);
            }
            return null;
        }
    }

    private static void memory(final List<BadInput> cases)
    {
        new Fixture<Block>(cases, "Memory", Block::new, Block::state, Block::close)
            .throwsOn("allocate(size, alignment)", NEGATIVE, "size -1", IllegalArgumentException.class, "size -1",
                b -> Memory.allocate(-1, 8))
            .throwsOn("allocate(size, alignment)", ZERO, "size 0", IllegalArgumentException.class, "size 0",
                b -> Memory.allocate(0, 8))
            .throwsOn("allocate(size, alignment)", ZERO, "alignment 0", IllegalArgumentException.class, "alignment 0",
                b -> Memory.allocate(8, 0))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "alignment 8192", IllegalArgumentException.class,
                "alignment 8192", b -> Memory.allocate(8, 8192))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "size Long.MAX_VALUE - 8, alignment 4096",
                IllegalArgumentException.class, String.valueOf(Long.MAX_VALUE - 8),
                b -> Memory.allocate(Long.MAX_VALUE - 8, 4096))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "size 2^62", OutOfMemoryError.class,
                String.valueOf(1L << 62), b -> Memory.allocate(1L << 62, 8))
            .throwsOn("free(address, alignment)", ZERO, "address 0", IllegalArgumentException.class, "address 0",
                b -> free(0, 8))
            .throwsOn("free(address, alignment)", ZERO, "alignment 0", IllegalArgumentException.class, "alignment 0",
                b -> free(b.address, 0))
            .throwsWhenChecked("free(address, alignment)", FOREIGN, "an address inside the block",
                IllegalStateException.class, "free of 0x",
                b -> free(b.address + 8, 8))
            .throwsWhenChecked("free(address, alignment)", TOO_LARGE, "alignment 64, allocated with 8",
                IllegalStateException.class, "with alignment 64", b -> free(b.address, 64))
            .throwsWhenChecked("free(address, alignment)", CLOSED, "a freed block (double free)", IllegalStateException.class,
                "double free", b -> free(b.address, 8))
            .throwsOn("copy(src, dst, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                b ->
                {
                    Memory.copy(b.address, b.address + 8, -1);
                    return null;
                })
            .throwsOn("copy(byte[], offset, dst, length)", NEGATIVE, "offset -1", IndexOutOfBoundsException.class,
                "offset -1", b ->
                {
                    Memory.copy(new byte[8], -1, b.address, 4);
                    return null;
                })
            .throwsOn("copy(byte[], offset, dst, length)", TOO_LARGE, "range past the array", IndexOutOfBoundsException.class,
                "length 9", b ->
                {
                    Memory.copy(new byte[8], 0, b.address, 9);
                    return null;
                })
            .throwsOn("copy(byte[], offset, dst, length)", NULL, "array null", NullPointerException.class, null, b ->
            {
                Memory.copy((byte[])null, 0, b.address, 4);
                return null;
            })
            .throwsOn("copy(src, byte[], offset, length)", NEGATIVE, "length -4", IndexOutOfBoundsException.class,
                "length -4", b ->
                {
                    Memory.copy(b.address, new byte[8], 0, -4);
                    return null;
                })
            .throwsOn("copy(src, byte[], offset, length)", TOO_LARGE, "offset 6, length 4 of 8",
                IndexOutOfBoundsException.class, "offset 6", b ->
                {
                    Memory.copy(b.address, new byte[8], 6, 4);
                    return null;
                })
            .throwsOn("copy(DirectBuffer, index, dst, length)", TOO_LARGE, "range past the buffer",
                IndexOutOfBoundsException.class, "capacity 8", b ->
                {
                    Memory.copy(new UnsafeBuffer(new byte[8]), 4, b.address, 5);
                    return null;
                })
            .throwsOn("fill(address, length, value)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                b ->
                {
                    Memory.fill(b.address, -1, (byte)0);
                    return null;
                })
            .throwsOn("adopt(ByteBuffer)", FOREIGN, "a heap buffer", IllegalArgumentException.class, "heap ByteBuffer",
                b -> Memory.adopt(ByteBuffer.allocate(8)))
            .throwsOn("adopt(ByteBuffer)", FOREIGN, "a slice of a direct buffer", IllegalArgumentException.class,
                "does not own its memory", b -> Memory.adopt(ByteBuffer.allocateDirect(16).slice()))
            .throwsOn("adopt(ByteBuffer)", FOREIGN, "a read-only direct buffer", IllegalArgumentException.class, "read-only",
                b -> Memory.adopt(ByteBuffer.allocateDirect(16).asReadOnlyBuffer()))
            .throwsOn("adopt(ByteBuffer)", NULL, "null", NullPointerException.class, null, b -> Memory.adopt(null))
            .throwsWhenChecked("releaseAdopted(ByteBuffer)", FOREIGN, "a buffer never adopted", IllegalStateException.class,
                "free of 0x", b ->
                {
                    Memory.releaseAdopted(ByteBuffer.allocateDirect(16));
                    return null;
                });
    }

    private static Object free(final long address, final int alignment)
    {
        Memory.free(address, alignment);
        return null;
    }

    private static void nativeAllocator(final List<BadInput> cases)
    {
        new Fixture<Block>(cases, "SubWordAtomics", Block::new, Block::state, Block::close)
            .throwsOn("compareAndSetShort(address, expected, update)", FOREIGN, "an odd address", IllegalArgumentException.class,
                "not 2-byte aligned", b -> SubWordAtomics.compareAndSetShort(b.address + 1, (short)0, (short)1))
            .throwsOn("getAndAddShort(address, delta)", FOREIGN, "an odd address", IllegalArgumentException.class,
                "not 2-byte aligned", b -> SubWordAtomics.getAndAddShort(b.address + 3, (short)1));
        new Fixture<Block>(cases, "NativeAllocator", Block::new, Block::state, Block::close)
            .throwsOn("allocate(size, alignment)", NEGATIVE, "size -8", IllegalArgumentException.class, "size -8",
                b -> NativeAllocator.INSTANCE.allocate(-8, 8))
            .throwsOn("allocate(size, alignment)", ZERO, "size 0", IllegalArgumentException.class, "size 0",
                b -> NativeAllocator.INSTANCE.allocate(0, 8))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "alignment 8192", IllegalArgumentException.class,
                "alignment 8192", b -> NativeAllocator.INSTANCE.allocate(8, 8192))
            .throwsOn("free(address, size, alignment)", ZERO, "address 0", IllegalArgumentException.class, "address 0",
                b ->
                {
                    NativeAllocator.INSTANCE.free(0, 8, 8);
                    return null;
                })
            .throwsWhenChecked("free(address, size, alignment)", CLOSED, "a freed block (double free)",
                IllegalStateException.class, "double free", b ->
                {
                    NativeAllocator.INSTANCE.free(b.address, SIZE, 8);
                    return null;
                })
            .throwsWhenChecked("free(address, size, alignment)", FOREIGN, "an address never allocated",
                IllegalStateException.class, "free of 0x", b ->
                {
                    NativeAllocator.INSTANCE.free(b.address + 1, SIZE, 8);   // odd: never a block start
                    return null;
                });
    }

    private static void crc32c(final List<BadInput> cases)
    {
        new Fixture<Block>(cases, "Crc32c", Block::new, Block::state, Block::close)
            .throwsOn("compute(address, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                b -> Crc32c.compute(b.address, -1))
            .throwsOn("compute(address, length)", ZERO, "address 0, length 8", IllegalArgumentException.class,
                "address 0 with length 8", b -> Crc32c.compute(0, 8))
            .throwsOn("update(crc, address, length)", NEGATIVE, "length -8", IllegalArgumentException.class, "length -8",
                b -> Crc32c.update(1, b.address, -8))
            .throwsOn("compute(DirectBuffer, index, length)", NEGATIVE, "index -1", IndexOutOfBoundsException.class,
                "offset -1", b -> Crc32c.compute(new UnsafeBuffer(b.address, SIZE), -1, 4))
            .throwsOn("compute(DirectBuffer, index, length)", TOO_LARGE, "range past the buffer",
                IndexOutOfBoundsException.class, "capacity 8", b -> Crc32c.compute(new UnsafeBuffer(new byte[8]), 4, 5))
            .throwsOn("compute(DirectBuffer, index, length)", NULL, "buffer null", NullPointerException.class, null,
                b -> Crc32c.compute(null, 0, 4));
    }
}
