package dev.ferry.s3.internal.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256, HMAC-SHA256 and hex for the signer. A {@code getInstance} walks the security providers
 * each time, which shows in a benchmark of small requests, so each thread keeps one instance of
 * each, made by cloning a prototype.
 */
final class Hashing {
    static final String HMAC_SHA256 = "HmacSHA256";

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final MessageDigest SHA256_PROTOTYPE = newSha256();
    private static final Mac HMAC_PROTOTYPE = newHmac();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashing::sha256Instance);
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(Hashing::hmacInstance);

    private Hashing() {
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    private static Mac newHmac() {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256, which every Java platform must provide", e);
        }
    }

    /** A SHA-256 of its own, for a caller that keeps it (one per chunked body). */
    static MessageDigest sha256Instance() {
        try {
            return (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    /** An uninitialised HMAC-SHA256 of its own. */
    static Mac hmacInstance() {
        try {
            return (Mac) HMAC_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newHmac();
        }
    }

    static byte[] sha256(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(data);
    }

    /** Of the buffer's remaining bytes, leaving its position alone. */
    static byte[] sha256(ByteBuffer data) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(data.duplicate());
        return md.digest();
    }

    static byte[] hmac(byte[] key, byte[] data) {
        Mac mac = HMAC.get();
        init(mac, key);
        return mac.doFinal(data);
    }

    static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    static void init(Mac mac, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (InvalidKeyException e) {
            // HMAC takes keys of any length; never the key itself in the message.
            throw new IllegalStateException("HmacSHA256 refused a " + key.length + "-byte key", e);
        }
    }

    static String hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0, j = 0; i < bytes.length; i++) {
            int b = bytes[i];
            out[j++] = HEX[(b >> 4) & 0xf];
            out[j++] = HEX[b & 0xf];
        }
        // Latin-1 bytes become a compact string without decoding.
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Writes the hex of {@code bytes} into {@code out} at {@code offset}; returns the offset after it. */
    static int hex(byte[] bytes, byte[] out, int offset) {
        for (int b : bytes) {
            out[offset++] = HEX[(b >> 4) & 0xf];
            out[offset++] = HEX[b & 0xf];
        }
        return offset;
    }
}
