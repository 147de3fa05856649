/**
 * Not API: the plumbing every Hoarfrost package shares (bounds checks, UTF-8 encoding into native
 * memory, and checked mode's hooks: tracking, liveness and thread-confinement checks), public
 * only so that Hoarfrost's other packages can use it (Netty's {@code io.netty.util.internal}
 * convention). It belongs to the {@code memory} layer, the floor. It may change without notice in
 * any release; for Hoarfrost's own packages only. What users call stays in
 * {@link io.hoarfrost.memory.MemoryChecks}.
 */
package io.hoarfrost.memory.internal;
