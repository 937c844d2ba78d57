package dev.ferry.ews;

import java.util.Objects;

/**
 * How the client proves who it is: an OAuth bearer token (Exchange Online, and Exchange Server with
 * hybrid modern authentication), or Basic authentication over TLS (Exchange Server on premises).
 *
 * <pre>{@code
 * EwsCredentials.oauth(EntraTokenProvider.builder(tenant, clientId, secret).build())
 * EwsCredentials.basic("CONTOSO\\sadie", password)
 * }</pre>
 */
public sealed interface EwsCredentials {

    static EwsCredentials oauth(AsyncTokenProvider tokens) {
        return new OAuth(tokens);
    }

    /**
     * Basic authentication. The client sends it only over https (or to a loopback address, for
     * tests): on plain http it would hand the password to anyone on the path.
     */
    static EwsCredentials basic(String username, String password) {
        return new Basic(username, password);
    }

    /** Bearer tokens from a provider. */
    record OAuth(AsyncTokenProvider tokens) implements EwsCredentials {
        public OAuth {
            Objects.requireNonNull(tokens, "token provider");
        }
    }

    /** User name (UPN or DOMAIN\\user) and password. */
    record Basic(String username, String password) implements EwsCredentials {
        public Basic {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("user name must not be blank");
            }
            if (username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a Basic user name cannot contain ':' (" + username + ")");
            }
            Objects.requireNonNull(password, () -> "password of " + username);
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }
}
