package dev.ferry.oss.internal;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpRequest;
import java.time.Instant;

/** Signs one attempt of a request, in the header form, or presigns it in the query form. */
public sealed interface OssSigner permits OssV4Signer, OssV1Signer {

    /** The request with the signer's date, token and {@code Authorization} headers added. */
    SigningTrace sign(HttpRequest request, OssResource resource, Credentials credentials, Instant signTime);

    /**
     * The request with the signature in its query string, valid until {@code expiration}; it must
     * then be sent with the same method and the signed headers.
     */
    SigningTrace presign(HttpRequest request, OssResource resource, Credentials credentials, Instant signTime, Instant expiration);
}
