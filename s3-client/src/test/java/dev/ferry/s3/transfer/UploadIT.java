package dev.ferry.s3.transfer;

import static dev.ferry.s3.transfer.TransferTests.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.UploadIntegrity;
import dev.ferry.s3.model.ChecksumAlgorithm;
import dev.ferry.s3.model.HeadObjectRequest;
import dev.ferry.s3.model.ObjectMetadata;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;

/** Uploads from each kind of source, single PUT and multipart, each read back and compared byte for byte. */
@ExtendWith(S3ServerExtension.class)
class UploadIT {
    private static final TransferConfig SMALL_PARTS = TransferConfig.builder()
            .partSize(5 * MIB).multipartThreshold(5 * MIB).partsInFlight(3).build();

    private static S3TestServer server;
    private static S3Client s3;
    private static S3Transfers transfers;
    private static String bucket;

    @BeforeAll
    static void start(S3TestServer s) {
        server = s;
        s3 = TransferTests.clientBuilder(server).build();
        transfers = S3Transfers.create(s3, SMALL_PARTS);
        bucket = TransferTests.newBucket(s3, server, "upload");
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void aStreamThatEndsWithinThePartSizeGoesInOnePutObject() {
        byte[] data = TestData.bytes(1, 300_000);

        UploadResult result = transfers.upload(UploadRequest.builder(bucket, "small.bin").contentType("application/x-test").build(),
                Flux.just(ByteBuffer.wrap(data, 0, 100_000), ByteBuffer.wrap(data, 100_000, 200_000))).block();

        assertThat(result.isMultipart()).isFalse();
        assertThat(result.partCount()).isEqualTo(1);
        assertThat(result.size()).isEqualTo(data.length);
        assertThat(result.eTag()).doesNotContain("-");
        assertThat(TransferTests.storedBytes(s3, bucket, "small.bin")).isEqualTo(data);
        ObjectMetadata head = s3.headObject(HeadObjectRequest.of(bucket, "small.bin")).block();
        assertThat(head.contentType()).isEqualTo("application/x-test");
    }

    @Test
    void aStreamOfUnknownLengthGoesInPartsAsTheyFillAndIsStoredExactly() {
        long size = 23L * MIB + 12_345;

        UploadResult result = transfers.upload(UploadRequest.builder(bucket, "stream.bin").metadata("origin", "test").build(),
                TestData.unevenly(TestData.stream(2, size, 256 * 1024))).block();

        assertThat(result.isMultipart()).isTrue();
        assertThat(result.partCount()).isEqualTo(5);
        assertThat(result.size()).isEqualTo(size);
        assertThat(result.eTag()).endsWith("-5\"");
        assertThat(TransferTests.storedSha256(s3, bucket, "stream.bin")).isEqualTo(TestData.sha256(2, size));
        assertThat(s3.headObject(HeadObjectRequest.of(bucket, "stream.bin")).block().metadata()).containsEntry("origin", "test");
        TransferTests.assertNoUploadsLeft(s3, bucket);
    }

    @Test
    void aStreamOfExactlyOnePartAtTheThresholdGoesInOnePart() {
        long size = 5L * MIB;

        UploadResult result = transfers.upload(UploadRequest.of(bucket, "one-part.bin"), TestData.stream(3, size, 64 * 1024)).block();

        assertThat(result.isMultipart()).as("at the threshold, a multipart upload").isTrue();
        assertThat(result.partCount()).isEqualTo(1);
        assertThat(TransferTests.storedSha256(s3, bucket, "one-part.bin")).isEqualTo(TestData.sha256(3, size));
    }

    @Test
    void aStreamOneByteOverAPartEndsInAOneBytePart() {
        long size = 5L * MIB + 1;

        UploadResult result = transfers.upload(UploadRequest.of(bucket, "plus-one.bin"), TestData.stream(4, size, 64 * 1024)).block();

        assertThat(result.partCount()).isEqualTo(2);
        assertThat(result.size()).isEqualTo(size);
        assertThat(TransferTests.storedSha256(s3, bucket, "plus-one.bin")).isEqualTo(TestData.sha256(4, size));
    }

    @Test
    void anEmptyStreamStoresAnEmptyObject() {
        UploadResult result = transfers.upload(UploadRequest.of(bucket, "empty"), Flux.<ByteBuffer>empty()).block();

        assertThat(result.size()).isZero();
        assertThat(result.isMultipart()).isFalse();
        assertThat(s3.headObject(HeadObjectRequest.of(bucket, "empty")).block().contentLength()).isZero();
    }

    @Test
    void aFileGoesInPartsReadFromTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("file.bin");
        byte[] data = TestData.bytes(5, 17 * MIB + 3);
        Files.write(file, data);

        UploadResult result = transfers.upload(UploadRequest.of(bucket, "file.bin"), file).block();

        assertThat(result.partCount()).isEqualTo(4);
        assertThat(result.size()).isEqualTo(data.length);
        assertThat(TransferTests.storedSha256(s3, bucket, "file.bin")).isEqualTo(TestData.sha256(data));
    }

