package dev.ferry.oss.model;

import dev.ferry.core.http.HttpHeaders;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OSS accepted the task. The task runs after this answer; its outcome arrives through the notify
 * topic, or shows as the save-as object appearing.
 *
 * @param statusCode the HTTP status (200)
 * @param requestId OSS's request id, from the {@code x-oss-request-id} header: quote it to support
 * @param processResult the answer's body as OSS sent it (JSON)
 * @param eventId {@code EventId} of the result, the id of the notification that will be published
 * @param taskId {@code TaskId} of the result, the processing task's id
 * @param processRequestId {@code RequestId} inside the result: the processing back end's id, not OSS's
 * @param headers every header of the answer
 */
public record AsyncProcessObjectResponse(int statusCode, @Nullable String requestId, String processResult,
                                         @Nullable String eventId, @Nullable String taskId,
                                         @Nullable String processRequestId, HttpHeaders headers) {
    public AsyncProcessObjectResponse {
        Objects.requireNonNull(processResult, "processResult");
        Objects.requireNonNull(headers, "headers");
    }
}
