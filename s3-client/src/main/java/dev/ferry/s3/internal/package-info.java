/** The S3 client's implementation: request building, signing, response and error decoding. Not for users. */
@NullMarked
package dev.ferry.s3.internal;

import org.jspecify.annotations.NullMarked;
