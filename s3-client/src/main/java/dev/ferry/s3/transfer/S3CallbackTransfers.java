package dev.ferry.s3.transfer;

import dev.ferry.core.call.AsyncCallback;
import dev.ferry.core.call.AsyncResult;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * {@link S3Transfers} as Begin/End pairs. {@code beginX} starts the transfer and returns at once; the
 * callback (if any) runs once when it completes, on the client's callback executor; {@code endX}
 * returns the result or throws the transfer's exception. {@link AsyncResult#cancel()} cancels it.
 *
 * <pre>{@code
 * transfers.callbacks().beginUpload(request, path, ar -> {
 *     UploadResult r = transfers.callbacks().endUpload(ar);   // or throws
 * }, path);
 * }</pre>
 */
public interface S3CallbackTransfers {
    AsyncResult<UploadResult> beginUpload(UploadRequest request, Publisher<ByteBuffer> content,
                                          @Nullable AsyncCallback<UploadResult> callback, @Nullable Object state);

    AsyncResult<UploadResult> beginUpload(UploadRequest request, Path file, @Nullable AsyncCallback<UploadResult> callback,
                                          @Nullable Object state);

    AsyncResult<UploadResult> beginUpload(UploadRequest request, InputStream content,
                                          @Nullable AsyncCallback<UploadResult> callback, @Nullable Object state);

    UploadResult endUpload(AsyncResult<UploadResult> result);

    AsyncResult<DownloadResult> beginDownload(DownloadRequest request, Path file,
                                              @Nullable AsyncCallback<DownloadResult> callback, @Nullable Object state);

    DownloadResult endDownload(AsyncResult<DownloadResult> result);
}
