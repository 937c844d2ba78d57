package dev.ferry.spring;

import dev.ferry.ews.EwsOptions;

/**
 * Adjusts the options of the auto-configured {@code EwsClient} before it connects, after the
 * {@code ferry.ews.*} properties were applied. Every customizer bean runs, in {@code @Order} order.
 */
@FunctionalInterface
public interface FerryEwsOptionsCustomizer {
    void customize(EwsOptions.Builder options);
}
