package dev.ferry.spring.autoconfigure;

import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.http.netty.NettyEngines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The {@link HttpEngine} the auto-configured clients share, unless the application defines one.
 *
 * <p>When Spring has a {@link ReactorResourceFactory} (a WebFlux server on Reactor Netty, or
 * WebClient's connector), the engine runs on its event loops instead of starting threads of its
 * own: one set of loops serves the server and Ferry. It keeps a connection pool of its own, so its
 * limits and timeouts are Ferry's. Closing the context closes the engine, which disposes only its
 * pool: the loops belong to the factory, which disposes them (or not, when they were given to it).
 */
@AutoConfiguration
@EnableConfigurationProperties(FerryEngineProperties.class)
public class FerryEngineAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactorResourceFactory.class)
    static class OnReactorResources {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(HttpEngine.class)
        HttpEngine ferryHttpEngine(FerryEngineProperties properties, ObjectProvider<ReactorResourceFactory> resources) {
            // Looked up when the engine is created, not as a condition: conditions on beans depend on
            // the order auto-configurations run in, and the factory may come from several of them.
            ReactorResourceFactory factory = properties.isShareServerLoops() ? resources.getIfAvailable() : null;
            if (factory == null) {
                return HttpEngine.create(properties.toEngineConfig());
            }
            // In a context the factory creates its loops when the context starts, after the beans
            // are made; this engine needs them now (the EWS client connects while beans are made).
            // start() is idempotent: the context's own start later finds it running.
            if (!factory.isRunning()) {
                factory.start();
            }
            return NettyEngines.withLoops(properties.toEngineConfig(), factory.getLoopResources());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.http.client.ReactorResourceFactory")
    static class OnOwnLoops {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(HttpEngine.class)
        HttpEngine ferryHttpEngine(FerryEngineProperties properties) {
            return HttpEngine.create(properties.toEngineConfig());
        }
    }
}
