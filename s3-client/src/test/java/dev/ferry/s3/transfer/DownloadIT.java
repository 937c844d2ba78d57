package dev.ferry.s3.transfer;

import static dev.ferry.s3.transfer.TransferTests.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Downloads in parallel ranges to a file: byte-exact, progress, replacing, and the edges of sizes. */
@ExtendWith(S3ServerExtension.class)
class DownloadIT {
    private static final TransferConfig SMALL_RANGES = TransferConfig.builder().partSize(5 * MIB).partsInFlight(3)
            .progressInterval(Duration.ZERO).build();

    private static S3Client s3;
    private static S3Transfers transfers;
    private static String bucket;

    @BeforeAll
    static void start(S3TestServer server) {
        s3 = TransferTests.clientBuilder(server).build();
        transfers = S3Transfers.create(s3, SMALL_RANGES);
        bucket = TransferTests.newBucket(s3, server, "download");
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static byte[] put(String key, byte[] data) {
        s3.putObject(PutObjectRequest.of(bucket, key), RequestBody.fromBytes(data)).block();
        return data;
    }

    @Test
    void anObjectOfManyRangesArrivesByteForByteAndNothingIsLeftBeside(@TempDir Path dir) throws IOException {
        byte[] data = put("ranges.bin", TestData.bytes(11, 21 * MIB + 5));
        Path target = dir.resolve("ranges.bin");
        List<TransferProgress> events = new CopyOnWriteArrayList<>();

        DownloadResult result = transfers.download(DownloadRequest.builder(bucket, "ranges.bin").progress(events::add).build(), target)
                .block();

        assertThat(result.rangeCount()).isEqualTo(5);
        assertThat(result.size()).isEqualTo(data.length);
        assertThat(result.bytesDownloaded()).isEqualTo(data.length);
        assertThat(result.bytesResumed()).isZero();
        assertThat(result.file()).isEqualTo(target.toAbsolutePath());
        assertThat(TestData.sha256(Files.readAllBytes(target))).isEqualTo(TestData.sha256(data));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ranges.bin");
        }
        TransferProgress last = events.get(events.size() - 1);
        assertThat(last.isDone()).isTrue();
        assertThat(last.bytesTransferred()).isEqualTo(data.length);
        assertThat(last.partsDone()).isEqualTo(5);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).bytesTransferred()).isGreaterThanOrEqualTo(events.get(i - 1).bytesTransferred());
        }
    }

    @Test
    void anExistingFileIsReplacedAndMissingDirectoriesAreCreated(@TempDir Path dir) throws IOException {
        byte[] data = put("replace.txt", "new content".getBytes());
        Path target = dir.resolve("a/b/replace.txt");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old content that is longer than the new one");

        transfers.download(DownloadRequest.of(bucket, "replace.txt"), target).block();

        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        transfers.download(DownloadRequest.of(bucket, "replace.txt"), dir.resolve("c/d/fresh.txt")).block();
        assertThat(Files.readAllBytes(dir.resolve("c/d/fresh.txt"))).isEqualTo(data);
    }

    @Test
    void anEmptyObjectMakesAnEmptyFile(@TempDir Path dir) throws IOException {
        put("empty", new byte[0]);

        DownloadResult result = transfers.download(DownloadRequest.of(bucket, "empty"), dir.resolve("empty")).block();

        assertThat(result.size()).isZero();
        assertThat(result.rangeCount()).isZero();
        assertThat(Files.size(dir.resolve("empty"))).isZero();
    }

    @Test
    void anObjectOfExactlyOneRangeTakesOneGet(@TempDir Path dir) throws IOException {
        byte[] data = put("exact.bin", TestData.bytes(12, 5 * MIB));

        DownloadResult result = transfers.download(DownloadRequest.of(bucket, "exact.bin"), dir.resolve("exact.bin")).block();

        assertThat(result.rangeCount()).isEqualTo(1);
        assertThat(Files.readAllBytes(dir.resolve("exact.bin"))).isEqualTo(data);
    }

    @Test
    void aMissingObjectFailsWith404AndLeavesNoFile(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> transfers.download(DownloadRequest.of(bucket, "absent"), dir.resolve("absent")).block())
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDirectoryAsTargetIsRefused(@TempDir Path dir) {
        put("dir-target", new byte[] {1});

        assertThatThrownBy(() -> transfers.download(DownloadRequest.of(bucket, "dir-target"), dir).block())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it is a directory");
    }
}