    @Test
    void aFileBelowTheThresholdGoesInOnePutObject(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small.txt");
        Files.writeString(file, "hello, ferry");

        UploadResult result = transfers.upload(UploadRequest.of(bucket, "small.txt"), file).block();

        assertThat(result.isMultipart()).isFalse();
        assertThat(TransferTests.utf8(TransferTests.storedBytes(s3, bucket, "small.txt"))).isEqualTo("hello, ferry");
    }

    @Test
    void anInputStreamIsReadToItsEndAndLeftOpen() {
        byte[] data = TestData.bytes(6, 11 * MIB + 77);
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        UploadResult result = transfers.upload(UploadRequest.of(bucket, "stream-in.bin"), in).block();

        assertThat(result.partCount()).isEqualTo(3);
        assertThat(TransferTests.storedSha256(s3, bucket, "stream-in.bin")).isEqualTo(TestData.sha256(data));
        assertThat(closed[0]).as("the caller's stream is the caller's to close").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = UploadIntegrity.class, names = {"SIGNED_PAYLOAD", "PLAIN_BODY"})
    void partsAreSentUnderTheClientsIntegrityModeAndChecksum(UploadIntegrity integrity, @TempDir Path dir) throws IOException {
        // PLAIN_BODY adds Content-MD5 to every part, the checksum algorithm an x-amz-checksum-crc32c
        // that Complete must repeat per part: S3Proxy checks both.
        try (S3Client client = TransferTests.clientBuilder(server).uploadIntegrity(integrity)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32C).build()) {
            S3Transfers modal = S3Transfers.create(client, SMALL_PARTS);
            Path file = dir.resolve("modal.bin");
            Files.write(file, TestData.bytes(7, 6 * MIB));
            String prefix = integrity.name().toLowerCase(java.util.Locale.ROOT);

            modal.upload(UploadRequest.of(bucket, prefix + "-stream.bin"), TestData.stream(7, 6 * MIB, 8192)).block();
            modal.upload(UploadRequest.of(bucket, prefix + "-file.bin"), file).block();
            modal.upload(UploadRequest.of(bucket, prefix + "-small.bin"), TestData.stream(7, 1000, 8)).block();

            assertThat(TransferTests.storedSha256(s3, bucket, prefix + "-stream.bin")).isEqualTo(TestData.sha256(7, 6 * MIB));
            assertThat(TransferTests.storedSha256(s3, bucket, prefix + "-file.bin")).isEqualTo(TestData.sha256(7, 6 * MIB));
            assertThat(TransferTests.storedSha256(s3, bucket, prefix + "-small.bin")).isEqualTo(TestData.sha256(7, 1000));
        }
    }

    @Test
    void progressEventsNeverGoBackAndTheLastArrivesBeforeTheResult() {
        List<TransferProgress> events = new CopyOnWriteArrayList<>();
        long size = 16L * MIB;
        S3Transfers everyEvent = S3Transfers.create(s3, SMALL_PARTS.toBuilder().progressInterval(java.time.Duration.ZERO).build());

        everyEvent.upload(UploadRequest.builder(bucket, "progress.bin").progress(events::add).build(),
                TestData.stream(8, size, 64 * 1024)).block();

        assertThat(events).isNotEmpty();
        TransferProgress last = events.get(events.size() - 1);
        assertThat(last.isDone()).isTrue();
        assertThat(last.bytesTransferred()).isEqualTo(size);
        assertThat(last.totalBytes()).isEqualTo(size);
        assertThat(last.partsDone()).isEqualTo(4);
        assertThat(last.totalParts()).isEqualTo(4);
        assertThat(last.fraction()).hasValue(1.0);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).bytesTransferred()).isGreaterThanOrEqualTo(events.get(i - 1).bytesTransferred());
            assertThat(events.get(i).partsDone()).isGreaterThanOrEqualTo(events.get(i - 1).partsDone());
        }
        assertThat(events.stream().filter(TransferProgress::isDone)).hasSize(1);
    }

    @Test
    void aMissingBucketFailsWithTheServersErrorAndNoUpload() {
        assertThatThrownBy(() -> transfers.upload(UploadRequest.of("no-such-bucket-" + System.nanoTime(), "k"),
                        TestData.stream(9, 6 * MIB, 64 * 1024)).block())
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).errorCode()).isEqualTo("NoSuchBucket"));
    }

    @Test
    void aMissingFileIsRefusedClearly(@TempDir Path dir) {
        assertThatThrownBy(() -> transfers.upload(UploadRequest.of(bucket, "k"), dir.resolve("absent")).block())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such file");
    }
}
