package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CopyObjectRequest;
import dev.ferry.s3.model.CopyObjectResponse;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.HeadObjectRequest;
import dev.ferry.s3.model.ObjectMetadata;
import dev.ferry.s3.model.PresignedRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.UploadPartCopyRequest;
import dev.ferry.s3.model.UploadPartResponse;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

@ExtendWith(S3ServerExtension.class)
class CopyAndPresignIT {
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void createBucket(S3TestServer server) {
        s3 = S3TestClients.client(server);
        bucket = S3TestClients.newBucket(s3, server, "copy");
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void copyKeepsContentAndMetadataOrReplacesMetadataWhenAsked() {
        s3.putObject(PutObjectRequest.builder(bucket, "source.txt").contentType("text/plain").metadata("origin", "source").build(),
                RequestBody.fromString("copy me")).block();

        CopyObjectResponse kept = s3.copyObject(CopyObjectRequest.of(bucket, "source.txt", bucket, "copies/kept.txt")).block();
        s3.copyObject(CopyObjectRequest.builder(bucket, "source.txt", bucket, "copies/replaced.txt")
                .replaceMetadata(true).contentType("text/markdown").metadata("origin", "replaced").build()).block();

        assertThat(kept.eTag()).isNotBlank();
        ObjectMetadata keptHead = s3.headObject(HeadObjectRequest.of(bucket, "copies/kept.txt")).block();
        assertThat(keptHead.metadata()).containsEntry("origin", "source");
        ObjectMetadata replacedHead = s3.headObject(HeadObjectRequest.of(bucket, "copies/replaced.txt")).block();
        assertThat(replacedHead.metadata()).containsEntry("origin", "replaced");
        assertThat(replacedHead.contentType()).isEqualTo("text/markdown");
        assertThat(s3.getObject(GetObjectRequest.of(bucket, "copies/replaced.txt"), BodyReader.toBytes()).block().asUtf8String())
                .isEqualTo("copy me");
    }

    @Test
    void copyOfAMissingSourceFailsWithNoSuchKey() {
        StepVerifier.create(s3.copyObject(CopyObjectRequest.of(bucket, "absent", bucket, "copy-of-absent")))
                .expectErrorSatisfies(e -> assertThat(((S3Exception) e).errorCode()).isEqualTo("NoSuchKey"))
                .verify();
    }

    @Test
    void uploadPartCopyAssemblesAnObjectFromRangesOfAnother() {
        byte[] source = new byte[11 * 1024 * 1024];
        new Random(11).nextBytes(source);
        s3.putObject(PutObjectRequest.of(bucket, "big-source"), RequestBody.fromBytes(source)).block();
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket, "assembled")).block().uploadId();
        int half = 6 * 1024 * 1024;

        UploadPartResponse first = s3.uploadPartCopy(UploadPartCopyRequest.of(bucket, "big-source", 0, half - 1, bucket, "assembled", uploadId, 1)).block();
        UploadPartResponse second = s3.uploadPartCopy(UploadPartCopyRequest.of(bucket, "big-source", half, source.length - 1, bucket, "assembled", uploadId, 2)).block();
        s3.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, "assembled", uploadId,
                List.of(first.toCompletedPart(), second.toCompletedPart()))).block();

        byte[] copy = s3.getObject(GetObjectRequest.of(bucket, "assembled"), BodyReader.toBytes()).block().bytes();
        assertThat(Arrays.equals(copy, source)).isTrue();
    }

    @Test
    void presignedGetAndPutWorkWithAPlainHttpClient(S3TestServer server) throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        PresignedRequest put = s3.presignPutObject(PutObjectRequest.builder(bucket, "presigned/hello world.txt")
                .contentType("text/plain").build(), Duration.ofMinutes(5)).block();
        assertThat(put.url().toString()).contains("X-Amz-Signature=").doesNotContain(server.secretKey())
                .doesNotContain(java.net.URLEncoder.encode(server.secretKey(), StandardCharsets.UTF_8));
        assertThat(put.toString()).contains("X-Amz-Signature=***");

        HttpRequest.Builder upload = HttpRequest.newBuilder(put.url()).PUT(HttpRequest.BodyPublishers.ofString("via presigned PUT"));
        put.headers().forEach(upload::header);
        HttpResponse<String> stored = plain.send(upload.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        PresignedRequest get = s3.presignGetObject(GetObjectRequest.of(bucket, "presigned/hello world.txt"), Duration.ofMinutes(5)).block();
        HttpResponse<String> read = plain.send(HttpRequest.newBuilder(get.url()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("via presigned PUT");
        assertThat(read.headers().firstValue("Content-Type")).hasValue("text/plain");

        // A tampered URL is refused: the signature covers the key.
        String tampered = get.url().toString().replace("hello%20world", "hello%20worlds");
        HttpResponse<String> refused = plain.send(HttpRequest.newBuilder(java.net.URI.create(tampered)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void presignRefusesExpiriesBeyondSevenDays() {
        StepVerifier.create(s3.presignGetObject(GetObjectRequest.of(bucket, "k"), Duration.ofDays(8)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 days"))
                .verify();
    }
}
