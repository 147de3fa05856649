package io.hoarfrost.soak;

import io.hoarfrost.arena.BumpArena;
import io.hoarfrost.arena.LazyArena;
import io.hoarfrost.arena.MappedArena;
import io.hoarfrost.arena.MappedArenaReader;
import io.hoarfrost.arena.TypedArena;
import io.hoarfrost.array.ArrayLayout;
import io.hoarfrost.array.AtomicArrayRef;
import io.hoarfrost.array.ElementType;
import io.hoarfrost.array.LabeledArray;
import io.hoarfrost.array.RcArray;
import io.hoarfrost.box.Flake;
import io.hoarfrost.box.LengthWidth;
import io.hoarfrost.box.SlimBox;
import io.hoarfrost.memory.Memory;
import io.hoarfrost.memory.RecordFlyweight;
import io.hoarfrost.pool.Pool;
import io.hoarfrost.pool.PoolBox;
import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.PoolRef;
import io.hoarfrost.rc.Rime;
import io.hoarfrost.rc.RimeLayout;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The single-threaded part of the soak: a bounded population of every primitive, each step
 * replacing or exercising one of them, checking what it reads back. Everything is released by
 * {@link #close()}.
 */
final class Mix implements AutoCloseable
{
    private static final String[] NAMES = {
        "Flake", "SlimBox", "Rime", "LabeledArray", "RcArray", "AtomicArrayRef", "Pool", "PoolRef", "PoolBox",
        "BumpArena", "TypedArena", "LazyArena", "MappedArena" };
    private static final ArrayLayout LONGS = ArrayLayout.thin(ElementType.LONG).withLabel(8);
    private static final ArrayLayout COUNTED = ArrayLayout.thin(ElementType.LONG).counted(Counter.ATOMIC_U32);
    private static final int RING = 256;
    private static final int POOL_WINDOW = 1024;
    /** The file-backed arenas reset after this many bytes, so their resident pages level off early. */
    private static final long ARENA_CYCLE = 2 << 20;

    private final SplittableRandom random;
    private final long[] counts = new long[NAMES.length];
    private final byte[] scratch = new byte[512];
    private final Flake[] flakes = new Flake[RING];
    private final Rime[] rimes = new Rime[RING];
    private final LabeledArray[] arrays = new LabeledArray[64];
    private final RcArray[] rcArrays = new RcArray[64];
    private final AtomicArrayRef cell = AtomicArrayRef.onHeap(LONGS);
    private final Pool pool = Pool.create(64, 512);
    private final long[] poolBlocks = new long[POOL_WINDOW];
    private final RimeLayout pooledLayout = RimeLayout.of(pool, Counter.U32, 8, 8);
    private final PoolRef[] refs = new PoolRef[64];
    private final BumpArena bump = new BumpArena(1 << 20);
    private final TypedArena<Slot> typed = new TypedArena<>(1024, 16, 8, new Slot(), slot -> slot.check());
    private final LazyArena lazy = new LazyArena(64L << 20, LazyArena.defaultDirectory(), 1 << 20);
    private final Path mappedFile;
    private final MappedArena mapped;
    private final MappedArenaReader reader;
    private long sequence;
    private long extraOps;

    /** A 16-byte record: a value and its complement, checked when dropped. */
    static final class Slot implements RecordFlyweight
    {
        private MutableDirectBuffer buffer;
        private int offset;

        @Override
        public void wrap(final MutableDirectBuffer buffer, final int offset)
        {
            this.buffer = buffer;
            this.offset = offset;
        }

        void set(final long value)
        {
            buffer.putLong(offset, value);
            buffer.putLong(offset + 8, ~value);
        }

        void check()
        {
            if (buffer.getLong(offset + 8) != ~buffer.getLong(offset))
            {
                throw new IllegalStateException("a TypedArena record lost its bytes");
            }
        }
    }

    Mix(final SplittableRandom random) throws IOException
    {
        this.random = random;
        mappedFile = Files.createTempFile("hoarfrost-soak-", ".arena");
        Files.delete(mappedFile);
        mapped = MappedArena.create(mappedFile, 64L << 20, 1 << 20);
        reader = MappedArenaReader.open(mappedFile);
    }

    /** One operation on one primitive, chosen at random. */
    void step()
    {
        final int which = random.nextInt(NAMES.length);
        counts[which]++;
        switch (which)
        {
            case 0:
                flake(random.nextInt(RING));
                break;
            case 1:
                slimBox();
                break;
            case 2:
                rime(random.nextInt(RING));
                break;
            case 3:
                labeledArray(random.nextInt(arrays.length));
                break;
            case 4:
                rcArray(random.nextInt(rcArrays.length));
                break;
            case 5:
                atomicArrayRef();
                break;
            case 6:
                pool(random.nextInt(POOL_WINDOW));
                break;
            case 7:
                poolRef(random.nextInt(refs.length));
                break;
            case 8:
                try (PoolBox box = PoolBox.allocate(pool))
                {
                    box.buffer().putLong(0, sequence++);
                }
                break;
            case 9:
                bumpArena();
                break;
            case 10:
                typedArena();
                break;
            case 11:
                lazyArena();
                break;
            default:
                mappedArena();
                break;
        }
    }

    private void flake(final int slot)
    {
        final Flake old = flakes[slot];
        if (null != old)
        {
            check(old.length() == 0 || old.buffer().getByte(0) == (byte)old.length(), "Flake bytes");
            old.close();
        }
        final int length = random.nextInt(200);
        Arrays.fill(scratch, 0, length, (byte)length);
        flakes[slot] = Flake.copyOf(scratch, 0, length);
    }

    private void slimBox()
    {
        final int length = random.nextInt(300);
        Arrays.fill(scratch, 0, length, (byte)7);
        final long packed = SlimBox.copyOf(LengthWidth.U16, Arrays.copyOf(scratch, length)).intoPacked();
        try (SlimBox back = SlimBox.fromPacked(packed, LengthWidth.U16))
        {
            check(back.length() == length && (length == 0 || back.buffer().getByte(length - 1) == 7), "SlimBox bytes");
        }
    }

    private void rime(final int slot)
    {
        final Rime old = rimes[slot];
        if (null != old)
        {
            old.close();
        }
        final Rime source = rimes[random.nextInt(RING)];
        rimes[slot] = null != source && !source.isReleased() && random.nextBoolean() ?
            source.retain() : Rime.copyOf(Counter.ATOMIC_U32, scratch);
    }

    private void labeledArray(final int slot)
    {
        final LabeledArray old = arrays[slot];
        if (null != old && old.length() > 0 && random.nextBoolean())
        {
            final int index = random.nextInt(old.length());
            old.putLong(index, old.getLong(index) + 1);
            try (LabeledArray copy = old.copy())
            {
                check(copy.equals(old), "LabeledArray copy");
            }
            return;
        }
        if (null != old)
        {
            old.close();
        }
        arrays[slot] = LabeledArray.ofLongs(LONGS, random.nextInt(64), i -> i);
    }

    private void rcArray(final int slot)
    {
        final RcArray old = rcArrays[slot];
        if (null != old)
        {
            old.close();
        }
        final RcArray source = rcArrays[random.nextInt(rcArrays.length)];
        if (null != source && !source.isReleased() && source.length() > 0)
        {
            final RcArray copy = source.retain();
            copy.makeMutable().putLong(0, sequence++);
            rcArrays[slot] = copy;
        }
        else
        {
            rcArrays[slot] = RcArray.ofLongs(COUNTED, 1 + random.nextInt(32), i -> i);
        }
    }

    private void atomicArrayRef()
    {
        final long old = cell.getAndSet(LONGS.allocate(1 + random.nextInt(16)));
        if (old != AtomicArrayRef.EMPTY)
        {
            LONGS.free(old);
        }
    }

    private void pool(final int slot)
    {
        final long block = poolBlocks[slot];
        if (block != 0)
        {
            check(Memory.getLong(block + 8) == block, "Pool block bytes");
            pool.free(block);
            poolBlocks[slot] = 0;
            if (random.nextInt(1024) == 0)
            {
                pool.trim();
            }
            return;
        }
        final long fresh = pool.allocate();
        Memory.putLong(fresh + 8, fresh);
        poolBlocks[slot] = fresh;
    }

    private void poolRef(final int slot)
    {
        final PoolRef old = refs[slot];
        if (null != old)
        {
            old.close();
        }
        final PoolRef source = refs[random.nextInt(refs.length)];
        if (null != source && !source.isReleased())
        {
            final PoolRef copy = source.retain();
            copy.makeMutable().data().putLong(0, sequence++);
            refs[slot] = copy;
        }
        else
        {
            refs[slot] = PoolRef.allocateZeroed(pooledLayout, 16);
        }
    }

    private void bumpArena()
    {
        final long address = bump.allocate(1 + random.nextInt(256), 1 << random.nextInt(7));
        if (address == 0)
        {
            bump.reset();
            return;
        }
        Memory.putByte(address, (byte)1);
    }

    private void typedArena()
    {
        final long address = typed.allocate();
        if (address == 0)
        {
            typed.reset();
            return;
        }
        typed.wrap(address).set(sequence++);
    }

    private void lazyArena()
    {
        final long address = lazy.allocate(1 + random.nextInt(4096), 8);
        if (address == 0 || lazy.used() > ARENA_CYCLE)
        {
            lazy.reset();
            return;
        }
        Memory.putLong(address, sequence++);
    }

    private void mappedArena()
    {
        final long value = ++sequence;
        final long[] record = { value, ~value };
        for (int i = 0; i < 2; i++)
        {
            for (int b = 0; b < 8; b++)
            {
                scratch[i * 8 + b] = (byte)(record[i] >>> (8 * b));
            }
        }
        if (mapped.used() > ARENA_CYCLE || 0 == mapped.append(scratch, 0, 16))
        {
            mapped.reset();
            reader.seek(0);
            return;
        }
        while (reader.next())
        {
            extraOps++;
            check(reader.length() == 16 && Memory.getLong(reader.address() + 8) == ~Memory.getLong(reader.address()),
                "MappedArena record");
        }
    }

    private static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException("soak: " + what + " broken");
        }
    }

    /** Reads of records and the like, done beyond one per step. */
    long extraOps()
    {
        return extraOps;
    }

    /** Steps per primitive. */
    Map<String, Long> counts()
    {
        final Map<String, Long> byName = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++)
        {
            byName.put(NAMES[i], counts[i]);
        }
        return byName;
    }

    @Override
    public void close() throws IOException
    {
        closeAll(flakes);
        closeAll(rimes);
        closeAll(arrays);
        closeAll(rcArrays);
        closeAll(refs);
        cell.clear();
        for (int i = 0; i < POOL_WINDOW; i++)
        {
            if (poolBlocks[i] != 0)
            {
                pool.free(poolBlocks[i]);
            }
        }
        pool.close();
        bump.close();
        typed.close();
        lazy.close();
        reader.close();
        mapped.close();
        Files.deleteIfExists(mappedFile);
    }

    private static void closeAll(final AutoCloseable[] resources)
    {
        for (final AutoCloseable resource : resources)
        {
            if (null != resource)
            {
                try
                {
                    resource.close();
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
    }
}
