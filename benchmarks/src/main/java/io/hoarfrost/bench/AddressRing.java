package io.hoarfrost.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;

/**
 * A single-producer single-consumer ring of non-zero addresses, for hand-off benchmarks: one
 * thread offers blocks it allocated, another polls and frees them. Lamport's ring without shared
 * indices (FastFlow's form: a slot holding 0 is empty), with B-Queue's producer look-ahead: the
 * producer claims {@link #LOOKAHEAD} empty slots at a time by checking only the last of them, so
 * the two sides stay that far apart and do not pass a cache line back and forth per address. Each
 * side keeps its own position in a {@link Position} (a JMH per-thread state, padded by JMH).
 *
 * <pre>
 *   slots: | 0 | 1 | 2 | ... | CAPACITY-1 |   one long each, packed; position p uses slot p mod CAPACITY
 *
 *   consumer position c          producer position p       producer limit (p &lt;= limit &lt;= p + LOOKAHEAD)
 *          v                            v                         v
 *   ... |  full  |  full  | ... |  full  |  empty, claimed  ...  |  not yet checked ...
 * </pre>
 *
 * <p><b>Why the look-ahead is sound.</b> The consumer empties slots in position order, so when the
 * slot of position {@code p + LOOKAHEAD - 1} is empty, the consumer has taken every address at
 * least {@code CAPACITY} positions behind it, and the slots of {@code p .. p + LOOKAHEAD - 1} are
 * all empty. {@code LOOKAHEAD < CAPACITY}, so a producer waiting for room always leaves the
 * consumer something to take: neither side waits on the other forever.
 *
 * <p><b>Ordering.</b> The producer fills a slot with an <em>ordered</em> (release) store after a
 * volatile read saw it empty; the consumer reads it volatile and empties it with an ordered store.
 * The release store of an address publishes whatever the producer wrote to the block before.
 *
 * <p><b>Threading.</b> One producer thread and one consumer thread at a time; each spins while
 * the ring is full (or empty), yielding after {@link #MAX_BUSY_SPINS} tries, and gives up when
 * JMH ends the measurement ({@link Control#stopMeasurement}), so neither side can hang the other
 * at the end of an iteration. Allocates nothing after construction.
 */
public final class AddressRing
{
    /** Slots in the ring: a power of two. */
    static final int CAPACITY = 1024;

    /** Slots the producer claims at once: 8 cache lines of addresses. */
    static final int LOOKAHEAD = 64;

    /** Failed tries that busy-spin before each further one yields. */
    static final int MAX_BUSY_SPINS = 100;

    private static final int MASK = CAPACITY - 1;

    private final AtomicLongArray slots = new AtomicLongArray(CAPACITY);

    /**
     * One side's position in the ring: how many addresses it has offered, or polled, and for the
     * producer how far the slots are known to be empty. A JMH per-thread state, so each side's
     * position sits in its own padded object; confined to its thread.
     */
    @State(Scope.Thread)
    public static class Position
    {
        long value;
        long limit;
    }

    /**
     * Puts an address in the next slot, spinning while the ring has no room.
     *
     * @param producer the producer's position; advanced on success.
     * @param address  the address, not 0; the ring owns it on success.
     * @param control  JMH's control, for {@link Control#stopMeasurement}.
     * @return true if offered; false if the measurement ended while the ring was full, in which
     *         case the caller still owns the address.
     */
    boolean offer(final Position producer, final long address, final Control control)
    {
        final long position = producer.value;
        if (position == producer.limit)
        {
            final int last = slotIndex(position + LOOKAHEAD - 1);
            int spins = 0;
            while (slots.get(last) != 0)
            {
                if (control.stopMeasurement)
                {
                    return false;
                }
                spins = backOff(spins);
            }
            producer.limit = position + LOOKAHEAD;
        }
        slots.lazySet(slotIndex(position), address);
        producer.value = position + 1;
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
        int spins = 0;
        while ((address = slots.get(index)) == 0)
        {
            if (control.stopMeasurement)
            {
                return 0;
            }
            spins = backOff(spins);
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
            final long address = slots.get(i);
            if (address != 0)
            {
                slots.set(i, 0);
                drained.accept(address);
            }
        }
    }

    /**
     * Waits a little: busy spins first, then yields the CPU on each further try, so that on a
     * machine with fewer free cores than benchmark threads the other side gets to run instead of
     * waiting out this thread's time slice.
     */
    private static int backOff(final int spins)
    {
        if (spins < MAX_BUSY_SPINS)
        {
            return spins + 1;
        }
        Thread.yield();
        return spins;
    }

    private static int slotIndex(final long position)
    {
        return (int)position & MASK;
    }
}
