package dev.ferry.spring;

import dev.ferry.oss.OssClient;

/**
 * Adjusts the auto-configured {@link OssClient} before it is built, after the {@code ferry.oss.*}
 * properties were applied. Every customizer bean runs, in {@code @Order} order.
 */
@FunctionalInterface
public interface FerryOssClientCustomizer {
    void customize(OssClient.Builder builder);
}
