package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.FolderId;
import dev.ferry.testkit.ews.Injection;
import dev.ferry.testkit.ews.MockExchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class EwsAuthIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static MockExchangeFixture fixture;
    private static MockExchange exchange;

    @BeforeAll
    static void start() {
        fixture = MockExchangeFixture.start();
        exchange = fixture.exchange;
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static long count(String operation) {
        return exchange.requests().stream().filter(r -> r.operation().equals(operation)).count();
    }

    @Test
    void aRejectedTokenIsRefreshedOnceWithIgnoreExistingTokenAndTheRequestRetried() {
        List<Boolean> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        EntraTokenProvider entra = fixture.tokens();
        AsyncTokenProvider recording = new AsyncTokenProvider() {
            @Override
            public reactor.core.publisher.Mono<AccessToken> getAccessToken(boolean ignoreExistingToken) {
                asked.add(ignoreExistingToken);
                return entra.getAccessToken(ignoreExistingToken);
            }

            @Override
            public boolean isAppOnly() {
                return true;
            }
        };
        EwsClient ews = EwsClient.connect(exchange.endpoint(), EwsCredentials.oauth(recording), fixture.options().build()).block(WAIT);
        int tokensBefore = exchange.tokenRequests();
        asked.clear();
        exchange.revokeTokens();

        Folder inbox = ews.getFolder(FolderId.INBOX).block(WAIT);

        assertThat(inbox.displayName()).isEqualTo("Inbox");
        assertThat(asked).containsExactly(false, true);
        assertThat(exchange.tokenRequests()).isEqualTo(tokensBefore + 1);
    }

    @Test
    void aSecond401AfterTheRefreshFailsWithAClearAuthenticationError() {
        EwsClient ews = fixture.connect();
        int tokensBefore = exchange.tokenRequests();
        exchange.inject(Injection.unauthorized().times(2).forOperation("FindFolder"));

        assertThatThrownBy(() -> ews.findFolders(FolderId.MSG_FOLDER_ROOT, false).collectList().block(WAIT))
                .isInstanceOfSatisfying(EwsException.class, e -> {
                    assertThat(e.isAuthenticationFailure()).isTrue();
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("refused the access token twice", "full_access_as_app", "EWS");
                    assertThat(e.messageText()).contains("invalid_token");
                });
        assertThat(exchange.tokenRequests()).as("exactly one refresh").isEqualTo(tokensBefore + 1);
    }

    @Test
    void concurrentRequestsThatAllGet401ShareOneTokenRefresh() {
        EwsClient ews = fixture.connect(fixture.options().maxConcurrentRequestsPerMailbox(8).build());
        ews.getFolder(FolderId.INBOX).block(WAIT);
        int tokensBefore = exchange.tokenRequests();
        exchange.revokeTokens();

        List<Folder> folders = Flux.range(0, 8).flatMap(i -> ews.getFolder(FolderId.SENT_ITEMS)).collectList().block(WAIT);

        assertThat(folders).hasSize(8);
        assertThat(exchange.tokenRequests()).isEqualTo(tokensBefore + 1);
    }

    @Test
    void http403SaysEwsMayBeDisabledAndIsNotRetried() {
        EwsClient ews = fixture.connect();
        long before = count("GetFolder");
        exchange.inject(Injection.forbidden().forOperation("GetFolder"));

        assertThatThrownBy(() -> ews.getFolder(FolderId.INBOX).block(WAIT)).isInstanceOfSatisfying(EwsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.getMessage()).contains("EWS may be disabled for this user or application");
            assertThat(e.isRetryable()).isFalse();
        });
        assertThat(count("GetFolder")).isEqualTo(before + 1);
    }

    @Test
    void appOnlyTokensWithoutAnImpersonatedMailboxAreRefusedBeforeAnythingIsSent() {
        int before = exchange.requests().size();
        assertThatThrownBy(() -> EwsClient.connect(exchange.endpoint(), EwsCredentials.oauth(fixture.tokens()),
                EwsOptions.builder().engine(fixture.engine).build()).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("impersonate");
        assertThat(exchange.requests()).hasSize(before);

        // A provider that does not say it is app-only gets Exchange's own answer.
        AsyncTokenProvider unmarked = AsyncTokenProvider.of(new AccessToken(exchange.issueAppToken(), Instant.now().plusSeconds(600)));
        assertThatThrownBy(() -> EwsClient.connect(exchange.endpoint(), EwsCredentials.oauth(unmarked),
                EwsOptions.builder().engine(fixture.engine).build()).block(WAIT))
                .isInstanceOfSatisfying(EwsException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo("ErrorInvalidExchangeImpersonationHeaderData");
                    assertThat(e.statusCode()).isEqualTo(500);
                });
    }

    @Test
    void everyRequestForAnImpersonatedMailboxCarriesTheImpersonationHeaderAndXAnchorMailbox() {
        EwsClient ews = fixture.connect(fixture.options().clientRequestId("ferry-test-42").userAgent("FerryTest/1").build());
        int before = exchange.requests().size();
        ews.getFolder(FolderId.INBOX).block(WAIT);
        MockExchange.RecordedRequest request = exchange.requests().get(before);
        assertThat(request.header("X-AnchorMailbox")).isEqualTo(MockExchangeFixture.MAILBOX);
        assertThat(request.header("client-request-id")).isEqualTo("ferry-test-42");
        assertThat(request.header("User-Agent")).isEqualTo("FerryTest/1");
        assertThat(request.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
        assertThat(request.bodyAsString()).contains("<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>sadie@contoso.com");
    }

    @Test
    void basicAuthenticationServesOnPremisesAndAWrongPasswordSaysWhatToCheck() {
        exchange.basicUser("CONTOSO\\ronnie", "p@ss:word", "ronnie@contoso.com");
        EwsClient ews = EwsClient.connect(exchange.endpoint(), EwsCredentials.basic("CONTOSO\\ronnie", "p@ss:word"),
                EwsOptions.builder().engine(fixture.engine).build()).block(WAIT);
        assertThat(ews.getFolder(FolderId.INBOX).block(WAIT).displayName()).isEqualTo("Inbox");
        assertThat(ews.serverVersion().version()).isEqualTo("V2018_01_08");

        assertThatThrownBy(() -> EwsClient.connect(exchange.endpoint(), EwsCredentials.basic("CONTOSO\\ronnie", "wrong"),
                EwsOptions.builder().engine(fixture.engine).build()).block(WAIT))
                .isInstanceOfSatisfying(EwsException.class, e -> {
                    assertThat(e.isAuthenticationFailure()).isTrue();
                    assertThat(e.getMessage()).contains("CONTOSO\\ronnie", "Basic");
                });
        assertThatThrownBy(() -> EwsClient.connect(java.net.URI.create("http://mail.contoso.com/EWS/Exchange.asmx"),
                EwsCredentials.basic("u", "p")).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
    }

    @Test
    void aWrongClientSecretFailsConnectWithEntrasReason() {
        EntraTokenProvider wrong = EntraTokenProvider.builder(MockExchangeFixture.TENANT, MockExchangeFixture.CLIENT_ID, "not-the-secret")
                .authority(exchange.authority()).engine(fixture.engine).build();
        assertThatThrownBy(() -> EwsClient.connect(exchange.endpoint(), EwsCredentials.oauth(wrong), fixture.options().build()).block(WAIT))
                .isInstanceOfSatisfying(EwsException.class, e -> {
                    assertThat(e.isAuthenticationFailure()).isTrue();
                    assertThat(e.getMessage()).contains("AADSTS7000215", "invalid_client", MockExchangeFixture.CLIENT_ID);
                });
    }

    @Test
    void theEntraProviderCachesUntilShortlyBeforeExpiryAndSharesOneFetch() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-01T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        exchange.tokenLifetime(Duration.ofMinutes(60));
        EntraTokenProvider tokens = EntraTokenProvider.builder(MockExchangeFixture.TENANT, MockExchangeFixture.CLIENT_ID,
                MockExchangeFixture.CLIENT_SECRET).authority(exchange.authority()).engine(fixture.engine).clock(clock)
                .refreshBefore(Duration.ofMinutes(5)).build();
        int before = exchange.tokenRequests();

        List<AccessToken> burst = Flux.range(0, 10).flatMap(i -> tokens.getAccessToken(false)).collectList().block(WAIT);
        assertThat(burst).extracting(AccessToken::token).containsOnly(burst.get(0).token());
        assertThat(burst.get(0).expiresOn()).isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));
        assertThat(exchange.tokenRequests()).as("one fetch for ten callers").isEqualTo(before + 1);

        now.set(Instant.parse("2026-11-01T10:54:00Z"));
        assertThat(tokens.getAccessToken(false).block(WAIT).token()).isEqualTo(burst.get(0).token());
        assertThat(exchange.tokenRequests()).isEqualTo(before + 1);

        now.set(Instant.parse("2026-11-01T10:55:01Z"));
        AccessToken renewed = tokens.getAccessToken(false).block(WAIT);
        assertThat(renewed.token()).isNotEqualTo(burst.get(0).token());
        assertThat(exchange.tokenRequests()).as("refreshed within five minutes of expiry").isEqualTo(before + 2);

        assertThat(tokens.getAccessToken(true).block(WAIT).token()).isNotEqualTo(renewed.token());
        assertThat(exchange.tokenRequests()).as("ignoreExistingToken always fetches").isEqualTo(before + 3);
        assertThat(renewed.toString()).doesNotContain(renewed.token());
    }
}
