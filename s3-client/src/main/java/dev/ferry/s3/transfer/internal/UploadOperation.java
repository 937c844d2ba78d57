package dev.ferry.s3.transfer.internal;

import dev.ferry.core.ServiceException;
import dev.ferry.core.TransportException;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.model.AbortMultipartUploadRequest;
import dev.ferry.s3.model.CompleteMultipartUploadRequest;
import dev.ferry.s3.model.CompletedPart;
import dev.ferry.s3.model.CreateMultipartUploadRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.UploadPartRequest;
import dev.ferry.s3.model.UploadPartResponse;
import dev.ferry.s3.transfer.TransferConfig;
import dev.ferry.s3.transfer.UploadRequest;
import dev.ferry.s3.transfer.UploadResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * One upload: either a single PutObject or a multipart upload whose parts go
 * {@code partsInFlight} at a time, and which is aborted if anything fails or the caller cancels.
 *
 * <p>Two things must not be cut short by the caller's cancellation, or parts would be left behind
 * unseen: CreateMultipartUpload (once sent, the server may have created the upload even if the
 * answer never arrives) and AbortMultipartUpload. Both run detached from the caller's subscription;
 * a create that answers after a cancel is aborted at once.
 */
final class UploadOperation {
    private static final Logger log = LoggerFactory.getLogger(UploadOperation.class);
    /** Attempts of the abort on top of the client's own retries: a forgotten upload costs money every day. */
    private static final int ABORT_ATTEMPTS = 3;

    private final S3Client s3;
    private final TransferConfig config;
    private final UploadRequest request;
    private final ProgressReporter progress;

    // The multipart upload, once created.
    private final AtomicBoolean createSent = new AtomicBoolean();
    private final Sinks.One<String> created = Sinks.one();
    private volatile @Nullable String uploadId;
    /** Set when the upload will not complete (failure or cancel): a create that answers later is aborted. */
    private volatile boolean abandoned;
    private final AtomicBoolean abortSent = new AtomicBoolean();
    private final Sinks.One<Boolean> aborted = Sinks.one();
    private final AtomicLong bytesStored = new AtomicLong();

    UploadOperation(S3Client s3, TransferConfig config, UploadRequest request, ProgressReporter progress) {
        this.s3 = s3;
        this.config = config;
        this.request = request;
        this.progress = progress;
    }

    /**
     * Uploads parts whose number is not known up front: one PUT when the first part is the last and
     * below the threshold, a multipart upload otherwise.
     */
    Mono<UploadResult> uploadStream(Flux<UploadPart> parts) {
        return parts.switchOnFirst((first, all) -> {
            UploadPart part = first.get();
            if (part != null && part.isLast() && part.length() < config.multipartThreshold()) {
                progress.totals(part.length(), 1);
                return putObject(part).flux();
            }
            if (part == null) {
                return all.cast(UploadResult.class);   // the source failed before filling a part
            }
            return multipart(all).flux();
        }).single();
    }

    /** Uploads one part's bytes as the whole object. */
    Mono<UploadResult> putObject(UploadPart part) {
        return prepare(part).flatMap(body -> s3.putObject(new PutObjectRequest(request.bucket(), request.key(),
                        request.options(), null, null), body))
                .map(r -> {
                    part.stored();
                    progress.partDone(part.length());
                    return new UploadResult(request.bucket(), request.key(), r.eTag(), r.versionId(), part.length(), 1, null);
                })
                .flatMap(result -> progress.finish().thenReturn(result));
    }

    /** Uploads the parts as one multipart upload, aborting it on failure or cancellation. */
    Mono<UploadResult> multipart(Flux<UploadPart> parts) {
        return Mono.defer(this::createUpload)
                .flatMap(id -> parts
                        .flatMap(part -> uploadPart(id, part), config.partsInFlight(), 1)
                        .collectList()
                        .flatMap(stored -> complete(id, stored)))
                .onErrorResume(this::abortAndFail)
                .doOnCancel(this::abandon)
                .flatMap(result -> progress.finish().thenReturn(result));
    }

