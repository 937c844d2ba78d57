package dev.ferry.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.call.AsyncResult;
import dev.ferry.ews.internal.EwsClientImpl;
import dev.ferry.ews.model.Folder;
import dev.ferry.ews.model.FolderId;
import dev.ferry.testkit.ews.MockExchange;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * Cancelling an operation in any call style closes the exchange and frees the mailbox's slot. The
 * mock holds every answer back for a minute, so only a cancellation ends these calls.
 */
class EwsCancellationIT {
    private static MockExchangeFixture fixture;
    private static MockExchange exchange;
    private EwsClientImpl ews;

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

    private void connectThenStall() {
        ews = (EwsClientImpl) fixture.connect(fixture.options().maxConcurrentRequestsPerMailbox(1).build());
        exchange.responseDelay(Duration.ofMinutes(1));
    }

    @AfterEach
    void unstall() {
        exchange.responseDelay(Duration.ZERO);
    }

    private void awaitRequestArrived(int before) {
        Await.until("the request reached the mock", () -> exchange.requests().size() > before);
    }

    private void assertExchangeClosedAndSlotFreed() {
        Await.until("the mock saw the connection go", () -> exchange.inFlight() == 0);
        assertThat(ews.gate().inFlight(ews.mailboxKey())).isZero();
    }

    @Test
    void disposingTheSubscriptionCancelsTheExchange() {
        connectThenStall();
        int before = exchange.requests().size();
        Disposable call = ews.getFolder(FolderId.INBOX).subscribe();
        awaitRequestArrived(before);

        call.dispose();

        assertExchangeClosedAndSlotFreed();
    }

    @Test
    void cancellingTheFutureCancelsTheExchange() {
        connectThenStall();
        int before = exchange.requests().size();
        CompletableFuture<Folder> future = ews.futures().getFolder(FolderId.INBOX);
        awaitRequestArrived(before);

        assertThat(future.cancel(true)).isTrue();

        assertThat(future).isCancelled();
        assertExchangeClosedAndSlotFreed();
    }

    @Test
    void cancellingTheAsyncResultCancelsTheExchangeAndEndThrowsCancellation() {
        connectThenStall();
        int before = exchange.requests().size();
        AtomicInteger callbacks = new AtomicInteger();
        AsyncResult<Folder> ar = ews.callbacks().beginGetFolder(FolderId.INBOX, result -> callbacks.incrementAndGet(), "state");
        awaitRequestArrived(before);

        assertThat(ar.cancel()).isTrue();

        assertThat(ar.isCompleted()).isTrue();
        assertThatThrownBy(() -> ews.callbacks().endGetFolder(ar)).isInstanceOf(CancellationException.class);
        assertExchangeClosedAndSlotFreed();
        Await.until("the callback ran", () -> callbacks.get() == 1);
        assertThat(ar.asyncState()).isEqualTo("state");
    }

    @Test
    void aCancelledRequestWaitingForTheMailboxNeverReachesTheServer() {
        connectThenStall();
        int before = exchange.requests().size();
        Disposable first = ews.getFolder(FolderId.INBOX).subscribe();
        awaitRequestArrived(before);
        Disposable queued = ews.getFolder(FolderId.DRAFTS).subscribe();

        queued.dispose();
        first.dispose();

        assertExchangeClosedAndSlotFreed();
        assertThat(exchange.requests()).hasSize(before + 1);
    }
}
