package dev.ferry.oss.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Digests and MACs for signing. Creating a {@link Mac} or {@link MessageDigest} looks up a provider
 * each time, which costs more than hashing a canonical request, so each thread keeps its own.
 */
final class Hashing {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> mac("HmacSHA256"));
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> mac("HmacSHA1"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> digest("MD5"));

    private Hashing() {
    }

    static byte[] hmacSha256(byte[] key, String data) {
        return hmac(HMAC_SHA256.get(), "HmacSHA256", key, data);
    }

    static byte[] hmacSha1(byte[] key, String data) {
        return hmac(HMAC_SHA1.get(), "HmacSHA1", key, data);
    }

    static String sha256Hex(String data) {
        MessageDigest md = SHA256.get();
        md.reset();
        return hex(md.digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** The base64 MD5 of {@code data}, as the Content-MD5 header carries it. */
    static String contentMd5(byte[] data) {
        MessageDigest md = MD5.get();
        md.reset();
        return Base64.getEncoder().encodeToString(md.digest(data));
    }

    static String md5HexUpper(byte[] data) {
        MessageDigest md = MD5.get();
        md.reset();
        return hex(md.digest(data)).toUpperCase(java.util.Locale.ROOT);
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    private static byte[] hmac(Mac mac, String algorithm, byte[] key, String data) {
        try {
            mac.init(new SecretKeySpec(key, algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise " + algorithm, e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
