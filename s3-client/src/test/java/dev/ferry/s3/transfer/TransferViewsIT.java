package dev.ferry.s3.transfer;

import static dev.ferry.s3.transfer.TransferTests.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.call.AsyncResult;
import dev.ferry.core.call.CallViews;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Every transfer in the three other call styles: futures, Begin/End with state, blocking. */
@ExtendWith(S3ServerExtension.class)
class TransferViewsIT {
    private static final TransferConfig CONFIG = TransferConfig.builder().partSize(5 * MIB).multipartThreshold(5 * MIB).build();

    private static S3Client s3;
    private static S3Transfers transfers;
    private static String bucket;

    @BeforeAll
    static void start(S3TestServer server) {
        s3 = TransferTests.clientBuilder(server).build();
        transfers = S3Transfers.create(s3, CONFIG);
        bucket = TransferTests.newBucket(s3, server, "views");
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void everyReactiveTransferHasItsFutureBeginEndAndBlockingForm() {
        assertThat(CallViews.unmatchedFutures(S3FutureTransfers.class, S3Transfers.class)).isEmpty();
        assertThat(CallViews.unmatchedCallbacks(S3CallbackTransfers.class, S3Transfers.class)).isEmpty();
        assertThat(CallViews.unmatchedBlocking(S3BlockingTransfers.class, S3Transfers.class)).isEmpty();
        Method[] operations = Arrays.stream(S3Transfers.class.getMethods()).filter(m -> m.getReturnType() == Mono.class)
                .toArray(Method[]::new);
        assertThat(operations).hasSize(4);
        for (Method op : operations) {
            assertThat(S3FutureTransfers.class.getMethods()).anyMatch(m -> m.getName().equals(op.getName())
                    && Arrays.equals(m.getParameterTypes(), op.getParameterTypes()));
            assertThat(S3BlockingTransfers.class.getMethods()).anyMatch(m -> m.getName().equals(op.getName())
                    && Arrays.equals(m.getParameterTypes(), op.getParameterTypes()));
        }
        assertThat(S3CallbackTransfers.class.getMethods()).extracting(Method::getName)
                .contains("beginUpload", "endUpload", "beginDownload", "endDownload");
    }

    @Test
    void futuresUploadAndDownloadAndCompleteOffTheEventLoop(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("source.bin");
        byte[] data = TestData.bytes(41, 7 * MIB);
        Files.write(source, data);

        CompletableFuture<Boolean> onEventLoop = transfers.futures().upload(UploadRequest.of(bucket, "future.bin"), source)
                .thenApply(r -> Schedulers.isInNonBlockingThread());
        assertThat(onEventLoop.get(30, TimeUnit.SECONDS)).isFalse();
        DownloadResult down = transfers.futures().download(DownloadRequest.of(bucket, "future.bin"), dir.resolve("back.bin"))
                .get(30, TimeUnit.SECONDS);

        assertThat(down.size()).isEqualTo(data.length);
        assertThat(Files.readAllBytes(dir.resolve("back.bin"))).isEqualTo(data);
    }

    @Test
    void beginEndCarriesTheStateToTheCallbackWhereEndGivesTheResult(@TempDir Path dir) throws Exception {
        byte[] data = TestData.bytes(42, 6 * MIB);
        CompletableFuture<Object[]> called = new CompletableFuture<>();

        transfers.callbacks().beginUpload(UploadRequest.of(bucket, "begin-end.bin"), new ByteArrayInputStream(data), ar -> {
            try {
                called.complete(new Object[] {transfers.callbacks().endUpload(ar), ar.asyncState()});
            } catch (RuntimeException e) {
                called.completeExceptionally(e);
            }
        }, "my state");
        Object[] outcome = called.get(30, TimeUnit.SECONDS);

        assertThat(((UploadResult) outcome[0]).partCount()).isEqualTo(2);
        assertThat(outcome[1]).isEqualTo("my state");
        AsyncResult<DownloadResult> download = transfers.callbacks().beginDownload(DownloadRequest.of(bucket, "begin-end.bin"),
                dir.resolve("begin-end.bin"), null, null);
        assertThat(transfers.callbacks().endDownload(download).size()).isEqualTo(data.length);
        assertThat(Files.readAllBytes(dir.resolve("begin-end.bin"))).isEqualTo(data);
    }

    @Test
    void endRethrowsTheTransfersOwnException() throws Exception {
        AsyncResult<UploadResult> ar = transfers.callbacks().beginUpload(UploadRequest.of("no-such-bucket-" + System.nanoTime(), "k"),
                Flux.just(ByteBuffer.wrap(new byte[] {1})), null, null);
        assertThat(ar.waitHandle().await(Duration.ofSeconds(30))).isTrue();

        assertThatThrownBy(() -> transfers.callbacks().endUpload(ar)).isExactlyInstanceOf(S3Exception.class);
    }

    @Test
    void cancellingABeginEndUploadAbortsIt(S3TestServer server) throws Exception {
        String own = TransferTests.newBucket(s3, server, "views-cancel");
        Flux<ByteBuffer> slow = TestData.stream(43, 40 * MIB, 64 * 1024).delayElements(Duration.ofMillis(1));

        AsyncResult<UploadResult> ar = transfers.callbacks().beginUpload(UploadRequest.of(own, "cancelled.bin"), slow, null, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (TransferTests.uploadsInProgress(s3, own).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ar.cancel()).isTrue();

        assertThatThrownBy(() -> transfers.callbacks().endUpload(ar)).isInstanceOf(CancellationException.class);
        TransferTests.awaitNoUploadsLeft(s3, own);
    }

    @Test
    void blockingUploadsAndDownloads(@TempDir Path dir) throws Exception {
        UploadResult up = transfers.blocking().upload(UploadRequest.of(bucket, "blocking.bin"), TestData.stream(44, 3 * MIB, 4096));
        DownloadResult down = transfers.blocking().download(DownloadRequest.of(bucket, "blocking.bin"), dir.resolve("blocking.bin"));

        assertThat(up.isMultipart()).isFalse();
        assertThat(down.eTag()).isEqualTo(up.eTag());
        assertThat(TestData.sha256(Files.readAllBytes(dir.resolve("blocking.bin")))).isEqualTo(TestData.sha256(44, 3 * MIB));
    }

    @Test
    void blockingRefusesToRunOnAnEventLoop() {
        Throwable refused = Mono.fromCallable(() -> transfers.blocking().upload(UploadRequest.of(bucket, "never"), Flux.empty()))
                .subscribeOn(Schedulers.parallel())
                .map(r -> (Throwable) null)
                .onErrorResume(Mono::just)
                .block(Duration.ofSeconds(10));

        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("would block");
    }
}
