/**
 * A non-blocking Exchange Web Services client: {@link dev.ferry.ews.EwsClient}, its credentials and
 * options, the token providers, and {@link dev.ferry.ews.EwsException}. Values it takes and returns
 * live in {@code dev.ferry.ews.model}.
 */
@NullMarked
package dev.ferry.ews;

import org.jspecify.annotations.NullMarked;
