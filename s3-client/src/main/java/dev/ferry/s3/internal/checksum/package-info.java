/**
 * The checksums S3 accepts for an object's integrity: CRC32, CRC32C, CRC64NVME, SHA-1 and SHA-256
 * (the {@code x-amz-checksum-*} headers and trailers), and the MD5 of {@code Content-MD5}. Each is
 * computed incrementally, so a body is checked as it streams and never held whole.
 */
@NullMarked
package dev.ferry.s3.internal.checksum;

import org.jspecify.annotations.NullMarked;
