/**
 * The journal: a persistent, append-only message store for trading systems, in the manner of
 * Chronicle Queue: records numbered by sequence from 0, in a directory of segment files rolled by
 * size (and optionally daily at a UTC time), written by one {@link io.hoarfrost.journal.Journal} and read by any number of
 * {@link io.hoarfrost.journal.JournalReader}s in this process or others. The top layer of
 * Hoarfrost: it imports {@code memory} and {@code arena} only, and nothing imports it.
 *
 * <ul>
 *   <li>{@link io.hoarfrost.journal.Journal}: the writer; {@code append} copies a record in,
 *       {@code claim} hands out space to encode into in place ({@link io.hoarfrost.journal.JournalClaim},
 *       then {@code commit} or {@code abort}), {@code pretouch} runs on a background thread,
 *       {@code retain} deletes old segments.</li>
 *   <li>{@link io.hoarfrost.journal.JournalReader}: {@code next}, {@code seek(sequence)},
 *       {@code toStart}, {@code toEnd}, {@code lastSequence}; follows a live writer across
 *       segments; a named reader ({@code open(dir, name)}) keeps its position in a file of its
 *       own.</li>
 *   <li>{@link io.hoarfrost.journal.JournalOptions}: segment size, index spacing, group access,
 *       daily roll time, a CRC32C per record.</li>
 *   <li>{@link io.hoarfrost.journal.JournalDescriptor}: the files' layouts.</li>
 *   <li>{@link io.hoarfrost.journal.JournalDump}: a command-line dump of the records in hex, for
 *       an operator; read only.</li>
 * </ul>
 *
 * <h2>Files</h2>
 * A journal directory (0700, files 0600; 0750/0640 with group access) holds {@code journal.meta}
 * (written once: id, segment size, index shift), {@code journal.lock} (the writer's exclusive lock
 * lives on this file alone, and readers never open it), and segment files named by their first
 * sequence, {@code 00000000000000000000.hfj}. A record is a frame {@code [length (4) | bytes | pad
 * to 4]}, so a 64-byte message takes 68 bytes (72 with a CRC32C per record, checked by readers).
 * Each segment's header has one commit word, its record count and byte length, published by one
 * release store after what it covers.
 *
 * <h2>Ownership</h2>
 * A {@code Journal} owns the writer lock, its segment mapping and the claim it hands out until
 * {@code close()}; a {@code JournalReader} owns its read-only mappings until {@code close()}, which
 * hand them to a background daemon thread that unmaps them (close does not wait for it).
 * Record views ({@link io.hoarfrost.journal.JournalReader#buffer()},
 * {@link io.hoarfrost.journal.JournalClaim#buffer()}) are borrowed until the next move, commit,
 * abort or close, which detach them. Nobody but the writer writes to the journal's files; readers
 * and a failed open never modify them (a named reader writes its own {@code <name>.reader}
 * only).
 *
 * <h2>Threading</h2>
 * One writer thread: a {@code Journal} is confined to the thread that opened it, except
 * {@code pretouch()}, meant for a background thread. A reader per thread: each
 * {@code JournalReader} is confined to the thread that opened it. Readers in other processes
 * need nothing from the writer's process: they map the files themselves, and the release store of
 * the commit word paired with their acquire load is all the synchronisation there is. One writer
 * per directory: a second, in this JVM or another process, is refused.
 *
 * <h2>Checked mode</h2>
 * With {@code -Dhoarfrost.checks=true}, use of a journal or reader from another thread throws
 * {@link java.lang.IllegalStateException}. Use after close, a pending claim, a damaged record and
 * a truncated segment throw in both modes, because the alternative is a crash or bad data.
 */
package io.hoarfrost.journal;
