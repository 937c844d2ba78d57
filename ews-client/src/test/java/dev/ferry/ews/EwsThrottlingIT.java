package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.TransportException;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.ews.internal.EwsClientImpl;
import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.FindItemsQuery;
import dev.ferry.ews.model.FolderId;
import dev.ferry.ews.model.MailMessage;
import dev.ferry.ews.model.SendMode;
import dev.ferry.testkit.ews.Injection;
import dev.ferry.testkit.ews.MockExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Throttling as Exchange does it, against the mock. Delays are asserted only as lower bounds (the
 * client waited at least as long as asked), which holds however slow the machine is.
 */
class EwsThrottlingIT {
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

    private static List<MockExchange.RecordedRequest> since(int index, String operation) {
        List<MockExchange.RecordedRequest> all = exchange.requests();
        return all.subList(index, all.size()).stream().filter(r -> r.operation().equals(operation)).toList();
    }

    private static long millisBetween(MockExchange.RecordedRequest a, MockExchange.RecordedRequest b) {
        return Duration.ofNanos(b.arrivedNanos() - a.arrivedNanos()).toMillis();
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static final MailMessage MESSAGE = MailMessage.builder().from(MockExchangeFixture.MAILBOX).to("ronnie@contoso.com")
            .subject("throttled").textBody("x").build();

    @Test
    void serverBusyFaultHoldsTheMailboxForBackOffMillisecondsThenTheReadIsRetried() {
        EwsClient ews = fixture.connect();
        int mark = exchange.requests().size();
        exchange.inject(Injection.serverBusyFault(400).forOperation("GetFolder"));

        Folder inbox = ews.getFolder(FolderId.INBOX).block(WAIT);

        assertThat(inbox.displayName()).isEqualTo("Inbox");
        List<MockExchange.RecordedRequest> tries = since(mark, "GetFolder");
        assertThat(tries).hasSize(2);
        assertThat(millisBetween(tries.get(0), tries.get(1))).isGreaterThanOrEqualTo(400);
    }

    @Test
    void serverBusyInsideAResponseMessageHoldsTheMailboxForOtherRequestsToo() throws Exception {
        EwsClient ews = fixture.connect();
        EwsClientImpl impl = (EwsClientImpl) ews;
        int mark = exchange.requests().size();
        exchange.inject(Injection.serverBusyMessage(800).forOperation("FindItem"));

        // The FindItem is retried after the back-off; a GetFolder started once the gate closed waits as well.
        java.util.concurrent.CompletableFuture<List<dev.ferry.ews.model.ItemInfo>> finding =
                ews.findItems(FindItemsQuery.of(FolderId.INBOX)).collectList().toFuture();
        Await.until("Exchange asked this mailbox to back off", () -> impl.gate().closedForMillis(impl.mailboxKey()) > 0);
        ews.getFolder(FolderId.DRAFTS).block(WAIT);
        finding.get(30, java.util.concurrent.TimeUnit.SECONDS);

        List<MockExchange.RecordedRequest> finds = since(mark, "FindItem");
        assertThat(finds).hasSize(2);
        assertThat(millisBetween(finds.get(0), finds.get(1))).isGreaterThanOrEqualTo(800);
        List<MockExchange.RecordedRequest> gets = since(mark, "GetFolder");
        assertThat(gets).hasSize(1);
        assertThat(millisBetween(finds.get(0), gets.get(0))).as("the other request waited for the gate").isGreaterThanOrEqualTo(800);
    }

    @Test
    void aSendIsNotRetriedAfterServerBusyButLaterRequestsWaitForTheBackOff() {
        EwsClient ews = fixture.connect();
        int mark = exchange.requests().size();
        int sent = exchange.sentMessages().size();
        exchange.inject(Injection.serverBusyFault(300).forOperation("CreateItem"));

        assertThatThrownBy(() -> ews.send(MESSAGE, SendMode.SEND_ONLY).block(WAIT)).isInstanceOfSatisfying(EwsException.class, e -> {
            assertThat(e.responseCode()).isEqualTo(EwsException.ERROR_SERVER_BUSY);
            assertThat(e.isThrottling()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofMillis(300));
        });
        ews.getFolder(FolderId.INBOX).block(WAIT);

        assertThat(since(mark, "CreateItem")).hasSize(1);
        assertThat(exchange.sentMessages()).hasSize(sent);
        assertThat(millisBetween(since(mark, "CreateItem").get(0), since(mark, "GetFolder").get(0))).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aSendWhoseConnectionClosedAfterTheRequestWasSentIsNotRetried() {
        EwsClient ews = fixture.connect();
        int mark = exchange.requests().size();
        exchange.inject(Injection.closeConnection().forOperation("CreateItem"));

        assertThatThrownBy(() -> ews.send(MESSAGE, SendMode.SEND_AND_SAVE_COPY).block(WAIT))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.requestSent()).isTrue());
        assertThat(since(mark, "CreateItem")).hasSize(1);
    }

