package dev.ferry.oss;

import dev.ferry.core.ServiceException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OSS answered with an error. Carries the fields of OSS's {@code <Error>} document (from the body, or
 * from the base64 {@code x-oss-err} header when the body is empty, as it is for HEAD): code, message,
 * request id, host id and EC, the detailed error code OSS's troubleshooting pages are indexed by.
 * {@link #getMessage()} says what failed on which resource and what to do about it.
 */
public final class OssException extends ServiceException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String serviceMessage;
    private final @Nullable String hostId;
    private final @Nullable String ec;
    private final String resource;
    private final Map<String, String> details;

    public OssException(String message, int statusCode, @Nullable String errorCode, @Nullable String serviceMessage,
                        @Nullable String requestId, @Nullable String hostId, @Nullable String ec, String resource,
                        Map<String, String> details, boolean retryable, boolean throttling, @Nullable Duration retryAfter) {
        super(message, statusCode, errorCode, requestId, retryable, throttling, retryAfter, null);
        this.serviceMessage = serviceMessage;
        this.hostId = hostId;
        this.ec = ec;
        this.resource = resource;
        this.details = Map.copyOf(details);
    }

    /** {@code <Message>} as OSS wrote it. */
    public @Nullable String serviceMessage() {
        return serviceMessage;
    }

    /** {@code <HostId>}: the endpoint that answered. */
    public @Nullable String hostId() {
        return hostId;
    }

    /** {@code <EC>} (or the {@code x-oss-ec} header), such as {@code 0002-00000040}. */
    public @Nullable String ec() {
        return ec;
    }

    /** What the request was about: {@code oss://bucket/key}, a bucket, or the service. */
    public String resource() {
        return resource;
    }

    /**
     * Every other element of the error document, by name: {@code StringToSign},
     * {@code SignatureProvided}, {@code CanonicalRequest}, {@code ServerTime}, {@code BucketName}, ...
     */
    public Map<String, String> details() {
        return details;
    }
}
