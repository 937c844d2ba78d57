package dev.ferry.bench.compare;

import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.UploadPartArgs;
import io.minio.messages.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * MinIO's Java client (MinioAsyncClient, on OkHttp), with its default OkHttp client but the
 * dispatcher's and the pool's caps raised to the workload's concurrency (OkHttp allows 5 requests
 * per host and keeps 5 idle connections by default).
 */
final class MinioClient implements BenchClient {
    private final MinioAsyncClient minio;
    private final OkHttpClient http;

    MinioClient(URI endpoint, String accessKey, String secretKey, int connections) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(64, connections));
        dispatcher.setMaxRequestsPerHost(connections);
        http = Http.newDefaultClient().newBuilder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(connections, 5, TimeUnit.MINUTES))
                .build();
        minio = MinioAsyncClient.builder()
                .endpoint(endpoint.toString())
                .region("us-east-1")
                .credentials(accessKey, secretKey)
                .httpClient(http, true)
                .build();
    }

    @Override
    public String integrity() {
        return "x-amz-content-sha256 = SHA-256 of the body, signed (MinIO over http); GET not verified";
    }

    private static <T, R> void on(CompletableFuture<T> future, java.util.function.Function<T, R> map, BenchClient.Done<R> done) {
        future.whenComplete((v, e) -> {
            if (e != null) {
                done.done(null, e);
                return;
            }
            R r;
            try {
                r = map.apply(v);
            } catch (RuntimeException ex) {
                done.done(null, ex);
                return;
            }
            done.done(r, null);
        });
    }

    private static <T> CompletableFuture<T> call(Callable<CompletableFuture<T>> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private interface Callable<T> {
        T call() throws Exception;
    }

    @Override
    public void createBucket(String bucket, Done<Void> done) {
        on(call(() -> minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build())), r -> null, done);
    }

    @Override
    public void put(String bucket, String key, byte[] data, Done<Void> done) {
        on(call(() -> minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key).data(data, data.length).build())), r -> null, done);
    }

    @Override
    public void createUpload(String bucket, String key, Done<String> done) {
        on(call(() -> minio.createMultipartUpload(CreateMultipartUploadArgs.builder().bucket(bucket).object(key).build())),
                r -> r.result().uploadId(), done);
    }

    @Override
    public void uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] data, Done<Object> done) {
        on(call(() -> minio.uploadPart(UploadPartArgs.builder().bucket(bucket).object(key).uploadId(uploadId).partNumber(partNumber)
                .data(data, data.length).build())), r -> (Object) r.part(), done);
    }

    @Override
    public void complete(String bucket, String key, String uploadId, List<Object> parts, Done<Void> done) {
        Part[] array = parts.stream().map(p -> (Part) p).toArray(Part[]::new);
        on(call(() -> minio.completeMultipartUpload(CompleteMultipartUploadArgs.builder().bucket(bucket).object(key).uploadId(uploadId)
                .parts(array).build())), r -> null, done);
    }

    @Override
    public void get(String bucket, String key, Done<Integer> done) {
        on(call(() -> minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())), response -> {
            try (InputStream in = response) {
                return in.readAllBytes().length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, done);
    }

    @Override
    public void close() {
        try {
            minio.close();
        } catch (Exception ignored) {
            // closing at the end of a run: nothing to save
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
