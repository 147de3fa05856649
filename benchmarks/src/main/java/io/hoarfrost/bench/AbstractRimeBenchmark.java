package io.hoarfrost.bench;

import io.hoarfrost.rc.Counter;
import io.hoarfrost.rc.Rime;
import io.hoarfrost.rc.RimeLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The Hoarfrost side of the {@link Rime} benchmarks, shared by one concrete class per group of
 * counter kinds ({@link RimeBenchmark}, {@link RimeSubWordBenchmark}, {@link RimePlainBenchmark}),
 * each of which adds the baselines that do the same work at the same width. One retain and one
 * release per operation on a block allocated in setup, so the count goes 1, 2, 1 and the block is
 * never freed on the measured path.
 *
 * <p>Block ({@value #DATA_LENGTH} data bytes, no metadata, from {@link RimeLayout#of(Counter)}):
 * <pre>
 *   0           width                          width + 64
 *   +-----------+------------------------------+
 *   | counter   | data (untouched)             |
 *   +-----------+------------------------------+
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public abstract class AbstractRimeBenchmark
{
    /** Data bytes of the block (and of Netty's buffer in {@link RimeBenchmark}). */
    static final int DATA_LENGTH = 64;

    private RimeLayout layout;
    private long block;
    private Rime rime;
    private final Rime target = new Rime();

    /**
     * The counter kind this row measures: the concrete class's {@code @Param}.
     *
     * @return the counter.
     */
    protected abstract Counter counter();

    /**
     * Allocates the block (count 1) and a handle object over another block of the same kind;
     * refuses to run in checked mode.
     */
    @Setup(Level.Trial)
    public void setUpRime()
    {
        ChecksOff.require(getClass().getSimpleName());
        layout = RimeLayout.of(counter());
        block = layout.allocate(DATA_LENGTH);
        rime = Rime.allocate(counter(), 0, DATA_LENGTH);
    }

    /**
     * Drops the last references: both blocks are freed.
     */
    @TearDown(Level.Trial)
    public void tearDownRime()
    {
        layout.release(block, DATA_LENGTH);
        block = 0;
        rime.close();
    }

    /**
     * The zero-garbage {@code long}-handle API: {@code layout.retain(block)} then
     * {@code layout.release(block, length)}.
     *
     * @return whether the release freed the block (never), so nothing is eliminated.
     */
    @Benchmark
    public boolean retainRelease_hoarfrost()
    {
        final RimeLayout layout = this.layout;
        final long block = this.block;
        layout.retain(block);
        return layout.release(block, DATA_LENGTH);
    }

    /**
     * The handle-object API: {@code rime.retain()} returns a new {@link Rime} handle, whose
     * {@code release()} drops the reference again. The new handle is heap garbage unless escape
     * analysis removes it (the B/op column says).
     *
     * @return whether the release freed the block (never).
     */
    @Benchmark
    public boolean retainReleaseObject_hoarfrost()
    {
        final Rime other = rime.retain();
        return other.release();
    }

    /**
     * The handle-object API without garbage: {@code rime.retain(target)} into an empty handle kept
     * for the purpose, then {@code target.release()}.
     *
     * @return whether the release freed the block (never).
     */
    @Benchmark
    public boolean retainReleaseInto_hoarfrost()
    {
        return rime.retain(target).release();
    }
}
