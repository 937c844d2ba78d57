/**
 * Transfers of objects of any size in bounded memory: {@link dev.ferry.s3.transfer.S3Transfers}
 * uploads from a publisher, a stream or a file (in parallel parts when large) and downloads to a
 * file (in parallel ranges, resumable), with progress events, in the four call styles.
 */
@NullMarked
package dev.ferry.s3.transfer;

import org.jspecify.annotations.NullMarked;
