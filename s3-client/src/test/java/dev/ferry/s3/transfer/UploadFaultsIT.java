package dev.ferry.s3.transfer;

import static dev.ferry.s3.transfer.TransferTests.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.EngineConfig;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.testkit.fault.Fault;
import dev.ferry.testkit.fault.FaultProxy;
import dev.ferry.testkit.fault.RequestHead;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Multipart uploads through the fault proxy: under 503 bursts and connection resets they complete
 * byte for byte; when they cannot, they fail with the server's error and leave no upload behind,
 * whether they failed or were cancelled, before or after the upload was created.
 */
@ExtendWith(S3ServerExtension.class)
class UploadFaultsIT {
    private static final TransferConfig CONFIG = TransferConfig.builder().partSize(5 * MIB).multipartThreshold(5 * MIB)
            .partsInFlight(3).build();

    private static S3TestServer server;
    private static FaultProxy proxy;
    private static S3Client direct;
    private static S3Client throughProxy;
    private static S3Transfers transfers;
    /** A bucket per test, so that an upload one test leaves cannot fail another's check. */
    private String bucket;

    @BeforeAll
    static void start(S3TestServer s) {
        server = s;
        proxy = FaultProxy.start(server.endpoint());
        direct = TransferTests.clientBuilder(server).build();
        throughProxy = TransferTests.clientBuilder(server, proxy.endpoint())
                .engineConfig(EngineConfig.builder().name("upload-faults").responseTimeout(Duration.ofSeconds(10)).build())
                .build();
        transfers = S3Transfers.create(throughProxy, CONFIG);
    }

    @BeforeEach
    void newBucket() {
        bucket = TransferTests.newBucket(direct, server, "upload-faults");
    }

    @AfterEach
    void clearFaults() {
        proxy.clearFaults();
    }

    @AfterAll
    static void stop() {
        throughProxy.close();
        direct.close();
        proxy.close();
    }

    private static Predicate<RequestHead> part(int number) {
        return r -> r.isUploadPart() && Integer.toString(number).equals(r.queryParameter("partNumber"));
    }

    private static boolean isCreate(RequestHead r) {
        return r.method().equals("POST") && r.queryParameter("uploads") != null;
    }

    private static boolean isComplete(RequestHead r) {
        return r.method().equals("POST") && r.queryParameter("uploadId") != null;
    }

    private static boolean isAbort(RequestHead r) {
        return r.method().equals("DELETE") && r.queryParameter("uploadId") != null;
    }

    @Test
    void burstsOfSlowDownAndInternalErrorOnPartsAreRetriedAndTheObjectIsExact() {
        long size = 16L * MIB + 100;
        proxy.inject(Fault.slowDown(), 3, RequestHead::isUploadPart);
        proxy.inject(Fault.internalError(), 2, RequestHead::isUploadPart);

        UploadResult result = transfers.upload(UploadRequest.of(bucket, "bursts.bin"), TestData.stream(21, size, 64 * 1024)).block();

        assertThat(faultsOn("bursts.bin")).isEqualTo(5);
        assertThat(result.partCount()).isEqualTo(4);
        assertThat(TransferTests.storedSha256(direct, bucket, "bursts.bin")).isEqualTo(TestData.sha256(21, size));
        TransferTests.assertNoUploadsLeft(direct, bucket);
    }

    @Test
    void partsWhoseConnectionIsResetMidBodyAreSentAgainFromMemory() {
        long size = 12L * MIB;
        proxy.inject(Fault.resetAfterRequestBytes(300_000), 2, part(1));
        proxy.inject(Fault.resetAfterRequestBytes(2_000_000), 1, part(3));

        transfers.upload(UploadRequest.of(bucket, "resets.bin"), TestData.stream(22, size, 64 * 1024)).block();

        assertThat(faultsOn("resets.bin")).isEqualTo(3);
        assertThat(TransferTests.storedSha256(direct, bucket, "resets.bin")).isEqualTo(TestData.sha256(22, size));
        TransferTests.assertNoUploadsLeft(direct, bucket);
    }

    @Test
    void filePartsWhoseConnectionIsResetAreReadAgainFromTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("reset.bin");
        byte[] data = TestData.bytes(23, 11 * MIB);
        Files.write(file, data);
        proxy.inject(Fault.resetAfterRequestBytes(1_000_000), 2, RequestHead::isUploadPart);

        transfers.upload(UploadRequest.of(bucket, "file-resets.bin"), file).block();

