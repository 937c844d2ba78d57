package dev.ferry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.guard.LeakGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Proof that the guards every test runs under are armed: a test suite that passes because its
 * guards are off proves nothing about blocking calls or leaked buffers.
 */
class GuardsTest {

    @Test
    void blockHoundFailsABlockingCallOnAReactorThread() {
        // Mono.delay emits on Reactor's parallel scheduler, whose threads must never block.
        StepVerifier.create(Mono.delay(Duration.ofMillis(1)).doOnNext(tick -> {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("java.lang.Thread.sleep"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void theLeakGuardIsInstalledAndSeesALeakedBuffer() {
        assertThat(LeakGuard.isInstalled()).as("paranoid leak detection with the failing detector").isTrue();
        LeakGuard.collect(); // start from a clean slate

        leakOneBuffer();

        // collect() also forgets what it returns, so this deliberate leak does not fail the test.
        List<String> leaks = new ArrayList<>();
        for (int round = 0; round < 10 && leaks.isEmpty(); round++) {
            leaks.addAll(LeakGuard.collect());
        }
        assertThat(leaks).isNotEmpty();
        assertThat(leaks.get(0)).contains("LEAK").contains("release() was not called");
    }

    private static void leakOneBuffer() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buf.writeLong(42);
        // dropped without release()
    }
}
