package dev.ferry.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.testkit.SharedMaterial;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The tour is run in the build, so neither it nor the samples it is made of can rot. */
class TourTest {

    @Test
    void theS3TourRunsEveryScenarioAgainstEmbeddedS3Proxy() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        int exit = new CommandLine(new TourCommand(out)).execute("--s3");

        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text)
                .contains("embedded S3Proxy")
                .contains("PutObject s3://")
                .contains("1. no callback", "2. simple callback", "3. client as state", "4. state object")
                .contains("failure case: End threw S3Exception BadDigest")
                .contains("UploadPart 1:", "UploadPart 3:", "CompleteMultipartUpload -> ETag")
                .containsPattern("ETag \"[0-9a-f]{32}-3\"")
                .containsPattern("ListParts now (answers NoSuchUpload|lists 0 parts)")
                .contains("upload: 5/5 parts, 22,020,096 bytes, done", "uploaded 22,020,096 bytes of unknown length in 5 parts")
                .contains("download: 5/5 parts, 22,020,096 bytes, done", "in 5 ranges to a file; SHA-256 matches the upload's")
                .contains("Tour finished");
    }

    @Test
    void theEwsAndOssToursRunTogetherAgainstTheMocks() {
        assumeTrue(SharedMaterial.resolve("ews/schema/ews-all.xsd").isPresent(), SharedMaterial.missing("ews/schema/ews-all.xsd"));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        int exit = new CommandLine(new TourCommand(out)).execute("--ews", "--oss");

        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text)
                .doesNotContain("== S3")
                .contains("== EWS, against an embedded mock Exchange")
                .contains("token provider:", "send: sent", "append: 2 messages", "fetch: attachment streamed",
                        "copy: into Drafts", "delete item:", "update item:", "delete folder:", "cancel:")
                .containsPattern("the mock saw \\d+ requests, every one schema-valid")
                .contains("== OSS, against an embedded mock OSS")
                .contains("credentials from the environment (simulated: OSS_ACCESS_KEY_ID=", "region cn-hangzhou")
                .contains("x-oss-async-process: doc/convert,target_png,source_docx|sys/saveas,")
                .contains("StatusCode: 200")
                .containsPattern("EventId: \\S+")
                .containsPattern("TaskId: \\S+")
                .contains("converted: oss://ferry-tour/process-ferry-tour-report.docx (image/png")
                .contains("Tour finished", "EWS on the embedded mock Exchange; OSS on the embedded mock OSS");
    }

    @Test
    void aRealEwsRunNamesEverySettingItStillNeeds() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new TourCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = cli.execute("--ews", "--ews-tenant", "contoso.onmicrosoft.com");

        assertThat(exit).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("A real EWS run needs --ews-client-id, --ews-mailbox, FERRY_EWS_CLIENT_SECRET");
    }

    @Test
    void aRealS3RunThatCannotGoOnSaysWhyInALineNotAStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = FerryCli.withErrorReport(new CommandLine(
                new TourCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))));
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        // Nothing listens on port 1. Where no AWS credentials are set up the run stops before it
        // connects; where they are, it stops at the connect: either way with Ferry's own message.
        int exit = cli.execute("--s3", "--s3-endpoint", "http://127.0.0.1:1", "--s3-region", "us-east-1");

        String report = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(report).startsWith("tour: ").containsAnyOf("no credentials found", "cannot connect")
                .doesNotContain("\tat ");
    }

    @Test
    void helpExplainsTheCommands() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new FerryCli());
        cli.setOut(new java.io.PrintWriter(buffer, true, StandardCharsets.UTF_8));

        int exit = cli.execute("help");

        assertThat(exit).isZero();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("tour", "Walks through Ferry's operations", "load");
    }

    @Test
    void anUnknownOptionIsRefusedWithAMessage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new FerryCli());
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

        int exit = cli.execute("tour", "--no-such-flag");

        assertThat(exit).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--no-such-flag'");
    }
}
