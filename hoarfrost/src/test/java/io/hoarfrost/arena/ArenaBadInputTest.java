package io.hoarfrost.arena;

import io.hoarfrost.memory.BadInput;
import io.hoarfrost.memory.BadInput.Fixture;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.NoLeaks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.hoarfrost.memory.BadInput.Kind.CLOSED;
import static io.hoarfrost.memory.BadInput.Kind.FOREIGN;
import static io.hoarfrost.memory.BadInput.Kind.IN_USE;
import static io.hoarfrost.memory.BadInput.Kind.NEGATIVE;
import static io.hoarfrost.memory.BadInput.Kind.NULL;
import static io.hoarfrost.memory.BadInput.Kind.TOO_LARGE;
import static io.hoarfrost.memory.BadInput.Kind.ZERO;

/**
 * The bad-input matrix of the arenas: every public entry point of {@link BumpArena},
 * {@link TypedArena}, {@link LazyArena}, {@link MappedArena} and {@link MappedArenaReader} with
 * negative, zero and too-large sizes, indexes and alignments, null, a closed arena, an address
 * that is not the arena's, and a second thread.
 */
@RunWith(Parameterized.class)
public class ArenaBadInputTest
{
    private static final String CLOSED_ARENA = "used after close";

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
        bumpArena(cases);
        typedArena(cases);
        lazyArena(cases);
        mappedArena(cases);
        mappedArenaReader(cases);
        return cases;
    }

    @Test
    public void throwsAsDocumentedAndChangesNothing()
    {
        input.run();
    }

    private static String arenaState(final Arena arena)
    {
        return arena.isClosed() ? "closed" : "used " + arena.used() + ", remaining " + arena.remaining();
    }

    private static void bumpArena(final List<BadInput> cases)
    {
        new Fixture<BumpArena>(cases, "BumpArena", () ->
        {
            final BumpArena arena = new BumpArena(64);
            Memory.fill(arena.allocate(16, 8), 16, (byte)7);
            return arena;
        }, ArenaBadInputTest::arenaState, arena ->
        {
            arena.close();
            return null;
        })
            .throwsOn("new BumpArena(capacity)", NEGATIVE, "capacity -1", IllegalArgumentException.class, "-1",
                arena -> new BumpArena(-1))
            .throwsOn("new BumpArena(capacity)", TOO_LARGE, "capacity Long.MAX_VALUE", OutOfMemoryError.class,
                String.valueOf(Long.MAX_VALUE), arena -> new BumpArena(Long.MAX_VALUE))
            .throwsOn("allocate(size, alignment)", NEGATIVE, "size -1", IllegalArgumentException.class, "-1",
                arena -> arena.allocate(-1, 8))
            .throwsOn("allocate(size, alignment)", NEGATIVE, "alignment -8", IllegalArgumentException.class, "alignment -8",
                arena -> arena.allocate(8, -8))
            .throwsOn("allocate(size, alignment)", ZERO, "alignment 0", IllegalArgumentException.class, "alignment 0",
                arena -> arena.allocate(8, 0))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "alignment 8192", IllegalArgumentException.class,
                "alignment 8192", arena -> arena.allocate(8, 8192))
            .returns("allocate(size, alignment)", TOO_LARGE, "size 49 of 48 left", 0L, arena -> arena.allocate(49, 1))
            .returns("allocate(size, alignment)", TOO_LARGE, "size Long.MAX_VALUE", 0L,
                arena -> arena.allocate(Long.MAX_VALUE, 4096))
            .throwsWhenChecked("allocate(size, alignment)", CLOSED, "closed arena", IllegalStateException.class,
                CLOSED_ARENA, arena -> arena.allocate(8, 8))
            .returnsWhenUnchecked("allocate(size, alignment)", CLOSED, "closed arena", 0L, arena -> arena.allocate(8, 8))
            .throwsWhenChecked("used()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA, BumpArena::used)
            .throwsWhenChecked("remaining()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA,
                BumpArena::remaining)
            .throwsWhenChecked("reset()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA, arena ->
            {
                arena.reset();
                return null;
            })
            .returns("close()", CLOSED, "closed arena (idempotent)", null, arena ->
            {
                arena.close();
                return null;
            })
            .confined("allocate(size, alignment)", arena -> arena.allocate(8, 8))
            .confined("used()", BumpArena::used)
            .confined("remaining()", BumpArena::remaining)
            .confined("reset()", arena ->
            {
                arena.reset();
                return null;
            })
            .confined("close()", arena ->
            {
                arena.close();
                return null;
            });
    }

    private static void typedArena(final List<BadInput> cases)
    {
        new Fixture<TypedArena<LongRecord>>(cases, "TypedArena", () ->
        {
            final TypedArena<LongRecord> arena = new TypedArena<>(1, LongRecord.LENGTH, 8, new LongRecord());
            arena.wrap(arena.allocate()).value(42);
            return arena;
        }, arena -> arena.isClosed() ? "closed" : "size " + arena.size() + ", record " + arena.wrap(arena.address(0)).value(),
            arena ->
            {
                arena.close();
                return null;
            })
            .throwsOn("new TypedArena(capacity, recordSize, recordAlignment, flyweight)", NEGATIVE, "capacity -1",
                IllegalArgumentException.class, "-1", arena -> new TypedArena<>(-1, 8, 8, new LongRecord()))
            .throwsOn("new TypedArena(capacity, recordSize, recordAlignment, flyweight)", NEGATIVE, "record size -8",
                IllegalArgumentException.class, "-8", arena -> new TypedArena<>(1, -8, 8, new LongRecord()))
            .throwsOn("new TypedArena(capacity, recordSize, recordAlignment, flyweight)", ZERO, "alignment 0",
                IllegalArgumentException.class, "alignment 0", arena -> new TypedArena<>(1, 8, 0, new LongRecord()))
            .throwsOn("new TypedArena(capacity, recordSize, recordAlignment, flyweight)", TOO_LARGE, "alignment 8192",
                IllegalArgumentException.class, "alignment 8192", arena -> new TypedArena<>(1, 8, 8192, new LongRecord()))
            .throwsOn("new TypedArena(capacity, recordSize, recordAlignment, flyweight)", NULL, "flyweight null",
                NullPointerException.class, "flyweight", arena -> new TypedArena<LongRecord>(1, 8, 8, null))
            .returns("allocate()", TOO_LARGE, "full: 1 of 1 live", 0L, TypedArena::allocate)
            .throwsOn("allocate(size, alignment)", NEGATIVE, "size -1", IllegalArgumentException.class, "-1",
                arena -> arena.allocate(-1, 8))
            .throwsOn("allocate(size, alignment)", ZERO, "alignment 0", IllegalArgumentException.class, "alignment 0",
                arena -> arena.allocate(8, 0))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "size 9 > record size 8", IllegalArgumentException.class,
                "size 9", arena -> arena.allocate(9, 8))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "alignment 16 > 8", IllegalArgumentException.class,
                "alignment 16", arena -> arena.allocate(8, 16))
            .throwsOn("address(index)", NEGATIVE, "index -1", IndexOutOfBoundsException.class, "index -1",
                arena -> arena.address(-1))
            .throwsOn("address(index)", TOO_LARGE, "index 1 of 1", IndexOutOfBoundsException.class, "index 1",
                arena -> arena.address(1))
            .throwsWhenChecked("allocate()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA,
                TypedArena::allocate)
            .returnsWhenUnchecked("allocate()", CLOSED, "closed arena", 0L, TypedArena::allocate)
            .throwsWhenChecked("wrap(address)", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA,
                arena -> arena.wrap(8))
            .throwsWhenChecked("address(index)", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA,
                arena -> arena.address(0))
            .throwsWhenChecked("reset()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA, arena ->
            {
                arena.reset();
                return null;
            })
            .confined("allocate()", TypedArena::allocate)
            .confined("wrap(address)", arena -> arena.wrap(arena.address(0)))
            .confined("address(index)", arena -> arena.address(0))
            .confined("reset()", arena ->
            {
                arena.reset();
                return null;
            })
            .confined("close()", arena ->
            {
                arena.close();
                return null;
            });
    }

    private static void lazyArena(final List<BadInput> cases)
    {
        new Fixture<LazyArena>(cases, "LazyArena", () ->
        {
            final LazyArena arena = new LazyArena(1 << 20, LazyArena.defaultDirectory(), 1 << 16);
            Memory.fill(arena.allocate(16, 8), 16, (byte)7);
            return arena;
        }, ArenaBadInputTest::arenaState, arena ->
        {
            arena.close();
            return null;
        })
            .throwsOn("new LazyArena(reserve, directory, chunkSize)", NEGATIVE, "reserve -1", IllegalArgumentException.class,
                "-1", arena -> new LazyArena(-1, LazyArena.defaultDirectory(), 1 << 16))
            .throwsOn("new LazyArena(reserve, directory, chunkSize)", ZERO, "reserve 0", IllegalArgumentException.class,
                "size 0", arena -> new LazyArena(0, LazyArena.defaultDirectory(), 1 << 16))
            .throwsOn("new LazyArena(reserve, directory, chunkSize)", ZERO, "chunk size 0", IllegalArgumentException.class,
                "chunk size 0", arena -> new LazyArena(1 << 20, LazyArena.defaultDirectory(), 0))
            .throwsOn("new LazyArena(reserve, directory, chunkSize)", TOO_LARGE, "chunk size 2 GiB",
                IllegalArgumentException.class, "chunk size " + (1L << 31),
                arena -> new LazyArena(1 << 20, LazyArena.defaultDirectory(), 1L << 31))
            .throwsOn("new LazyArena(reserve, directory, chunkSize)", TOO_LARGE, "reserve of 2^15 + 1 chunks",
                IllegalArgumentException.class, "reserve " + ((1L << 27) + 1),
                arena -> new LazyArena((1L << 27) + 1, LazyArena.defaultDirectory(), 1 << 12))
            .throwsOn("new LazyArena(reserve, directory, chunkSize)", NULL, "directory null", NullPointerException.class,
                "directory", arena -> new LazyArena(1 << 20, null, 1 << 16))
            .throwsOn("allocate(size, alignment)", NEGATIVE, "size -1", IllegalArgumentException.class, "-1",
                arena -> arena.allocate(-1, 8))
            .throwsOn("allocate(size, alignment)", ZERO, "alignment 0", IllegalArgumentException.class, "alignment 0",
                arena -> arena.allocate(8, 0))
            .throwsOn("allocate(size, alignment)", TOO_LARGE, "size past the chunk size", IllegalArgumentException.class,
                "size " + ((1 << 16) + 1), arena -> arena.allocate((1 << 16) + 1, 8))
            .throwsOn("offsetOf(address)", ZERO, "address 0", IllegalArgumentException.class, "address 0x0",
                arena -> arena.offsetOf(0))
            .throwsOn("offsetOf(address)", FOREIGN, "an address outside", IllegalArgumentException.class, "is not inside",
                arena -> arena.offsetOf(8))
            .throwsWhenChecked("allocate(size, alignment)", CLOSED, "closed arena", IllegalStateException.class,
                CLOSED_ARENA, arena -> arena.allocate(8, 8))
            .returnsWhenUnchecked("allocate(size, alignment)", CLOSED, "closed arena", 0L, arena -> arena.allocate(8, 8))
            .throwsWhenChecked("remaining()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA,
                LazyArena::remaining)
            .returnsWhenUnchecked("remaining()", CLOSED, "closed arena", 0L, LazyArena::remaining)
            .throwsWhenChecked("reset()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA, arena ->
            {
                arena.reset();
                return null;
            })
            .confined("allocate(size, alignment)", arena -> arena.allocate(8, 8))
            .confined("reset()", arena ->
            {
                arena.reset();
                return null;
            })
            .confined("close()", arena ->
            {
                arena.close();
                return null;
            });
    }

    /** A mapped arena in a temporary directory, deleted with it. */
    static final class MappedFixture
    {
        final Path directory;
        final MappedArena arena;

        MappedFixture() throws Exception
        {
            directory = Files.createTempDirectory("hoarfrost-bad-input");
            arena = MappedArena.create(directory.resolve("a.arena"), 1 << 20, 1 << 16);
            arena.append(new byte[]{ 1, 2, 3, 4 }, 0, 4);
        }

        /** A copy of a valid arena file whose committed word has one bit flipped. */
        Path damagedCopy() throws Exception
        {
            final Path damaged = directory.resolve("damaged.arena");
            try (MappedArena valid = MappedArena.create(directory.resolve("valid.arena"), 1 << 16, 1 << 16))
            {
                valid.append(new byte[]{ 5, 6 }, 0, 2);
            }
            final byte[] bytes = Files.readAllBytes(directory.resolve("valid.arena"));
            bytes[MappedArenaDescriptor.COMMITTED_LENGTH_OFFSET + 5] ^= 0x10;
            Files.write(damaged, bytes);
            return damaged;
        }

        Void close() throws Exception
        {
            arena.close();
            Files.deleteIfExists(directory.resolve("a.arena"));
            Files.deleteIfExists(directory.resolve("valid.arena"));
            Files.deleteIfExists(directory.resolve("damaged.arena"));
            Files.deleteIfExists(directory);
            return null;
        }
    }

    private static void mappedArena(final List<BadInput> cases)
    {
        new Fixture<MappedFixture>(cases, "MappedArena", MappedFixture::new, f -> f.arena.isClosed() ? "closed" :
            "used " + f.arena.used() + ", committed " + f.arena.committedLength(), MappedFixture::close)
            .throwsOn("create(path, reserve, chunkSize)", NEGATIVE, "reserve -1", IllegalArgumentException.class, "-1",
                f -> MappedArena.create(f.directory.resolve("b.arena"), -1, 1 << 16))
            .throwsOn("create(path, reserve, chunkSize)", ZERO, "chunk size 0", IllegalArgumentException.class,
                "chunk size 0", f -> MappedArena.create(f.directory.resolve("b.arena"), 1 << 20, 0))
            .throwsOn("create(path, reserve, chunkSize)", NULL, "path null", NullPointerException.class, null,
                f -> MappedArena.create(null, 1 << 20))
            .throwsOn("append(byte[], index, length)", NEGATIVE, "length -1", IndexOutOfBoundsException.class,
                "length -1", f -> f.arena.append(new byte[4], 0, -1))
            .throwsOn("append(byte[], index, length)", TOO_LARGE, "range past the array", IndexOutOfBoundsException.class,
                "offset 2", f -> f.arena.append(new byte[4], 2, 3))
            .throwsOn("append(byte[], index, length)", TOO_LARGE, "a record larger than a chunk",
                IllegalArgumentException.class, "a record of " + (1 << 16), f -> f.arena.append(new byte[1 << 16], 0, 1 << 16))
            .throwsOn("append(byte[], index, length)", NULL, "source null", NullPointerException.class, null,
                f -> f.arena.append((byte[])null, 0, 1))
            .throwsOn("append(DirectBuffer, index, length)", NEGATIVE, "index -1", IndexOutOfBoundsException.class,
                "offset -1", f -> f.arena.append(new UnsafeBuffer(new byte[4]), -1, 1))
            .throwsOn("allocate(size, alignment)", NEGATIVE, "size -1", IllegalArgumentException.class, "-1",
                f -> f.arena.allocate(-1, 8))
            .throwsOn("allocate(size, alignment)", ZERO, "alignment 0", IllegalArgumentException.class, "alignment 0",
                f -> f.arena.allocate(8, 0))
            .throwsOn("addressOf(offset)", NEGATIVE, "offset -1", IndexOutOfBoundsException.class, "offset -1",
                f -> f.arena.addressOf(-1))
            .throwsOn("addressOf(offset)", TOO_LARGE, "offset past used", IndexOutOfBoundsException.class, "offset 1000",
                f -> f.arena.addressOf(1000))
            .throwsOn("recordLength(offset)", ZERO, "offset 0", IllegalArgumentException.class, "offset 0",
                f -> f.arena.recordLength(0))
            .throwsOn("recordLength(offset)", TOO_LARGE, "offset past used", IllegalArgumentException.class,
                "offset 4096", f -> f.arena.recordLength(4096))
            .throwsOn("offsetOf(address)", FOREIGN, "an address outside", IllegalArgumentException.class, "is not inside",
                f -> f.arena.offsetOf(8))
            .throwsOn("open(path)", IN_USE, "a file this JVM has open for writing", IllegalStateException.class,
                "already open for writing in this JVM", f -> MappedArena.open(f.arena.path()))
            .throwsOn("open(path)", FOREIGN, "a committed length with one bit flipped", IllegalStateException.class,
                "corrupt committed length", f -> MappedArena.open(f.damagedCopy()))
            .throwsWhenChecked("remaining()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA,
                f -> f.arena.remaining())
            .returnsWhenUnchecked("remaining()", CLOSED, "closed arena", 0L, f -> f.arena.remaining())
            .throwsWhenChecked("append(byte[], index, length)", CLOSED, "closed arena", IllegalStateException.class,
                CLOSED_ARENA, f -> f.arena.append(new byte[4], 0, 4))
            .returnsWhenUnchecked("append(byte[], index, length)", CLOSED, "closed arena", 0L,
                f -> f.arena.append(new byte[4], 0, 4))
            .throwsWhenChecked("commit()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA, f ->
            {
                f.arena.commit();
                return null;
            })
            .throwsOn("force()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA, f ->
            {
                f.arena.force();
                return null;
            })
            .throwsOn("addressOf(offset)", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA,
                f -> f.arena.addressOf(0))
            .throwsWhenChecked("reset()", CLOSED, "closed arena", IllegalStateException.class, CLOSED_ARENA, f ->
            {
                f.arena.reset();
                return null;
            })
            .confined("append(byte[], index, length)", f -> f.arena.append(new byte[4], 0, 4))
            .confined("allocate(size, alignment)", f -> f.arena.allocate(8, 8))
            .confined("commit()", f ->
            {
                f.arena.commit();
                return null;
            })
            .confined("close()", f ->
            {
                f.arena.close();
                return null;
            });
    }

    /** A reader over a one-record arena file. */
    static final class ReaderFixture
    {
        final MappedFixture file;
        final MappedArenaReader reader;

        ReaderFixture() throws Exception
        {
            file = new MappedFixture();
            reader = MappedArenaReader.open(file.arena.path());
        }

        Void close() throws Exception
        {
            reader.close();
            return file.close();
        }
    }

    private static void mappedArenaReader(final List<BadInput> cases)
    {
        new Fixture<ReaderFixture>(cases, "MappedArenaReader", ReaderFixture::new, f -> "position " + f.reader.position(),
            ReaderFixture::close)
            .throwsOn("open(path)", NULL, "path null", NullPointerException.class, null, f -> MappedArenaReader.open(null))
            .throwsOn("open(path)", FOREIGN, "not an arena file", IllegalStateException.class, "not a Hoarfrost", f ->
            {
                final Path other = f.file.directory.resolve("other");
                Files.write(other, new byte[8192]);
                try
                {
                    return MappedArenaReader.open(other);
                }
                finally
                {
                    Files.delete(other);
                }
            })
            .throwsOn("seek(position)", NEGATIVE, "position -8", IllegalArgumentException.class, "position -8",
                f ->
                {
                    f.reader.seek(-8);
                    return null;
                })
            .throwsOn("seek(position)", TOO_LARGE, "past the committed length", IllegalArgumentException.class,
                "position 4096", f ->
                {
                    f.reader.seek(4096);
                    return null;
                })
            .throwsOn("seek(position)", FOREIGN, "a position inside a record", IllegalArgumentException.class,
                "position 8 is not a frame boundary", f ->
                {
                    f.reader.seek(8);
                    return null;
                })
            .throwsOn("next()", CLOSED, "closed reader", IllegalStateException.class, CLOSED_ARENA, f -> f.reader.next())
            .throwsOn("address()", CLOSED, "closed reader", IllegalStateException.class, CLOSED_ARENA,
                f -> f.reader.address())
            .throwsOn("buffer()", CLOSED, "closed reader", IllegalStateException.class, CLOSED_ARENA,
                f -> f.reader.buffer())
            .throwsOn("committedLength()", CLOSED, "closed reader", IllegalStateException.class, CLOSED_ARENA,
                f -> f.reader.committedLength())
            .confined("next()", f -> f.reader.next())
            .confined("close()", f ->
            {
                f.reader.close();
                return null;
            });
    }
}
