package dev.ferry.spring;

import dev.ferry.s3.S3Client;

/**
 * Adjusts the auto-configured {@link S3Client} before it is built, after the {@code ferry.s3.*}
 * properties were applied. Every customizer bean runs, in {@code @Order} / {@code Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * FerryS3ClientCustomizer retryMore() {
 *     return builder -> builder.retryPolicy(RetryPolicy.defaults().withMaxAttempts(5));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FerryS3ClientCustomizer {
    void customize(S3Client.Builder builder);
}
