/** The machinery behind {@link dev.ferry.core.call.CallViews}. */
@NullMarked
package dev.ferry.core.internal.call;

import org.jspecify.annotations.NullMarked;
