package dev.ferry.s3.transfer;

import static dev.ferry.s3.transfer.TransferTests.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.TransportException;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.testkit.fault.Fault;
import dev.ferry.testkit.fault.FaultProxy;
import dev.ferry.testkit.fault.RequestHead;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

/**
 * Downloads through the fault proxy: stalled, truncated and reset ranges are retried and the file
 * ends byte for byte; an object replaced midway fails clearly; an interrupted download resumes from
 * what it left on disk, and only from bytes that still check out.
 */
@ExtendWith(S3ServerExtension.class)
class DownloadFaultsIT {
    private static final int RANGE = 5 * MIB;
    private static final TransferConfig CONFIG = TransferConfig.builder().partSize(RANGE).partsInFlight(3).build();
    /** One range at a time: which ranges are done when a fault ends the download is then certain. */
    private static final TransferConfig ONE_AT_A_TIME = CONFIG.toBuilder().partsInFlight(1).build();

    private static S3TestServer server;
    private static FaultProxy proxy;
    private static S3Client direct;
    private static S3Client throughProxy;
    private static String bucket;

    @BeforeAll
    static void start(S3TestServer s) {
        server = s;
        proxy = FaultProxy.start(server.endpoint());
        direct = TransferTests.clientBuilder(server).build();
        // A short read timeout, so that a stalled body is given up on (and retried) quickly.
        throughProxy = TransferTests.clientBuilder(server, proxy.endpoint())
                .engineConfig(EngineConfig.builder().name("download-faults").readTimeout(Duration.ofMillis(300))
                        .responseTimeout(Duration.ofSeconds(10)).build())
                .build();
        bucket = TransferTests.newBucket(direct, server, "download-faults");
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

    private static byte[] put(String key, byte[] data) {
        direct.putObject(PutObjectRequest.of(bucket, key), RequestBody.fromBytes(data)).block();
        return data;
    }

    private static Predicate<RequestHead> rangeOf(String key, int index) {
        return r -> r.isRangedGet() && r.path().endsWith("/" + key) && r.header("range").startsWith("bytes=" + (long) index * RANGE + "-");
    }

    private static List<RequestHead> rangedGetsOf(String key) {
        return proxy.requests().stream().filter(r -> r.isRangedGet() && r.path().endsWith("/" + key)).toList();
    }

    @Test
    void stalledRangesAreGivenUpAfterTheReadTimeoutAndFetchedAgain(@TempDir Path dir) throws IOException {
        byte[] data = put("stall.bin", TestData.bytes(31, 12 * MIB + 9));
        proxy.inject(Fault.stallResponseBody(100_000), 2, r -> r.isRangedGet() && r.path().endsWith("/stall.bin"));

        DownloadResult result = S3Transfers.create(throughProxy, CONFIG).download(DownloadRequest.of(bucket, "stall.bin"),
                dir.resolve("stall.bin")).block();

        assertThat(rangedGetsOf("stall.bin").stream().filter(r -> r.fault() != null)).hasSize(2);
        assertThat(rangedGetsOf("stall.bin")).hasSize(3 + 2);
        assertThat(result.bytesDownloaded()).as("retried bytes are not counted twice").isEqualTo(data.length);
        assertThat(TestData.sha256(Files.readAllBytes(dir.resolve("stall.bin")))).isEqualTo(TestData.sha256(data));
    }

    @Test
    void truncatedAndResetRangesAreFetchedAgain(@TempDir Path dir) throws IOException {
        byte[] data = put("cut.bin", TestData.bytes(32, 14 * MIB));
        proxy.inject(Fault.truncateResponseBody(1000), 2, rangeOf("cut.bin", 1));
        proxy.inject(Fault.resetAfterResponseBytes(300_000), 1, rangeOf("cut.bin", 2));

        S3Transfers.create(throughProxy, CONFIG).download(DownloadRequest.of(bucket, "cut.bin"), dir.resolve("cut.bin")).block();

        assertThat(rangedGetsOf("cut.bin").stream().filter(r -> r.fault() != null)).hasSize(3);
        assertThat(TestData.sha256(Files.readAllBytes(dir.resolve("cut.bin")))).isEqualTo(TestData.sha256(data));
    }

    @Test
    void everyRangeIsConditionalOnTheETagTheHeadSaw(@TempDir Path dir) {
        put("if-match.bin", TestData.bytes(33, 11 * MIB));

        DownloadResult result = S3Transfers.create(throughProxy, CONFIG).download(DownloadRequest.of(bucket, "if-match.bin"),
                dir.resolve("if-match.bin")).block();

        assertThat(rangedGetsOf("if-match.bin")).hasSize(3)
                .allSatisfy(r -> assertThat(r.header("if-match")).isEqualTo(result.eTag()))
                .extracting(r -> r.header("range"))
                .containsExactlyInAnyOrder("bytes=0-5242879", "bytes=5242880-10485759", "bytes=10485760-11534335");
    }

    @Test
    void anObjectReplacedDuringTheDownloadFailsItClearlyAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        put("replaced.bin", TestData.bytes(34, 16 * MIB));
        proxy.inject(Fault.runFirst(() -> put("replaced.bin", TestData.bytes(35, 16 * MIB))), 1, rangeOf("replaced.bin", 2));

        assertThatThrownBy(() -> S3Transfers.create(throughProxy, ONE_AT_A_TIME)
                .download(DownloadRequest.of(bucket, "replaced.bin"), dir.resolve("replaced.bin")).block())
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("the object changed after the download started")
                .satisfies(e -> assertThat(((S3Exception) e).errorCode()).isEqualTo("PreconditionFailed"));

        try (var files = Files.list(dir)) {
            assertThat(files).as("a partial file of an object that no longer exists is of no use").isEmpty();
        }
    }

