/** Requests, responses and values of the S3 operations: immutable records, validated when built. */
@NullMarked
package dev.ferry.s3.model;

import org.jspecify.annotations.NullMarked;
