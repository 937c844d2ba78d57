package dev.ferry.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.oss.model.AbortMultipartUploadRequest;
import dev.ferry.oss.model.CompleteMultipartUploadRequest;
import dev.ferry.oss.model.CompleteMultipartUploadResponse;
import dev.ferry.oss.model.CompletedPart;
import dev.ferry.oss.model.GetObjectRequest;
import dev.ferry.oss.model.InitiateMultipartUploadRequest;
import dev.ferry.oss.model.InitiateMultipartUploadResponse;
import dev.ferry.oss.model.ListPartsRequest;
import dev.ferry.oss.model.Part;
import dev.ferry.oss.model.UploadPartRequest;
import dev.ferry.testkit.oss.OssMockServer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class MultipartIT {
    private static final int PART = 100 * 1024;
    private static OssMockServer server;
    private static OssClient oss;

    @BeforeAll
    static void start() {
        server = MockOss.server();
        oss = MockOss.client(server).build();
    }

    @AfterAll
    static void stop() {
        oss.close();
        server.close();
    }

    @Test
    void partsUploadedOutOfOrderAreListedPageByPageAndAssembledInOrder() {
        InitiateMultipartUploadResponse upload = oss.initiateMultipartUpload(InitiateMultipartUploadRequest.of(MockOss.BUCKET, "big/数据 file.bin")
                .withContentType("application/x-test").withMetadata(Map.of("origin", "ferry"))).block();
        byte[][] parts = {random(PART, 1), random(PART, 2), random(PART, 3), random(1234, 4)};
        List<CompletedPart> completed = Flux.just(4, 2, 1, 3)
                .flatMap(n -> oss.uploadPart(UploadPartRequest.of(upload, n), RequestBody.fromBytes(parts[n - 1])))
                .map(r -> r.toCompletedPart())
                .collectList().block();

        List<Part> listed = oss.listParts(ListPartsRequest.of(upload).withPageSize(3)).collectList().block();
        assertThat(listed).extracting(Part::partNumber).containsExactly(1, 2, 3, 4);
        assertThat(listed).extracting(Part::size).containsExactly((long) PART, (long) PART, (long) PART, 1234L);
        assertThat(server.requests().stream().filter(r -> r.uri().contains("max-parts=3"))).hasSize(2);

        CompleteMultipartUploadResponse done = oss.completeMultipartUpload(CompleteMultipartUploadRequest.of(upload, completed)).block();
        assertThat(done.etag()).endsWith("-4");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            expected.writeBytes(p);
        }
        var got = oss.getObject(GetObjectRequest.of(MockOss.BUCKET, "big/数据 file.bin"), BodyReader.toBytes()).block();
        assertThat(got.bytes()).isEqualTo(expected.toByteArray());
        assertThat(got.response().objectType()).isEqualTo("Multipart");
        assertThat(got.response().contentType()).isEqualTo("application/x-test");
        assertThat(got.response().userMetadata()).containsEntry("origin", "ferry");
    }

    @Test
    void aTooSmallPartIsRefusedWithAdvice() {
        InitiateMultipartUploadResponse upload = oss.initiateMultipartUpload(InitiateMultipartUploadRequest.of(MockOss.BUCKET, "small")).block();
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            parts.add(oss.uploadPart(UploadPartRequest.of(upload, n), RequestBody.fromBytes(random(10, n))).block().toCompletedPart());
        }
        assertThatThrownBy(() -> oss.blocking().completeMultipartUpload(CompleteMultipartUploadRequest.of(upload, parts)))
                .isInstanceOfSatisfying(OssException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("EntityTooSmall");
                    assertThat(e.getMessage()).contains("100 KiB");
                });
        oss.abortMultipartUpload(AbortMultipartUploadRequest.of(upload)).block();
    }

    @Test
    void anAbortedUploadIsGone() {
        InitiateMultipartUploadResponse upload = oss.initiateMultipartUpload(InitiateMultipartUploadRequest.of(MockOss.BUCKET, "aborted")).block();
        oss.uploadPart(UploadPartRequest.of(upload, 1), RequestBody.fromBytes(random(10, 9))).block();
        oss.abortMultipartUpload(AbortMultipartUploadRequest.of(upload)).block();
        assertThatThrownBy(() -> oss.blocking().listParts(ListPartsRequest.of(upload)))
                .isInstanceOfSatisfying(OssException.class, e -> assertThat(e.errorCode()).isEqualTo("NoSuchUpload"));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
