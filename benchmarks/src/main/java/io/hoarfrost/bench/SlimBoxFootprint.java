package io.hoarfrost.bench;

import io.hoarfrost.arena.BumpArena;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Locale;

/**
 * Measures and prints, once per fork of {@code SlimBoxBenchmark.storeMillion_hoarfrost}, the
 * memory a million short ASCII strings ({@link AsciiStrings}) take in each representation, per
 * string:
 * <ul>
 *   <li>Hoarfrost: {@link io.hoarfrost.box.LengthWidth#U8} slim boxes packed back to back in one
 *       {@link BumpArena} plus their 8-byte packed handles in an off-heap index: the arena bytes
 *       used plus 8 (target: 26 or less). Also the heap bytes allocated while storing them, from
 *       the JVM's per-thread allocation counter: 0 means no heap object per string (target 0).</li>
 *   <li>{@code String} in a {@code String[]} and {@code byte[]} in a {@code byte[][]}: the growth
 *       of the used heap after full collections ({@code System.gc()}), reference included.</li>
 *   <li>Hand-packed {@code [u16 length | bytes]} with an {@code int} offset index: bytes used.</li>
 * </ul>
 * Lines start with {@value #LABEL}. Takes a few seconds; nothing is left allocated. The measuring
 * is {@link StringFootprint}'s, which the footprint scaling also runs for other string counts.
 */
@State(Scope.Thread)
public class SlimBoxFootprint
{
    /** The prefix of every printed line. */
    static final String LABEL = "SlimBox footprint:";

    /**
     * Builds each representation once, measures it ({@link StringFootprint}), prints the results
     * and frees it all.
     *
     * @throws InterruptedException if interrupted between collections.
     */
    @Setup(Level.Trial)
    public void measure() throws InterruptedException
    {
        ChecksOff.require("SlimBoxBenchmark");
        final StringFootprint footprint = StringFootprint.measure(AsciiStrings.COUNT, false);
        final double heapPerString = footprint.slimHeapPerString;

        System.out.println(String.format(Locale.ROOT,
            "%s %,d ASCII strings of %d-%d bytes (mean %.2f), bytes per string including its handle or reference:",
            LABEL, footprint.count, AsciiStrings.MIN_LENGTH, AsciiStrings.MAX_LENGTH, footprint.meanLength));
        System.out.println(String.format(Locale.ROOT,
            "%s   hoarfrost  U8 slim boxes in one BumpArena + 8-byte packed handles: %6.2f B (target <= 26)",
            LABEL, footprint.slimBytes));
        System.out.println(String.format(Locale.ROOT,
            "%s   hoarfrost  heap allocated while storing all of them: %,d B = %.4f B/string, " +
            "so at most %.5f heap objects/string (an object takes 16 B or more; target 0)",
            LABEL, footprint.slimHeapAllocated, heapPerString, heapPerString / StringFootprint.MIN_OBJECT_BYTES));
        System.out.println(String.format(Locale.ROOT,
            "%s   String     in a String[] (heap growth after GC):                  %6.2f B (reference 63.3)",
            LABEL, footprint.stringBytes));
        System.out.println(String.format(Locale.ROOT,
            "%s   byte[]     in a byte[][] (heap growth after GC):                  %6.2f B (reference 39.5)",
            LABEL, footprint.arrayBytes));
        System.out.println(String.format(Locale.ROOT,
            "%s   unsafe     hand-packed [u16 length | bytes] + int offset index:  %6.2f B (reference 18 + 4)",
            LABEL, footprint.handPackedBytes));
    }
}
