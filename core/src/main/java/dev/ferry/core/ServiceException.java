package dev.ferry.core;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service answered, and the answer was an error. Each service has its own final subclass
 * ({@code S3Exception}, {@code EwsException}, {@code OssException}) carrying the fields of its error
 * document; this class holds what every service has in common.
 */
public class ServiceException extends FerryException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final @Nullable String errorCode;
    private final @Nullable String requestId;
    private final boolean retryable;
    private final boolean throttling;
    private final @Nullable Duration retryAfter;

    /**
     * @param statusCode HTTP status of the answer (0 when the error came inside a 200 body and has none of its own)
     * @param errorCode the service's error code, such as {@code NoSuchKey} or {@code ErrorServerBusy}
     * @param requestId the service's request id, for support cases
     * @param retryable whether sending the same request again may succeed
     * @param throttling whether the service asked the client to slow down (retries back off longer)
     * @param retryAfter how long the service asked the client to wait, when it said so
     */
    public ServiceException(String message, int statusCode, @Nullable String errorCode, @Nullable String requestId,
                            boolean retryable, boolean throttling, @Nullable Duration retryAfter,
                            @Nullable Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.retryable = retryable;
        this.throttling = throttling;
        this.retryAfter = retryAfter;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The service's own error code, or null when the answer carried none (a HEAD, an empty body). */
    public @Nullable String errorCode() {
        return errorCode;
    }

    public @Nullable String requestId() {
        return requestId;
    }

    public boolean isRetryable() {
        return retryable;
    }

    public boolean isThrottling() {
        return throttling;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
