package dev.ferry.s3.internal.signing;

import dev.ferry.core.http.HttpRequest;
import java.util.Objects;

/**
 * What {@link SigV4Signer} produced: the request to send (or, when presigned, whose
 * {@link HttpRequest#uri()} is the URL to hand out), the intermediate strings a
 * {@code SignatureDoesNotMatch} is debugged with (S3 returns its own canonical request and string to
 * sign in the error body), and what a {@link ChunkSigner} continues from.
 *
 * @param request the signed request: with {@code Authorization}, or with the presigning query
 * @param canonicalRequest the canonical request that was hashed
 * @param stringToSign the string that was signed
 * @param signature the signature, lower-case hex; the seed signature of an aws-chunked body
 * @param dateTime the signing time as in {@code X-Amz-Date}: {@code 20130524T000000Z}
 * @param scope the credential scope: {@code 20130524/us-east-1/s3/aws4_request}
 * @param signingKey the key the signature was made with, for signing the chunks that follow
 */
public record SignedRequest(HttpRequest request, String canonicalRequest, String stringToSign, String signature,
                            String dateTime, String scope, SigningKey signingKey) {

    public SignedRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(canonicalRequest, "canonicalRequest");
        Objects.requireNonNull(stringToSign, "stringToSign");
        Objects.requireNonNull(signingKey, "signingKey");
        if (signature.length() != 64) {
            throw new IllegalArgumentException("signature must be 64 hex digits, had " + signature.length());
        }
        if (dateTime.length() != 16) {
            throw new IllegalArgumentException("dateTime must look like 20130524T000000Z, was '" + dateTime + "'");
        }
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("scope must not be empty");
        }
    }

    /** A signer for the chunks of this request's aws-chunked body, seeded with this signature. */
    public ChunkSigner chunkSigner() {
        return new ChunkSigner(signingKey, dateTime, scope, signature);
    }

    /**
     * The request (its headers masked as {@link HttpRequest#toString()} masks them) and the scope. The
     * canonical request is left out: it holds the session token in clear.
     */
    @Override
    public String toString() {
        return "SignedRequest[" + request + ", scope=" + scope + "]";
    }
}