        assertThat(faultsOn("file-resets.bin")).isEqualTo(2);
        assertThat(TransferTests.storedSha256(direct, bucket, "file-resets.bin")).isEqualTo(TestData.sha256(data));
    }

    @Test
    void refusedCreateAndCompleteAreRetried() {
        proxy.inject(Fault.slowDown(), 2, UploadFaultsIT::isCreate);
        proxy.inject(Fault.internalError(), 1, UploadFaultsIT::isComplete);

        transfers.upload(UploadRequest.of(bucket, "create-complete.bin"), TestData.stream(24, 6 * MIB, 64 * 1024)).block();

        assertThat(faultsOn("create-complete.bin")).isEqualTo(3);
        assertThat(TransferTests.storedSha256(direct, bucket, "create-complete.bin")).isEqualTo(TestData.sha256(24, 6 * MIB));
        TransferTests.assertNoUploadsLeft(direct, bucket);
    }

    @Test
    void aPartTheServerNeverTakesFailsTheUploadWithItsErrorAndTheUploadIsAborted() {
        proxy.inject(Fault.internalError(), FaultProxy.EVERY_TIME, part(2));

        assertThatThrownBy(() -> transfers.upload(UploadRequest.of(bucket, "doomed.bin"), TestData.stream(25, 16 * MIB, 64 * 1024))
                .block())
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("UploadPart 2 of s3://" + bucket + "/doomed.bin")
                .satisfies(e -> assertThat(((S3Exception) e).errorCode()).isEqualTo("InternalError"))
                .satisfies(e -> assertThat(e.getSuppressed()).as("the earlier attempts").isNotEmpty());

        assertThat(requestsFor("doomed.bin")).anyMatch(UploadFaultsIT::isAbort);
        TransferTests.assertNoUploadsLeft(direct, bucket);
    }

    @Test
    void whenTheAbortFailsTooItsFailureIsSuppressedInTheOriginalError() {
        proxy.inject(Fault.internalError(), FaultProxy.EVERY_TIME, part(1));
        proxy.inject(Fault.reply(403, "AccessDenied", "Access Denied"), FaultProxy.EVERY_TIME, UploadFaultsIT::isAbort);

        Throwable error = transfers.upload(UploadRequest.of(bucket, "abort-fails.bin"), TestData.stream(26, 6 * MIB, 64 * 1024))
                .map(r -> (Throwable) null).onErrorResume(e -> Mono.just(e)).block();

        assertThat(error).isInstanceOf(S3Exception.class);
        assertThat(((S3Exception) error).errorCode()).isEqualTo("InternalError");
        assertThat(error.getSuppressed()).anySatisfy(s ->
                assertThat(s).isInstanceOf(S3Exception.class).hasMessageContaining("AbortMultipartUpload").hasMessageContaining("AccessDenied"));
        List<String> left = TransferTests.uploadsInProgress(direct, bucket);
        assertThat(left).hasSize(1);
        direct.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "abort-fails.bin", left.get(0))).block();
    }

    @Test
    void aSourceThatFailsMidwayFailsTheUploadWithItsOwnErrorAndTheUploadIsAborted() {
        Flux<ByteBuffer> failing = TestData.stream(27, 12 * MIB, 64 * 1024)
                .concatWith(Flux.error(new UncheckedIOException(new IOException("disk on fire"))));

        assertThatThrownBy(() -> transfers.upload(UploadRequest.of(bucket, "source-fails.bin"), failing).block())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk on fire");

        TransferTests.assertNoUploadsLeft(direct, bucket);
    }

    @Test
    void cancellingMidUploadAbortsIt() throws Exception {
        proxy.inject(Fault.delay(Duration.ofMillis(300)), FaultProxy.EVERY_TIME, RequestHead::isUploadPart);

        Disposable upload = transfers.upload(UploadRequest.of(bucket, "cancelled.bin"), TestData.stream(28, 30 * MIB, 64 * 1024))
                .subscribe();
        awaitRequest("cancelled.bin", RequestHead::isUploadPart);
        upload.dispose();

        awaitRequest("cancelled.bin", UploadFaultsIT::isAbort);
        TransferTests.awaitNoUploadsLeft(direct, bucket);
    }

    @Test
    void cancellingWhileTheUploadIsBeingCreatedStillAbortsItOnceCreated() throws Exception {
        proxy.inject(Fault.delay(Duration.ofMillis(500)), 1, UploadFaultsIT::isCreate);

        CompletableFuture<UploadResult> future = transfers.futures().upload(UploadRequest.of(bucket, "cancel-create.bin"),
                TestData.stream(29, 12 * MIB, 64 * 1024));
        awaitRequest("cancel-create.bin", UploadFaultsIT::isCreate);
        assertThat(future.cancel(true)).isTrue();

        awaitRequest("cancel-create.bin", UploadFaultsIT::isAbort);
        TransferTests.awaitNoUploadsLeft(direct, bucket);
        assertThat(requestsFor("cancel-create.bin")).noneMatch(RequestHead::isUploadPart);
    }

    private static long faultsOn(String key) {
        return requestsFor(key).stream().filter(r -> r.fault() != null).count();
    }

    private static List<RequestHead> requestsFor(String key) {
        return proxy.requests().stream().filter(r -> r.path().endsWith("/" + key)).toList();
    }

    private static void awaitRequest(String key, Predicate<RequestHead> which) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (requestsFor(key).stream().noneMatch(which) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(requestsFor(key)).anyMatch(which);
    }
}
