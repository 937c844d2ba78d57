/**
 * How the OSS client works inside: signing (V4 and V1), addressing, request building and answer
 * decoding. Not API: anything here may change without notice.
 */
@NullMarked
package dev.ferry.oss.internal;

import org.jspecify.annotations.NullMarked;
