package dev.ferry.s3;

import dev.ferry.core.ServiceException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * S3 answered with an error. Carries the fields of S3's {@code <Error>} document: code, message,
 * resource, request id and host id, and the HTTP status.
 */
public final class S3Exception extends ServiceException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String serviceMessage;
    private final @Nullable String resource;
    private final @Nullable String hostId;

    public S3Exception(String message, int statusCode, @Nullable String errorCode, @Nullable String serviceMessage,
                       @Nullable String resource, @Nullable String requestId, @Nullable String hostId,
                       boolean retryable, boolean throttling, @Nullable Duration retryAfter) {
        super(message, statusCode, errorCode, requestId, retryable, throttling, retryAfter, null);
        this.serviceMessage = serviceMessage;
        this.resource = resource;
        this.hostId = hostId;
    }

    /** The {@code <Message>} of the error document, as S3 wrote it. */
    public @Nullable String serviceMessage() {
        return serviceMessage;
    }

    public @Nullable String resource() {
        return resource;
    }

    /** {@code x-amz-id-2}, which AWS support asks for alongside the request id. */
    public @Nullable String hostId() {
        return hostId;
    }
}
