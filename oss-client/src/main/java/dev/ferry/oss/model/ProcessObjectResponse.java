package dev.ferry.oss.model;

import dev.ferry.core.http.HttpHeaders;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of synchronous processing.
 *
 * @param requestId OSS's request id ({@code x-oss-request-id})
 * @param processResult the answer's body as OSS sent it (JSON)
 * @param bucket {@code bucket} of the result: where the output was saved
 * @param object {@code object} of the result: the output's key
 * @param fileSize {@code fileSize} of the result, or -1 when absent
 * @param status {@code status} of the result, {@code OK} on success
 */
public record ProcessObjectResponse(int statusCode, @Nullable String requestId, String processResult,
                                    @Nullable String bucket, @Nullable String object, long fileSize,
                                    @Nullable String status, HttpHeaders headers) {
    public ProcessObjectResponse {
        Objects.requireNonNull(processResult, "processResult");
        Objects.requireNonNull(headers, "headers");
    }
}
