/**
 * Hoarfrost journals replicated over Aeron: a leader publishes its journal, an Aeron Archive
 * records the stream, and replicas on other hosts keep byte-identical copies, catching up through
 * the archive after a restart or a lost connection.
 *
 * <pre>
 *   leader host                                         replica host
 *   Journal --(JournalReader, zero copy)--> JournalPublisher --UDP (MDC)--> JournalReplica --> Journal copy
 *                                                |                              ^
 *                                         Archive (LOCAL spy)  --replay (ReplayMerge)--+
 * </pre>
 *
 * <ul>
 *   <li>{@link io.hoarfrost.aeron.JournalPublisher}: an agent that follows the journal and offers
 *   each record (a 32-byte {@link io.hoarfrost.aeron.ReplicationDescriptor} header, then the
 *   record straight from the mapping) to an exclusive publication, retrying on back pressure.</li>
 *   <li>{@link io.hoarfrost.aeron.JournalLeader}: the publication, the archive's recording of it
 *   (started once, extended at every restart so positions stay continuous) and the publisher.</li>
 *   <li>{@link io.hoarfrost.aeron.JournalReplica}: an agent that replays the recording from its
 *   saved position, merges into the live stream with {@code ReplayMerge}, and appends.</li>
 *   <li>{@link io.hoarfrost.aeron.LeaderMain}, {@link io.hoarfrost.aeron.ReplicaMain}: the two
 *   commands.</li>
 * </ul>
 *
 * <p><b>Guarantees.</b> A replica's journal holds a prefix of the leader's: the same sequences,
 * the same bytes, the same journal id. Records are appended in order, with no gap and no
 * duplicate; a record that does not follow the replica's last is refused
 * ({@code IllegalStateException} naming both sequences, nothing written), a repeated one skipped.
 * A replica whose journal has another id refuses before writing anything.
 *
 * <p><b>Not guaranteed.</b> This is replication, not consensus: a replica may lag the leader by
 * any amount, nothing elects a new leader, and records the leader appended but the archive had not
 * recorded when the leader's host died are lost to the replicas (a replica that already received
 * them refuses to continue from a recording that ends before them). For agreement, use Aeron
 * Cluster.
 *
 * <p><b>Threading and ownership.</b> The publisher and the replica are agents: each is confined to
 * the thread of its agent runner, opens its journal files in {@code onStart} and closes them in
 * {@code onClose}. They borrow the Aeron client (and the publisher its publication); the replica
 * owns its archive client, subscription, journal and position file. Their steady-state duty cycles
 * allocate nothing.
 */
package io.hoarfrost.aeron;
