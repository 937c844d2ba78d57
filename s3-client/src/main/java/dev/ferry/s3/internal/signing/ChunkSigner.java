package dev.ferry.s3.internal.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * Signs the chunks of an aws-chunked body, each signature chained to the one before, starting from
 * the request's (seed) signature:
 *
 * <pre>
 * AWS4-HMAC-SHA256-PAYLOAD \n datetime \n scope \n previous signature \n sha256("") \n sha256(chunk)
 * </pre>
 *
 * and, after the final (empty) chunk, the trailer:
 *
 * <pre>
 * AWS4-HMAC-SHA256-TRAILER \n datetime \n scope \n previous signature \n sha256(trailer headers)
 * </pre>
 *
 * Stateful and not thread-safe: one body, one signer, chunks in order. A retried request is signed
 * again, and gets a new signer from its new {@link SignedRequest}.
 */
public final class ChunkSigner {
    private static final byte[] EMPTY_SHA256_LINE =
            ("\n" + SigV4Signer.EMPTY_PAYLOAD_SHA256 + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNATURE_HEX = 64;

    private final Mac mac;
    private final MessageDigest sha256 = Hashing.sha256Instance();
    /** The fixed part of both strings to sign after their first line: datetime and scope. */
    private final byte[] chunkPrefix;
    private final byte[] trailerPrefix;
    /** Scratch for the string to sign: prefix, previous signature, two hashes. */
    private final byte[] buffer;
    private String previous;

    public ChunkSigner(SigningKey key, String dateTime, String scope, String seedSignature) {
        if (seedSignature.length() != SIGNATURE_HEX) {
            throw new IllegalArgumentException("seed signature must be 64 hex digits, had " + seedSignature.length());
        }
        this.mac = Hashing.hmacInstance();
        Hashing.init(mac, key.bytes());
        String scopeLines = dateTime + "\n" + scope + "\n";
        this.chunkPrefix = ("AWS4-HMAC-SHA256-PAYLOAD\n" + scopeLines).getBytes(StandardCharsets.UTF_8);
        this.trailerPrefix = ("AWS4-HMAC-SHA256-TRAILER\n" + scopeLines).getBytes(StandardCharsets.UTF_8);
        this.buffer = new byte[chunkPrefix.length + SIGNATURE_HEX + EMPTY_SHA256_LINE.length + SIGNATURE_HEX];
        this.previous = seedSignature;
    }

    /** Signs the next chunk, the buffer's remaining bytes (its position is left alone); empty for the final chunk. */
    public String signChunk(ByteBuffer chunk) {
        sha256.reset();
        sha256.update(chunk.duplicate());
        byte[] chunkHash = sha256.digest();
        int n = copy(chunkPrefix, 0);
        n = copyAscii(previous, n);
        System.arraycopy(EMPTY_SHA256_LINE, 0, buffer, n, EMPTY_SHA256_LINE.length);
        n += EMPTY_SHA256_LINE.length;
        n = Hashing.hex(chunkHash, buffer, n);
        return chain(n);
    }

    /**
     * Signs the trailer that follows the final chunk. {@code canonicalTrailers} is each trailing
     * header as {@code name:value\n}, names lower case and sorted: the LF form, not the CRLF form
     * they take on the wire.
     */
    public String signTrailer(String canonicalTrailers) {
        sha256.reset();
        byte[] trailerHash = sha256.digest(canonicalTrailers.getBytes(StandardCharsets.UTF_8));
        int n = 0;
        System.arraycopy(trailerPrefix, 0, buffer, 0, trailerPrefix.length);
        n += trailerPrefix.length;
        n = copyAscii(previous, n);
        buffer[n++] = '\n';
        n = Hashing.hex(trailerHash, buffer, n);
        return chain(n);
    }

    /** The signature last produced, or the seed before the first chunk. */
    public String previousSignature() {
        return previous;
    }

    private String chain(int length) {
        mac.update(buffer, 0, length);
        previous = Hashing.hex(mac.doFinal());
        return previous;
    }

    private int copy(byte[] bytes, int at) {
        System.arraycopy(bytes, 0, buffer, at, bytes.length);
        return at + bytes.length;
    }

    private int copyAscii(String s, int at) {
        for (int i = 0; i < s.length(); i++) {
            buffer[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    @Override
    public String toString() {
        return "ChunkSigner[after " + previous.substring(0, 8) + "...]";
    }
}
