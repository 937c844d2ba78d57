package dev.ferry.s3.transfer;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.reactivestreams.Publisher;

/**
 * {@link S3Transfers}, blocking the calling thread until the transfer completes. Failures are thrown
 * as they are; interrupting the thread cancels the transfer. Refuses to run on an event loop.
 */
public interface S3BlockingTransfers {
    UploadResult upload(UploadRequest request, Publisher<ByteBuffer> content);

    UploadResult upload(UploadRequest request, Path file);

    UploadResult upload(UploadRequest request, InputStream content);

    DownloadResult download(DownloadRequest request, Path file);
}
