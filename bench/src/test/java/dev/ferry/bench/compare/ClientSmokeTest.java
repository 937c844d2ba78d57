package dev.ferry.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.bench.sink.SinkServer;
import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each client of the comparison does a handful of operations against the sink: the harness still
 * works (dependencies resolve, the CRT's native library loads, the sink answers every client).
 * No timing here; the comparison itself runs with bench/run.sh.
 */
class ClientSmokeTest {
    static final List<String> clients = ClientRunner.CLIENTS;
    private static SinkServer sink;
    private static URI endpoint;

    @BeforeAll
    static void start() throws InterruptedException {
        sink = SinkServer.start(0, 1);
        endpoint = URI.create("http://127.0.0.1:" + sink.port());
    }

    @AfterAll
    static void stop() {
        sink.close();
    }

    private static <T> T await(Consumer<BenchClient.Done<T>> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        call.accept((v, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
            } else {
                f.complete(v);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @FieldSource("clients")
    void putsReadsAndUploadsInPartsAgainstTheSink(String name) throws Exception {
        byte[] small = new byte[4096];
        byte[] part = new byte[256 * 1024];
        new Random(1).nextBytes(small);
        new Random(2).nextBytes(part);
        String bucket = "smoke";
        try (BenchClient client = ClientRunner.client(name, endpoint, 4)) {
            ClientSmokeTest.<Void>await(d -> client.createBucket(bucket, d));
            ClientSmokeTest.<Void>await(d -> client.put(bucket, "small", small, d));
            assertThat(ClientSmokeTest.<Integer>await(d -> client.get(bucket, "small", d))).isEqualTo(small.length);

            String uploadId = ClientSmokeTest.<String>await(d -> client.createUpload(bucket, "parts", d));
            Object first = ClientSmokeTest.await(d -> client.uploadPart(bucket, "parts", uploadId, 1, part, d));
            Object second = ClientSmokeTest.await(d -> client.uploadPart(bucket, "parts", uploadId, 2, part, d));
            ClientSmokeTest.<Void>await(d -> client.complete(bucket, "parts", uploadId, List.of(first, second), d));
            assertThat(ClientSmokeTest.<Integer>await(d -> client.get(bucket, "parts", d))).isEqualTo(2 * part.length);
            assertThat(client.integrity()).isNotBlank();
        }
    }
}
