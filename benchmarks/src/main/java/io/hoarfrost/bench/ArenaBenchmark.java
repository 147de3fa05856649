package io.hoarfrost.bench;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.arena.MappedArena;
import io.hoarfrost.arena.MappedArenaDescriptor;
import io.hoarfrost.arena.TypedArena;
import io.hoarfrost.memory.RecordFlyweight;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * The arenas: {@link BumpArena#allocate(long, int)} against malloc/free, the heap and a raw bump
 * pointer; {@link TypedArena#allocate()} against a raw slot index, a free list and a heap object;
 * {@link MappedArena#append} of 64-byte records. Targets: bump allocation at least 20&times;
 * faster than malloc/free and faster than {@code new byte[64]}, with 0 B/op; at least 5 million
 * appended records per second.
 *
 * <p><b>Amortised resets.</b> An arena never frees one block: when one is full it is reset, and
 * the reset is on the measured path, once per {@code capacity / size} operations
 * ({@value #BUMP_CAPACITY} bytes; {@value #RECORD_CAPACITY} records), so every time includes its
 * share of the reset. The raw baselines wrap around the same way. Allocating touches no memory:
 * what is measured is handing out addresses (and, for the heap, zeroing the object).
 *
 * <p><b>Mapped arena.</b> Each iteration appends to a fresh file of {@value #MAPPED_RESERVE}
 * reserved bytes under {@code /dev/shm} (tmpfs, so the disk is out of the picture) or, without
 * it, {@code java.io.tmpdir}; the file is created in {@code @Setup(Level.Iteration)}, outside the
 * measurement, and deleted after. Appends therefore pay for committing and first-touching fresh
 * pages, as a long-running journal does. Should an iteration fill the file, it rolls over to a
 * new one on the measured path (a journal's next segment; the cost is amortised over 29 million
 * records) and the teardown says so; at most one file exists at a time, so the memory used stays
 * under {@value #MAPPED_RESERVE} bytes. Records per second = 10<sup>9</sup> / (ns per
 * {@code append}).
 *
 * <p>Benchmark methods take their state as parameters, so only the bump benchmarks run once per
 * {@code size}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ArenaBenchmark
{
    /** Bytes of the bump arena and of the raw bump region. */
    static final int BUMP_CAPACITY = 256 * 1024;

    /** Alignment of every bump allocation. */
    static final int BUMP_ALIGNMENT = 8;

    /** Records of the typed arena, the raw slot region and the free list. */
    static final int RECORD_CAPACITY = 1024;

    /** Bytes per typed record: four {@code long} fields, as {@link HeapRecord}. */
    static final int RECORD_SIZE = 32;

    /** Records live at a time in the free-list baseline: a power of two below the capacity. */
    static final int FREE_LIST_LIVE = RECORD_CAPACITY / 2;

    /** Alignment of every typed record. */
    static final int RECORD_ALIGNMENT = 8;

    /** Bytes per appended record (a frame header comes on top). */
    static final int MAPPED_RECORD_LENGTH = 64;

    /** Arena bytes reserved per file: sparse, only what is appended uses memory (tmpfs: RAM). */
    static final long MAPPED_RESERVE = 2L * 1024 * 1024 * 1024;

    /**
     * Sized allocations: a bump arena and the baselines' region.
     */
    @State(Scope.Thread)
    public static class Bump
    {
        /** Bytes per allocation. */
        @Param({"16", "64", "256"})
        public int size;

        BumpArena arena;
        long rawBase;
        long rawOffset;
        long rawCapacity = BUMP_CAPACITY;

        /**
         * Creates the arena and the raw region; refuses to run in checked mode.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("ArenaBenchmark");
            arena = new BumpArena(BUMP_CAPACITY);
            rawBase = UNSAFE.allocateMemory(BUMP_CAPACITY);
        }

        /**
         * Frees both.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            arena.close();
            UNSAFE.freeMemory(rawBase);
            rawBase = 0;
        }
    }

    /**
     * Fixed-size records: a typed arena and the baselines' slots.
     */
    @State(Scope.Thread)
    public static class Records
    {
        TypedArena<RecordView> arena;
        long rawBase;
        int rawNext;
        int rawLimit = RECORD_CAPACITY;
        long rawStride = RECORD_SIZE;
        long freeListHead;
        final long[] live = new long[FREE_LIST_LIVE];
        int liveIndex;

        /**
         * Creates the arena, the raw slots and a free list threaded through them, with the first
         * {@value ArenaBenchmark#FREE_LIST_LIVE} slots taken out as live records; refuses to run
         * in checked mode.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("ArenaBenchmark");
            arena = new TypedArena<>(RECORD_CAPACITY, RECORD_SIZE, RECORD_ALIGNMENT, new RecordView());
            rawBase = UNSAFE.allocateMemory((long)RECORD_CAPACITY * RECORD_SIZE);
            freeListHead = 0;
            for (int i = RECORD_CAPACITY - 1; i >= 0; i--)
            {
                final long slot = rawBase + (long)i * RECORD_SIZE;
                UNSAFE.putLong(slot, freeListHead);
                freeListHead = slot;
            }
            for (int i = 0; i < FREE_LIST_LIVE; i++)
            {
                live[i] = freeListHead;
                freeListHead = UNSAFE.getLong(freeListHead);
            }
            liveIndex = 0;
        }

        /**
         * Frees both.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            arena.close();
            UNSAFE.freeMemory(rawBase);
            rawBase = 0;
            freeListHead = 0;
        }
    }

    /**
     * A mapped arena on a fresh file per iteration, and the record appended to it.
     */
    @State(Scope.Thread)
    public static class Mapped
    {
        UnsafeBuffer record;
        Path directory;
        Path file;
        MappedArena arena;
        int files;
        int rolls;

        /**
         * Creates the record (direct memory) and picks the directory; refuses to run in checked
         * mode.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            ChecksOff.require("ArenaBenchmark");
            record = new UnsafeBuffer(ByteBuffer.allocateDirect(MAPPED_RECORD_LENGTH));
            for (int i = 0; i < MAPPED_RECORD_LENGTH; i++)
            {
                record.putByte(i, (byte)i);
            }
            final Path shm = Paths.get("/dev/shm");
            directory = Files.isDirectory(shm) && Files.isWritable(shm) ?
                shm : Paths.get(System.getProperty("java.io.tmpdir"));
        }

        /**
         * Creates this iteration's arena file, outside the measurement.
         */
        @Setup(Level.Iteration)
        public void createArena()
        {
            openFreshFile();
        }

        /**
         * Closes and deletes this iteration's file, and says how often the iteration rolled over.
         */
        @TearDown(Level.Iteration)
        public void deleteArena()
        {
            closeAndDelete();
            if (rolls > 0)
            {
                System.out.println("ArenaBenchmark: an iteration filled " + rolls + " arena file(s) of " +
                    MAPPED_RESERVE + " bytes and rolled over to a new file on the measured path");
                rolls = 0;
            }
        }

        /**
         * The arena is full: close and delete its file and start a new one, as a journal rolls
         * over to its next segment. On the measured path, amortised over a full file of records.
         */
        void roll()
        {
            rolls++;
            closeAndDelete();
            openFreshFile();
        }

        private void openFreshFile()
        {
            file = directory.resolve("hoarfrost-bench-" + ProcessIds.current() + "-" + files++ + ".arena");
            arena = MappedArena.create(file, MAPPED_RESERVE);
        }

        private void closeAndDelete()
        {
            arena.close();
            arena = null;
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete " + file, ex);
            }
        }
    }

    /**
     * The typed arena's record view: four {@code long} fields, unused here (allocation only).
     */
    public static final class RecordView implements RecordFlyweight
    {
        private MutableDirectBuffer buffer;
        private int offset;

        /** {@inheritDoc} */
        @Override
        public void wrap(final MutableDirectBuffer buffer, final int offset)
        {
            this.buffer = buffer;
            this.offset = offset;
        }

        /**
         * The first field.
         *
         * @return the price.
         */
        public long price()
        {
            return buffer.getLong(offset);
        }
    }

    /**
     * The heap baseline's record: four {@code long} fields, as {@link #RECORD_SIZE}.
     */
    public static final class HeapRecord
    {
        long price;
        long quantity;
        long orderId;
        long timestamp;
    }

    /**
     * {@code BumpArena.allocate(size, 8)}, and a reset when it returns 0 (full).
     *
     * @param state the arena.
     * @return the address allocated.
     */
    @Benchmark
    public long allocate_hoarfrost(final Bump state)
    {
        final BumpArena arena = state.arena;
        final long size = state.size;
        long address = arena.allocate(size, BUMP_ALIGNMENT);
        if (0 == address)
        {
            arena.reset();
            address = arena.allocate(size, BUMP_ALIGNMENT);
        }
        return address;
    }

    /**
     * The raw floor of {@link BumpArena#allocate(long, int)}: the same work by hand. A bump pointer
     * on {@code long} fields (base, offset, capacity), the same refusal of a negative size, the
     * same alignment arithmetic, wrapped to 0 when full; no closed state, no checked mode.
     *
     * @param state the raw region.
     * @return the address allocated.
     */
    @Benchmark
    public long allocate_bump(final Bump state)
    {
        final long size = state.size;
        if (size < 0)
        {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
        long start = (state.rawOffset + (BUMP_ALIGNMENT - 1)) & -BUMP_ALIGNMENT;
        if (size > state.rawCapacity - start)
        {
            start = 0;
        }
        state.rawOffset = start + size;
        return state.rawBase + start;
    }

    /**
     * {@code Unsafe.allocateMemory(size)} and {@code freeMemory}: malloc and free.
     *
     * @param state the size.
     * @return the address the block had.
     */
    @Benchmark
    public long allocate_unsafe(final Bump state)
    {
        final long address = UNSAFE.allocateMemory(state.size);
        UNSAFE.freeMemory(address);
        return address;
    }

    /**
     * {@code new byte[size]}: a TLAB bump plus zeroing, freed later by the garbage collector.
     *
     * @param state the size.
     * @return the array.
     */
    @Benchmark
    public byte[] allocate_heap(final Bump state)
    {
        return new byte[state.size];
    }

    /**
     * {@code TypedArena.allocate()} of a 32-byte record, and a {@code reset()} (no drop hook) when
     * it returns 0 (full).
     *
     * @param state the arena.
     * @return the record's address.
     */
    @Benchmark
    public long allocateRecord_hoarfrost(final Records state)
    {
        final TypedArena<RecordView> arena = state.arena;
        long address = arena.allocate();
        if (0 == address)
        {
            arena.reset();
            address = arena.allocate();
        }
        return address;
    }

    /**
     * The raw floor of {@link TypedArena#allocate()}: a slot index over the same number of 32-byte
     * slots, its limit and stride read from fields as the arena's are, wrapped to 0 when full.
     *
     * @param state the raw slots.
     * @return the slot's address.
     */
    @Benchmark
    public long allocateRecord_bump(final Records state)
    {
        int index = state.rawNext;
        if (index >= state.rawLimit)
        {
            index = 0;
        }
        state.rawNext = index + 1;
        return state.rawBase + index * state.rawStride;
    }

    /**
     * An intrusive free list of 32-byte slots (the next pointer in a free slot's first 8 bytes)
     * in a steady state of {@value #FREE_LIST_LIVE} live records freed first in, first out: pop a
     * slot, and push back the one allocated {@value #FREE_LIST_LIVE} operations ago. An allocate
     * and a free per operation, which is how a free list recycles records where an arena resets in
     * bulk. (Pushing back the slot just popped would let C2 fold the pair into one load.)
     *
     * @param state the free list and the live ring.
     * @return the slot's address.
     */
    @Benchmark
    public long allocateRecord_freeList(final Records state)
    {
        final long slot = state.freeListHead;
        state.freeListHead = UNSAFE.getLong(slot);
        final long[] live = state.live;
        final int index = state.liveIndex;
        final long oldest = live[index];
        live[index] = slot;
        state.liveIndex = (index + 1) & (FREE_LIST_LIVE - 1);
        UNSAFE.putLong(oldest, state.freeListHead);
        state.freeListHead = oldest;
        return slot;
    }

    /**
     * {@code new HeapRecord()}: a 48-byte object (header and four {@code long}s), zeroed, freed
     * later by the garbage collector.
     *
     * @return the record.
     */
    @Benchmark
    public HeapRecord allocateRecord_heap()
    {
        return new HeapRecord();
    }

    /**
     * {@code MappedArena.append(record, 0, 64)}: frame, copy and commit (an ordered store of the
     * committed length) of a 64-byte record.
     *
     * @param state the arena and the record.
     * @return the record's offset.
     */
    @Benchmark
    public long append_hoarfrost(final Mapped state)
    {
        long offset = state.arena.append(state.record, 0, MAPPED_RECORD_LENGTH);
        if (0 == offset)
        {
            state.roll();
            offset = state.arena.append(state.record, 0, MAPPED_RECORD_LENGTH);
        }
        return offset;
    }

    /** A native 8-byte cell standing in for a header's committed word, and a growing length. */
    @State(Scope.Thread)
    public static class CommitWord
    {
        long cell;
        long length;

        /** Allocates the cell. */
        @Setup(Level.Trial)
        public void setUp()
        {
            cell = UNSAFE.allocateMemory(8);
        }

        /** Frees the cell. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            UNSAFE.freeMemory(cell);
        }

        long next()
        {
            final long end = length + 72;
            length = end < MappedArenaDescriptor.MAX_COMMITTED_LENGTH ? end : 0;
            return end;
        }
    }

    /**
     * What {@link MappedArena#commit()} stores since format version 2: the committed length with
     * its 20-bit CRC, published by a release store.
     *
     * @param state the cell and the length.
     */
    @Benchmark
    public void commitWord_hoarfrost(final CommitWord state)
    {
        UNSAFE.putOrderedLong(null, state.cell, MappedArenaDescriptor.committedWord(state.next()));
    }

    /**
     * The floor: the bare committed length published by a release store (format version 1).
     *
     * @param state the cell and the length.
     */
    @Benchmark
    public void commitWord_plain(final CommitWord state)
    {
        UNSAFE.putOrderedLong(null, state.cell, state.next());
    }
}
