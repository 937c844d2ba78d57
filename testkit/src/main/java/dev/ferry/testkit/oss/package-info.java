/**
 * A mock Alibaba Cloud OSS server: verifies signatures (V4 and V1) with its own implementation,
 * stores objects in memory, runs multipart uploads, answers synchronous and asynchronous processing
 * with the real JSON shapes while writing the processed target objects, and injects errors.
 */
@NullMarked
package dev.ferry.testkit.oss;

import org.jspecify.annotations.NullMarked;
