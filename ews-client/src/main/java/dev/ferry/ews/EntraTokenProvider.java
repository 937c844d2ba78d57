package dev.ferry.ews;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ferry.core.FerryException;
import dev.ferry.core.client.RequestPipeline;
import dev.ferry.core.client.RequestSigner;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.ews.internal.SingleFlight;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Tokens for an app registered in Microsoft Entra ID, by the client-credentials grant (app-only,
 * Exchange permission {@code full_access_as_app}; scope {@code https://outlook.office365.com/.default}).
 *
 * <p>It keeps the token until shortly before it expires ({@link Builder#refreshBefore}, 5 minutes by
 * default) and shares one fetch among every caller that needs a new one at the same time, so a burst
 * of requests, or of 401s, costs one round trip to the token endpoint.
 *
 * <pre>{@code
 * EntraTokenProvider tokens = EntraTokenProvider.builder("contoso.onmicrosoft.com", clientId, secret).build();
 * EwsClient.connect(EwsClient.EXCHANGE_ONLINE, EwsCredentials.oauth(tokens),
 *         EwsOptions.builder().impersonate("sadie@contoso.com").build())
 * }</pre>
 */
public final class EntraTokenProvider implements AsyncTokenProvider {
    public static final URI DEFAULT_AUTHORITY = URI.create("https://login.microsoftonline.com");
    public static final String EXCHANGE_ONLINE_SCOPE = "https://outlook.office365.com/.default";
    private static final JsonFactory JSON = new JsonFactory();

    private final URI tokenEndpoint;
    private final String form;
    private final String clientId;
    private final Duration refreshBefore;
    private final Clock clock;
    private final RequestPipeline pipeline;
    private final AtomicReference<@Nullable AccessToken> cached = new AtomicReference<>();
    private final SingleFlight<AccessToken> refresh = new SingleFlight<>();

    private EntraTokenProvider(Builder b) {
        String base = b.authority.toString().replaceAll("/+$", "");
        this.tokenEndpoint = URI.create(base + "/" + encode(b.tenant) + "/oauth2/v2.0/token");
        this.clientId = b.clientId;
        this.form = "client_id=" + encode(b.clientId) + "&client_secret=" + encode(b.clientSecret) + "&scope=" + encode(b.scope)
                + "&grant_type=client_credentials";
        this.refreshBefore = b.refreshBefore;
        this.clock = b.clock;
        // Asking for a token twice is harmless: transport failures may be retried even after sending.
        this.pipeline = new RequestPipeline(b.engine != null ? b.engine : HttpEngine.shared(), RetryPolicy.defaults(), RequestSigner.none());
    }

    /**
     * @param tenant the directory: its id or a verified domain ({@code contoso.onmicrosoft.com})
     * @param clientId the application (client) id
     * @param clientSecret a client secret of the app registration
     */
    public static Builder builder(String tenant, String clientId, String clientSecret) {
        return new Builder(tenant, clientId, clientSecret);
    }

    /** The URL tokens are requested from. */
    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    @Override
    public boolean isAppOnly() {
        return true;
    }

    @Override
    public Mono<AccessToken> getAccessToken(boolean ignoreExistingToken) {
        return Mono.defer(() -> {
            AccessToken token = cached.get();
            if (!ignoreExistingToken && token != null && clock.instant().plus(refreshBefore).isBefore(token.expiresOn())) {
                return Mono.just(token);
            }
            return refresh.join(() -> fetch().doOnNext(cached::set));
        });
    }

    private Mono<AccessToken> fetch() {
        HttpRequest request = HttpRequest.builder("POST", tokenEndpoint)
                .path(tokenEndpoint.getRawPath())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .body(RequestBody.fromString(form))
                .idempotent(true)
                .operation("EntraToken")
                .build();
        return pipeline.execute(request, this::decode);
    }

    private Mono<AccessToken> decode(HttpResponse response) {
        Instant requestedAt = clock.instant();
        return response.body().asBytes(1024 * 1024).map(bytes -> {
            Map<String, String> fields = parse(bytes);
            String token = fields.get("access_token");
            if (response.isSuccessful() && token != null) {
                long seconds = parseSeconds(fields.getOrDefault("expires_in", "3599"));
                return new AccessToken(token, requestedAt.plusSeconds(seconds));
            }
            String error = fields.getOrDefault("error", "no error code");
            String description = fields.getOrDefault("error_description", new String(bytes, StandardCharsets.UTF_8));
            boolean transientFailure = response.statusCode() >= 500 || response.statusCode() == 429;
            throw new EwsException("Microsoft Entra refused a token for app " + clientId + " at " + tokenEndpoint + " (HTTP "
                    + response.statusCode() + ", " + error + "): " + firstLine(description)
                    + ". Check the tenant, the client id and secret, and that the app has the Exchange permission"
                    + " full_access_as_app with admin consent.", response.statusCode(), EwsException.AUTHENTICATION_FAILED,
                    description, Map.of(), -1, response.headers().first("x-ms-request-id"), transientFailure, response.statusCode() == 429,
                    null, null);
        });
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.strip();
    }

    private static long parseSeconds(String s) {
        try {
            return Math.max(0, Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return 3599;
        }
    }

    /** The top-level string and number fields of the token endpoint's JSON answer. */
    private static Map<String, String> parse(byte[] json) {
        Map<String, String> fields = new java.util.HashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
                    fields.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new FerryException("the token endpoint answered something that is not JSON: " + e.getMessage(), e);
        }
        return fields;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EntraTokenProvider[" + tokenEndpoint + ", client " + clientId + "]";
    }

    /** Configures the provider; not thread-safe. */
    public static final class Builder {
        private final String tenant;
        private final String clientId;
        private final String clientSecret;
        private URI authority = DEFAULT_AUTHORITY;
        private String scope = EXCHANGE_ONLINE_SCOPE;
        private Duration refreshBefore = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private @Nullable HttpEngine engine;

        private Builder(String tenant, String clientId, String clientSecret) {
            this.tenant = requireText(tenant, "tenant");
            this.clientId = requireText(clientId, "client id");
            this.clientSecret = requireText(clientSecret, "client secret");
        }

        private static String requireText(String s, String what) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return s;
        }

        /** The authority host: {@code https://login.microsoftonline.com} unless a national cloud (or a test server). */
        public Builder authority(URI authority) {
            this.authority = Objects.requireNonNull(authority, "authority");
            return this;
        }

        public Builder scope(String scope) {
            this.scope = requireText(scope, "scope");
            return this;
        }

        /** How long before expiry a cached token is replaced (5 minutes). */
        public Builder refreshBefore(Duration margin) {
            if (margin == null || margin.isNegative()) {
                throw new IllegalArgumentException("refreshBefore must be a non-negative duration, was " + margin);
            }
            this.refreshBefore = margin;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The engine token requests go through; the shared one by default. */
        public Builder engine(HttpEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        public EntraTokenProvider build() {
            return new EntraTokenProvider(this);
        }
    }
}
