/**
 * What a service client builds on: the {@link dev.ferry.core.client.RequestPipeline} (sign, send,
 * decode, retry) and the hooks a service plugs into it. Users of the clients need none of this.
 */
@NullMarked
package dev.ferry.core.client;

import org.jspecify.annotations.NullMarked;
