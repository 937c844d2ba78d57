package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.call.AsyncResult;
import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.PutObjectResponse;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The four calling patterns of the AWS SDK for .NET's asynchronous guide (APM), in Java: no
 * callback and polling; a simple callback with null state; the client as state with End called in
 * the callback; a state object carrying the start time. Each has its failure case, where End
 * rethrows the {@link S3Exception} itself.
 */
@ExtendWith(S3ServerExtension.class)
class BeginEndPatternsIT {
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void createBucket(S3TestServer server) {
        s3 = S3TestClients.client(server);
        bucket = S3TestClients.newBucket(s3, server, "begin-end");
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static PutObjectRequest put(String key) {
        return PutObjectRequest.builder(bucket, key).contentType("text/plain").build();
    }

    /** A PUT S3 refuses: its Content-MD5 is not the body's. */
    private static PutObjectRequest refusedPut(String key) {
        return PutObjectRequest.builder(bucket, key).contentMd5("AAAAAAAAAAAAAAAAAAAAAA==").build();
    }

    @Test
    void noCallbackThenPollIsCompletedAndCallEnd() throws Exception {
        AsyncResult<PutObjectResponse> ar = s3.callbacks().beginPutObject(put("polled"), RequestBody.fromString("polled"), null, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ar.isCompleted() && System.nanoTime() < deadline) {
            Thread.sleep(5);   // the caller's own work would go here
        }

        PutObjectResponse response = s3.callbacks().endPutObject(ar);

        assertThat(ar.isCompleted()).isTrue();
        assertThat(ar.asyncState()).isNull();
        assertThat(response.eTag()).isNotBlank();
        assertThat(s3.blocking().getObject(GetObjectRequest.of(bucket, "polled"), BodyReader.toBytes()).asUtf8String()).isEqualTo("polled");
    }

    @Test
    void noCallbackThenPollRethrowsTheS3Exception() throws Exception {
        AsyncResult<PutObjectResponse> ar = s3.callbacks().beginPutObject(refusedPut("polled-bad"), RequestBody.fromString("x"), null, null);
        assertThat(ar.waitHandle().await(Duration.ofSeconds(30))).isTrue();

        assertThatThrownBy(() -> s3.callbacks().endPutObject(ar))
                .isExactlyInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).errorCode()).isEqualTo("BadDigest"));
    }

    @Test
    void simpleCallbackWithNullState() throws Exception {
        CompletableFuture<AsyncResult<PutObjectResponse>> called = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();

        s3.callbacks().beginPutObject(put("simple"), RequestBody.fromString("simple"), ar -> {
            calls.incrementAndGet();
            called.complete(ar);
        }, null);

        AsyncResult<PutObjectResponse> ar = called.get(30, TimeUnit.SECONDS);
        assertThat(ar.asyncState()).isNull();
        assertThat(ar.isCompleted()).isTrue();
        assertThat(s3.callbacks().endPutObject(ar).eTag()).isNotBlank();
        Thread.sleep(50);
        assertThat(calls).hasValue(1);
    }

    @Test
    void simpleCallbackSeesTheFailureThroughEnd() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();

        s3.callbacks().beginPutObject(refusedPut("simple-bad"), RequestBody.fromString("x"), ar -> {
            try {
                s3.callbacks().endPutObject(ar);
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        }, null);

        assertThat(thrown.get(30, TimeUnit.SECONDS)).isExactlyInstanceOf(S3Exception.class);
    }

    @Test
    void clientAsStateAndEndCalledFromTheCallback() throws Exception {
        CompletableFuture<PutObjectResponse> ended = new CompletableFuture<>();

        s3.callbacks().beginPutObject(put("client-state"), RequestBody.fromString("client as state"), ar -> {
            S3Client client = (S3Client) ar.asyncState();
            ended.complete(client.callbacks().endPutObject(ar));
        }, s3);

        assertThat(ended.get(30, TimeUnit.SECONDS).eTag()).isNotBlank();
    }

    @Test
    void clientAsStateRethrowsFromTheCallback() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();

        s3.callbacks().beginPutObject(refusedPut("client-state-bad"), RequestBody.fromString("x"), ar -> {
            S3Client client = (S3Client) ar.asyncState();
            try {
                client.callbacks().endPutObject(ar);
            } catch (S3Exception e) {
                thrown.complete(e);
            }
        }, s3);

        assertThat(thrown.get(30, TimeUnit.SECONDS)).isInstanceOf(S3Exception.class);
    }

    /** The .NET sample's state object: the client and when the request started. */
    record ClientState(S3Client client, long startNanos) {
    }

    @Test
    void stateObjectCarriesTheStartTimeAndElapsedTimeIsReported() throws Exception {
        AtomicReference<String> report = new AtomicReference<>();
        CompletableFuture<Long> elapsed = new CompletableFuture<>();

        s3.callbacks().beginPutObject(put("timed"), RequestBody.fromString("timed"), ar -> {
            ClientState state = (ClientState) ar.asyncState();
            state.client().callbacks().endPutObject(ar);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - state.startNanos());
            report.set("PutObject finished in " + ms + " ms");
            System.out.println(report.get());
            elapsed.complete(ms);
        }, new ClientState(s3, System.nanoTime()));

        assertThat(elapsed.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0);
        assertThat(report.get()).startsWith("PutObject finished in ");
    }

    @Test
    void stateObjectSurvivesAFailure() throws Exception {
        CompletableFuture<Object> state = new CompletableFuture<>();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();

        s3.callbacks().beginPutObject(refusedPut("timed-bad"), RequestBody.fromString("x"), ar -> {
            state.complete(ar.asyncState());
            try {
                s3.callbacks().endPutObject(ar);
            } catch (S3Exception e) {
                thrown.complete(e);
            }
        }, new ClientState(s3, System.nanoTime()));

        assertThat(state.get(30, TimeUnit.SECONDS)).isInstanceOf(ClientState.class);
        assertThat(thrown.get(30, TimeUnit.SECONDS)).isInstanceOf(S3Exception.class);
    }

    @Test
    void anArgumentRefusedAtBeginCompletesSynchronouslyAndEndRethrowsIt() {
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        // A body without a known length is refused by PutObject before anything is sent.
        AsyncResult<PutObjectResponse> ar = s3.callbacks().beginPutObject(put("unknown-length"),
                RequestBody.fromPublisher(reactor.core.publisher.Flux.empty()), a -> callbackThread.set(Thread.currentThread()), null);

        assertThat(ar.completedSynchronously()).isTrue();
        assertThat(callbackThread.get()).isSameAs(Thread.currentThread());
        assertThatThrownBy(() -> s3.callbacks().endPutObject(ar))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the length of the body");
    }
}
