package dev.ferry.s3.transfer;

import dev.ferry.s3.S3Client;
import dev.ferry.s3.transfer.internal.DefaultS3Transfers;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Uploads and downloads of objects of any size, in bounded memory, on an {@link S3Client}.
 *
 * <pre>{@code
 * S3Transfers transfers = S3Transfers.create(s3);
 * UploadResult up = transfers.upload(UploadRequest.of("backups", "db.tar"), Path.of("db.tar")).block();
 * DownloadResult down = transfers.download(DownloadRequest.of("backups", "db.tar"), Path.of("restored.tar")).block();
 * }</pre>
 *
 * <p><b>Uploads.</b> An object smaller than {@link TransferConfig#multipartThreshold()} goes in one
 * PutObject. A larger one goes in a multipart upload: parts of {@link TransferConfig#partSize()},
 * {@link TransferConfig#partsInFlight()} at a time, each retried on its own by the client's retry
 * policy (a part held in memory or read from a file can be sent again). When an upload fails or is
 * cancelled after its multipart upload was created, the multipart upload is aborted, so that no
 * parts are left behind to be paid for; the caller sees the original error, with the abort's own
 * failure attached as suppressed if it failed too. A cancelled upload is aborted in the background.
 *
 * <p><b>Downloads.</b> HeadObject, then ranged GETs of {@link TransferConfig#partSize()},
 * {@link TransferConfig#partsInFlight()} at a time, each conditional on the ETag the HEAD saw
 * ({@code If-Match}), so an object replaced meanwhile fails the download with
 * {@code PreconditionFailed} instead of producing a file made of two objects. Ranges are written at
 * their offsets into {@code <file>.ferry-part} beside the target, which is renamed into place once
 * complete. A range that stalls past the engine's read timeout, or whose body is cut short, is
 * retried. A resumable download that fails or is cancelled keeps {@code <file>.ferry-part} and
 * {@code <file>.ferry-part.state} (the ETag and the ranges already written, each with its CRC32C);
 * downloading the same object to the same file again checks those ranges and fetches only the rest.
 *
 * <p>Every method returns a cold {@code Mono}: nothing happens until it is subscribed, and
 * cancelling the subscription cancels the transfer. The same operations are offered as futures
 * ({@link #futures()}), as Begin/End calls ({@link #callbacks()}) and blocking ({@link #blocking()}).
 * An instance is immutable and thread-safe; it does not own the client and has nothing to close.
 */
public interface S3Transfers {

    /** Transfers on {@code s3} with the {@linkplain TransferConfig#defaults() default settings}. */
    static S3Transfers create(S3Client s3) {
        return create(s3, TransferConfig.defaults());
    }

    static S3Transfers create(S3Client s3, TransferConfig config) {
        return DefaultS3Transfers.create(s3, config);
    }

    TransferConfig config();

    /**
     * Uploads what the publisher produces, its length unknown until it completes. The first part is
     * buffered; if the publisher completes within it (and below the threshold) the object goes in
     * one PutObject, otherwise in parts as they fill. The publisher is asked for more only when a
     * part buffer is free, so at most {@link TransferConfig#maxBufferedBytes()} are held. Each
     * buffer is copied before the next is requested: a publisher may reuse its buffers. A stream
     * larger than {@link TransferConfig#maxStreamSize()} fails and its upload is aborted.
     */
    Mono<UploadResult> upload(UploadRequest request, Publisher<ByteBuffer> content);

    /**
     * Uploads a file, in parts read straight from the file (nothing is buffered whole), the part
     * size raised if needed so that there are at most 10,000 parts. The file must not change while
     * it is being sent.
     */
    Mono<UploadResult> upload(UploadRequest request, Path file);

    /**
     * Uploads what the stream holds, read to its end on a thread that may block (Reactor's bounded
     * elastic scheduler), as for a publisher of unknown length. The stream is not closed.
     */
    Mono<UploadResult> upload(UploadRequest request, InputStream content);

    /**
     * Downloads the object to {@code file}, replacing it if it exists; missing parent directories
     * are created. See the class description for ranges, ETag checks and resuming.
     */
    Mono<DownloadResult> download(DownloadRequest request, Path file);

    /** The same transfers returning {@code CompletableFuture}s; cancelling one cancels the transfer. */
    S3FutureTransfers futures();

    /** The same transfers as Begin/End pairs with a callback and a state object. */
    S3CallbackTransfers callbacks();

    /** The same transfers, blocking the calling thread (never an event loop). */
    S3BlockingTransfers blocking();
}
