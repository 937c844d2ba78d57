package dev.ferry.s3.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.auth.Credentials;
import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.DeleteObjectRequest;
import dev.ferry.s3.model.GetObjectRequest;
import dev.ferry.testkit.guard.LeakGuard;
import dev.ferry.testkit.s3.S3ServerExtension;
import dev.ferry.testkit.s3.S3TestServer;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * The proof that an upload of unknown length runs in bounded memory: a JVM with a 64 MiB heap and
 * 32 MiB of direct memory uploads 2 GiB and a bit from a publisher that generates it as asked, with
 * the default configuration (8 MiB parts, 4 in flight: 40 MiB of part buffers), then reads the
 * object back as a stream and compares SHA-256 digests taken while generating and while reading.
 * The child JVM reports the peaks it measured; a leak of a Netty buffer fails it too.
 *
 * <p>The server (S3Proxy, filesystem-backed) runs in the test's JVM, not the child's: S3Proxy
 * holds each signed part whole in memory to check its SHA-256, and sharing the child's heap with
 * it measured S3Proxy more than Ferry.
 */
@ExtendWith(S3ServerExtension.class)
class BoundedMemoryUploadIT {
    static final long SIZE = (2L << 30) + 12_345;
    static final String KEY = "two-gib.bin";
    static final String HEAP = "64m";
    static final String DIRECT = "32m";

    @Test
    void twoGibibytesOfUnknownLengthUploadInA64MibHeapAnd32MibOfDirectMemory(S3TestServer server, @TempDir Path dir)
            throws Exception {
        String bucket;
        try (S3Client s3 = TransferTests.clientBuilder(server).build()) {
            bucket = TransferTests.newBucket(s3, server, "bounded");
        }
        Path output = dir.resolve("child.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:MaxDirectMemorySize=" + DIRECT,
                "-Dio.netty.leakDetection.level=advanced",
                "-Dio.netty.customResourceLeakDetector=dev.ferry.testkit.guard.FailingLeakDetector",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                Child.class.getName(),
                server.endpoint().toString(), server.region(), server.accessKey(), server.secretKey(), bucket));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = child.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println("bounded-memory child:\n" + log);

        assertThat(finished).as("the child finished in time; its output:\n" + log).isTrue();
        assertThat(child.exitValue()).as("the child's exit status; its output:\n" + log).isZero();
        assertThat(log).contains("RESULT ok").doesNotContain("OutOfMemoryError").doesNotContain("uncaught exception").doesNotContain("LEAK");
        try (S3Client s3 = TransferTests.clientBuilder(server).build()) {
            // Two gibibytes less on the test machine's disk right away, not at the end of the run.
            s3.deleteObject(DeleteObjectRequest.of(bucket, KEY)).block();
        }
    }

    /** Runs in the forked JVM. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Sampler sampler = new Sampler();
            sampler.start();
            long started = System.nanoTime();
            String bucket = args[4];
            try (S3Client s3 = S3Client.builder().endpoint(args[0]).region(args[1]).pathStyle(true)
                    .credentials(CredentialsProvider.of(Credentials.of(args[2], args[3]))).build()) {
                MessageDigest sent = TestData.sha256();
                AtomicLong generated = new AtomicLong();
                Flux<ByteBuffer> source = TestData.stream(2026, SIZE, 64 * 1024).doOnNext(b -> {
                    sent.update(b.duplicate());
                    generated.addAndGet(b.remaining());
                });

                UploadResult result = S3Transfers.create(s3).upload(UploadRequest.of(bucket, KEY), source).block();
                long uploadNanos = System.nanoTime() - started;

                MessageDigest stored = TestData.sha256();
                long[] read = {0};
                s3.getObject(GetObjectRequest.of(bucket, KEY), (head, body) -> body.asFlux()
                        .doOnNext(b -> {
                            read[0] += b.remaining();
                            stored.update(b);
                        }).then()).block();
                String sentHex = HexFormat.of().formatHex(sent.digest());
                String storedHex = HexFormat.of().formatHex(stored.digest());
                sampler.stop();
                List<String> leaks = LeakGuard.collect();
                System.out.printf("uploaded %d bytes in %d parts (eTag %s) in %.1f s; read back %d bytes%n", result.size(),
                        result.partCount(), result.eTag(), uploadNanos / 1e9, read[0]);
                System.out.printf("sha256 generated %s%nsha256 stored    %s%n", sentHex, storedHex);
                System.out.printf("peak heap live after GC %d MiB of %s, peak direct buffers %d MiB of %s, peak RSS %d MiB%n",
                        sampler.heapPeak / (1 << 20), HEAP, sampler.directPeak / (1 << 20), DIRECT, rssPeakKib() / 1024);
                leaks.forEach(System.out::println);
                boolean ok = result.size() == SIZE && generated.get() == SIZE && read[0] == SIZE && sentHex.equals(storedHex)
                        && result.partCount() == (int) ((SIZE + (8 << 20) - 1) / (8 << 20)) && leaks.isEmpty();
                System.out.println(ok ? "RESULT ok" : "RESULT failed");
                System.out.flush();
                System.exit(ok ? 0 : 1);
            } catch (Throwable t) {
                t.printStackTrace(System.out);
                System.out.flush();
                System.exit(2);
            }
        }

        private static long rssPeakKib() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux: no RSS figure.
            }
            return -1;
        }
    }

    /**
     * Samples, every 20 ms, the heap still in use after the last collection (what is live, not the
     * garbage waiting for the next one) and the direct buffers in use.
     */
    static final class Sampler implements Runnable {
        private final Thread thread = new Thread(this, "memory-sampler");
        private volatile boolean running = true;
        volatile long heapPeak;
        volatile long directPeak;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void run() {
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
            while (running) {
                long heap = heapPools.stream().mapToLong(p -> p.getCollectionUsage() != null ? p.getCollectionUsage().getUsed() : 0).sum();
                heapPeak = Math.max(heapPeak, heap);
                directPeak = Math.max(directPeak, direct.getMemoryUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
