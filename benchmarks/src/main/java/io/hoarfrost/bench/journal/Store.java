package io.hoarfrost.bench.journal;

import java.nio.file.Path;

/**
 * A message store under test: Hoarfrost's journal or Chronicle Queue, behind the same two calls,
 * so that every probe runs the same loop over either. A probe process uses one store only, so
 * the calls through this interface stay monomorphic.
 */
interface Store
{
    /** The name of Hoarfrost's store in the command lines and results. */
    String HOARFROST = "hoarfrost";
    /** The name of Chronicle Queue's store in the command lines and results. */
    String CHRONICLE = "chronicle";

    /**
     * Creates a new, empty store in {@code dir} and opens its writer.
     *
     * @param dir         a directory that does not exist yet.
     * @param messageSize the length of every message the writer appends.
     * @return the writer, owned by the caller.
     */
    StoreWriter createWriter(Path dir, int messageSize);

    /**
     * Opens a reader positioned before the first message.
     *
     * @param dir a store written by {@link #createWriter(Path, int)}, live or closed.
     * @return the reader, owned by the caller.
     */
    StoreReader openReader(Path dir);

    /**
     * The store of a name: its classes (Chronicle's included) load only when it is picked.
     *
     * @param name {@link #HOARFROST} or {@link #CHRONICLE}.
     * @return the store.
     * @throws IllegalArgumentException naming the name if it is neither.
     */
    static Store of(final String name)
    {
        if (HOARFROST.equals(name))
        {
            return new HoarfrostStore();
        }
        if (CHRONICLE.equals(name))
        {
            return new ChronicleStore();
        }
        throw new IllegalArgumentException("no store '" + name + "': " + HOARFROST + " or " + CHRONICLE);
    }
}
