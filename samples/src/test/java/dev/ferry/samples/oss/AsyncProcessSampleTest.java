package dev.ferry.samples.oss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.oss.OssClient;
import dev.ferry.oss.model.ObjectMetadata;
import dev.ferry.testkit.oss.AsyncTask;
import dev.ferry.testkit.oss.OssMockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The C# SDK sample's flow end to end against the mock OSS, with STS credentials from a simulated
 * environment: what the sample prints is checked against what the mock recorded and stored.
 */
class AsyncProcessSampleTest {

    @Test
    void uploadsSubmitsPrintsTheResultAndFindsTheConvertedObject() {
        try (OssMockServer server = OssMockServer.start().createBucket("docs-bucket")
                .addStsCredentials("STS.sample-key", "sample-secret", "sample-sts-token")
                .asyncProcessDelay(Duration.ofMillis(400))) {
            Map<String, String> environment = Map.of(
                    "OSS_ACCESS_KEY_ID", "STS.sample-key",
                    "OSS_ACCESS_KEY_SECRET", "sample-secret",
                    "OSS_SESSION_TOKEN", "sample-sts-token");
            byte[] docx = MinimalDocx.withText("quarterly report");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            ObjectMetadata target;
            try (OssClient oss = OssClient.builder().region(OssMockServer.REGION).endpoint(server.endpoint())
                    .credentialsFromEnvironment(environment::get).build()) {
                target = AsyncProcessSample.run(oss, "docs-bucket", "report.docx", docx,
                        new PrintStream(printed, true, StandardCharsets.UTF_8));
            }

            assertThat(server.object("docs-bucket", "report.docx").orElseThrow().content()).isEqualTo(docx);
            AsyncTask task = server.asyncTasks().get(0);
            assertThat(task.process()).isEqualTo("doc/convert,target_png,source_docx|sys/saveas,b_ZG9jcy1idWNrZXQ,o_cHJvY2Vzcy1yZXBvcnQuZG9jeA");
            assertThat(target.contentType()).isEqualTo("image/png");
            byte[] png = server.object("docs-bucket", "process-report.docx").orElseThrow().content();
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("AsyncProcessObject done", "StatusCode: 200",
                    "RequestId: " + task.requestId(), "EventId: " + task.eventId(), "TaskId: " + task.taskId(),
                    "ProcessResult: {\"EventId\":\"" + task.eventId(), "x-oss-request-id : " + task.requestId(),
                    "converted: oss://docs-bucket/process-report.docx (image/png");
        }
    }

    @Test
    void theGeneratedDocumentIsAWordprocessingPackageWithItsText() throws IOException {
        byte[] docx = MinimalDocx.withText("Q3 & Q4 <draft>");

        List<String> names = new ArrayList<>();
        String document = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
                if (entry.getName().equals("word/document.xml")) {
                    document = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }

        assertThat(names).containsExactly("[Content_Types].xml", "_rels/.rels", "word/document.xml");
        assertThat(document).contains("<w:t>Q3 &amp; Q4 &lt;draft&gt;</w:t>");
    }
}
