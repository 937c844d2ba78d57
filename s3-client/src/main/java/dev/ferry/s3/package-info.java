/**
 * The S3 client: {@link dev.ferry.s3.S3Client} (reactive) with its future, Begin/End and blocking
 * views, for Amazon S3 and S3-compatible stores. Requests and responses are in {@code dev.ferry.s3.model}.
 */
@NullMarked
package dev.ferry.s3;

import org.jspecify.annotations.NullMarked;
