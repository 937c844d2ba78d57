package dev.ferry.spring.autoconfigure;

import dev.ferry.core.http.EngineConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ferry.engine.*}: the HTTP engine every auto-configured Ferry client runs on. Each setting
 * left out keeps {@link EngineConfig}'s default.
 */
@ConfigurationProperties("ferry.engine")
public class FerryEngineProperties {
    /** Names the engine's connection pool (and its threads when it starts its own). */
    private String name = "ferry";
    /**
     * Whether to run on the event loops of Spring's ReactorResourceFactory (those of the WebFlux
     * server and WebClient) when there is one, instead of starting loops of its own. The engine
     * always has its own connection pool.
     */
    private boolean shareServerLoops = true;
    /** Pooled connections to one host and port. Default 128. */
    private @Nullable Integer maxConnections;
    /** Requests that may wait for a pooled connection; more fail at once. Default 8192. */
    private @Nullable Integer maxPendingAcquires;
    /** How long a request waits for a pooled connection. Default 30s. */
    private @Nullable Duration pendingAcquireTimeout;
    /** Idle connections are closed after this. Default 15s. */
    private @Nullable Duration maxIdleTime;
    /** TCP connect timeout. Default 10s. */
    private @Nullable Duration connectTimeout;
    /** From the last byte of the request to the response headers. Default 60s. */
    private @Nullable Duration responseTimeout;
    /** Longest silence while reading a response body. Default 30s. */
    private @Nullable Duration readTimeout;
    /** Longest the server may go without reading any of a request that is waiting to be sent. Default 30s. */
    private @Nullable Duration writeTimeout;
    /** Event-loop threads, used only when the engine starts its own loops. Default: available processors (at least 2). */
    private @Nullable Integer eventLoopThreads;

    /** The engine's configuration: these properties over {@link EngineConfig}'s defaults. */
    public EngineConfig toEngineConfig() {
        EngineConfig.Builder b = EngineConfig.builder().name(name);
        if (maxConnections != null) {
            b.maxConnectionsPerHost(maxConnections);
        }
        if (maxPendingAcquires != null) {
            b.maxPendingAcquires(maxPendingAcquires);
        }
        if (pendingAcquireTimeout != null) {
            b.pendingAcquireTimeout(pendingAcquireTimeout);
        }
        if (maxIdleTime != null) {
            b.maxIdleTime(maxIdleTime);
        }
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        if (responseTimeout != null) {
            b.responseTimeout(responseTimeout);
        }
        if (readTimeout != null) {
            b.readTimeout(readTimeout);
        }
        if (writeTimeout != null) {
            b.writeTimeout(writeTimeout);
        }
        if (eventLoopThreads != null) {
            b.eventLoopThreads(eventLoopThreads);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid ferry.engine.* setting: " + e.getMessage(), e);
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isShareServerLoops() {
        return shareServerLoops;
    }

    public void setShareServerLoops(boolean shareServerLoops) {
        this.shareServerLoops = shareServerLoops;
    }

    public @Nullable Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(@Nullable Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public @Nullable Integer getMaxPendingAcquires() {
        return maxPendingAcquires;
    }

    public void setMaxPendingAcquires(@Nullable Integer maxPendingAcquires) {
        this.maxPendingAcquires = maxPendingAcquires;
    }

    public @Nullable Duration getPendingAcquireTimeout() {
        return pendingAcquireTimeout;
    }

    public void setPendingAcquireTimeout(@Nullable Duration pendingAcquireTimeout) {
        this.pendingAcquireTimeout = pendingAcquireTimeout;
    }

    public @Nullable Duration getMaxIdleTime() {
        return maxIdleTime;
    }

    public void setMaxIdleTime(@Nullable Duration maxIdleTime) {
        this.maxIdleTime = maxIdleTime;
    }

    public @Nullable Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(@Nullable Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public @Nullable Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(@Nullable Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public @Nullable Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(@Nullable Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public @Nullable Duration getWriteTimeout() {
        return writeTimeout;
    }

    public void setWriteTimeout(@Nullable Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public @Nullable Integer getEventLoopThreads() {
        return eventLoopThreads;
    }

    public void setEventLoopThreads(@Nullable Integer eventLoopThreads) {
        this.eventLoopThreads = eventLoopThreads;
    }
}
