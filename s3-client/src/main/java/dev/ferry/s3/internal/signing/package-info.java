/**
 * AWS Signature Version 4 for S3: the {@code Authorization} header, presigned URLs, and aws-chunked
 * bodies whose chunks (and trailing checksum) are signed one after another as they stream.
 * {@link dev.ferry.s3.internal.signing.SigV4Signer} also runs the generic-service rules of the AWS
 * signing test suite, which is how it is checked. Secrets and signing keys never appear in a
 * {@code toString()} or an exception message.
 */
@NullMarked
package dev.ferry.s3.internal.signing;

import org.jspecify.annotations.NullMarked;
