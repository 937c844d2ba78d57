package dev.ferry.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code ferry.ews.*}: the auto-configured {@code EwsClient}, created once an endpoint is set. Give
 * either OAuth client credentials (an Entra ID app: tenant, client id, client secret) or a Basic
 * user and password (on-premises Exchange), not both.
 */
@ConfigurationProperties("ferry.ews")
public class FerryEwsProperties {
    /** Whether to create the EWS client when it is configured. */
    private boolean enabled = true;
    /** The EWS endpoint, such as https://outlook.office365.com/EWS/Exchange.asmx. */
    private @Nullable URI endpoint;
    /** The mailbox to act as (SMTP address); required with app-only OAuth tokens. */
    private @Nullable String impersonate;
    /** The schema version requests are written in (RequestServerVersion). Default: Exchange2013_SP1. */
    private @Nullable String serverVersion;
    /** Requests in flight at once per mailbox. Default 8. */
    private @Nullable Integer maxConcurrentRequests;
    /**
     * How long startup waits for the first call (GetFolder of the mailbox root) that checks the
     * endpoint, credentials and mailbox before the client is handed out.
     */
    private Duration connectTimeout = Duration.ofSeconds(30);
    /** OAuth 2.0 client credentials of an Entra ID app registration. */
    @NestedConfigurationProperty
    private final OAuth oauth = new OAuth();
    /** Basic authentication, for on-premises Exchange. */
    @NestedConfigurationProperty
    private final Basic basic = new Basic();

    /** An Entra ID app's client credentials. */
    public static class OAuth {
        /** The directory: its id or a verified domain such as contoso.onmicrosoft.com. */
        private @Nullable String tenant;
        /** The application (client) id. */
        private @Nullable String clientId;
        /** A client secret of the app registration. */
        private @Nullable String clientSecret;
        /** Where tokens are requested. Default: https://login.microsoftonline.com. */
        private @Nullable URI authority;
        /** The scope asked for. Default: https://outlook.office365.com/.default. */
        private @Nullable String scope;

        public @Nullable String getTenant() {
            return tenant;
        }

        public void setTenant(@Nullable String tenant) {
            this.tenant = tenant;
        }

        public @Nullable String getClientId() {
            return clientId;
        }

        public void setClientId(@Nullable String clientId) {
            this.clientId = clientId;
        }

        public @Nullable String getClientSecret() {
            return clientSecret;
        }

        public void setClientSecret(@Nullable String clientSecret) {
            this.clientSecret = clientSecret;
        }

        public @Nullable URI getAuthority() {
            return authority;
        }

        public void setAuthority(@Nullable URI authority) {
            this.authority = authority;
        }

        public @Nullable String getScope() {
            return scope;
        }

        public void setScope(@Nullable String scope) {
            this.scope = scope;
        }
    }

    /** A user name and password. */
    public static class Basic {
        /** The user name (the UPN, or the domain and user name). */
        private @Nullable String username;
        /** The password. */
        private @Nullable String password;

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(@Nullable URI endpoint) {
        this.endpoint = endpoint;
    }

    public @Nullable String getImpersonate() {
        return impersonate;
    }

    public void setImpersonate(@Nullable String impersonate) {
        this.impersonate = impersonate;
    }

    public @Nullable String getServerVersion() {
        return serverVersion;
    }

    public void setServerVersion(@Nullable String serverVersion) {
        this.serverVersion = serverVersion;
    }

    public @Nullable Integer getMaxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    public void setMaxConcurrentRequests(@Nullable Integer maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public OAuth getOauth() {
        return oauth;
    }

    public Basic getBasic() {
        return basic;
    }
}
