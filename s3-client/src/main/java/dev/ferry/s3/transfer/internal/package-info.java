/** The implementation of {@link dev.ferry.s3.transfer.S3Transfers}. Not for users. */
@NullMarked
package dev.ferry.s3.transfer.internal;

import org.jspecify.annotations.NullMarked;
