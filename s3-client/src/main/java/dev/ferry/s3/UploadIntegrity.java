package dev.ferry.s3;

/**
 * How the bytes of an upload are vouched for. Every mode is checked by the server; they differ in
 * cost and in which servers accept them.
 *
 * <table>
 *   <caption>What is sent</caption>
 *   <tr><th>mode</th><th>body in memory</th><th>file or stream</th><th>works with</th></tr>
 *   <tr><td>{@link #SIGNED_PAYLOAD} (default)</td><td>SHA-256 of the body in the signature</td>
 *       <td>aws-chunked, every 64 KiB chunk signed; read once</td><td>every S3 implementation Ferry is tested on</td></tr>
 *   <tr><td>{@link #UNSIGNED_PAYLOAD}</td><td>{@code UNSIGNED-PAYLOAD}, the checksum in a header</td>
 *       <td>aws-chunked, unsigned, the checksum as a trailer</td><td>AWS and recent stores; HTTPS only (unless {@code allowUnsignedPayloadOverHttp})</td></tr>
 *   <tr><td>{@link #PLAIN_BODY}</td><td>SHA-256 and Content-MD5</td><td>SHA-256 and Content-MD5 computed first
 *       (files only: a stream cannot be read twice)</td><td>stores that refuse aws-chunked</td></tr>
 * </table>
 *
 * With a client checksum algorithm ({@code S3Client.Builder.checksumAlgorithm}) each mode also sends
 * that flexible checksum: as a header for bodies in memory, as a (signed, in the signed mode) trailer
 * for streams, and S3 stores it with the object.
 *
 * <p>The default, SIGNED_PAYLOAD without a checksum algorithm, never sends a trailer and works
 * unchanged on stores that refuse them (Ceph RGW 16 answers a trailer with
 * {@code 400 XAmzContentSHA256Mismatch}). When a trailer is refused, the client remembers it for its
 * endpoint and sends none again: the refused upload is resent at once if its body can be read again
 * (a file: digests first, then a plain body with them in headers, as for bodies in memory); a
 * one-time stream was used up by the attempt, so that upload fails with an {@code S3Exception} that
 * says so (the server stored nothing) and the next one goes in signed chunks without the checksum.
 */
public enum UploadIntegrity {
    /** The payload is part of the signature: SHA-256 for bodies in memory, signed chunks for streams. */
    SIGNED_PAYLOAD,
    /**
     * The signature leaves the payload out ({@code UNSIGNED-PAYLOAD}); TLS protects it in transit and
     * a flexible checksum (CRC32C unless another is chosen) end to end. The cheapest; refused over plain HTTP
     * unless the builder's {@code allowUnsignedPayloadOverHttp(true)} says the network is trusted.
     */
    UNSIGNED_PAYLOAD,
    /**
     * Compatibility: never aws-chunked. A plain body with its SHA-256 in the signature and its
     * Content-MD5, for S3-compatible stores that do not accept chunked uploads. Files are read twice;
     * streams that cannot be replayed are refused (upload them in parts).
     */
    PLAIN_BODY
}
