/**
 * The four ways to call a Ferry operation. Every client is reactive first ({@code Mono}/{@code Flux});
 * {@link dev.ferry.core.call.CallViews} turns it into a future view, a Begin/End callback view
 * ({@link dev.ferry.core.call.AsyncResult}) and a blocking view, generically, so that no operation's
 * logic is ever written twice.
 */
@NullMarked
package dev.ferry.core.call;

import org.jspecify.annotations.NullMarked;
