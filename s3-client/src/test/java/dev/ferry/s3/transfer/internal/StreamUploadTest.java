package dev.ferry.s3.transfer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.s3.S3Exception;
import dev.ferry.s3.transfer.S3Transfers;
import dev.ferry.s3.transfer.TransferConfig;
import dev.ferry.s3.transfer.UploadRequest;
import dev.ferry.s3.transfer.UploadResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * An upload of unknown length against a fake S3 whose answers the test controls: how far ahead of
 * the server the source is read, how many parts are out at once, and what happens to the upload
 * when a part fails or the caller cancels.
 */
class StreamUploadTest {
    private static final long MIB = TransferConfig.MIB;
    private static final TransferConfig CONFIG = TransferConfig.builder().partSize(5 * MIB).partsInFlight(3).build();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Flux<ByteBuffer> counting(long size, AtomicLong produced, AtomicBoolean cancelled) {
        int chunk = 64 * 1024;
        return Flux.range(0, (int) (size / chunk))
                .map(i -> ByteBuffer.allocate(chunk))
                .doOnNext(b -> produced.addAndGet(b.remaining()))
                .doOnCancel(() -> cancelled.set(true));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void withTheServerStuckTheSourceIsReadNoFurtherThanThePartBuffers() throws InterruptedException {
        FakeS3 s3 = new FakeS3();
        s3.uploadPart = r -> Mono.never();
        AtomicLong produced = new AtomicLong();
        AtomicBoolean cancelled = new AtomicBoolean();

        Disposable upload = S3Transfers.create(s3.client(), CONFIG)
                .upload(UploadRequest.of("b", "k"), counting(1L << 30, produced, cancelled)).subscribe();
        await(() -> s3.partsSent.size() == 3);
        Thread.sleep(300);   // room for a wrong upload to read on

        assertThat(s3.partsSent).as("parts in flight").hasSize(3);
        assertThat(produced.get()).isLessThanOrEqualTo(CONFIG.maxBufferedBytes() + 64 * 1024);
        upload.dispose();
        await(() -> s3.aborts.get() == 1);
        await(cancelled::get);
    }

    @Test
    void partsGoAtMostPartsInFlightAtOnceAndCompleteInOrder() {
        FakeS3 s3 = new FakeS3();
        s3.uploadPart = r -> Mono.delay(Duration.ofMillis(r.partNumber() % 3 * 5))
                .map(t -> new dev.ferry.s3.model.UploadPartResponse(r.partNumber(), "\"e" + r.partNumber() + "\"", null));

        UploadResult result = S3Transfers.create(s3.client(), CONFIG)
                .upload(UploadRequest.of("b", "k"), counting(52 * MIB, new AtomicLong(), new AtomicBoolean())).block(WAIT);

        assertThat(result.partCount()).isEqualTo(11);
        assertThat(result.size()).isEqualTo(52 * MIB);
        assertThat(result.eTag()).isEqualTo("\"done-11\"");
        assertThat(s3.mostPartsInFlight.get()).isLessThanOrEqualTo(3);
        assertThat(s3.partsSent).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(s3.aborts).hasValue(0);
    }

    @Test
    void aFailedPartStopsTheSourceAbortsOnceAndFailsWithThePartsError() throws InterruptedException {
        FakeS3 s3 = new FakeS3();
        S3Exception refused = new S3Exception("UploadPart 2 failed: 403 AccessDenied", 403, "AccessDenied", null, null, null,
                null, false, false, null);
        s3.uploadPart = r -> r.partNumber() == 2 ? Mono.error(refused)
                : Mono.just(new dev.ferry.s3.model.UploadPartResponse(r.partNumber(), "\"e\"", null));
        AtomicBoolean cancelled = new AtomicBoolean();

        StepVerifier.create(S3Transfers.create(s3.client(), CONFIG)
                        .upload(UploadRequest.of("b", "k"), counting(1L << 30, new AtomicLong(), cancelled)))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(refused))
                .verify(WAIT);

        assertThat(s3.aborts).hasValue(1);
        assertThat(s3.completes).hasValue(0);
        await(cancelled::get);
    }

    @Test
    void aCreateThatAnswersAfterTheCancelIsAbortedThen() throws InterruptedException {
        FakeS3 s3 = new FakeS3();
        s3.create = Mono.delay(Duration.ofMillis(200))
                .map(t -> new dev.ferry.s3.model.CreateMultipartUploadResponse("b", "k", "late"));

        Disposable upload = S3Transfers.create(s3.client(), CONFIG)
                .upload(UploadRequest.of("b", "k"), counting(20 * MIB, new AtomicLong(), new AtomicBoolean())).subscribe();
        Thread.sleep(50);
        upload.dispose();

        await(() -> s3.aborts.get() == 1);
        Thread.sleep(100);
        assertThat(s3.aborts).as("aborted once").hasValue(1);
        assertThat(s3.partsSent).isEmpty();
    }

    @Test
    void aStreamWithinOnePartAndBelowTheThresholdNeedsNoMultipartUpload() {
        FakeS3 s3 = new FakeS3();
        TransferConfig bigThreshold = CONFIG.toBuilder().multipartThreshold(6 * MIB).build();
        // The fake knows no PutObject: reaching it proves no multipart upload was created first.
        StepVerifier.create(S3Transfers.create(s3.client(), bigThreshold)
                        .upload(UploadRequest.of("b", "k"), counting(5 * MIB, new AtomicLong(), new AtomicBoolean())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AssertionError.class).hasMessageContaining("putObject"))
                .verify(WAIT);
        assertThat(s3.partsSent).isEmpty();
    }
}
