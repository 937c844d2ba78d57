package dev.ferry.samples.webflux;

import dev.ferry.oss.OssClient;
import dev.ferry.oss.model.AsyncProcessObjectResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** Starts OSS asynchronous processing (a document converted to images, say) (a 503 until {@code ferry.oss.*} configures a client). */
@RestController
class ProcessController {
    private final ObjectProvider<OssClient> oss;

    ProcessController(ObjectProvider<OssClient> oss) {
        this.oss = oss;
    }

    /** The client, or a 503 saying what to configure: the app runs with whichever services it was given. */
    private OssClient client() {
        OssClient client = oss.getIfAvailable();
        if (client == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "OSS is not configured: set ferry.oss.*");
        }
        return client;
    }

    record ProcessRequest(@Nullable String bucket, @Nullable String key, @Nullable String process) {
    }

    record Started(@Nullable String requestId, @Nullable String taskId, @Nullable String eventId, @Nullable String processRequestId) {
        static Started of(AsyncProcessObjectResponse r) {
            return new Started(r.requestId(), r.taskId(), r.eventId(), r.processRequestId());
        }
    }

    @PostMapping("/oss/async-process")
    Mono<Started> start(@RequestBody ProcessRequest request) {
        if (request.bucket() == null || request.key() == null || request.process() == null) {
            return Mono.error(new ServerWebInputException("'bucket', 'key' and 'process' are all required"));
        }
        return client().asyncProcessObject(request.bucket(), request.key(), request.process()).map(Started::of);
    }
}
