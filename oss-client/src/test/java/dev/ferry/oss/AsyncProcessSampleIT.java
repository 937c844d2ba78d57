package dev.ferry.oss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.oss.model.ObjectMetadata;
import dev.ferry.testkit.oss.AsyncTask;
import dev.ferry.testkit.oss.OssMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The C# SDK sample's flow end to end against the mock, with credentials from simulated environment variables. */
class AsyncProcessSampleIT {

    @Test
    void sampleUploadsSubmitsPrintsTheResultAndFindsTheConvertedObject() {
        try (OssMockServer server = OssMockServer.start().createBucket("docs-bucket")
                .addStsCredentials("STS.sample-key", "sample-secret", "sample-sts-token")
                .asyncProcessDelay(Duration.ofMillis(400))) {
            Map<String, String> environment = Map.of(
                    "OSS_ACCESS_KEY_ID", "STS.sample-key",
                    "OSS_ACCESS_KEY_SECRET", "sample-secret",
                    "OSS_SESSION_TOKEN", "sample-sts-token");
            byte[] docx = "PK\u0003\u0004 a stand-in for a .docx".getBytes(StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            ObjectMetadata target = AsyncProcessObjectSample.run(environment, OssMockServer.REGION,
                    server.endpoint().toString(), "docs-bucket", "report.docx", docx,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(server.object("docs-bucket", "report.docx").orElseThrow().content()).isEqualTo(docx);
            AsyncTask task = server.asyncTasks().get(0);
            assertThat(task.process()).isEqualTo("doc/convert,target_png,source_docx|sys/saveas,b_ZG9jcy1idWNrZXQ,o_cHJvY2Vzcy1yZXBvcnQuZG9jeA");
            assertThat(target.contentType()).isEqualTo("image/png");
            byte[] png = server.object("docs-bucket", "process-report.docx").orElseThrow().content();
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("AsyncProcessObject done", "StatusCode: 200", "RequestId: " + task.requestId(),
                    "EventId: " + task.eventId(), "TaskId: " + task.taskId(), "ProcessResult: {\"EventId\":\"" + task.eventId(),
                    "x-oss-request-id : " + task.requestId(), "Converted: oss://docs-bucket/process-report.docx (image/png");
        }
    }
}
