package dev.ferry.samples.s3;

import dev.ferry.core.call.AsyncResult;
import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.S3CallbackClient;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.S3Exception;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.s3.model.PutObjectResponse;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The four ways the AWS SDK for .NET's asynchronous guide calls {@code BeginPutObject} and
 * {@code EndPutObject}, written with Ferry's Begin/End view.
 */
public final class BeginEndSample {
    private BeginEndSample() {
    }

    public static void run(S3Client s3, String bucket, PrintStream out) throws InterruptedException {
        S3CallbackClient client = s3.callbacks();

        // 1. No callback: start, do other work while polling isCompleted(), then call End.
        AsyncResult<PutObjectResponse> polled = client.beginPutObject(PutObjectRequest.of(bucket, "apm/no-callback.txt"),
                RequestBody.fromString("no callback"), null, null);
        int polls = 0;
        while (!polled.isCompleted()) {
            polls++;
            Thread.sleep(1);   // the program's other work
        }
        out.printf("  1. no callback: polled isCompleted() %d times, End returned ETag %s%n", polls,
                client.endPutObject(polled).eTag());

        // 2. A simple callback with no state.
        CountDownLatch simpleDone = new CountDownLatch(1);
        client.beginPutObject(PutObjectRequest.of(bucket, "apm/simple-callback.txt"), RequestBody.fromString("simple"),
                result -> {
                    out.printf("  2. simple callback: completed, state is %s%n", result.asyncState());
                    simpleDone.countDown();
                }, null);
        simpleDone.await(30, TimeUnit.SECONDS);

        // 3. The client passed as state, End called from the callback.
        CountDownLatch clientDone = new CountDownLatch(1);
        client.beginPutObject(PutObjectRequest.of(bucket, "apm/client-as-state.txt"), RequestBody.fromString("client"),
                result -> {
                    S3Client stateClient = (S3Client) result.asyncState();
                    PutObjectResponse response = stateClient.callbacks().endPutObject(result);
                    out.printf("  3. client as state: End called in the callback, ETag %s%n", response.eTag());
                    clientDone.countDown();
                }, s3);
        clientDone.await(30, TimeUnit.SECONDS);

        // 4. A state object carrying the client and the start time; the callback reports the elapsed time.
        CountDownLatch timedDone = new CountDownLatch(1);
        client.beginPutObject(PutObjectRequest.of(bucket, "apm/state-object.txt"), RequestBody.fromString("timed"),
                result -> {
                    ClientState state = (ClientState) result.asyncState();
                    state.client().callbacks().endPutObject(result);
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - state.startNanos());
                    out.printf("  4. state object: finished in %d ms%n", elapsed.toMillis());
                    timedDone.countDown();
                }, new ClientState(s3, System.nanoTime()));
        timedDone.await(30, TimeUnit.SECONDS);

        // And when the operation fails, End throws the operation's own exception.
        AsyncResult<PutObjectResponse> refused = client.beginPutObject(
                PutObjectRequest.builder(bucket, "apm/refused.txt").contentMd5("AAAAAAAAAAAAAAAAAAAAAA==").build(),
                RequestBody.fromString("a body whose MD5 is not that"), null, null);
        try {
            client.endPutObject(refused);
        } catch (S3Exception e) {
            out.printf("  failure case: End threw S3Exception %s (HTTP %d)%n", e.errorCode(), e.statusCode());
        }
    }

    /** What the .NET sample puts in its state object. */
    record ClientState(S3Client client, long startNanos) {
    }
}
