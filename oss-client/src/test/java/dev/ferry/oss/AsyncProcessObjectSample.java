package dev.ferry.oss;

import dev.ferry.core.http.RequestBody;
import dev.ferry.oss.model.AsyncProcessObjectResponse;
import dev.ferry.oss.model.HeadObjectRequest;
import dev.ferry.oss.model.ObjectMetadata;
import dev.ferry.oss.model.ProcessInstruction;
import dev.ferry.oss.model.PutObjectRequest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.util.retry.Retry;

/**
 * The OSS C# SDK's {@code AsyncProcessObject} sample, in Ferry: credentials from the
 * {@code OSS_*} environment variables, a region (and optionally an endpoint), a .docx uploaded,
 * its conversion to PNG submitted with {@code x-oss-async-process}, the result's fields printed, and
 * then the converted object waited for, which the C# sample leaves to the reader.
 *
 * <pre>
 * OSS_ACCESS_KEY_ID=... OSS_ACCESS_KEY_SECRET=... java ... AsyncProcessObjectSample cn-hangzhou my-bucket report.docx ./report.docx
 * </pre>
 */
public final class AsyncProcessObjectSample {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: AsyncProcessObjectSample <region> <bucket> <key> <file.docx> [endpoint]");
            System.exit(2);
        }
        byte[] docx = Files.readAllBytes(Path.of(args[3]));
        run(System.getenv(), args[0], args.length > 4 ? args[4] : null, args[1], args[2], docx, System.out);
    }

    /**
     * Runs the flow and returns the converted object's metadata.
     *
     * @param environment where the {@code OSS_*} variables are read (the process environment in {@link #main})
     */
    public static ObjectMetadata run(Map<String, String> environment, String region, @Nullable String endpoint, String bucket,
                                     String key, byte[] docx, PrintStream out) {
        OssClient.Builder builder = OssClient.builder()
                .region(region)
                .credentialsFromEnvironment(environment::get);
        if (endpoint != null) {
            builder.endpoint(endpoint);
        }
        try (OssClient oss = builder.build()) {
            oss.blocking().putObject(PutObjectRequest.builder(bucket, key)
                    .contentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                    .build(), RequestBody.fromBytes(docx));

            // Where the converted file goes, and how: the C# sample's "process-{key}" in the same bucket.
            String targetKey = "process-" + key;
            ProcessInstruction process = ProcessInstruction.builder()
                    .action("doc/convert,target_png,source_docx")
                    .saveAs(bucket, targetKey)
                    .build();

            AsyncProcessObjectResponse result = oss.blocking().asyncProcessObject(bucket, key, process);
            out.println("AsyncProcessObject done");
            out.println("StatusCode: " + result.statusCode());
            out.println("RequestId: " + result.requestId());
            out.println("Response Headers:");
            result.headers().forEach((name, value) -> out.println(name + " : " + value));
            out.println("ProcessResult: " + result.processResult());
            out.println("EventId: " + result.eventId());
            out.println("TaskId: " + result.taskId());
            out.println("ProcessRequestId: " + result.processRequestId());

            // The task runs after the answer: poll for the target, a 404 meaning "not yet".
            ObjectMetadata target = oss.headObject(HeadObjectRequest.of(bucket, targetKey))
                    .retryWhen(Retry.fixedDelay(60, Duration.ofMillis(250))
                            .filter(e -> e instanceof OssException oe && oe.statusCode() == 404)
                            .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                    .block(Duration.ofMinutes(1));
            out.println("Converted: oss://" + bucket + "/" + targetKey + " (" + target.contentType() + ", "
                    + target.contentLength() + " bytes)");
            return target;
        }
    }
}