    @Test
    void aSendThatNeverReachedTheServerIsRetriedAndSentOnce() throws Exception {
        // Neither the mock nor the fault proxy can refuse one connection, so the first attempt of the
        // send goes, through the real engine, to a port nobody listens on: refused, provably unsent.
        URI refusing = closedPort();
        AtomicInteger sendAttempts = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        HttpEngine firstSendRefused = new HttpEngine() {
            @Override
            public EngineConfig config() {
                return fixture.engine.config();
            }

            @Override
            public <T> Flux<T> exchange(HttpRequest request, Function<? super HttpResponse, ? extends Publisher<T>> handler) {
                if (!request.operation().equals("CreateItem") || sendAttempts.getAndIncrement() > 0) {
                    return fixture.engine.exchange(request, handler);
                }
                HttpRequest elsewhere = HttpRequest.builder(request.method(), refusing).path(request.encodedPath())
                        .headers(request.headers()).body(request.body()).idempotent(request.isIdempotent())
                        .operation(request.operation()).build();
                return fixture.engine.exchange(elsewhere, handler).doOnError(firstFailure::set);
            }

            @Override
            public void close() {
            }
        };
        EwsClient ews = fixture.connect(fixture.options().engine(firstSendRefused).build());
        int mark = exchange.requests().size();
        int sent = exchange.sentMessages().size();

        ews.send(MESSAGE, SendMode.SEND_ONLY).block(WAIT);

        assertThat(firstFailure.get()).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.reason()).isEqualTo(TransportException.Reason.CONNECT_FAILED);
            assertThat(e.requestSent()).isFalse();
        });
        assertThat(sendAttempts).hasValue(2);
        assertThat(since(mark, "CreateItem")).hasSize(1);
        assertThat(exchange.sentMessages()).hasSize(sent + 1);
    }

    @Test
    void aReadWhoseConnectionClosedIsRetried() {
        EwsClient ews = fixture.connect();
        int mark = exchange.requests().size();
        exchange.inject(Injection.closeConnection().forOperation("GetFolder"));

        assertThat(ews.getFolder(FolderId.SENT_ITEMS).block(WAIT).displayName()).isEqualTo("Sent Items");
        assertThat(since(mark, "GetFolder")).hasSize(2);
    }

    @Test
    void http503HonoursRetryAfter() {
        EwsClient ews = fixture.connect();
        int mark = exchange.requests().size();
        exchange.inject(Injection.http503(1).forOperation("GetFolder"));

        ews.getFolder(FolderId.INBOX).block(WAIT);

        List<MockExchange.RecordedRequest> tries = since(mark, "GetFolder");
        assertThat(tries).hasSize(2);
        assertThat(millisBetween(tries.get(0), tries.get(1))).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void exceededConnectionCountHalvesTheMailboxConcurrency() {
        EwsClient ews = fixture.connect(fixture.options().maxConcurrentRequestsPerMailbox(6).build());
        EwsClientImpl impl = (EwsClientImpl) ews;
        exchange.inject(Injection.connectionCountFault().forOperation("GetFolder"));

        assertThat(ews.getFolder(FolderId.INBOX).block(WAIT).displayName()).isEqualTo("Inbox");
        assertThat(impl.gate().limit(impl.mailboxKey())).isEqualTo(3);
    }

    @Test
    void noMoreRequestsPerMailboxAreInFlightThanTheLimit() {
        EwsClient ews = fixture.connect(fixture.options().maxConcurrentRequestsPerMailbox(3).build());
        exchange.responseDelay(Duration.ofMillis(100));
        try {
            exchange.resetMaxConcurrentRequests();
            List<Folder> folders = Flux.range(0, 12).flatMap(i -> ews.getFolder(FolderId.INBOX), 12).collectList().block(WAIT);
            assertThat(folders).hasSize(12);
            assertThat(exchange.maxConcurrentRequests()).isBetween(1, 3);
        } finally {
            exchange.responseDelay(Duration.ZERO);
        }
    }

    @Test
    void illegalCharacterReferencesInAnswersAreReadAsTheReplacementCharacter() {
        EwsClient ews = fixture.connect();
        String id = exchange.deliver(MockExchangeFixture.MAILBOX, "junkemail", MockExchangeFixture.sampleMessage());
        exchange.inject(Injection.illegalCharacterReferences().forOperation("FindItem"));

        List<String> subjects = ews.findItems(FindItemsQuery.of(FolderId.of(dev.ferry.ews.model.DistinguishedFolder.JUNK_EMAIL)))
                .map(i -> i.subject()).collectList().block(WAIT);

        assertThat(subjects).containsExactly("Quarterly report (draft)\uFFFD\uFFFD\uFFFD");
        assertThat(exchange.requests().get(exchange.requests().size() - 1).operation()).isEqualTo("FindItem");
        assertThat(id).isNotBlank();
    }
}
