/**
 * The {@link dev.ferry.core.http.HttpEngine} on Reactor Netty. Everything that touches a Netty or
 * Reactor Netty type lives here, so that no such type leaks into Ferry's public API.
 */
@NullMarked
package dev.ferry.core.internal.netty;

import org.jspecify.annotations.NullMarked;