    @Test
    void aFailedDownloadResumesFromTheRangesAlreadyOnDisk(@TempDir Path dir) throws IOException {
        byte[] data = put("resume.bin", TestData.bytes(36, 4 * RANGE + 1234));
        Path target = dir.resolve("resume.bin");
        S3Transfers transfers = S3Transfers.create(throughProxy, ONE_AT_A_TIME);
        proxy.inject(Fault.resetAfterResponseBytes(10_000), FaultProxy.EVERY_TIME, rangeOf("resume.bin", 2));

        assertThatThrownBy(() -> transfers.download(DownloadRequest.of(bucket, "resume.bin"), target).block())
                .isInstanceOf(TransportException.class);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("resume.bin.ferry-part")).exists();
        assertThat(dir.resolve("resume.bin.ferry-part.state")).exists();
        proxy.clearFaults();
        int before = rangedGetsOf("resume.bin").size();

        DownloadResult result = transfers.download(DownloadRequest.of(bucket, "resume.bin"), target).block();

        assertThat(result.bytesResumed()).isEqualTo(2L * RANGE);
        assertThat(result.bytesDownloaded()).isEqualTo(data.length - 2L * RANGE);
        assertThat(rangedGetsOf("resume.bin").subList(before, rangedGetsOf("resume.bin").size()))
                .extracting(r -> r.header("range"))
                .containsExactly("bytes=10485760-15728639", "bytes=15728640-20971519", "bytes=20971520-20972753");
        assertThat(TestData.sha256(Files.readAllBytes(target))).isEqualTo(TestData.sha256(data));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("resume.bin");
        }
    }

    @Test
    void aResumedRangeWhoseBytesChangedOnDiskIsFetchedAgain(@TempDir Path dir) throws IOException {
        byte[] data = put("tampered.bin", TestData.bytes(37, 3 * RANGE));
        Path target = dir.resolve("tampered.bin");
        S3Transfers transfers = S3Transfers.create(throughProxy, ONE_AT_A_TIME);
        proxy.inject(Fault.internalError(), FaultProxy.EVERY_TIME, rangeOf("tampered.bin", 2));
        assertThatThrownBy(() -> transfers.download(DownloadRequest.of(bucket, "tampered.bin"), target).block())
                .isInstanceOf(S3Exception.class);
        proxy.clearFaults();
        try (FileChannel partial = FileChannel.open(dir.resolve("tampered.bin.ferry-part"), StandardOpenOption.WRITE)) {
            partial.write(java.nio.ByteBuffer.wrap(new byte[] {42}), 12345);   // inside range 0
        }

        DownloadResult result = transfers.download(DownloadRequest.of(bucket, "tampered.bin"), target).block();

        assertThat(result.bytesResumed()).as("only range 1 still checks out").isEqualTo(RANGE);
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
    }

    @Test
    void aCancelledDownloadKeepsItsPartialFileToResumeFrom(@TempDir Path dir) throws Exception {
        byte[] data = put("cancel.bin", TestData.bytes(38, 4 * RANGE));
        Path target = dir.resolve("cancel.bin");
        S3Transfers transfers = S3Transfers.create(throughProxy, ONE_AT_A_TIME);
        proxy.inject(Fault.delay(Duration.ofSeconds(30)), 1, rangeOf("cancel.bin", 1));

        Disposable download = transfers.download(DownloadRequest.of(bucket, "cancel.bin"), target).subscribe();
        awaitRequest(rangeOf("cancel.bin", 1));
        download.dispose();
        proxy.clearFaults();

        DownloadResult result = transfers.download(DownloadRequest.of(bucket, "cancel.bin"), target).block();

        assertThat(result.bytesResumed()).isEqualTo(RANGE);
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
    }

    @Test
    void withoutResumeAFailedDownloadLeavesNothingBehind(@TempDir Path dir) throws IOException {
        put("no-resume.bin", TestData.bytes(39, 3 * RANGE));
        proxy.inject(Fault.internalError(), FaultProxy.EVERY_TIME, rangeOf("no-resume.bin", 1));

        assertThatThrownBy(() -> S3Transfers.create(throughProxy, ONE_AT_A_TIME)
                .download(DownloadRequest.builder(bucket, "no-resume.bin").resume(false).build(), dir.resolve("no-resume.bin"))
                .block())
                .isInstanceOf(S3Exception.class);

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static void awaitRequest(Predicate<RequestHead> which) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (proxy.requests().stream().noneMatch(which) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(proxy.requests()).anyMatch(which);
    }
}
