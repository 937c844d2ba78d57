package dev.ferry.samples.oss;

import dev.ferry.core.http.RequestBody;
import dev.ferry.oss.OssClient;
import dev.ferry.oss.OssException;
import dev.ferry.oss.model.AsyncProcessObjectResponse;
import dev.ferry.oss.model.HeadObjectRequest;
import dev.ferry.oss.model.ObjectMetadata;
import dev.ferry.oss.model.ProcessInstruction;
import dev.ferry.oss.model.PutObjectRequest;
import java.io.PrintStream;
import java.time.Duration;
import reactor.util.retry.Retry;

/**
 * The OSS C# SDK's {@code AsyncProcessObject} sample, in Ferry: a .docx uploaded, its conversion to
 * PNG submitted with {@code x-oss-async-process} and saved as a new object, the result's fields and
 * headers printed; then the converted object waited for, which the C# sample leaves to the reader.
 *
 * <p>The client comes from the caller: the tour builds it from a region and the {@code OSS_*}
 * environment variables, as the C# sample does.
 */
public final class AsyncProcessSample {
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private AsyncProcessSample() {
    }

    /** Runs the flow and returns the converted object's metadata. */
    public static ObjectMetadata run(OssClient oss, String bucket, String key, byte[] docx, PrintStream out) {
        oss.blocking().putObject(PutObjectRequest.builder(bucket, key).contentType(DOCX).build(), RequestBody.fromBytes(docx));
        out.printf("  PutObject oss://%s/%s (%,d bytes)%n", bucket, key, docx.length);

        // Where the converted file goes: the C# sample's "process-{key}" in the same bucket.
        String targetKey = "process-" + key;
        ProcessInstruction process = ProcessInstruction.builder()
                .action("doc/convert,target_png,source_docx")
                .saveAs(bucket, targetKey)
                .build();
        out.println("  x-oss-async-process: " + process);

        AsyncProcessObjectResponse result = oss.blocking().asyncProcessObject(bucket, key, process);
        out.println("  AsyncProcessObject done");
        out.println("  StatusCode: " + result.statusCode());
        out.println("  RequestId: " + result.requestId());
        out.println("  Response Headers:");
        result.headers().forEach((name, value) -> out.println("    " + name + " : " + value));
        out.println("  ProcessResult: " + result.processResult());
        out.println("  EventId: " + result.eventId());
        out.println("  TaskId: " + result.taskId());
        out.println("  ProcessRequestId: " + result.processRequestId());

        // The task runs after the answer: poll for the target, a 404 meaning "not yet".
        ObjectMetadata target = oss.headObject(HeadObjectRequest.of(bucket, targetKey))
                .retryWhen(Retry.fixedDelay(240, Duration.ofMillis(250))
                        .filter(e -> e instanceof OssException oe && oe.statusCode() == 404)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .block(Duration.ofMinutes(1).plusSeconds(10));
        out.printf("  converted: oss://%s/%s (%s, %,d bytes)%n", bucket, targetKey, target.contentType(), target.contentLength());
        return target;
    }
}
