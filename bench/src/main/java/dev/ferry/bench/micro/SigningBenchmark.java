package dev.ferry.bench.micro;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.internal.signing.SigV4Signer;
import java.net.URI;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 header signing of a 4 KiB PutObject: Ferry's signer against the AWS SDK v2's
 * {@code AwsV4HttpSigner}, both with the payload's SHA-256 computed (signed payload) and with
 * UNSIGNED-PAYLOAD (the signature alone).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {
    private static final String ACCESS = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final byte[] body = new byte[4096];
    private SigV4Signer ferry;
    private Credentials credentials;
    private HttpRequest request;
    private HttpSigner<AwsCredentialsIdentity> aws;
    private AwsCredentialsIdentity awsCredentials;
    private SdkHttpRequest awsRequest;
    private Instant now;

    @Setup
    public void setUp() {
        new Random(1).nextBytes(body);
        now = Instant.parse("2026-11-22T10:00:00Z");
        ferry = SigV4Signer.forS3("us-east-1");
        credentials = Credentials.of(ACCESS, SECRET);
        request = HttpRequest.builder("PUT", URI.create("http://127.0.0.1:9000"))
                .path("/bench/put-17")
                .header("Content-Length", "4096")
                .body(RequestBody.fromBytes(body))
                .operation("PutObject")
                .build();
        aws = AwsV4HttpSigner.create();
        awsCredentials = AwsCredentialsIdentity.create(ACCESS, SECRET);
        awsRequest = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(URI.create("http://127.0.0.1:9000/bench/put-17"))
                .putHeader("Content-Length", "4096").build();
    }

    @Benchmark
    public HttpRequest ferrySignedPayload() {
        return ferry.sign(request, credentials, now, SigV4Signer.sha256Hex(body)).request();
    }

    @Benchmark
    public HttpRequest ferryUnsignedPayload() {
        return ferry.sign(request, credentials, now, SigV4Signer.UNSIGNED_PAYLOAD).request();
    }

    @Benchmark
    public SdkHttpRequest awsSignedPayload() {
        return aws.sign(r -> r.identity(awsCredentials).request(awsRequest).payload(() -> new java.io.ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))).request();
    }

    @Benchmark
    public SdkHttpRequest awsUnsignedPayload() {
        return aws.sign(r -> r.identity(awsCredentials).request(awsRequest).payload(() -> new java.io.ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))).request();
    }
}
