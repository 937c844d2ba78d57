package dev.ferry.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.ferry.s3.S3Client;
import dev.ferry.s3.model.HeadObjectRequest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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
 * a fork with -Xmx128m): it can only pass if the app streams. It also records the heap in use after
 * each collection and checks the highest stays well below the object's size. The client is a plain
 * WebClient: WebTestClient records every request body it sends, which would hold the 1 GiB itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Small parts, two in flight: at most 15 MiB of part buffers; S3Proxy shares this heap.
        "ferry.s3.transfer.part-size=5MB", "ferry.s3.transfer.parts-in-flight=2"})
class FlatHeapUploadIT {
    private static final long SIZE = 1024L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final long MIB = 1024 * 1024;
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

    @Test
    void aOneGibUploadKeepsTheHeapFlat() {
        AtomicLong peakAfterGc = new AtomicLong();
        // A collection reports every pool; only the heap's count (not metaspace or the code cache).
        java.util.Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .map(java.lang.management.MemoryPoolMXBean::getName).collect(java.util.stream.Collectors.toSet());
        NotificationListener gcListener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
                peakAfterGc.accumulateAndGet(used, Math::max);
            }
        };
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(gcListener, null, null));
        try {
            System.gc();
            long before = heapUsed();
            long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
            long started = System.nanoTime();

            // The same 64 KiB, wrapped again for each chunk: the client holds nothing of what it sent.
            byte[] chunk = new byte[CHUNK];
            new java.util.Random(1).nextBytes(chunk);
            Flux<DataBuffer> body = Flux.range(0, (int) (SIZE / CHUNK)).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk));
            String answer = WebClient.create("http://127.0.0.1:" + port).put().uri("/objects/flat/one-gib.bin")
                    .contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(SIZE)
                    .body(body, DataBuffer.class)
                    .retrieve().bodyToMono(String.class).block(Duration.ofMinutes(3));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.gc();
            long after = heapUsed();
            String figures = String.format("1 GiB upload: max heap %d MiB; heap used before %d MiB, peak after GC %d MiB, after %d MiB; %.1f s",
                    maxHeap / MIB, before / MIB, peakAfterGc.get() / MIB, after / MIB, took.toMillis() / 1000.0);
            System.out.println(figures);

            assertThat(answer).contains("\"size\":" + SIZE);
            assertThat(s3.headObject(HeadObjectRequest.of(Servers.BUCKET, "flat/one-gib.bin")).block(Duration.ofSeconds(10)).contentLength())
                    .isEqualTo(SIZE);
            assertThat(peakAfterGc.get()).as(figures).isPositive().isLessThan(SIZE / 8);
        } finally {
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