    private Mono<String> createUpload() {
        if (createSent.compareAndSet(false, true)) {
            s3.createMultipartUpload(new CreateMultipartUploadRequest(request.bucket(), request.key(), request.options(), null))
                    .subscribe(response -> {
                        uploadId = response.uploadId();
                        created.tryEmitValue(response.uploadId());
                        if (abandoned) {
                            abort().subscribe(null, e -> { });   // a failed abort is logged where it fails
                        }
                    }, created::tryEmitError);
        }
        return created.asMono();
    }

    private Mono<UploadPartResponse> uploadPart(String id, UploadPart part) {
        return prepare(part)
                .flatMap(body -> s3.uploadPart(UploadPartRequest.of(request.bucket(), request.key(), id, part.number()), body))
                .doOnNext(response -> {
                    if (part.isLast()) {
                        progress.totals(part.offset() + part.length(), part.number());
                    }
                    bytesStored.addAndGet(part.length());
                    part.stored();
                    progress.partDone(part.length());
                });
    }

    /**
     * The part's body, made on a thread that may block and is not an event loop: a file part's body
     * checks the file, and the client digests a body in memory (SHA-256, and MD5 or a checksum when
     * configured) on the thread that subscribes to the request, 8 MiB at a time: too much for an
     * event loop.
     */
    private static Mono<RequestBody> prepare(UploadPart part) {
        return Mono.fromSupplier(part::body).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<UploadResult> complete(String id, List<UploadPartResponse> stored) {
        List<CompletedPart> parts = stored.stream().map(UploadPartResponse::toCompletedPart).toList();
        return s3.completeMultipartUpload(new CompleteMultipartUploadRequest(request.bucket(), request.key(), id, parts))
                .map(r -> new UploadResult(request.bucket(), request.key(), r.eTag(), r.versionId(), bytesStored.get(),
                        parts.size(), id));
    }

    /** Aborts what was created and fails with the original error, the abort's failure suppressed in it. */
    private Mono<UploadResult> abortAndFail(Throwable error) {
        abandoned = true;
        if (uploadId == null) {
            // Nothing created, or the create itself failed (or is still out: it aborts when it answers).
            return Mono.error(error);
        }
        return abort().flatMap(done -> Mono.<UploadResult>error(error))
                .onErrorResume(abortError -> {
                    if (abortError != error) {
                        error.addSuppressed(abortError);
                    }
                    return Mono.error(error);
                });
    }

    private void abandon() {
        abandoned = true;
        if (uploadId != null) {
            abort().subscribe(null, e -> { });   // a failed abort is logged where it fails
        }
    }

    /** Aborts the upload once, detached from any caller; every caller gets the same outcome. */
    private Mono<Boolean> abort() {
        String id = uploadId;
        if (id != null && abortSent.compareAndSet(false, true)) {
            s3.abortMultipartUpload(new AbortMultipartUploadRequest(request.bucket(), request.key(), id))
                    .retryWhen(Retry.backoff(ABORT_ATTEMPTS - 1, Duration.ofMillis(200)).filter(UploadOperation::mayPass)
                            .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                    .onErrorResume(S3Exception.class, e -> "NoSuchUpload".equals(e.errorCode()) ? Mono.empty() : Mono.error(e))
                    .subscribe(null, e -> {
                        log.warn("aborting multipart upload {} of s3://{}/{} failed; its parts stay stored (and billed) until"
                                + " it is aborted: {}", id, request.bucket(), request.key(), e.toString());
                        aborted.tryEmitError(e);
                    }, () -> aborted.tryEmitValue(true));
        }
        return aborted.asMono();
    }

    private static boolean mayPass(Throwable e) {
        return (e instanceof ServiceException s && s.isRetryable()) || (e instanceof TransportException t && t.isTransient());
    }
}
