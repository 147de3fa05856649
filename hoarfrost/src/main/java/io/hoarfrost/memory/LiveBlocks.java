package io.hoarfrost.memory;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Checked mode's table of live blocks by address: 64 stripes, each an open-addressing
 * {@link Long2ObjectHashMap} (a {@code long} key and a reference per slot, no boxed key and no
 * entry object) guarded by its own lock, so blocks may be allocated on one thread and freed on
 * another, and threads touching different stripes do not contend.
 *
 * <p>A stripe shrinks its arrays when it falls below a sixteenth full, so freeing millions of
 * blocks gives their heap back.
 */
final class LiveBlocks
{
    private static final int STRIPE_BITS = 6;
    private static final int MIN_CAPACITY_TO_SHRINK = 1024;

    private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];

    LiveBlocks()
    {
        for (int i = 0; i < stripes.length; i++)
        {
            stripes[i] = new Stripe();
        }
    }

    /**
     * The live block at an address.
     *
     * @param address any address.
     * @return the block, or null.
     */
    TrackedBlock get(final long address)
    {
        final Stripe stripe = stripe(address);
        synchronized (stripe)
        {
            return stripe.blocks.get(address);
        }
    }

    /**
     * Whether a block starts at an address.
     *
     * @param address any address.
     * @return true if live.
     */
    boolean contains(final long address)
    {
        return null != get(address);
    }

    /**
     * Adds a block unless its address is already live.
     *
     * @param block the new block.
     * @return null if added, else the live block at that address (and nothing changes).
     */
    TrackedBlock putIfAbsent(final TrackedBlock block)
    {
        final Stripe stripe = stripe(block.address());
        synchronized (stripe)
        {
            final TrackedBlock previous = stripe.blocks.get(block.address());
            if (null == previous)
            {
                stripe.blocks.put(block.address(), block);
            }
            return previous;
        }
    }

    /**
     * Removes a block if it is still the one live at its address.
     *
     * @param block the block to remove.
     * @return true if this call removed it.
     */
    boolean remove(final TrackedBlock block)
    {
        final Stripe stripe = stripe(block.address());
        synchronized (stripe)
        {
            final Long2ObjectHashMap<TrackedBlock> blocks = stripe.blocks;
            if (!blocks.remove(block.address(), block))
            {
                return false;
            }
            if (blocks.capacity() >= MIN_CAPACITY_TO_SHRINK && blocks.size() < blocks.capacity() >> 4)
            {
                blocks.compact();
            }
            return true;
        }
    }

    /**
     * How many blocks are live.
     *
     * @return the sum over the stripes (not one atomic snapshot while others allocate).
     */
    int size()
    {
        int size = 0;
        for (final Stripe stripe : stripes)
        {
            synchronized (stripe)
            {
                size += stripe.blocks.size();
            }
        }
        return size;
    }

    /**
     * A copy of the live blocks, in no order.
     *
     * @return a new list.
     */
    List<TrackedBlock> snapshot()
    {
        final List<TrackedBlock> blocks = new ArrayList<>();
        for (final Stripe stripe : stripes)
        {
            synchronized (stripe)
            {
                blocks.addAll(stripe.blocks.values());
            }
        }
        return blocks;
    }

    private Stripe stripe(final long address)
    {
        return stripes[(int)((address * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - STRIPE_BITS))];
    }

    /** One lock and the blocks it guards. */
    private static final class Stripe
    {
        private final Long2ObjectHashMap<TrackedBlock> blocks = new Long2ObjectHashMap<>(16, 0.65f, false);
    }
}
