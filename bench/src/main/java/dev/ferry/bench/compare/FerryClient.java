package dev.ferry.bench.compare;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.UploadIntegrity;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CompletedPart;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Ferry through its reactive API, the one it is built around. {@code default}: every setting left
 * as it is (SIGNED_PAYLOAD, downloads verified). {@code cheap}: UNSIGNED_PAYLOAD with its CRC32C
 * (allowed over plain HTTP by the explicit opt-in) and downloads not verified.
 */
final class FerryClient implements BenchClient {
    private final S3Client s3;
    private final boolean cheap;

    FerryClient(URI endpoint, String accessKey, String secretKey, int connections, boolean cheap) {
        this.cheap = cheap;
        S3Client.Builder b = S3Client.builder()
                .endpoint(endpoint)
                .region("us-east-1")
                .credentials(accessKey, secretKey)
                .engineConfig(EngineConfig.builder().name("ferry-bench").maxConnectionsPerHost(connections).build());
        if (cheap) {
            b.uploadIntegrity(UploadIntegrity.UNSIGNED_PAYLOAD).allowUnsignedPayloadOverHttp(true).verifyDownloads(false);
        }
        this.s3 = b.build();
    }

    @Override
    public String integrity() {
        return cheap
                ? "UNSIGNED-PAYLOAD, x-amz-checksum-crc32c header (end-to-end CRC32C, body not signed); GET not verified"
                : "x-amz-content-sha256 = SHA-256 of the body, signed; GET verified against x-amz-checksum-* or the MD5 ETag";
    }

    private static <T> void run(Mono<T> mono, Done<T> done) {
        mono.subscribe(v -> done.done(v, null), e -> done.done(null, e));
    }

    private static void runEmpty(Mono<?> mono, Done<Void> done) {
        mono.subscribe(null, e -> done.done(null, e), () -> done.done(null, null));
    }

    @Override
    public void createBucket(String bucket, Done<Void> done) {
        runEmpty(s3.createBucket(CreateBucketRequest.of(bucket)), done);
    }

    @Override
    public void put(String bucket, String key, byte[] data, Done<Void> done) {
        runEmpty(s3.putObject(PutObjectRequest.of(bucket, key), RequestBody.fromBytes(data)), done);
    }

    @Override
    public void createUpload(String bucket, String key, Done<String> done) {
        run(s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket, key)).map(r -> r.uploadId()), done);
    }

    @Override
    public void uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] data, Done<Object> done) {
        run(s3.uploadPart(UploadPartRequest.of(bucket, key, uploadId, partNumber), RequestBody.fromBytes(data))
                .map(r -> (Object) r), done);
    }

    @Override
    public void complete(String bucket, String key, String uploadId, List<Object> parts, Done<Void> done) {
        List<CompletedPart> completed = new ArrayList<>(parts.size());
        for (Object p : parts) {
            completed.add(((UploadPartResponse) p).toCompletedPart());
        }
        runEmpty(s3.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, key, uploadId, completed)), done);
    }

    @Override
    public void get(String bucket, String key, Done<Integer> done) {
        run(s3.getObject(GetObjectRequest.of(bucket, key), BodyReader.toBytes()).map(r -> r.bytes().length), done);
    }

    @Override
    public void close() {
        s3.close();
    }
}
