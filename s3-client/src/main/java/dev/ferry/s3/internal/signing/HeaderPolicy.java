package dev.ferry.s3.internal.signing;

/**
 * Which of a request's headers the signature covers. {@code host}, {@code x-amz-date}, and the
 * {@code x-amz-content-sha256} and {@code x-amz-security-token} the signer adds are signed under
 * every policy; {@code authorization} never is.
 *
 * <p>A signed header that a proxy or the HTTP stack rewrites breaks the signature, which is why
 * {@link #S3} signs as little as S3 needs.
 */
public enum HeaderPolicy {
    /**
     * {@code host}, {@code content-type}, {@code content-md5}, {@code content-length} and every
     * {@code x-amz-*} header: what binds an S3 request's meaning, nothing a hop may change.
     */
    S3,

    /**
     * Every header except those hops own or rewrite: {@code user-agent}, {@code expect},
     * {@code connection}, {@code keep-alive}, {@code transfer-encoding}, {@code te}, {@code trailer},
     * {@code upgrade}, {@code proxy-*}, {@code x-amzn-trace-id}. What the AWS SDKs sign, and what
     * the requests of the S3 documentation's examples sign (their {@code range} and {@code date}).
     */
    ALL_EXCEPT_HOP_BY_HOP,

    /** Every header present: the AWS signing test suite's convention. */
    ALL;

    /** Whether a header of this lower-case name is signed (before the always/never rules above). */
    boolean signs(String lowerCaseName) {
        return switch (this) {
            case S3 -> lowerCaseName.startsWith("x-amz-") || lowerCaseName.equals("host") || lowerCaseName.equals("content-type")
                    || lowerCaseName.equals("content-md5") || lowerCaseName.equals("content-length");
            case ALL_EXCEPT_HOP_BY_HOP -> !isHopByHop(lowerCaseName);
            case ALL -> true;
        };
    }

    private static boolean isHopByHop(String name) {
        return switch (name) {
            case "user-agent", "expect", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
                    "x-amzn-trace-id" -> true;
            default -> name.startsWith("proxy-");
        };
    }
}
