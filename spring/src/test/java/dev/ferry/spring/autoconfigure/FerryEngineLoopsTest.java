package dev.ferry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.autoconfigure.ReactorNettyConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/** Where the auto-configured engine's connections run, and what closing the context shuts. */
class FerryEngineLoopsTest {
    private static LoopResources serverLoops;
    private static DisposableServer server;

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FerryEngineAutoConfiguration.class));

    @BeforeAll
    static void startServer() {
        serverLoops = LoopResources.create("test-server", 1, 1, true);
        server = HttpServer.create().runOn(serverLoops).host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(Mono.just("ok")))
                .bindNow(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopServer() {
        server.disposeNow(Duration.ofSeconds(5));
        serverLoops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }

    /** The name of the thread that read the response: a thread of the loops the engine runs on. */
    private static String exchangeThread(HttpEngine engine) {
        HttpRequest get = HttpRequest.builder("GET", java.net.URI.create("http://127.0.0.1:" + server.port())).build();
        return engine.exchangeForMono(get, response -> response.body().asBytes(64).map(body -> Thread.currentThread().getName()))
                .block(Duration.ofSeconds(10));
    }

    @Test
    void engineRunsOnTheLoopsOfBootsReactorResourceFactory() {
        runner.withUserConfiguration(ReactorNettyConfigurations.ReactorResourceFactoryConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(ReactorResourceFactory.class).hasSingleBean(HttpEngine.class);
            // Reactor Netty's global loops, which the WebFlux server and WebClient use, are named reactor-http-*.
            assertThat(exchangeThread(context.getBean(HttpEngine.class))).startsWith("reactor-http-");
        });
    }

    @Test
    void engineOnSharedLoopsIsClosedWithTheContextAndLeavesTheLoopsRunning() {
        LoopResources applicationLoops = LoopResources.create("application-loops", 1, true);
        try {
            HttpEngine[] engine = new HttpEngine[1];
            runner.withBean(ReactorResourceFactory.class, () -> {
                ReactorResourceFactory factory = new ReactorResourceFactory();
                factory.setUseGlobalResources(false);
                factory.setLoopResources(applicationLoops);   // given, so the factory does not dispose them either
                return factory;
            }).run(context -> {
                engine[0] = context.getBean(HttpEngine.class);
                assertThat(exchangeThread(engine[0])).startsWith("application-loops");
            });

            assertThatThrownBy(() -> exchangeThread(engine[0])).hasMessageContaining("is closed");
            assertThat(applicationLoops.isDisposed()).as("the loops Ferry was given").isFalse();
        } finally {
            applicationLoops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
        }
    }

    @Test
    void withSharingOffTheEngineStartsLoopsOfItsOwn() {
        runner.withUserConfiguration(ReactorNettyConfigurations.ReactorResourceFactoryConfiguration.class)
                .withPropertyValues("ferry.engine.share-server-loops=false", "ferry.engine.name=own-loops",
                        "ferry.engine.event-loop-threads=1")
                .run(context -> assertThat(exchangeThread(context.getBean(HttpEngine.class))).startsWith("own-loops"));
    }

    @Test
    void withoutAReactorResourceFactoryTheEngineStartsLoopsOfItsOwn() {
        // spring-web is there, as in an application that is no WebFlux server and has no WebClient.
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FerryEngineAutoConfiguration.class))
                .withPropertyValues("ferry.engine.name=no-factory", "ferry.engine.event-loop-threads=1")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(HttpEngine.class).doesNotHaveBean(ReactorResourceFactory.class);
                    assertThat(exchangeThread(context.getBean(HttpEngine.class))).startsWith("no-factory");
                });
    }

    @Test
    void withoutSpringWebTheEngineStartsLoopsOfItsOwn() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FerryEngineAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(ReactorResourceFactory.class))
                .withPropertyValues("ferry.engine.name=no-spring-web", "ferry.engine.event-loop-threads=1")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(HttpEngine.class);
                    assertThat(context.getBeanFactory().getBeanDefinition("ferryHttpEngine").getFactoryBeanName())
                            .as("the configuration that made the engine").endsWith("OnOwnLoops");
                    assertThat(exchangeThread(context.getBean(HttpEngine.class))).startsWith("no-spring-web");
                });
    }

    @Test
    void theApplicationsOwnEngineWinsAndIsNotReplaced() {
        runner.withUserConfiguration(OwnEngine.class).run(context -> {
            assertThat(context).hasSingleBean(HttpEngine.class);
            assertThat(context.getBean(HttpEngine.class).config().name()).isEqualTo("mine");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEngine {
        @Bean(destroyMethod = "close")
        HttpEngine myEngine() {
            return HttpEngine.create(dev.ferry.core.http.EngineConfig.builder().name("mine").eventLoopThreads(1).build());
        }
    }
}
