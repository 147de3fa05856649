package io.hoarfrost.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;

/**
 * A single-producer single-consumer ring of non-zero addresses, for hand-off benchmarks: one
 * thread offers blocks it allocated, another polls and frees them. Lamport's ring without shared
 * indices (FastFlow's form): a slot holding 0 is empty, so each side needs only its own position,
 * kept by the caller in a {@link Position} (a JMH per-thread state, padded by JMH).
 *
 * <pre>
 *   slot i at index i * SLOT_STRIDE of a long array: one slot per 128 bytes, so the producer's
 *   slot and the consumer's never share a cache line (or an adjacent-line prefetch pair)
 *
 *   | slot 0 | 15 x unused | slot 1 | 15 x unused | ... | slot CAPACITY-1 | 15 x unused |
 * </pre>
 *
 * <p><b>Ordering.</b> The producer writes a slot with an <em>ordered</em> (release) store after
 * checking it empty with a volatile read; the consumer reads it volatile and empties it with an
 * ordered store. The release store of an address publishes whatever the producer wrote to the
 * block before offering it.
 *
 * <p><b>Threading.</b> One producer thread and one consumer thread at a time; each spins while
 * the ring is full (or empty) and gives up when JMH ends the measurement
 * ({@link Control#stopMeasurement}), so neither side can hang the other at the end of an
 * iteration. Allocates nothing after construction.
 */
public final class AddressRing
{
    /** Slots in the ring: a power of two. */
    static final int CAPACITY = 64;

    /** Longs from one slot to the next: 128 bytes. */
    static final int SLOT_STRIDE = 16;

    private static final int MASK = CAPACITY - 1;

    private final AtomicLongArray slots = new AtomicLongArray(CAPACITY * SLOT_STRIDE);

    /**
     * One side's position in the ring: how many addresses it has offered, or polled. A JMH
     * per-thread state, so each side's position sits in its own padded object; confined to its
     * thread.
     */
    @State(Scope.Thread)
    public static class Position
    {
        long value;
    }

    /**
     * Puts an address in the next slot, spinning while the ring is full.
     *
     * @param producer the producer's position; advanced on success.
     * @param address  the address, not 0; the ring owns it on success.
     * @param control  JMH's control, for {@link Control#stopMeasurement}.
     * @return true if offered; false if the measurement ended while the ring was full, in which
     *         case the caller still owns the address.
     */
    boolean offer(final Position producer, final long address, final Control control)
    {
        final int index = slotIndex(producer.value);
        while (slots.get(index) != 0)
        {
            if (control.stopMeasurement)
            {
                return false;
            }
        }
        slots.lazySet(index, address);
        producer.value++;
        return true;
    }

    /**
     * Takes the address in the next slot, spinning while the ring is empty.
     *
     * @param consumer the consumer's position; advanced on success.
     * @param control  JMH's control, for {@link Control#stopMeasurement}.
     * @return the address, now owned by the caller; or 0 if the measurement ended while the ring
     *         was empty.
     */
    long poll(final Position consumer, final Control control)
    {
        final int index = slotIndex(consumer.value);
        long address;
        while ((address = slots.get(index)) == 0)
        {
            if (control.stopMeasurement)
            {
                return 0;
            }
        }
        slots.lazySet(index, 0);
        consumer.value++;
        return address;
    }

    /**
     * Empties every slot, whatever the positions; call only when neither side runs.
     *
     * @param drained receives each address found; the caller then owns it.
     */
    void drain(final LongConsumer drained)
    {
        for (int i = 0; i < CAPACITY; i++)
        {
            final int index = i * SLOT_STRIDE;
            final long address = slots.get(index);
            if (address != 0)
            {
                slots.set(index, 0);
                drained.accept(address);
            }
        }
    }

    private static int slotIndex(final long position)
    {
        return ((int)position & MASK) * SLOT_STRIDE;
    }
}
