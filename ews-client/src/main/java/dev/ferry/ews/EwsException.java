package dev.ferry.ews;

import dev.ferry.core.ServiceException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Exchange answered with an error: a SOAP fault for the whole request (HTTP 500, such as
 * {@code ErrorSchemaValidation} or {@code ErrorServerBusy}), an error response message for one item
 * of a batch (HTTP 200), or an HTTP status without an EWS answer (401, 403, 503).
 *
 * <p>{@link #errorCode()} is the EWS response code ({@code ErrorItemNotFound}); {@link #messageXml()}
 * holds the details some errors carry, by name: {@code BackOffMilliseconds} for throttling,
 * {@code LineNumber} and {@code Violation} for a schema error.
 */
public final class EwsException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** The codes Ferry acts on itself. */
    public static final String ERROR_SERVER_BUSY = "ErrorServerBusy";
    public static final String ERROR_EXCEEDED_CONNECTION_COUNT = "ErrorExceededConnectionCount";
    public static final String ERROR_IRRESOLVABLE_CONFLICT = "ErrorIrresolvableConflict";
    public static final String ERROR_ITEM_NOT_FOUND = "ErrorItemNotFound";
    public static final String ERROR_SCHEMA_VALIDATION = "ErrorSchemaValidation";
    /** Not an EWS code: Ferry's own, for a request the server refused to authenticate (HTTP 401). */
    public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";
    /** Not an EWS code: Ferry's own, for HTTP 403. */
    public static final String ACCESS_DENIED = "AccessDenied";

    private final @Nullable String messageText;
    private final Map<String, String> messageXml;
    private final int itemIndex;

    /**
     * @param message the full message: what failed, on which resource, and what to do
     * @param statusCode HTTP status (200 for an error inside a successful batch)
     * @param responseCode the EWS response code, or Ferry's own code for HTTP-level failures
     * @param messageText the server's own MessageText or faultstring, as sent
     * @param messageXml the MessageXml details by name (empty when there were none)
     * @param itemIndex position of the failed item in a batch, or -1 when the error is for the whole request
     */
    public EwsException(String message, int statusCode, @Nullable String responseCode, @Nullable String messageText,
                        Map<String, String> messageXml, int itemIndex, @Nullable String requestId, boolean retryable,
                        boolean throttling, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, statusCode, responseCode, requestId, retryable, throttling, retryAfter, cause);
        this.messageText = messageText;
        this.messageXml = Map.copyOf(Objects.requireNonNull(messageXml, "messageXml"));
        this.itemIndex = itemIndex;
    }

    /** The EWS response code ({@code ErrorServerBusy}); same as {@link #errorCode()}. */
    public @Nullable String responseCode() {
        return errorCode();
    }

    /** The server's own text (MessageText of a response message, or faultstring of a fault). */
    public @Nullable String messageText() {
        return messageText;
    }

    /** MessageXml details: {@code Value} elements by their {@code Name}, other elements by local name. */
    public Map<String, String> messageXml() {
        return messageXml;
    }

    /** Position of the failed item in its batch, or -1 when the whole request failed. */
    public int itemIndex() {
        return itemIndex;
    }

    /** Whether Exchange (or whatever stands in front of it) refused the credentials. */
    public boolean isAuthenticationFailure() {
        return AUTHENTICATION_FAILED.equals(errorCode());
    }
}
