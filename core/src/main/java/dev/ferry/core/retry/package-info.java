/** When a failed request is sent again, and how long Ferry waits before it does. */
@NullMarked
package dev.ferry.core.retry;

import org.jspecify.annotations.NullMarked;
