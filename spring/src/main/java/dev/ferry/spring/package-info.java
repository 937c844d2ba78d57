/**
 * Ferry in Spring Boot: the customizer callbacks applied to the auto-configured clients' builders,
 * and {@link dev.ferry.spring.DataBuffers}, the adapters between Spring's {@code DataBuffer} streams
 * and Ferry's bodies. The auto-configuration itself lives in {@code dev.ferry.spring.autoconfigure}.
 */
@NullMarked
package dev.ferry.spring;

import org.jspecify.annotations.NullMarked;
