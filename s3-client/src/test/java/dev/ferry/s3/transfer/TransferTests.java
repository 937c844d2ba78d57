package dev.ferry.s3.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.UriEncoding;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.internal.signing.SigV4Signer;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.testkit.s3.S3TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

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

    /**
     * The multipart uploads in progress in the bucket, as ListMultipartUploads reports them (the one
     * place that asks, so that it can move to the client's own operation once it has one).
     */
    static List<String> uploadsInProgress(S3TestServer server, String bucket) {
        HttpRequest list = HttpRequest.builder("GET", server.endpoint())
                .path("/" + UriEncoding.encode(bucket))
                .query("uploads", "")
                .operation("ListMultipartUploads")
                .build();
        HttpRequest signed = SigV4Signer.forS3(server.region())
                .sign(list, Credentials.of(server.accessKey(), server.secretKey()), Instant.now(), SigV4Signer.EMPTY_PAYLOAD_SHA256)
                .request();
        String xml = HttpEngine.shared().exchangeForMono(signed, response -> response.body().asString()
                        .flatMap(body -> response.isSuccessful() ? Mono.just(body)
                                : Mono.error(new AssertionError("ListMultipartUploads answered " + response.statusCode() + ": " + body))))
                .block(Duration.ofSeconds(30));
        List<String> uploads = new ArrayList<>();
        Matcher m = Pattern.compile("<UploadId>([^<]*)</UploadId>").matcher(xml);
        while (m.find()) {
            uploads.add(m.group(1));
        }
        return uploads;
    }

    static void assertNoUploadsLeft(S3TestServer server, String bucket) {
        assertThat(uploadsInProgress(server, bucket)).as("multipart uploads left in " + bucket).isEmpty();
    }

    /** For an abort that runs in the background (after a cancel): waits until it has happened. */
    static void awaitNoUploadsLeft(S3TestServer server, String bucket) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!uploadsInProgress(server, bucket).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNoUploadsLeft(server, bucket);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
