package dev.ferry.s3.transfer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.s3.transfer.TransferProgress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    @Test
    void eventsAreThrottledToTheIntervalButTheFinalOneAlwaysArrives() {
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        ProgressReporter progress = new ProgressReporter(events::add, Runnable::run, Duration.ofHours(1));
        progress.totals(1000, 10);

        for (int i = 0; i < 10; i++) {
            progress.partDone(100);
        }
        progress.finish().block(Duration.ofSeconds(5));

        assertThat(events).hasSize(2);
        assertThat(events.get(0).bytesTransferred()).isEqualTo(100);
        assertThat(events.get(1)).satisfies(last -> {
            assertThat(last.isDone()).isTrue();
            assertThat(last.bytesTransferred()).isEqualTo(1000);
            assertThat(last.partsDone()).isEqualTo(10);
            assertThat(last.totalParts()).isEqualTo(10);
            assertThat(last.fraction()).hasValue(1.0);
        });
    }

    @Test
    void aSlowListenerSeesFewerEventsNeverABacklogAndNeverOneOlderThanTheLast() throws Exception {
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        ExecutorService executor = Executors.newFixedThreadPool(4);
        ProgressReporter progress = new ProgressReporter(p -> {
            if (concurrent.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            events.add(p);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
        }, executor, Duration.ZERO);
        CountDownLatch reporters = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            executor.execute(() -> {
                for (int i = 0; i < 500; i++) {
                    progress.bytes(1);
                }
                reporters.countDown();
            });
        }
        assertThat(reporters.await(10, TimeUnit.SECONDS)).isTrue();
        progress.finish().block(Duration.ofSeconds(10));
        executor.shutdown();

        assertThat(overlapped).as("the listener is called one call at a time").isFalse();
        assertThat(events.size()).isLessThan(2000);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).bytesTransferred()).isGreaterThanOrEqualTo(events.get(i - 1).bytesTransferred());
        }
        assertThat(events.get(events.size() - 1).bytesTransferred()).isEqualTo(2000);
        assertThat(events.stream().filter(TransferProgress::isDone)).hasSize(1);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheTransfer() {
        AtomicInteger calls = new AtomicInteger();
        ProgressReporter progress = new ProgressReporter(p -> {
            calls.incrementAndGet();
            throw new IllegalStateException("broken progress bar");
        }, Runnable::run, Duration.ZERO);

        progress.partDone(1);
        progress.partDone(1);
        progress.finish().block(Duration.ofSeconds(5));

        assertThat(calls).hasValue(3);
    }

    @Test
    void withoutAListenerFinishingCompletesAtOnce() {
        ProgressReporter progress = new ProgressReporter(null, r -> {
            throw new AssertionError("nothing to deliver");
        }, Duration.ZERO);

        progress.partDone(5);

        assertThat(progress.finish().block(Duration.ofSeconds(1))).isNull();
    }

    @Test
    void anUnknownTotalIsReportedAsSuchUntilTheEnd() {
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        ProgressReporter progress = new ProgressReporter(events::add, Runnable::run, Duration.ZERO);

        progress.partDone(10);
        progress.finish().block(Duration.ofSeconds(1));

        assertThat(events.get(0).totalBytes()).isEqualTo(TransferProgress.UNKNOWN);
        assertThat(events.get(0).fraction()).isEmpty();
        assertThat(events.get(1).totalBytes()).isEqualTo(10);
        assertThat(events.get(1).totalParts()).isEqualTo(1);
    }
}
