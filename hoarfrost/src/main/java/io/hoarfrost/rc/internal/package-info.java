/**
 * Not API: the implementation that {@code rc}'s and {@code array}'s counted handles share, public
 * only so that {@code io.hoarfrost.array} can use it (Netty's {@code io.netty.util.internal}
 * convention). Nothing outside {@code io.hoarfrost} should use it; it may change in any release
 * without notice.
 */
package io.hoarfrost.rc.internal;
