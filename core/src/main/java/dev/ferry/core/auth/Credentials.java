package dev.ferry.core.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An access key pair, with a session token for temporary credentials. S3 and OSS both sign with one.
 * {@link #toString()} shows the key id and never the secret or the token.
 */
public record Credentials(String accessKeyId, String secretAccessKey, @Nullable String sessionToken,
                          @Nullable Instant expiration) {

    public Credentials {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("access key id must not be blank");
        }
        if (secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("secret access key for " + accessKeyId + " must not be empty");
        }
        if (sessionToken != null && sessionToken.isBlank()) {
            sessionToken = null;
        }
    }

    public static Credentials of(String accessKeyId, String secretAccessKey) {
        return new Credentials(accessKeyId, secretAccessKey, null, null);
    }

    public static Credentials of(String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {
        return new Credentials(accessKeyId, secretAccessKey, sessionToken, null);
    }

    public boolean hasSessionToken() {
        return sessionToken != null;
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
                + (sessionToken != null ? ", sessionToken=***" : "")
                + (expiration != null ? ", expiration=" + expiration : "") + "]";
    }
}
