package dev.ferry.s3.transfer;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * {@link S3Transfers} as {@code CompletableFuture}s. Futures complete on the client's callback
 * executor, never on an event loop; {@code cancel(true)} cancels the transfer (and aborts a
 * multipart upload). Each method behaves as the reactive method of the same name.
 */
public interface S3FutureTransfers {
    CompletableFuture<UploadResult> upload(UploadRequest request, Publisher<ByteBuffer> content);

    CompletableFuture<UploadResult> upload(UploadRequest request, Path file);

    CompletableFuture<UploadResult> upload(UploadRequest request, InputStream content);

    CompletableFuture<DownloadResult> download(DownloadRequest request, Path file);
}
