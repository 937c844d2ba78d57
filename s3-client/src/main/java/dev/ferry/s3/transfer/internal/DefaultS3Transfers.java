package dev.ferry.s3.transfer.internal;

import dev.ferry.core.call.CallViews;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.internal.DefaultS3Client;
import dev.ferry.s3.transfer.DownloadRequest;
import dev.ferry.s3.transfer.DownloadResult;
import dev.ferry.s3.transfer.S3BlockingTransfers;
import dev.ferry.s3.transfer.S3CallbackTransfers;
import dev.ferry.s3.transfer.S3FutureTransfers;
import dev.ferry.s3.transfer.S3Transfers;
import dev.ferry.s3.transfer.TransferConfig;
import dev.ferry.s3.transfer.UploadRequest;
import dev.ferry.s3.transfer.UploadResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@link S3Transfers} over any {@link S3Client}; the views are {@link CallViews} adapters of this class. */
public final class DefaultS3Transfers implements S3Transfers {
    /** Part buffers are arrays: a stream's parts cannot be larger than the largest array. */
    private static final long MAX_BUFFERED_PART = Integer.MAX_VALUE - 8;

    private final S3Client s3;
    private final TransferConfig config;
    private final Executor callbackExecutor;
    private final S3FutureTransfers futures;
    private final S3CallbackTransfers callbacks;
    private final S3BlockingTransfers blocking;

    private DefaultS3Transfers(S3Client s3, TransferConfig config) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.config = Objects.requireNonNull(config, "config");
        // Progress listeners and the views run where the client runs its callbacks.
        this.callbackExecutor = s3 instanceof DefaultS3Client client ? client.config().callbackExecutor() : CallViews.defaultExecutor();
        this.futures = CallViews.futures(S3FutureTransfers.class, S3Transfers.class, this, callbackExecutor);
        this.callbacks = CallViews.callbacks(S3CallbackTransfers.class, S3Transfers.class, this, callbackExecutor);
        this.blocking = CallViews.blocking(S3BlockingTransfers.class, S3Transfers.class, this);
    }

    public static S3Transfers create(S3Client s3, TransferConfig config) {
        return new DefaultS3Transfers(s3, config);
    }

    @Override
    public TransferConfig config() {
        return config;
    }

    @Override
    public Mono<UploadResult> upload(UploadRequest request, Publisher<ByteBuffer> content) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(content, "content");
        return Mono.defer(() -> uploadStream(request, content));
    }

    @Override
    public Mono<UploadResult> upload(UploadRequest request, InputStream content) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(content, "content");
        return Mono.defer(() -> uploadStream(request, InputStreamSource.of(content)));
    }

    private Mono<UploadResult> uploadStream(UploadRequest request, Publisher<ByteBuffer> content) {
        if (config.partSize() > MAX_BUFFERED_PART) {
            return Mono.error(new IllegalArgumentException("a stream is uploaded through part buffers in memory, which"
                    + " cannot exceed 2 GiB; lower TransferConfig.partSize (it is " + config.partSize() + ")"));
        }
        UploadOperation upload = new UploadOperation(s3, config, request, progress(request.progress()));
        return upload.uploadStream(PartSplitter.split(content, (int) config.partSize(), config.partsInFlight() + 1,
                TransferConfig.MAX_PARTS));
    }

    @Override
    public Mono<UploadResult> upload(UploadRequest request, Path file) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(file, "file");
        return Mono.fromCallable(() -> sizeOf(file))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(size -> {
                    ProgressReporter progress = progress(request.progress());
                    UploadOperation upload = new UploadOperation(s3, config, request, progress);
                    if (size < config.multipartThreshold()) {
                        progress.totals(size, 1);
                        return upload.putObject(new UploadPart.FileRegion(file, 1, 0, size, true));
                    }
                    PartPlan plan = PartPlan.forSize(size, config);
                    progress.totals(size, plan.partCount());
                    int last = plan.partCount();
                    return upload.multipart(Flux.range(1, last)
                            .map(n -> new UploadPart.FileRegion(file, n, plan.offset(n), plan.length(n), n == last)));
                });
    }

    private static long sizeOf(Path file) throws IOException {
        if (Files.notExists(file)) {
            throw new IllegalArgumentException("cannot upload " + file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot upload " + file + ": it is not a regular file");
        }
        return Files.size(file);
    }

    @Override
    public Mono<DownloadResult> download(DownloadRequest request, Path file) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(file, "file");
        return Mono.defer(() -> new DownloadOperation(s3, config, request, file, progress(request.progress())).run());
    }

    private ProgressReporter progress(@Nullable Consumer<dev.ferry.s3.transfer.TransferProgress> listener) {
        return new ProgressReporter(listener, callbackExecutor, config.progressInterval());
    }

    @Override
    public S3FutureTransfers futures() {
        return futures;
    }

    @Override
    public S3CallbackTransfers callbacks() {
        return callbacks;
    }

    @Override
    public S3BlockingTransfers blocking() {
        return blocking;
    }

    @Override
    public String toString() {
        return "S3Transfers[" + config + " on " + s3 + "]";
    }
}
