package dev.ferry.bench.micro;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.s3.internal.signing.AwsChunkedEncoder;
import dev.ferry.s3.internal.signing.SigV4Signer;
import dev.ferry.s3.internal.signing.SignedRequest;
import dev.ferry.s3.model.ChecksumAlgorithm;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

/**
 * aws-chunked encoding of an 8 MiB body in 64 KiB chunks, as an upload part is sent: signed
 * (SHA-256 and an HMAC per chunk) and unsigned with a CRC32C trailer. The encoded buffers are
 * only counted, as a socket would take them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkEncodingBenchmark {
    private static final int SIZE = 8 << 20;

    @Param({"SIGNED", "UNSIGNED_WITH_TRAILER"})
    public String mode;

    private ByteBuffer body;
    private SignedRequest seed;
    private AwsChunkedEncoder.Mode encoding;
    private ChecksumAlgorithm trailer;

    @Setup
    public void setUp() {
        byte[] bytes = new byte[SIZE];
        new Random(3).nextBytes(bytes);
        body = ByteBuffer.wrap(bytes);
        encoding = AwsChunkedEncoder.Mode.valueOf(mode);
        trailer = encoding.hasTrailer() ? ChecksumAlgorithm.CRC32C : null;
        HttpRequest request = HttpRequest.builder("PUT", URI.create("http://127.0.0.1:9000")).path("/bench/part")
                .query("partNumber", "1").query("uploadId", "u").operation("UploadPart")
                .headers(AwsChunkedEncoder.headers(SIZE, AwsChunkedEncoder.DEFAULT_CHUNK_SIZE, encoding, trailer)).build();
        seed = SigV4Signer.forS3("us-east-1").sign(request, Credentials.of("AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), Instant.parse("2026-11-22T10:00:00Z"), encoding.payloadHash());
    }

    @Benchmark
    public long encode8MiB() {
        long[] total = {0};
        AwsChunkedEncoder.encode(Flux.just(body), SIZE, AwsChunkedEncoder.DEFAULT_CHUNK_SIZE, encoding,
                        encoding.isSigned() ? seed : null, trailer)
                .subscribe(b -> total[0] += b.remaining());
        return total[0];
    }
}
