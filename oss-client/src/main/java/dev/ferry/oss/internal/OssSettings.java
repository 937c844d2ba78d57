package dev.ferry.oss.internal;

import dev.ferry.core.auth.CredentialsProvider;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.retry.RetryPolicy;
import dev.ferry.oss.Addressing;
import dev.ferry.oss.OssClient;
import dev.ferry.oss.SignatureVersion;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A client's settings once {@link OssClient.Builder} has checked and resolved them.
 *
 * @param endpoint scheme, host and port of the service (no bucket in it)
 * @param region the plain region id; null only with signature V1
 * @param ownsEngine whether closing the client closes the engine
 * @param toBuilder a builder with these settings that shares the engine
 */
public record OssSettings(URI endpoint, Addressing addressing, @Nullable String region, String product,
                          CredentialsProvider credentials, SignatureVersion signatureVersion,
                          List<String> additionalHeaders, HttpEngine engine, boolean ownsEngine,
                          RetryPolicy retryPolicy, Clock clock, Executor callbackExecutor,
                          Supplier<OssClient.Builder> toBuilder) {
}
