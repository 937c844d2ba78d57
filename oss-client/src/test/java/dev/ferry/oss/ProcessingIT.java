package dev.ferry.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.call.AsyncResult;
import dev.ferry.oss.model.AsyncProcessObjectResponse;
import dev.ferry.oss.model.ProcessInstruction;
import dev.ferry.oss.model.ProcessObjectResponse;
import dev.ferry.testkit.oss.AsyncTask;
import dev.ferry.testkit.oss.Fault;
import dev.ferry.testkit.oss.OssMockServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProcessingIT {
    private static OssMockServer server;
    private static OssClient oss;

    @BeforeAll
    static void start() {
        server = MockOss.server().createBucket("test-bucket");
        server.putObject(MockOss.BUCKET, "doc/report.docx", new byte[] {'P', 'K', 3, 4}, "application/octet-stream");
        server.putObject(MockOss.BUCKET, "photo.jpg", new byte[] {(byte) 0xff, (byte) 0xd8}, "image/jpeg");
        oss = MockOss.client(server).build();
    }

    @AfterAll
    static void stop() {
        oss.close();
        server.close();
    }

    @Test
    void asyncProcessWritesEveryPageOfTheSaveAsTargetAndReturnsTheParsedIds() {
        ProcessInstruction process = ProcessInstruction.builder()
                .action("doc/convert,target_png,source_docx")
                .saveAs("test-bucket", "doc_images/{index}.png")
                .notifyTopic("test-topic")
                .build();

        AsyncProcessObjectResponse r = oss.asyncProcessObject(MockOss.BUCKET, "doc/report.docx", process).block();

        AsyncTask task = server.asyncTasks().stream().filter(t -> t.requestId().equals(r.requestId())).findFirst().orElseThrow();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.eventId()).isEqualTo(task.eventId());
        assertThat(r.taskId()).isEqualTo(task.taskId());
        assertThat(r.processRequestId()).isNotBlank().isNotEqualTo(r.requestId());
        assertThat(r.processResult()).startsWith("{\"EventId\":");
        assertThat(r.headers().first("Content-Type")).startsWith("application/json");
        assertThat(task.process()).isEqualTo(process.toString());
        assertThat(task.notifyTopic()).isEqualTo("test-topic");
        assertThat(server.keys("test-bucket")).contains("doc_images/1.png", "doc_images/2.png", "doc_images/3.png");
        assertThat(server.object("test-bucket", "doc_images/2.png").orElseThrow().contentType()).isEqualTo("image/png");
    }

    @Test
    void aRawProcessStringIsSentUntouched() {
        String raw = "doc/convert,target_png,source_docx|sys/saveas,o_cmF3LnBuZw";
        oss.asyncProcessObject(MockOss.BUCKET, "doc/report.docx", raw).block();
        assertThat(server.asyncTasks()).anySatisfy(t -> assertThat(t.process()).isEqualTo(raw));
        assertThat(server.object(MockOss.BUCKET, "raw.png")).isPresent();
    }

    @Test
    void asyncProcessIsNotRetriedAfterAServerErrorBecauseEachSubmissionStartsATask() {
        server.clearRequests();
        server.inject(Fault.xml(503, "ServiceUnavailable", "Please try again.").onQuery("x-oss-async-process"));
        assertThatThrownBy(() -> oss.blocking().asyncProcessObject(MockOss.BUCKET, "doc/report.docx",
                "doc/convert,target_png|sys/saveas,o_bm90LXJldHJpZWQucG5n"))
                .isInstanceOfSatisfying(OssException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThat(server.requests().stream().filter(r -> r.uri().contains("x-oss-async-process"))).hasSize(1);
    }

    @Test
    void aBadInstructionFailsWithTheServiceMessageAndAdviceAboutTheInstruction() {
        assertThatThrownBy(() -> oss.blocking().asyncProcessObject(MockOss.BUCKET, "doc/report.docx",
                "doc/convert,target_png|sys/saveas,o_not+base64/url"))
                .isInstanceOfSatisfying(OssException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InvalidArgument");
                    assertThat(e.getMessage()).contains("process instruction");
                });
    }

    @Test
    void syncProcessSavesTheTargetAndParsesTheResult() {
        ProcessObjectResponse r = oss.processObject(MockOss.BUCKET, "photo.jpg", ProcessInstruction.builder()
                .action("image/resize,w_100").action("rotate,90").saveAs("thumbs/photo.png").build()).block();
        assertThat(r.status()).isEqualTo("OK");
        assertThat(r.bucket()).isEqualTo(MockOss.BUCKET);
        assertThat(r.object()).isEqualTo("thumbs/photo.png");
        assertThat(r.fileSize()).isEqualTo(server.object(MockOss.BUCKET, "thumbs/photo.png").orElseThrow().content().length);
    }

    @Test
    void everyCallStyleSubmitsTheSameTask() throws Exception {
        String process = ProcessInstruction.builder().action("doc/convert,target_png,source_docx").saveAs("styles/{index}.png").build().toString();

        CompletableFuture<AsyncProcessObjectResponse> future = oss.futures().asyncProcessObject(MockOss.BUCKET, "doc/report.docx", process);
        assertThat(future.get(10, TimeUnit.SECONDS).taskId()).startsWith("DocConvert-");

        CountDownLatch called = new CountDownLatch(1);
        AtomicReference<Object> state = new AtomicReference<>();
        AtomicReference<AsyncProcessObjectResponse> fromCallback = new AtomicReference<>();
        AsyncResult<AsyncProcessObjectResponse> ar = oss.callbacks().beginAsyncProcessObject(MockOss.BUCKET, "doc/report.docx",
                process, result -> {
                    state.set(result.asyncState());
                    fromCallback.set(oss.callbacks().endAsyncProcessObject(result));
                    called.countDown();
                }, "my-state");
        assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ar.isCompleted()).isTrue();
        assertThat(state.get()).isEqualTo("my-state");
        assertThat(fromCallback.get().statusCode()).isEqualTo(200);

        AsyncProcessObjectResponse blocking = oss.blocking().asyncProcessObject(MockOss.BUCKET, "doc/report.docx", process);
        assertThat(blocking.eventId()).isNotBlank();
        assertThat(server.asyncTasks().stream().filter(t -> t.process().equals(process))).hasSize(3);
    }

    @Test
    void asyncTargetsAppearOnlyAfterTheTaskHasRun() {
        try (OssMockServer slow = MockOss.server().asyncProcessDelay(Duration.ofMillis(300));
             OssClient client = MockOss.client(slow).build()) {
            slow.putObject(MockOss.BUCKET, "a.docx", new byte[] {1}, "application/octet-stream");
            client.asyncProcessObject(MockOss.BUCKET, "a.docx", "doc/convert,target_png|sys/saveas,o_YS5wbmc").block();
            assertThat(slow.object(MockOss.BUCKET, "a.png")).isEmpty();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (slow.object(MockOss.BUCKET, "a.png").isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(slow.object(MockOss.BUCKET, "a.png")).isPresent();
        }
    }
}
