package dev.ferry.s3.internal.signing;

/**
 * How a service reads SigV4: what it does to the path, whether it wants the payload hash as a
 * header, what a presigned request claims as payload, and whether the session token is signed.
 * {@link #S3} and {@link #GENERIC} are the two sets that exist in practice; the {@code with}
 * methods exist for the AWS signing test suite, whose cases vary one rule at a time.
 *
 * @param normalizePath removes {@code .} and {@code ..} segments (RFC 3986 remove_dot_segments) and
 *     empty segments ({@code //}) before signing; S3 never does, since {@code a//b} and {@code a/./b}
 *     are distinct keys
 * @param encodePathAgain percent-encodes each segment of the already encoded path once more (the
 *     "double encoding" of every service but S3); S3 signs the path exactly as sent
 * @param contentSha256Header adds {@code x-amz-content-sha256} with the payload hash and signs it;
 *     S3 requires it on every request
 * @param unsignedPresignedPayload a presigned request claims {@code UNSIGNED-PAYLOAD} (S3); otherwise
 *     it claims the hash of an empty payload, unless the caller gives one
 * @param signSessionToken signs {@code X-Amz-Security-Token}; when false it is added after signing,
 *     as a few services (and the suite's {@code post-sts-header-after}) expect
 */
public record SigningRules(boolean normalizePath, boolean encodePathAgain, boolean contentSha256Header,
                           boolean unsignedPresignedPayload, boolean signSessionToken) {

    /** S3: the path signed as sent, {@code x-amz-content-sha256} always, presigned as {@code UNSIGNED-PAYLOAD}. */
    public static final SigningRules S3 = new SigningRules(false, false, true, true, true);

    /** Every other AWS service, and the AWS signing test suite: path normalized and encoded again. */
    public static final SigningRules GENERIC = new SigningRules(true, true, false, false, true);

    public SigningRules withNormalizePath(boolean normalize) {
        return new SigningRules(normalize, encodePathAgain, contentSha256Header, unsignedPresignedPayload, signSessionToken);
    }

    public SigningRules withEncodePathAgain(boolean encodeAgain) {
        return new SigningRules(normalizePath, encodeAgain, contentSha256Header, unsignedPresignedPayload, signSessionToken);
    }

    public SigningRules withContentSha256Header(boolean header) {
        return new SigningRules(normalizePath, encodePathAgain, header, unsignedPresignedPayload, signSessionToken);
    }

    public SigningRules withUnsignedPresignedPayload(boolean unsigned) {
        return new SigningRules(normalizePath, encodePathAgain, contentSha256Header, unsigned, signSessionToken);
    }

    public SigningRules withSignSessionToken(boolean sign) {
        return new SigningRules(normalizePath, encodePathAgain, contentSha256Header, unsignedPresignedPayload, sign);
    }
}
