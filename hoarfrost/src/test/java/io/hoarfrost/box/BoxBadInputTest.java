package io.hoarfrost.box;

import io.hoarfrost.memory.BadInput;
import io.hoarfrost.memory.BadInput.Fixture;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NativeAllocator;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.hoarfrost.memory.BadInput.Kind.CLOSED;
import static io.hoarfrost.memory.BadInput.Kind.FOREIGN;
import static io.hoarfrost.memory.BadInput.Kind.NEGATIVE;
import static io.hoarfrost.memory.BadInput.Kind.NULL;
import static io.hoarfrost.memory.BadInput.Kind.TOO_LARGE;
import static io.hoarfrost.memory.BadInput.Kind.ZERO;

/**
 * The bad-input matrix of the boxes: {@link Flake}, {@link SlimBox}, {@link SlimHandle} and
 * {@link LengthWidth}.
 */
@RunWith(Parameterized.class)
public class BoxBadInputTest
{
    private static final String CLOSED_FLAKE = "on a closed Flake";

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
        flake(cases);
        slimBox(cases);
        slimHandle(cases);
        return cases;
    }

    @Test
    public void throwsAsDocumentedAndChangesNothing()
    {
        input.run();
    }

    private static Object flakeState(final Flake flake)
    {
        return flake.isClosed() ? "closed" : flake.toString();
    }

    private static Object close(final AutoCloseable closeable) throws Exception
    {
        closeable.close();
        return null;
    }

    private static void flake(final List<BadInput> cases)
    {
        new Fixture<Flake>(cases, "Flake", () -> Flake.copyOf("hello"), BoxBadInputTest::flakeState, BoxBadInputTest::close)
            .throwsOn("copyOf(byte[], offset, length)", NEGATIVE, "offset -1", IndexOutOfBoundsException.class, "offset -1",
                f -> Flake.copyOf(new byte[4], -1, 2))
            .throwsOn("copyOf(byte[], offset, length)", NEGATIVE, "length -1", IndexOutOfBoundsException.class, "length -1",
                f -> Flake.copyOf(new byte[4], 0, -1))
            .throwsOn("copyOf(byte[], offset, length)", TOO_LARGE, "length 5 of 4", IndexOutOfBoundsException.class,
                "length 5", f -> Flake.copyOf(new byte[4], 0, 5))
            .throwsOn("copyOf(byte[])", NULL, "null", NullPointerException.class, null, f -> Flake.copyOf((byte[])null))
            .throwsOn("copyOf(allocator, byte[])", NULL, "allocator null", NullPointerException.class, "allocator",
                f -> Flake.copyOf(null, new byte[4]))
            .throwsOn("copyOf(DirectBuffer, offset, length)", TOO_LARGE, "range past the buffer",
                IndexOutOfBoundsException.class, "offset 3", f -> Flake.copyOf(new UnsafeBuffer(new byte[4]), 3, 2))
            .throwsOn("allocate(length, writer)", NEGATIVE, "length -1", IllegalArgumentException.class, "-1",
                f -> Flake.allocate(-1, buffer -> buffer.putByte(0, (byte)1)))
            .throwsOn("allocate(length, writer)", NULL, "writer null", NullPointerException.class, "writer",
                f -> Flake.allocate(4, null))
            .throwsOn("adopt(ByteBuffer)", FOREIGN, "a heap buffer", IllegalArgumentException.class, "heap ByteBuffer",
                f -> Flake.adopt(ByteBuffer.allocate(8)))
            .throwsOn("fromRaw(address, length)", ZERO, "address 0, length 4", IllegalArgumentException.class, "address 0",
                f -> Flake.fromRaw(0, 4))
            .throwsOn("fromRaw(address, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "-1",
                f -> Flake.fromRaw(f.address(), -1))
            .throwsOn("fromRaw(address, length)", FOREIGN, "an address off its alignment", IllegalArgumentException.class,
                "is not a multiple of its alignment 8", f -> Flake.fromRaw(f.address() + 1, 2))
            .throwsWhenChecked("fromRaw(address, length)", FOREIGN, "an address inside a block", IllegalStateException.class,
                "is not a live native block", f -> Flake.fromRaw(f.address() + 8, 2))
            .throwsOn("address()", CLOSED, "closed Flake", IllegalStateException.class, CLOSED_FLAKE, Flake::address)
            .throwsOn("buffer()", CLOSED, "closed Flake", IllegalStateException.class, CLOSED_FLAKE, Flake::buffer)
            .throwsOn("toByteArray()", CLOSED, "closed Flake", IllegalStateException.class, CLOSED_FLAKE, Flake::toByteArray)
            .throwsOn("intoRaw()", CLOSED, "closed Flake", IllegalStateException.class, CLOSED_FLAKE, Flake::intoRaw)
            .throwsOn("copy()", CLOSED, "closed Flake", IllegalStateException.class, CLOSED_FLAKE, Flake::copy)
            .throwsOn("equals(Object)", CLOSED, "closed Flake", IllegalStateException.class, CLOSED_FLAKE,
                f -> f.equals(Flake.copyOf(new byte[0])))
            .throwsOn("compareTo(Flake)", CLOSED, "closed Flake", IllegalStateException.class, CLOSED_FLAKE,
                f -> f.compareTo(f))
            .throwsOn("refEquals(Flake)", CLOSED, "closed Flake", IllegalStateException.class, CLOSED_FLAKE,
                f -> f.refEquals(f))
            .throwsOn("copyOf(CharSequence)", TOO_LARGE, "text that grows while it is copied", IllegalStateException.class,
                "no longer encodes to the 3 bytes", f -> Flake.copyOf(new GrowingText()))
            .returns("close()", CLOSED, "closed Flake (idempotent)", null, BoxBadInputTest::close);
    }

    private static void slimBox(final List<BadInput> cases)
    {
        new Fixture<SlimBox>(cases, "SlimBox", () -> SlimBox.copyOf(LengthWidth.U8, "hello"),
            box -> box.isClosed() ? "closed" : box.toString(), BoxBadInputTest::close)
            .throwsOn("copyOf(width, byte[])", TOO_LARGE, "256 bytes in U8", IllegalArgumentException.class, "length 256",
                box -> SlimBox.copyOf(LengthWidth.U8, new byte[256]))
            .throwsOn("copyOf(width, CharSequence)", TOO_LARGE, "65,536 bytes in U16", IllegalArgumentException.class,
                "length 65536", box -> SlimBox.copyOf(LengthWidth.U16, text(65_536)))
            .throwsOn("copyOf(width, CharSequence)", TOO_LARGE, "text that grows while it is copied",
                IllegalStateException.class, "no longer encodes to the 3 bytes",
                box -> SlimBox.copyOf(LengthWidth.U8, new GrowingText()))
            .throwsOn("fromRaw(address, length, width)", TOO_LARGE, "300 bytes in U8", IllegalArgumentException.class,
                "length 300", box -> SlimBox.fromRaw(box.address(), 300, LengthWidth.U8))
            .throwsOn("fromRaw(address, length, width)", NEGATIVE, "length -1", IllegalArgumentException.class, "-1",
                box -> SlimBox.fromRaw(box.address(), -1, LengthWidth.U8))
            .throwsOn("fromRaw(address, length, width)", ZERO, "address 0, length 4", IllegalArgumentException.class,
                "address 0", box -> SlimBox.fromRaw(0, 4, LengthWidth.U8))
            .throwsOn("copyOf(allocator, width, byte[], offset, length)", NEGATIVE, "offset -1",
                IndexOutOfBoundsException.class, "offset -1",
                box -> SlimBox.copyOf(NativeAllocator.INSTANCE, LengthWidth.U8, new byte[4], -1, 1))
            .throwsOn("copyOf(allocator, width, byte[], offset, length)", NULL, "allocator null", NullPointerException.class,
                "allocator", box -> SlimBox.copyOf(null, LengthWidth.U8, new byte[4], 0, 4))
            .throwsOn("copyOf(width, DirectBuffer, offset, length)", TOO_LARGE, "range past the buffer",
                IndexOutOfBoundsException.class, "length 5",
                box -> SlimBox.copyOf(LengthWidth.U8, new UnsafeBuffer(new byte[4]), 0, 5))
            .throwsOn("intoRecord(buffer, offset)", NEGATIVE, "offset -1", IndexOutOfBoundsException.class, "offset -1", box ->
            {
                box.intoRecord(new UnsafeBuffer(new byte[16]), -1);
                return null;
            })
            .throwsOn("intoRecord(buffer, offset)", TOO_LARGE, "offset 8 of 16 (9 bytes needed)", IndexOutOfBoundsException.class,
                "offset 8", box ->
                {
                    box.intoRecord(new UnsafeBuffer(new byte[16]), 8);
                    return null;
                })
            .throwsOn("fromRecord(buffer, offset, width)", TOO_LARGE, "offset past the buffer", IndexOutOfBoundsException.class,
                "offset 12", box -> SlimBox.fromRecord(new UnsafeBuffer(new byte[16]), 12, LengthWidth.U64))
            .throwsOn("fromPacked(handle, width)", ZERO, "handle 0 (none)", IllegalArgumentException.class, "packed handle 0",
                box -> SlimBox.fromPacked(SlimHandle.NONE, LengthWidth.U8))
            .throwsOn("fromRelative(allocator, base, handle, width)", ZERO, "handle 0 (none)", IllegalArgumentException.class,
                "relative handle 0", box -> SlimBox.fromRelative(NativeAllocator.INSTANCE, 0, SlimHandle.NONE, LengthWidth.U8))
            .throwsOn("intoRelative(base)", TOO_LARGE, "base 4 GiB below", IllegalArgumentException.class, "offset " + (1L << 32),
                box -> box.intoRelative(box.address() - (1L << 32)))
            .throwsOn("intoRelative(base)", NEGATIVE, "base above the value", IllegalArgumentException.class, "offset -8",
                box -> box.intoRelative(box.address() + 8))
            .throwsOn("fromFlake(flake, width)", TOO_LARGE, "a 256-byte Flake in U8", IllegalArgumentException.class,
                "length 256", box ->
                {
                    try (Flake flake = Flake.copyOf(new byte[256]))
                    {
                        return SlimBox.fromFlake(flake, LengthWidth.U8);
                    }
                })
            .throwsOn("fromFlake(flake, width)", CLOSED, "a closed Flake", IllegalStateException.class, CLOSED_FLAKE, box ->
            {
                final Flake flake = Flake.copyOf(new byte[4]);
                flake.close();
                return SlimBox.fromFlake(flake, LengthWidth.U8);
            })
            .throwsOn("address()", CLOSED, "closed box", IllegalStateException.class, CLOSED_FLAKE, SlimBox::address)
            .throwsOn("toByteArray()", CLOSED, "closed box", IllegalStateException.class, CLOSED_FLAKE, SlimBox::toByteArray)
            .throwsOn("intoRecord(buffer, offset)", CLOSED, "closed box", IllegalStateException.class, CLOSED_FLAKE, box ->
            {
                box.intoRecord(new UnsafeBuffer(new byte[16]), 0);
                return null;
            })
            .throwsOn("intoPacked()", CLOSED, "closed box", IllegalStateException.class, CLOSED_FLAKE, SlimBox::intoPacked)
            .throwsOn("intoRaw()", CLOSED, "closed box", IllegalStateException.class, CLOSED_FLAKE, SlimBox::intoRaw)
            .throwsOn("copy()", CLOSED, "closed box", IllegalStateException.class, CLOSED_FLAKE, SlimBox::copy)
            .throwsOn("intoRelative(base)", CLOSED, "closed box", IllegalStateException.class, CLOSED_FLAKE,
                box -> box.intoRelative(0))
            .throwsOn("intoFlake()", CLOSED, "closed box", IllegalStateException.class, CLOSED_FLAKE, SlimBox::intoFlake)
            .returns("close()", CLOSED, "closed box (idempotent)", null, BoxBadInputTest::close);
    }

    /** A native block of 16 bytes for the handle functions; "closed" frees it. */
    static final class Value
    {
        final long address = Memory.allocate(16);
        boolean freed;

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

    private static void slimHandle(final List<BadInput> cases)
    {
        new Fixture<Value>(cases, "SlimHandle", Value::new, v -> v.freed, Value::close)
            .throwsOn("pack(address, length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                v -> SlimHandle.pack(v.address, -1))
            .throwsOn("pack(address, length)", TOO_LARGE, "length 65536", IllegalArgumentException.class, "length 65536",
                v -> SlimHandle.pack(v.address, 65_536))
            .throwsOn("pack(address, length)", TOO_LARGE, "address 2^48", IllegalArgumentException.class,
                "address 0x1000000000000", v -> SlimHandle.pack(1L << 48, 4))
            .throwsOn("pack(address, length)", ZERO, "address 0, length 4", IllegalArgumentException.class, "address 0",
                v -> SlimHandle.pack(0, 4))
            .throwsOn("copyPacked(allocator, CharSequence)", TOO_LARGE, "65,536 bytes", IllegalArgumentException.class,
                "length 65536", v -> SlimHandle.copyPacked(NativeAllocator.INSTANCE, text(65_536)))
            .throwsOn("copyPacked(allocator, CharSequence)", TOO_LARGE, "text that grows while it is copied",
                IllegalStateException.class, "no longer encodes to the 3 bytes",
                v -> SlimHandle.copyPacked(NativeAllocator.INSTANCE, new GrowingText()))
            .throwsOn("copyPacked(allocator, DirectBuffer, offset, length)", NEGATIVE, "length -1",
                IndexOutOfBoundsException.class, "length -1",
                v -> SlimHandle.copyPacked(NativeAllocator.INSTANCE, new UnsafeBuffer(new byte[4]), 0, -1))
            .throwsOn("packRelative(base, address, length)", NEGATIVE, "length -1", IllegalArgumentException.class,
                "length -1", v -> SlimHandle.packRelative(v.address, v.address, -1))
            .throwsOn("packRelative(base, address, length)", TOO_LARGE, "length 2^32", IllegalArgumentException.class,
                "length " + (1L << 32), v -> SlimHandle.packRelative(v.address, v.address, 1L << 32))
            .throwsOn("packRelative(base, address, length)", NEGATIVE, "address below the base", IllegalArgumentException.class,
                "offset -8", v -> SlimHandle.packRelative(v.address + 8, v.address, 4))
            .throwsOn("writeRecord(buffer, offset, width, address, length)", TOO_LARGE, "length 256 in U8",
                IllegalArgumentException.class, "length 256", v ->
                {
                    SlimHandle.writeRecord(new UnsafeBuffer(new byte[16]), 0, LengthWidth.U8, v.address, 256);
                    return null;
                })
            .throwsOn("LengthWidth.checkLength(length)", NEGATIVE, "length -1", IllegalArgumentException.class, "length -1",
                v -> LengthWidth.U64.checkLength(-1))
            .throwsOn("LengthWidth.checkLength(length)", TOO_LARGE, "length 2^31 in U64", IllegalArgumentException.class,
                "length " + (1L << 31), v -> LengthWidth.U64.checkLength(1L << 31));
    }

    /** Three characters when measured, four when encoded: a text changed by another thread. */
    static final class GrowingText implements CharSequence
    {
        private int lengthCalls;

        @Override
        public int length()
        {
            return ++lengthCalls == 1 ? 3 : 4;
        }

        @Override
        public char charAt(final int index)
        {
            return 'x';
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toString()
        {
            return "xxx";
        }
    }

    private static String text(final int length)
    {
        final char[] chars = new char[length];
        Arrays.fill(chars, 'x');
        return new String(chars);
    }
}
