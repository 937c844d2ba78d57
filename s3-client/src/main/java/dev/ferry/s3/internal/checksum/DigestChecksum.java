package dev.ferry.s3.internal.checksum;

import dev.ferry.s3.model.IncrementalChecksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A {@link MessageDigest} (MD5, SHA-1, SHA-256) as an {@link IncrementalChecksum}. */
final class DigestChecksum implements IncrementalChecksum {
    // Cloning a prototype skips the provider look-up of MessageDigest.getInstance on every body.
    private static final MessageDigest MD5 = prototype("MD5");
    private static final MessageDigest SHA1 = prototype("SHA-1");
    private static final MessageDigest SHA256 = prototype("SHA-256");

    private final MessageDigest digest;

    private DigestChecksum(MessageDigest digest) {
        this.digest = digest;
    }

    static DigestChecksum md5() {
        return new DigestChecksum(copy(MD5));
    }

    static DigestChecksum sha1() {
        return new DigestChecksum(copy(SHA1));
    }

    static DigestChecksum sha256() {
        return new DigestChecksum(copy(SHA256));
    }

    private static MessageDigest prototype(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide these three (MessageDigest's specification).
            throw new IllegalStateException("this JVM has no " + algorithm + ", which every Java platform must provide", e);
        }
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return prototype(prototype.getAlgorithm());
        }
    }

    @Override
    public void update(ByteBuffer data) {
        digest.update(data.duplicate());
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        digest.update(data, offset, length);
    }

    @Override
    public byte[] digest() {
        return digest.digest();
    }

    @Override
    public void reset() {
        digest.reset();
    }

    @Override
    public String toString() {
        return digest.getAlgorithm() + " checksum";
    }
}
