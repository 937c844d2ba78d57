package dev.ferry.bench.compare;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3CrtAsyncClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The AWS SDK for Java v2's S3AsyncClient, on its Netty HTTP client or as the CRT-based client.
 * {@code default}: the SDK's defaults but the connection cap, raised to the workload's concurrency.
 * {@code cheap}: request checksums and response validation only WHEN_REQUIRED.
 */
final class AwsClient implements BenchClient {
    private final S3AsyncClient s3;
    private final boolean crt;
    private final boolean cheap;

    AwsClient(URI endpoint, String accessKey, String secretKey, int connections, boolean crt, boolean cheap) {
        this.crt = crt;
        this.cheap = cheap;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        if (crt) {
            S3CrtAsyncClientBuilder b = S3AsyncClient.crtBuilder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(credentials)
                    .forcePathStyle(true)
                    .maxConcurrency(connections);
            if (cheap) {
                b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
            s3 = b.build();
        } else {
            S3AsyncClientBuilder b = S3AsyncClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(credentials)
                    .forcePathStyle(true)
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(connections));
            if (cheap) {
                b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
            s3 = b.build();
        }
    }

    @Override
    public String integrity() {
        return cheap
                ? "UNSIGNED-PAYLOAD over http, no checksum: nothing vouches for the body but TCP; GET not verified"
                : "UNSIGNED-PAYLOAD over http, aws-chunked with a CRC32 trailer (end-to-end CRC32, body not signed);"
                        + " GET verified when the server sends a checksum";
    }

    private static <T, R> void on(CompletableFuture<T> future, java.util.function.Function<T, R> map, Done<R> done) {
        future.whenComplete((v, e) -> {
            if (e != null) {
                done.done(null, e);
            } else {
                R r;
                try {
                    r = map.apply(v);
                } catch (RuntimeException ex) {
                    done.done(null, ex);
                    return;
                }
                done.done(r, null);
            }
        });
    }

    @Override
    public void createBucket(String bucket, Done<Void> done) {
        on(s3.createBucket(b -> b.bucket(bucket)), r -> null, done);
    }

    @Override
    public void put(String bucket, String key, byte[] data, Done<Void> done) {
        on(s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytesUnsafe(data)), r -> null, done);
    }

    @Override
    public void createUpload(String bucket, String key, Done<String> done) {
        on(s3.createMultipartUpload(b -> b.bucket(bucket).key(key)), r -> r.uploadId(), done);
    }

    @Override
    public void uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] data, Done<Object> done) {
        on(s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength((long) data.length),
                AsyncRequestBody.fromBytesUnsafe(data)), r -> CompletedPart.builder().partNumber(partNumber).eTag(r.eTag())
                .checksumCRC32(r.checksumCRC32()).checksumCRC32C(r.checksumCRC32C()).checksumCRC64NVME(r.checksumCRC64NVME())
                .build(), done);
    }

    @Override
    public void complete(String bucket, String key, String uploadId, List<Object> parts, Done<Void> done) {
        List<CompletedPart> completed = new ArrayList<>(parts.size());
        for (Object p : parts) {
            completed.add((CompletedPart) p);
        }
        on(s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build())), r -> null, done);
    }

    @Override
    public void get(String bucket, String key, Done<Integer> done) {
        on(s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()), r -> r.asByteArrayUnsafe().length, done);
    }

    @Override
    public void close() {
        s3.close();
    }

}
