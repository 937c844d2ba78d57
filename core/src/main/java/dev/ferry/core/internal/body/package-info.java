/** The {@link dev.ferry.core.http.RequestBody} implementations. Not for users: create bodies through {@code RequestBody}. */
@NullMarked
package dev.ferry.core.internal.body;

import org.jspecify.annotations.NullMarked;
