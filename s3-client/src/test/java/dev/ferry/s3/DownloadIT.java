package dev.ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.http.BodyReader;
import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.RequestBody;
import dev.ferry.core.http.ResponseStream;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.s3.model.ObjectMetadata;
import dev.ferry.s3.model.PutObjectRequest;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/** GetObject into a file, as a stream with its head first, and as an InputStream. */
@ExtendWith(S3ServerExtension.class)
class DownloadIT {
    private static S3Client s3;
    private static String bucket;
    private static final byte[] DATA = new byte[3 * 1024 * 1024 + 17];

    @BeforeAll
    static void upload(S3TestServer server) {
        s3 = S3TestClients.clientWithOwnEngine(server, EngineConfig.builder().name("download").maxConnectionsPerHost(1).build());
        bucket = S3TestClients.newBucket(s3, server, "download");
        new Random(9).nextBytes(DATA);
        s3.putObject(PutObjectRequest.builder(bucket, "object.bin").contentType("application/x-test").build(),
                RequestBody.fromBytes(DATA)).block();
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void toFileWritesTheObjectAndReplacesAnOldFile(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("object.bin"), "old content");

        ObjectMetadata head = s3.getObject(GetObjectRequest.of(bucket, "object.bin"), BodyReader.toFile(target)).block();

        assertThat(head.contentType()).isEqualTo("application/x-test");
        assertThat(Arrays.equals(Files.readAllBytes(target), DATA)).isTrue();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFailedDownloadLeavesNoFileBehind(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("missing.bin");

        StepVerifier.create(s3.getObject(GetObjectRequest.of(bucket, "no-such-key"), BodyReader.toFile(target)))
                .expectError(S3Exception.class)
                .verify();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void toPublisherGivesTheHeadFirstThenStreamsTheBody() {
        ResponseStream<ObjectMetadata> stream = s3.getObject(GetObjectRequest.of(bucket, "object.bin"), BodyReader.toPublisher()).block();

        assertThat(stream.response().contentLength()).isEqualTo(DATA.length);
        long[] received = {0};
        stream.body().doOnNext(b -> received[0] += b.remaining()).blockLast(Duration.ofSeconds(30));
        assertThat(received[0]).isEqualTo(DATA.length);
        // The pool has one connection: it must be free again for this to work.
        assertThat(s3.getObject(GetObjectRequest.of(bucket, "object.bin"), BodyReader.toBytes()).block(Duration.ofSeconds(30)).bytes())
                .hasSize(DATA.length);
    }

    @Test
    void aDiscardedStreamGivesItsConnectionBack() {
        ResponseStream<ObjectMetadata> stream = s3.getObject(GetObjectRequest.of(bucket, "object.bin"), BodyReader.toPublisher()).block();

        stream.discard();

        assertThat(s3.headObject(dev.ferry.s3.model.HeadObjectRequest.of(bucket, "object.bin")).block(Duration.ofSeconds(30))
                .contentLength()).isEqualTo(DATA.length);
        StepVerifier.create(stream.body()).expectError(IllegalStateException.class).verify();
    }

    @Test
    void theInputStreamViewReadsTheWholeObject() throws Exception {
        ResponseStream<ObjectMetadata> stream = s3.blocking().getObject(GetObjectRequest.of(bucket, "object.bin"), BodyReader.toPublisher());

        byte[] read;
        try (InputStream in = stream.asInputStream()) {
            read = in.readAllBytes();
        }

        assertThat(Arrays.equals(read, DATA)).isTrue();
    }

    @Test
    void closingTheInputStreamEarlyCancelsTheRest() throws Exception {
        ResponseStream<ObjectMetadata> stream = s3.blocking().getObject(GetObjectRequest.of(bucket, "object.bin"), BodyReader.toPublisher());
        try (InputStream in = stream.asInputStream()) {
            assertThat(in.readNBytes(1000)).isEqualTo(Arrays.copyOf(DATA, 1000));
        }

        assertThat(s3.getObject(GetObjectRequest.of(bucket, "object.bin"), BodyReader.toBytes()).block(Duration.ofSeconds(30)).bytes())
                .hasSize(DATA.length);
    }
}
