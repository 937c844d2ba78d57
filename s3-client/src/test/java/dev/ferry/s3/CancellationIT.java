package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Cancelling an upload part-way: the exchange stops, the connection goes back (or is closed), and
 * the one connection of a small pool serves the next request. The leak guard checks every buffer.
 */
@ExtendWith(S3ServerExtension.class)
class CancellationIT {

    @Test
    void cancellingAPartUploadMidwayReleasesTheConnection(S3TestServer server) throws Exception {
        EngineConfig oneConnection = EngineConfig.builder().name("cancel-test").maxConnectionsPerHost(1)
                .pendingAcquireTimeout(Duration.ofSeconds(10)).build();
        try (S3Client s3 = S3TestClients.clientWithOwnEngine(server, oneConnection)) {
            String bucket = S3TestClients.newBucket(s3, server, "cancel");
            String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket, "slow")).block().uploadId();
            long partSize = 8L * 1024 * 1024;
            AtomicLong produced = new AtomicLong();
            CountDownLatch halfway = new CountDownLatch(1);
            // A slow body: 64 KiB every 5 ms, so the upload is surely in flight when it is cancelled.
            Flux<ByteBuffer> slow = Flux.interval(Duration.ofMillis(5))
                    .take(partSize / 65536)
                    .map(i -> ByteBuffer.allocate(65536))
                    .doOnNext(b -> {
                        if (produced.addAndGet(b.remaining()) >= partSize / 4) {
                            halfway.countDown();
                        }
                    });
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();

            Disposable upload = s3.uploadPart(UploadPartRequest.of(bucket, "slow", uploadId, 1), RequestBody.fromPublisher(slow, partSize))
                    .subscribe(r -> outcome.complete(null), outcome::complete, () -> outcome.complete(null));
            assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();
            upload.dispose();
            long producedAtCancel = produced.get();
            Thread.sleep(100);

            assertThat(produced.get()).as("the body stops being read once cancelled").isLessThan(partSize);
            assertThat(producedAtCancel).isGreaterThanOrEqualTo(partSize / 4);
            assertThat(outcome).isNotDone();
            // The only connection is free again: this would time out in the pool otherwise.
            s3.putObject(PutObjectRequest.of(bucket, "after"), RequestBody.fromString("still works")).block(Duration.ofSeconds(20));
            assertThat(s3.getObject(GetObjectRequest.of(bucket, "after"), BodyReader.toBytes()).block(Duration.ofSeconds(20))
                    .asUtf8String()).isEqualTo("still works");
            s3.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "slow", uploadId)).block();
        }
    }

    @Test
    void cancellingAFutureCancelsTheExchange(S3TestServer server) throws Exception {
        EngineConfig oneConnection = EngineConfig.builder().name("cancel-future").maxConnectionsPerHost(1).build();
        try (S3Client s3 = S3TestClients.clientWithOwnEngine(server, oneConnection)) {
            String bucket = S3TestClients.newBucket(s3, server, "cancel-future");
            AtomicLong produced = new AtomicLong();
            Flux<ByteBuffer> endless = Flux.interval(Duration.ofMillis(5)).map(i -> ByteBuffer.allocate(65536))
                    .doOnNext(b -> produced.addAndGet(b.remaining()));

            CompletableFuture<?> future = s3.futures().putObject(PutObjectRequest.of(bucket, "never"),
                    RequestBody.fromPublisher(endless, 1L << 30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (produced.get() < 1 << 20 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(future.cancel(true)).isTrue();
            long atCancel = produced.get();
            Thread.sleep(200);

            assertThat(produced.get() - atCancel).as("nothing more is read after cancel").isLessThanOrEqualTo(2L * 65536 * 32);
            s3.putObject(PutObjectRequest.of(bucket, "after"), RequestBody.fromString("ok")).block(Duration.ofSeconds(20));
        }
    }
}
