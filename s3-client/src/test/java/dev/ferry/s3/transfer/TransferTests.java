package dev.ferry.s3.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.http.BodyReader;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.ListMultipartUploadsRequest;
import dev.ferry.s3.model.MultipartUpload;
import dev.ferry.testkit.s3.S3TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/** Clients, buckets and checks the transfer tests share. */
final class TransferTests {
    static final int MIB = 1024 * 1024;

    private TransferTests() {
    }

    static S3Client.Builder clientBuilder(S3TestServer server) {
        return clientBuilder(server, server.endpoint());
    }

    /** A client for the server's credentials at another endpoint (a fault proxy in front of it). */
    static S3Client.Builder clientBuilder(S3TestServer server, URI endpoint) {
        return S3Client.builder()
                .endpoint(endpoint)
                .region(server.region())
                .pathStyle(true)
                .credentials(CredentialsProvider.of(Credentials.of(server.accessKey(), server.secretKey())))
                // Faults come in bursts; quick, patient retries keep the tests short and the outcome certain.
                .retryPolicy(new RetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(200)));
    }

    static String newBucket(S3Client s3, S3TestServer server, String prefix) {
        String bucket = server.uniqueBucketName(prefix);
        s3.createBucket(CreateBucketRequest.of(bucket)).block();
        return bucket;
    }

    /** SHA-256 of the stored object, read as a stream (never held whole). */
    static String storedSha256(S3Client s3, String bucket, String key) {
        return s3.getObject(GetObjectRequest.of(bucket, key), (head, body) -> body.asFlux()
                        .reduce(TestData.sha256(), (MessageDigest md, java.nio.ByteBuffer b) -> {
                            md.update(b);
                            return md;
                        })
                        .map(md -> HexFormat.of().formatHex(md.digest())))
                .block();
    }

    static byte[] storedBytes(S3Client s3, String bucket, String key) {
        return s3.getObject(GetObjectRequest.of(bucket, key), BodyReader.toBytes()).block().bytes();
    }

    /** The multipart uploads in progress in the bucket (neither completed nor aborted), by id. */
    static List<String> uploadsInProgress(S3Client s3, String bucket) {
        return s3.listMultipartUploads(ListMultipartUploadsRequest.of(bucket)).map(MultipartUpload::uploadId).collectList()
                .block(Duration.ofSeconds(30));
    }

    static void assertNoUploadsLeft(S3Client s3, String bucket) {
        assertThat(uploadsInProgress(s3, bucket)).as("multipart uploads left in " + bucket).isEmpty();
    }

    /** For an abort that runs in the background (after a cancel): waits until it has happened. */
    static void awaitNoUploadsLeft(S3Client s3, String bucket) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!uploadsInProgress(s3, bucket).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNoUploadsLeft(s3, bucket);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
