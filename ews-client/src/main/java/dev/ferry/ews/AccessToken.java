package dev.ferry.ews;

import java.time.Instant;
import java.util.Objects;

/** An OAuth access token and when it expires. {@link #toString()} never shows the token. */
public record AccessToken(String token, Instant expiresOn) {
    public AccessToken {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("access token must not be blank");
        }
        Objects.requireNonNull(expiresOn, "expiresOn");
    }

    public boolean isExpiredAt(Instant when) {
        return !when.isBefore(expiresOn);
    }

    @Override
    public String toString() {
        return "AccessToken[***, expiresOn=" + expiresOn + "]";
    }
}
