/**
 * The one public place where a Reactor Netty type appears in Ferry's API: building an
 * {@link dev.ferry.core.http.HttpEngine} on event loops that already exist, such as those of a
 * Spring WebFlux or other Reactor Netty server in the same application, so that one set of threads
 * serves both. Everything else in Ferry keeps Netty types out of its signatures; use this package
 * only when you have a {@link reactor.netty.resources.LoopResources} to share.
 */
@NullMarked
package dev.ferry.core.http.netty;

import org.jspecify.annotations.NullMarked;
