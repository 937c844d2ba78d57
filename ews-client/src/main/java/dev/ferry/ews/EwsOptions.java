package dev.ferry.ews;

import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.retry.RetryPolicy;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link EwsClient} behaves, with every default in one place.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>impersonatedMailbox</td><td>none</td><td>the mailbox to act as (ExchangeImpersonation and X-AnchorMailbox); required with app-only tokens</td></tr>
 *   <tr><td>serverVersion</td><td>Exchange2013_SP1</td><td>RequestServerVersion: the schema version requests are written in</td></tr>
 *   <tr><td>userAgent</td><td>Ferry-EWS/0.1</td><td></td></tr>
 *   <tr><td>clientRequestId</td><td>a fresh UUID per request</td><td>sent as client-request-id, for Microsoft support cases</td></tr>
 *   <tr><td>maxConcurrentRequestsPerMailbox</td><td>8</td><td>Exchange Online allows 27 per user for all the user's clients together</td></tr>
 *   <tr><td>maxAttachmentBytes</td><td>150 MiB</td><td>largest attachment or MIME stream accepted</td></tr>
 *   <tr><td>maxInMemoryMimeBytes</td><td>32 MiB</td><td>largest message {@code fetchMessage} parses in memory</td></tr>
 *   <tr><td>maxResponseChars</td><td>32 Mi characters</td><td>largest response kept for reading, besides MIME and attachment content</td></tr>
 *   <tr><td>retryPolicy</td><td>{@link RetryPolicy#defaults()}</td><td>only reads, and requests that never reached the server, are retried</td></tr>
 *   <tr><td>engine</td><td>{@link HttpEngine#shared()}</td><td></td></tr>
 * </table>
 */
public record EwsOptions(@Nullable String impersonatedMailbox, String serverVersion, String userAgent,
                         @Nullable String clientRequestId, int maxConcurrentRequestsPerMailbox, long maxAttachmentBytes,
                         int maxInMemoryMimeBytes, int maxResponseChars, RetryPolicy retryPolicy, @Nullable HttpEngine engine) {

    public static final String DEFAULT_SERVER_VERSION = "Exchange2013_SP1";

    public EwsOptions {
        if (impersonatedMailbox != null) {
            impersonatedMailbox = impersonatedMailbox.strip();
            if (impersonatedMailbox.isEmpty()) {
                impersonatedMailbox = null;
            } else if (impersonatedMailbox.indexOf('@') <= 0) {
                throw new IllegalArgumentException("impersonated mailbox must be an SMTP address, was '" + impersonatedMailbox + "'");
            }
        }
        // Requests name an ExchangeVersionType (Exchange2013_SP1); V2018_01_08-style names only appear in answers.
        if (serverVersion == null || !serverVersion.matches("Exchange20\\d\\d(_SP\\d)?")) {
            throw new IllegalArgumentException("server version must look like Exchange2013_SP1 or Exchange2016, was " + serverVersion);
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("user agent must not be blank");
        }
        if (clientRequestId != null && clientRequestId.isBlank()) {
            clientRequestId = null;
        }
        if (maxConcurrentRequestsPerMailbox < 1 || maxConcurrentRequestsPerMailbox > 1000) {
            throw new IllegalArgumentException("maxConcurrentRequestsPerMailbox must be 1..1000, was " + maxConcurrentRequestsPerMailbox);
        }
        if (maxAttachmentBytes < 1) {
            throw new IllegalArgumentException("maxAttachmentBytes must be > 0, was " + maxAttachmentBytes);
        }
        if (maxInMemoryMimeBytes < 1) {
            throw new IllegalArgumentException("maxInMemoryMimeBytes must be > 0, was " + maxInMemoryMimeBytes);
        }
        if (maxResponseChars < 1024) {
            throw new IllegalArgumentException("maxResponseChars must be >= 1024, was " + maxResponseChars);
        }
        Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    public static EwsOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Assembles options; not thread-safe. */
    public static final class Builder {
        private @Nullable String impersonatedMailbox;
        private String serverVersion = DEFAULT_SERVER_VERSION;
        private String userAgent = "Ferry-EWS/0.1";
        private @Nullable String clientRequestId;
        private int maxConcurrentRequestsPerMailbox = 8;
        private long maxAttachmentBytes = 150L * 1024 * 1024;
        private int maxInMemoryMimeBytes = 32 * 1024 * 1024;
        private int maxResponseChars = 32 * 1024 * 1024;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private @Nullable HttpEngine engine;

        private Builder() {
        }

        private Builder(EwsOptions o) {
            impersonatedMailbox = o.impersonatedMailbox;
            serverVersion = o.serverVersion;
            userAgent = o.userAgent;
            clientRequestId = o.clientRequestId;
            maxConcurrentRequestsPerMailbox = o.maxConcurrentRequestsPerMailbox;
            maxAttachmentBytes = o.maxAttachmentBytes;
            maxInMemoryMimeBytes = o.maxInMemoryMimeBytes;
            maxResponseChars = o.maxResponseChars;
            retryPolicy = o.retryPolicy;
            engine = o.engine;
        }

        /** Acts as this mailbox: ExchangeImpersonation header and X-AnchorMailbox on every request. */
        public Builder impersonate(@Nullable String smtpAddress) {
            this.impersonatedMailbox = smtpAddress;
            return this;
        }

        public Builder serverVersion(String version) {
            this.serverVersion = version;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** A fixed client-request-id for every request (else each gets a fresh UUID). */
        public Builder clientRequestId(@Nullable String id) {
            this.clientRequestId = id;
            return this;
        }

        public Builder maxConcurrentRequestsPerMailbox(int max) {
            this.maxConcurrentRequestsPerMailbox = max;
            return this;
        }

        public Builder maxAttachmentBytes(long max) {
            this.maxAttachmentBytes = max;
            return this;
        }

        public Builder maxInMemoryMimeBytes(int max) {
            this.maxInMemoryMimeBytes = max;
            return this;
        }

        public Builder maxResponseChars(int max) {
            this.maxResponseChars = max;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        public Builder engine(@Nullable HttpEngine engine) {
            this.engine = engine;
            return this;
        }

        public EwsOptions build() {
            return new EwsOptions(impersonatedMailbox, serverVersion, userAgent, clientRequestId, maxConcurrentRequestsPerMailbox,
                    maxAttachmentBytes, maxInMemoryMimeBytes, maxResponseChars, retryPolicy, engine);
        }
    }
}
