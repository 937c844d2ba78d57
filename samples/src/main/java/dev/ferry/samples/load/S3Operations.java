package dev.ferry.samples.load;

import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.BucketRequest;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CompletedPart;
import dev.ferry.s3.model.CreateBucketRequest;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.DeleteObjectRequest;
import dev.ferry.s3.model.DeleteObjectsRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.HeadObjectRequest;
import dev.ferry.s3.model.ListMultipartUploadsRequest;
import dev.ferry.s3.model.ListObjectsRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import dev.ferry.samples.load.ObjectPool.Entry;
import dev.ferry.samples.load.RunResult.Cleanup;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations of a run, on Ferry's public S3 API: each one a {@link Mono} that emits how many
 * bytes it moved. Object {@code n} is stored under {@code prefix + n}, with the size and content
 * the seed gives it ({@link SizeDistribution}, {@link ObjectData}).
 */
final class S3Operations implements LoadDriver.Operations {
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final long seed;
    private final SizeDistribution sizes;
    private final ObjectData data;
    private final ObjectPool pool;
    private final double verifyFraction;
    private final long partSize;
    private final int partConcurrency;
    /** Object numbers below this were made by the preparation; operation {@code i} writes object {@code firstIndex + i}. */
    private volatile long firstIndex;

    S3Operations(S3Client s3, String bucket, String prefix, long seed, SizeDistribution sizes, ObjectData data,
                 ObjectPool pool, double verifyFraction, long partSize, int partConcurrency) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.seed = seed;
        this.sizes = sizes;
        this.data = data;
        this.pool = pool;
        this.verifyFraction = verifyFraction;
        this.partSize = partSize;
        this.partConcurrency = partConcurrency;
    }

    String key(long index) {
        return prefix + index;
    }

    String bucket() {
        return bucket;
    }

    /** Whether {@code --verify} rechecks object {@code index} (a seeded draw, so the same objects for the same seed). */
    boolean sampled(long index) {
        return verifyFraction > 0 && Seeds.unit(seed, Seeds.SAMPLE, index) < verifyFraction;
    }

    @Override
    public Mono<Long> run(OpType type, long operation) {
        return switch (type) {
            case PUT -> put(firstIndex + operation);
            case MULTIPART -> multipart(firstIndex + operation);
            case GET -> get();
            case HEAD -> head();
            case DELETE -> delete();
            case LIST -> list();
            case VERIFY -> Mono.error(new IllegalArgumentException("verify is not an operation of the load"));
        };
    }

    /** Creates the bucket unless it exists; true when this run created it. */
    Mono<Boolean> ensureBucket() {
        return s3.headBucket(BucketRequest.of(bucket)).thenReturn(false)
                .onErrorResume(e -> e instanceof S3Exception s && s.statusCode() == 404,
                        e -> s3.createBucket(CreateBucketRequest.of(bucket)).thenReturn(true));
    }

    /**
     * Writes objects {@code 0 .. count-1} for the gets, heads, deletes and lists to work on, and
     * numbers the load's own objects after them. Fails with the first error.
     */
    Mono<Long> prepare(int count, int concurrency) {
        firstIndex = count;
        return Flux.range(0, count).flatMap(i -> put(i), concurrency).reduce(0L, Long::sum);
    }

    Mono<Long> put(long index) {
        return Mono.defer(() -> {
            long size = sizes.sizeFor(seed, index);
            return s3.putObject(PutObjectRequest.of(bucket, key(index)), data.body(index, 0, size))
                    .doOnSuccess(r -> pool.add(index, size))
                    .doOnError(e -> pool.addUncertain(index))
                    .thenReturn(size);
        });
    }

    /** Create, the parts ({@code partConcurrency} in flight), complete; an upload that fails is aborted. */
    Mono<Long> multipart(long index) {
        return Mono.defer(() -> {
            long size = sizes.sizeFor(seed, index);
            String key = key(index);
            int parts = (int) Math.max(1, (size + partSize - 1) / partSize);
            return s3.createMultipartUpload(CreateMultipartUploadRequest.of(bucket, key)).flatMap(created -> {
                String uploadId = created.uploadId();
                return Flux.range(1, parts)
                        .flatMap(n -> {
                            long from = (n - 1) * partSize;
                            long length = Math.min(partSize, size - from);
                            return s3.uploadPart(UploadPartRequest.of(bucket, key, uploadId, n), data.body(index, from, length))
                                    .map(UploadPartResponse::toCompletedPart);
                        }, partConcurrency)
                        .collectList()
                        .flatMap((List<CompletedPart> done) -> s3.completeMultipartUpload(
                                new CompleteMultipartUploadRequest(bucket, key, uploadId, done)))
                        .onErrorResume(error -> s3.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, key, uploadId))
                                .onErrorComplete()
                                .then(Mono.error(error)));
            })
                    .doOnSuccess(r -> pool.add(index, size))
                    .doOnError(e -> pool.addUncertain(index))
                    .thenReturn(size);
        });
    }

    Mono<Long> get() {
        return Mono.defer(() -> {
            Entry entry = pool.borrow();
            if (entry == null) {
                return Mono.error(new LoadException.NoObject("get: no object of this run is left to read"
                        + " (raise --objects, or give the mix more puts than deletes)"));
            }
            return read(entry, sampled(entry.index())).doFinally(signal -> pool.release(entry));
        });
    }

    Mono<Long> head() {
        return Mono.defer(() -> {
            Entry entry = pool.borrow();
            if (entry == null) {
                return Mono.error(new LoadException.NoObject("head: no object of this run is left"
                        + " (raise --objects, or give the mix more puts than deletes)"));
            }
            return s3.headObject(HeadObjectRequest.of(bucket, key(entry.index())))
                    .map(meta -> {
                        if (sampled(entry.index()) && meta.contentLength() != entry.size()) {
                            throw new LoadException.DataMismatch("HeadObject s3://" + bucket + "/" + key(entry.index())
                                    + " says " + meta.contentLength() + " bytes; the run wrote " + entry.size());
                        }
                        return 0L;
                    })
                    .doFinally(signal -> pool.release(entry));
        });
    }

    Mono<Long> delete() {
        return Mono.defer(() -> {
            Entry entry = pool.take();
            if (entry == null) {
                return Mono.error(new LoadException.NoObject("delete: no object of this run is left to delete"
                        + " (raise --objects, or give the mix more puts)"));
            }
            return s3.deleteObject(DeleteObjectRequest.of(bucket, key(entry.index())))
                    .doOnError(e -> pool.addUncertain(entry.index()))
                    .thenReturn(0L);
        });
    }

    /** One page (up to 1,000 keys) of this run's objects. */
    Mono<Long> list() {
        return s3.listObjectsPages(ListObjectsRequest.builder(bucket).prefix(prefix).pageSize(1000).build())
                .next()
                .thenReturn(0L);
    }

    /**
     * Reads an object back; with {@code check}, compares every byte with what the run wrote as it
     * arrives (nothing is buffered) and fails with {@link LoadException.DataMismatch} at the first
     * difference or a wrong length.
     */
    Mono<Long> read(Entry entry, boolean check) {
        String key = key(entry.index());
        return s3.getObject(GetObjectRequest.of(bucket, key), (head, body) -> {
            long[] position = {0};
            return body.asFlux()
                    .<Void>handle((ByteBuffer buffer, reactor.core.publisher.SynchronousSink<Void> sink) -> {
                        if (check) {
                            if (position[0] + buffer.remaining() > entry.size()) {
                                sink.error(new LoadException.DataMismatch("GetObject s3://" + bucket + "/" + key
                                        + " returned more than the " + entry.size() + " bytes the run wrote"));
                                return;
                            }
                            long differs = data.mismatch(entry.index(), position[0], buffer);
                            if (differs >= 0) {
                                sink.error(new LoadException.DataMismatch("GetObject s3://" + bucket + "/" + key
                                        + ": byte " + differs + " of " + entry.size() + " differs from what the run wrote"));
                                return;
                            }
                        }
                        position[0] += buffer.remaining();
                    })
                    .then(Mono.fromCallable(() -> {
                        if (check && position[0] != entry.size()) {
                            throw new LoadException.DataMismatch("GetObject s3://" + bucket + "/" + key + " returned "
                                    + position[0] + " bytes; the run wrote " + entry.size());
                        }
                        return position[0];
                    }));
        });
    }

    /**
     * Deletes every object the run created (DeleteObjects, 1,000 keys a request), aborts uploads it
     * left behind under its prefix, and removes the bucket if the run created it.
     */
    Mono<Cleanup> cleanup(boolean deleteBucket) {
        long[] indices = Arrays.stream(pool.everything()).distinct().sorted().toArray();
        AtomicLong deleted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong aborted = new AtomicLong();
        AtomicReference<@Nullable String> firstError = new AtomicReference<>();
        Mono<Void> objects = Flux.range(0, (indices.length + DELETE_BATCH - 1) / DELETE_BATCH)
                .flatMap(batch -> {
                    int from = batch * DELETE_BATCH;
                    List<String> keys = Arrays.stream(indices, from, Math.min(indices.length, from + DELETE_BATCH))
                            .mapToObj(this::key).toList();
                    return s3.deleteObjects(DeleteObjectsRequest.ofKeys(bucket, keys))
                            .doOnNext(r -> {
                                deleted.addAndGet(r.deleted().size());
                                failed.addAndGet(r.errors().size());
                                if (!r.errors().isEmpty()) {
                                    firstError.compareAndSet(null, r.errors().get(0).key() + ": " + r.errors().get(0).code());
                                }
                            })
                            .onErrorResume(e -> {
                                failed.addAndGet(keys.size());
                                firstError.compareAndSet(null, ErrorKinds.message(e));
                                return Mono.empty();
                            });
                }, 4)
                .then();
        Mono<Void> uploads = s3.listMultipartUploads(ListMultipartUploadsRequest.of(bucket, prefix))
                .flatMap(u -> s3.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, u.key(), u.uploadId()))
                        .doOnSuccess(v -> aborted.incrementAndGet()), 4)
                .onErrorResume(e -> {
                    firstError.compareAndSet(null, ErrorKinds.message(e));
                    return Mono.empty();
                })
                .then();
        Mono<Boolean> bucketGone = !deleteBucket ? Mono.just(false)
                : s3.deleteBucket(BucketRequest.of(bucket)).thenReturn(true).onErrorResume(e -> {
                    firstError.compareAndSet(null, "DeleteBucket " + bucket + ": " + ErrorKinds.message(e));
                    return Mono.just(false);
                });
        return objects.then(uploads).then(bucketGone).map(gone -> new Cleanup(false, deleted.get(), failed.get(),
                aborted.get(), gone, firstError.get()));
    }
}
