package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CompleteMultipartUploadResponse;
import dev.ferry.s3.model.CompletedPart;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.ListPartsRequest;
import dev.ferry.s3.model.Part;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

@ExtendWith(S3ServerExtension.class)
class MultipartUploadIT {
    private static final int MIB = 1024 * 1024;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void createBucket(S3TestServer server) {
        s3 = S3TestClients.client(server);
        bucket = S3TestClients.newBucket(s3, server, "multipart");
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void uploads64MiBIn5MiBPartsWithOnePartReplacedAndReadsItBackExactly() throws Exception {
        byte[] object = new byte[64 * MIB];
        new Random(64).nextBytes(object);
        int partSize = 5 * MIB;
        int partCount = (object.length + partSize - 1) / partSize;
        String key = "big/64mib.bin";
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder(bucket, key)
                .contentType("application/octet-stream").build()).block().uploadId();

        // Part 3 is first uploaded with garbage, then again with the right bytes: the second must win.
        byte[] garbage = new byte[partSize];
        new Random(1).nextBytes(garbage);
        s3.uploadPart(UploadPartRequest.of(bucket, key, uploadId, 3), RequestBody.fromBytes(garbage)).block();

        List<UploadPartResponse> uploaded = Flux.range(1, partCount)
                .flatMap(n -> {
                    int offset = (n - 1) * partSize;
                    int length = Math.min(partSize, object.length - offset);
                    String md5 = Base64.getEncoder().encodeToString(md5(object, offset, length));
                    return s3.uploadPart(UploadPartRequest.of(bucket, key, uploadId, n).withContentMd5(md5),
                            RequestBody.fromBytes(object, offset, length));
                }, 4)
                .collectList().block();

        List<Part> listed = s3.listParts(new ListPartsRequest(bucket, key, uploadId, 5)).collectList().block();
        assertThat(listed).extracting(Part::partNumber).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(listed.get(2).eTag()).isEqualTo(uploaded.stream().filter(p -> p.partNumber() == 3).findFirst().get().eTag());
        assertThat(listed.get(12).size()).isEqualTo(object.length - 12L * partSize);

        // Given in reverse: the client sorts them, as S3 requires.
        List<CompletedPart> parts = new ArrayList<>(uploaded.stream().map(UploadPartResponse::toCompletedPart).toList());
        parts.sort((a, b) -> Integer.compare(b.partNumber(), a.partNumber()));
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(
                new CompleteMultipartUploadRequest(bucket, key, uploadId, parts)).block();

        // Ceph RGW 16 answers with an empty ETag: the client derives S3's from the parts' MD5s, and it
        // must be the one the server reports for the object.
        assertThat(done.eTag()).endsWith("-" + partCount + "\"");
        assertThat(s3.headObject(dev.ferry.s3.model.HeadObjectRequest.of(bucket, key)).block().eTag()).isEqualTo(done.eTag());
        byte[] back = s3.getObject(GetObjectRequest.of(bucket, key), BodyReader.toBytes()).block().bytes();
        assertThat(back.length).isEqualTo(object.length);
        assertThat(Arrays.equals(back, object)).as("read back byte for byte").isTrue();
    }

    @Test
    void completeWithAWrongETagIsRefused() {
        String key = "wrong-etag";
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket, key)).block().uploadId();
        s3.uploadPart(UploadPartRequest.of(bucket, key, uploadId, 1), RequestBody.fromString("only part")).block();

        StepVerifier.create(s3.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, key, uploadId,
                        List.of(CompletedPart.of(1, "\"00000000000000000000000000000000\"")))))
                .expectErrorSatisfies(e -> assertThat(((S3Exception) e).errorCode()).isEqualTo("InvalidPart"))
                .verify();
        s3.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, key, uploadId)).block();
    }

    @Test
    void abortDiscardsTheUpload() {
        String key = "aborted";
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket, key)).block().uploadId();
        s3.uploadPart(UploadPartRequest.of(bucket, key, uploadId, 1), RequestBody.fromString("part")).block();

        s3.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, key, uploadId)).block();

        // S3 answers ListParts of an aborted upload with 404 NoSuchUpload, Ceph RGW 16 with 404
        // NoSuchKey, S3Proxy with an empty list: each says no part is left.
        List<Part> left = s3.listParts(ListPartsRequest.of(bucket, key, uploadId))
                .onErrorResume(S3Exception.class, e -> e.statusCode() == 404
                        && ("NoSuchUpload".equals(e.errorCode()) || "NoSuchKey".equals(e.errorCode())) ? Flux.empty() : Flux.error(e))
                .collectList().block();
        assertThat(left).isEmpty();
        StepVerifier.create(s3.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, key, uploadId,
                        List.of(CompletedPart.of(1, "\"" + "0".repeat(32) + "\"")))))
                .expectError(S3Exception.class)
                .verify();
    }

    @Test
    void wrongContentMd5OnAPartIsRefusedWithBadDigest() {
        String key = "bad-part";
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket, key)).block().uploadId();
        String wrong = Base64.getEncoder().encodeToString(md5(new byte[] {1, 2, 3}, 0, 3));

        StepVerifier.create(s3.uploadPart(UploadPartRequest.of(bucket, key, uploadId, 1).withContentMd5(wrong),
                        RequestBody.fromString("not 1,2,3")))
                .expectErrorSatisfies(e -> assertThat(((S3Exception) e).errorCode()).isEqualTo("BadDigest"))
                .verify();
        s3.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, key, uploadId)).block();
    }

    @Test
    void partNumbersOutsideOneToTenThousandAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> UploadPartRequest.of(bucket, "k", "upload", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("part number must be 1..10000, was 0");
        assertThatThrownBy(() -> UploadPartRequest.of(bucket, "k", "upload", 10_001))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("part number must be 1..10000, was 10001");
        assertThatThrownBy(() -> CompletedPart.of(0, "\"etag\""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartNumberListedTwiceInCompleteIsRefused() {
        assertThatThrownBy(() -> new CompleteMultipartUploadRequest(bucket, "k", "upload",
                List.of(CompletedPart.of(2, "\"a\""), CompletedPart.of(2, "\"b\""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("part 2 is listed twice");
    }

    static byte[] md5(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(data, offset, length);
            return md.digest();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
