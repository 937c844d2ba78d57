package dev.ferry.core.http.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.testing.NettyServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

class NettyEnginesIT {
    private LoopResources loops;
    private NettyServer server;

    @BeforeEach
    void start() {
        loops = LoopResources.create("given-loops", 1, true);
        server = NettyServer.start((request, response) -> response.sendString(Mono.just("ok")));
    }

    @AfterEach
    void stop() {
        server.close();
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }

    @Test
    void engineOnGivenLoopsRunsItsExchangesOnThoseLoops() {
        try (HttpEngine engine = NettyEngines.withLoops(EngineConfig.builder().name("on-given-loops").build(), loops)) {
            String thread = engine.exchangeForMono(get(), response -> response.body().asBytes(1024)
                            .map(bytes -> Thread.currentThread().getName()))
                    .block(Duration.ofSeconds(10));
            assertThat(thread).startsWith("given-loops");
        }
    }

    @Test
    void closingTheEngineLeavesTheGivenLoopsRunning() throws InterruptedException {
        HttpEngine engine = NettyEngines.withLoops(EngineConfig.builder().name("on-given-loops").build(), loops);
        engine.exchangeForMono(get(), response -> response.body().asBytes(1024)).block(Duration.ofSeconds(10));

        engine.close();
        // close() disposes the pool asynchronously; give it the time it would take to dispose loops too.
        Thread.sleep(300);

        assertThat(loops.isDisposed()).isFalse();
        assertThatThrownBy(() -> engine.exchangeForMono(get(), response -> response.body().asBytes(1024)).block())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
        // The loops still serve a new engine: nothing of them was shut down.
        try (HttpEngine second = NettyEngines.withLoops(EngineConfig.builder().name("second").build(), loops)) {
            byte[] body = second.exchangeForMono(get(), response -> response.body().asBytes(1024)).block(Duration.ofSeconds(10));
            assertThat(new String(body)).isEqualTo("ok");
        }
    }

    @Test
    void disposedLoopsAreRefusedWithAClearMessage() {
        LoopResources disposed = LoopResources.create("disposed-loops", 1, true);
        disposed.dispose();
        assertThatThrownBy(() -> NettyEngines.withLoops(EngineConfig.defaults(), disposed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already disposed");
    }

    private HttpRequest get() {
        return HttpRequest.builder("GET", server.uri()).build();
    }
}
