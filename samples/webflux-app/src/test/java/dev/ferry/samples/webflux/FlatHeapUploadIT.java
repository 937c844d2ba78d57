package dev.ferry.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.HeadObjectRequest;
import dev.ferry.s3.transfer.S3Transfers;
import dev.ferry.s3.transfer.TransferConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * A 1 GiB upload through the app, in a JVM whose heap is far smaller (the build runs this class in
 * a fork with -Xmx128m): it can only pass if the app streams. It also measures the live heap while
 * the upload runs and checks it grows by no more than the part buffers the transfer is configured
 * for, plus S3Proxy's copies and a margin. The client is a plain WebClient: WebTestClient records
 * every request body it sends, which would hold the 1 GiB itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Small parts, two in flight: at most 15 MiB of part buffers; S3Proxy shares this heap.
        "ferry.s3.transfer.part-size=5MB", "ferry.s3.transfer.parts-in-flight=2"})
class FlatHeapUploadIT {
    private static final long SIZE = 1024L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final long MIB = 1024 * 1024;
    /**
     * What else the upload keeps alive besides the part buffers and S3Proxy's copies of the parts:
     * Jetty's and Netty's buffers, the requests in flight, and the records of the tests' paranoid
     * leak detector.
     */
    private static final long MARGIN = 16 * MIB;
    private static final Servers servers = new Servers();

    @DynamicPropertySource
    static void pointTheStarterAtTheServers(DynamicPropertyRegistry registry) {
        servers.register(registry);
    }

    @AfterAll
    static void stopServers() {
        servers.close();
    }

    @Value("${local.server.port}")
    int port;
    @Autowired
    S3Client s3;
    @Autowired
    S3Transfers transfers;

    @Test
    void aOneGibUploadKeepsTheHeapFlat() {
        // Young collections leave the old generation's garbage counted as used, and those 5 MiB part
        // buffers are humongous objects in G1: what is in use after them says little about what is
        // live. Only the full collections this test forces with System.gc() measure the live heap.
        AtomicLong peakLive = new AtomicLong();
        AtomicLong peakAfterAnyGc = new AtomicLong();
        AtomicInteger liveSamples = new AtomicInteger();
        // A collection reports every pool; only the heap's count (not metaspace or the code cache).
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        NotificationListener gcListener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
                peakAfterAnyGc.accumulateAndGet(used, Math::max);
                // The one just before the upload counts too, harmlessly: it measures the baseline.
                if ("System.gc()".equals(info.getGcCause())) {
                    peakLive.accumulateAndGet(used, Math::max);
                }
            }
        };
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(gcListener, null, null));
        // A full collection every second while the upload runs: each is one sample of the live heap.
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "live-heap-sampler"));
        try {
            System.gc();
            long before = heapUsed();
            long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
            // The app holds at most maxBufferedBytes of an upload. S3Proxy, in this JVM, reads each
            // signed part it receives whole (readAllBytes, to check its SHA-256) before it stores
            // it: up to two copies of each part in flight while it assembles the array.
            TransferConfig config = transfers.config();
            long s3ProxyParts = 2 * config.partSize() * config.partsInFlight();
            long budget = config.maxBufferedBytes() + s3ProxyParts + MARGIN;
            long started = System.nanoTime();
            sampler.scheduleWithFixedDelay(() -> {
                System.gc();
                liveSamples.incrementAndGet();
            }, 1, 1, TimeUnit.SECONDS);

            // The same 64 KiB, wrapped again for each chunk: the client holds nothing of what it sent.
            byte[] chunk = new byte[CHUNK];
            new java.util.Random(1).nextBytes(chunk);
            Flux<DataBuffer> body = Flux.range(0, (int) (SIZE / CHUNK)).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk));
            String answer = WebClient.create("http://127.0.0.1:" + port).put().uri("/objects/flat/one-gib.bin")
                    .contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(SIZE)
                    .body(body, DataBuffer.class)
                    .retrieve().bodyToMono(String.class).block(Duration.ofMinutes(3));

            sampler.shutdownNow();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            long grownBy = peakLive.get() - before;
            int samples = liveSamples.get();
            System.gc();
            long after = heapUsed();
            String figures = String.format("1 GiB upload: max heap %d MiB; heap used before %d MiB, peak live %d MiB (+%d MiB,"
                            + " %d samples; budget +%d MiB: part buffers %d, S3Proxy's parts %d, margin %d), peak after any GC %d MiB,"
                            + " after %d MiB; %.1f s",
                    maxHeap / MIB, before / MIB, peakLive.get() / MIB, grownBy / MIB, samples, budget / MIB,
                    config.maxBufferedBytes() / MIB, s3ProxyParts / MIB, MARGIN / MIB,
                    peakAfterAnyGc.get() / MIB, after / MIB, took.toMillis() / 1000.0);
            System.out.println(figures);

            assertThat(answer).contains("\"size\":" + SIZE);
            assertThat(s3.headObject(HeadObjectRequest.of(Servers.BUCKET, "flat/one-gib.bin")).block(Duration.ofSeconds(10)).contentLength())
                    .isEqualTo(SIZE);
            assertThat(samples).as("full collections during the upload: " + figures).isGreaterThanOrEqualTo(3);
            // Looser than the app's part buffers alone, because S3Proxy shares this heap; an app that
            // kept 40 MiB of the stream besides its parts still fails it (it grew by 74 MiB when tried).
            assertThat(grownBy).as("the live heap grew beyond the app's part buffers plus what S3Proxy, which shares this heap,"
                            + " holds of the parts in flight and a margin: " + figures)
                    .isLessThan(budget);
        } finally {
            sampler.shutdownNow();
            ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> {
                try {
                    ((NotificationEmitter) gc).removeNotificationListener(gcListener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // never added to this collector
                }
            });
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
