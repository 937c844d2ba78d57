package dev.ferry.s3.internal.signing;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The SigV4 signing key of one secret, day, region and service:
 * {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")}. Whoever
 * holds it can sign for that scope all day, so its bytes stay inside this package and its
 * {@link #toString()} shows only the scope.
 */
public final class SigningKey {
    private final byte[] key;
    private final String date;
    private final String region;
    private final String service;

    private SigningKey(byte[] key, String date, String region, String service) {
        this.key = key;
        this.date = date;
        this.region = region;
        this.service = service;
    }

    /**
     * Derives the key. {@code date} is the UTC day, {@code yyyyMMdd}, of the request's
     * {@code X-Amz-Date}.
     */
    public static SigningKey derive(String secretAccessKey, String date, String region, String service) {
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (date.length() != 8) {
            throw new IllegalArgumentException("date must be yyyyMMdd, was '" + date + "'");
        }
        byte[] k = Hashing.hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        k = Hashing.hmac(k, region);
        k = Hashing.hmac(k, service);
        k = Hashing.hmac(k, "aws4_request");
        return new SigningKey(k, date, region, service);
    }

    /** The raw key; package-private so that nothing outside the signers can leak it. */
    byte[] bytes() {
        return key;
    }

    public String date() {
        return date;
    }

    public String region() {
        return region;
    }

    public String service() {
        return service;
    }

    @Override
    public String toString() {
        return "SigningKey[" + date + "/" + region + "/" + service + ", key=***]";
    }
}
