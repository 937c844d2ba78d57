/**
 * The HTTP layer every Ferry service client stands on: {@link dev.ferry.core.http.HttpEngine} (one
 * Netty event-loop engine, pooled connections, timeouts), immutable {@link dev.ferry.core.http.HttpRequest}s
 * and their {@link dev.ferry.core.http.RequestBody}, and streamed {@link dev.ferry.core.http.HttpResponse}s.
 * No Netty type appears here.
 */
@NullMarked
package dev.ferry.core.http;

import org.jspecify.annotations.NullMarked;
