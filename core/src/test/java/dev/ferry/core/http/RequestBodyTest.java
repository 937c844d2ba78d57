package dev.ferry.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class RequestBodyTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static byte[] collect(RequestBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.content().doOnNext(b -> {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            out.writeBytes(copy);
        }).blockLast(WAIT);
        return out.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void replayableBodiesGiveTheSameBytesOnEverySubscription() throws Exception {
        byte[] data = random(200_000);
        Path file = dir.resolve("f.bin");
        Files.write(file, data);

        for (RequestBody body : new RequestBody[] {
                RequestBody.fromBytes(data), RequestBody.fromByteBuffer(ByteBuffer.wrap(data)), RequestBody.fromFile(file)}) {
            assertThat(body.isReplayable()).as("%s", body).isTrue();
            assertThat(body.contentLength()).isEqualTo(200_000);
            assertThat(collect(body)).isEqualTo(data);
            assertThat(collect(body)).as("second subscription of %s", body).isEqualTo(data);
        }
    }

    @Test
    void slicesAndRegionsGiveOnlyTheirBytes() throws Exception {
        byte[] data = random(150_000);
        Path file = dir.resolve("r.bin");
        Files.write(file, data);

        assertThat(collect(RequestBody.fromBytes(data, 10, 20))).isEqualTo(Arrays.copyOfRange(data, 10, 30));
        assertThat(collect(RequestBody.fromFile(file, 70_000, 80_000))).isEqualTo(Arrays.copyOfRange(data, 70_000, 150_000));
        assertThat(RequestBody.fromFile(file, 0, 0).contentLength()).isZero();
        assertThat(collect(RequestBody.fromFile(file, 150_000, 0))).isEmpty();
    }

    @Test
    void aFileIsReadOffTheCallingEventLoop() throws Exception {
        Path file = dir.resolve("loop.bin");
        Files.write(file, random(100_000));
        Scheduler loop = Schedulers.newParallel("loop", 1);
        try {
            // BlockHound is on: opening or reading the file on this NonBlocking thread would fail.
            StepVerifier.create(RequestBody.fromFile(file).content().subscribeOn(loop).map(ByteBuffer::remaining).reduce(Integer::sum))
                    .expectNext(100_000)
                    .expectComplete()
                    .verify(WAIT);
        } finally {
            loop.dispose();
        }
    }

    @Test
    void aFileThatShrankWhileBeingSentFailsClearly() throws Exception {
        Path file = dir.resolve("shrinking.bin");
        Files.write(file, random(100_000));
        RequestBody body = RequestBody.fromFile(file);
        Files.write(file, random(10));

        StepVerifier.create(body.content())
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("ended at byte 10").hasMessageContaining("truncated"))
                .verify(WAIT);
    }

    @Test
    void badFilesAndRegionsAreRefusedAtOnce() {
        Path missing = dir.resolve("missing.bin");
        assertThatThrownBy(() -> RequestBody.fromFile(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> RequestBody.fromFile(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> {
            Path file = dir.resolve("small.bin");
            Files.write(file, new byte[10]);
            RequestBody.fromFile(file, 5, 6);
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5, 11) is outside").hasMessageContaining("10 bytes");
        assertThatThrownBy(() -> RequestBody.fromBytes(new byte[10], 8, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> RequestBody.fromPublisher(Flux.empty(), -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use fromPublisher(publisher)");
    }

    @Test
    void aByteBufferBodyNeverMovesTheCallersBuffer() {
        ByteBuffer buffer = ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.US_ASCII));
        buffer.position(2).limit(8);
        RequestBody body = RequestBody.fromByteBuffer(buffer);
        buffer.position(5); // the caller moving on does not change what was handed over

        assertThat(new String(collect(body), StandardCharsets.US_ASCII)).isEqualTo("234567");
        assertThat(buffer.position()).isEqualTo(5);
        assertThat(body.contentLength()).isEqualTo(6);
    }

    @Test
    void aPublisherBodyIsSentOnceAndSaysSoWhenAskedAgain() {
        RequestBody body = RequestBody.fromPublisher(Flux.just(ByteBuffer.wrap(new byte[] {1, 2})), 2);

        assertThat(body.isReplayable()).isFalse();
        assertThat(collect(body)).containsExactly(1, 2);
        StepVerifier.create(body.content())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("already sent once").hasMessageContaining("cannot be replayed"))
                .verify(WAIT);
        assertThat(RequestBody.fromPublisher(Flux.empty()).contentLength()).isEqualTo(RequestBody.UNKNOWN_LENGTH);
        assertThat(RequestBody.fromPublisher(Flux.empty()).hasKnownLength()).isFalse();
    }

    @Test
    void emptyAndStringBodies() {
        assertThat(RequestBody.empty().contentLength()).isZero();
        assertThat(collect(RequestBody.empty())).isEmpty();
        assertThat(collect(RequestBody.fromString("é"))).containsExactly(0xC3 - 256, 0xA9 - 256);
        assertThat(collect(RequestBody.fromString("é", StandardCharsets.ISO_8859_1))).containsExactly(0xE9 - 256);
    }
}
