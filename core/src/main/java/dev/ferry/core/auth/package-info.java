/**
 * Access keys and where they come from: static values, the environment, the shared credentials
 * file, or a chain of those. A secret never appears in {@code toString()} or a log line.
 */
@NullMarked
package dev.ferry.core.auth;

import org.jspecify.annotations.NullMarked;
