package dev.ferry.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything an {@link HttpEngine} can be told, with its defaults in one place.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>maxConnectionsPerHost</td><td>128</td><td>pooled connections to one host and port</td></tr>
 *   <tr><td>maxPendingAcquires</td><td>8192</td><td>requests that may wait for a connection; more fail at once</td></tr>
 *   <tr><td>pendingAcquireTimeout</td><td>30 s</td><td>how long a request waits for a connection</td></tr>
 *   <tr><td>maxIdleTime</td><td>15 s</td><td>idle connections are closed after this (servers drop them at 20 s or more)</td></tr>
 *   <tr><td>maxLifeTime</td><td>10 min</td><td>connections are replaced after this, so DNS changes take effect</td></tr>
 *   <tr><td>connectTimeout</td><td>10 s</td><td>TCP connect</td></tr>
 *   <tr><td>responseTimeout</td><td>60 s</td><td>from the last byte of the request to the response headers</td></tr>
 *   <tr><td>readTimeout</td><td>30 s</td><td>longest silence while reading a response body</td></tr>
 *   <tr><td>writeTimeout</td><td>30 s</td><td>longest the server may go without reading any of the request while some is waiting to be sent</td></tr>
 *   <tr><td>expectContinueThreshold</td><td>1 MiB</td><td>bodies at least this large are sent with {@code Expect: 100-continue}
 *       until their host has accepted one, and again once it has refused one</td></tr>
 *   <tr><td>expectContinueEveryTime</td><td>false</td><td>true: every body over the threshold waits for {@code 100 Continue}</td></tr>
 *   <tr><td>expectContinueTimeout</td><td>1 s</td><td>how long to wait for {@code 100 Continue} before sending the body anyway</td></tr>
 *   <tr><td>eventLoopThreads</td><td>available processors (at least 2)</td><td></td></tr>
 * </table>
 *
 * <p>The read timeout never runs while a request body is still being written: a slow upload is
 * guarded by the write timeout, a slow server by the response and read timeouts.
 *
 * <p>{@code Expect: 100-continue} lets a server refuse a large body (wrong credentials, no such
 * bucket, throttling) before it is sent, at the price of a round trip per request in which the
 * connection sends nothing: with parts in flight that is a round trip per part (on a 50 ms link,
 * more than the 8 MiB part takes to send at 1 Gb/s). So by default a host is asked only until it
 * has accepted a large body from this engine, which proves the endpoint and the credentials, and
 * again from its first refusal on (a 4xx or 5xx) until it accepts one more.
 */
public record EngineConfig(
        String name,
        int maxConnectionsPerHost,
        int maxPendingAcquires,
        Duration pendingAcquireTimeout,
        Duration maxIdleTime,
        Duration maxLifeTime,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        long expectContinueThreshold,
        boolean expectContinueEveryTime,
        Duration expectContinueTimeout,
        int eventLoopThreads,
        TlsConfig tls) {

    public EngineConfig {
        Objects.requireNonNull(name, "name");
        positive("maxConnectionsPerHost", maxConnectionsPerHost);
        positive("maxPendingAcquires", maxPendingAcquires);
        positive("eventLoopThreads", eventLoopThreads);
        positive("pendingAcquireTimeout", pendingAcquireTimeout);
        positive("maxIdleTime", maxIdleTime);
        positive("maxLifeTime", maxLifeTime);
        positive("connectTimeout", connectTimeout);
        positive("responseTimeout", responseTimeout);
        positive("readTimeout", readTimeout);
        positive("writeTimeout", writeTimeout);
        positive("expectContinueTimeout", expectContinueTimeout);
        if (expectContinueThreshold < 0) {
            throw new IllegalArgumentException("expectContinueThreshold must be >= 0 (Long.MAX_VALUE turns it off), was " + expectContinueThreshold);
        }
        Objects.requireNonNull(tls, "tls");
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, was " + value);
        }
    }

    private static void positive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was " + value);
        }
    }

    public static EngineConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects settings; every one not set keeps its default. */
    public static final class Builder {
        private String name = "ferry";
        private int maxConnectionsPerHost = 128;
        private int maxPendingAcquires = 8192;
        private Duration pendingAcquireTimeout = Duration.ofSeconds(30);
        private Duration maxIdleTime = Duration.ofSeconds(15);
        private Duration maxLifeTime = Duration.ofMinutes(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private long expectContinueThreshold = 1024 * 1024;
        private boolean expectContinueEveryTime;
        private Duration expectContinueTimeout = Duration.ofSeconds(1);
        private int eventLoopThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private TlsConfig tls = TlsConfig.defaults();

        private Builder() {
        }

        private Builder(EngineConfig c) {
            name = c.name;
            maxConnectionsPerHost = c.maxConnectionsPerHost;
            maxPendingAcquires = c.maxPendingAcquires;
            pendingAcquireTimeout = c.pendingAcquireTimeout;
            maxIdleTime = c.maxIdleTime;
            maxLifeTime = c.maxLifeTime;
            connectTimeout = c.connectTimeout;
            responseTimeout = c.responseTimeout;
            readTimeout = c.readTimeout;
            writeTimeout = c.writeTimeout;
            expectContinueThreshold = c.expectContinueThreshold;
            expectContinueEveryTime = c.expectContinueEveryTime;
            expectContinueTimeout = c.expectContinueTimeout;
            eventLoopThreads = c.eventLoopThreads;
            tls = c.tls;
        }

        /** Names the engine's threads and pool, to tell engines apart in thread dumps and metrics. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder maxConnectionsPerHost(int n) {
            this.maxConnectionsPerHost = n;
            return this;
        }

        public Builder maxPendingAcquires(int n) {
            this.maxPendingAcquires = n;
            return this;
        }

        public Builder pendingAcquireTimeout(Duration d) {
            this.pendingAcquireTimeout = d;
            return this;
        }

        public Builder maxIdleTime(Duration d) {
            this.maxIdleTime = d;
            return this;
        }

        public Builder maxLifeTime(Duration d) {
            this.maxLifeTime = d;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder responseTimeout(Duration d) {
            this.responseTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        public Builder writeTimeout(Duration d) {
            this.writeTimeout = d;
            return this;
        }

        /** Bodies of at least this many bytes ask {@code Expect: 100-continue}; {@code Long.MAX_VALUE} never does. */
        public Builder expectContinueThreshold(long bytes) {
            this.expectContinueThreshold = bytes;
            return this;
        }

        /**
         * True: every body over the threshold waits for {@code 100 Continue}. False (the default): only
         * until its host has accepted such a body, and again after the host refuses one (see above).
         */
        public Builder expectContinueEveryTime(boolean everyTime) {
            this.expectContinueEveryTime = everyTime;
            return this;
        }

        public Builder expectContinueTimeout(Duration d) {
            this.expectContinueTimeout = d;
            return this;
        }

        public Builder eventLoopThreads(int n) {
            this.eventLoopThreads = n;
            return this;
        }

        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(name, maxConnectionsPerHost, maxPendingAcquires, pendingAcquireTimeout, maxIdleTime,
                    maxLifeTime, connectTimeout, responseTimeout, readTimeout, writeTimeout, expectContinueThreshold,
                    expectContinueEveryTime, expectContinueTimeout, eventLoopThreads, tls);
        }
    }
}
