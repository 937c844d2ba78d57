/**
 * Spring Boot auto-configuration of Ferry: one {@link dev.ferry.core.http.HttpEngine} (on the
 * WebFlux server's event loops when there is one), and the S3, EWS and OSS clients on it, each when
 * its module is on the class path, it is configured under {@code ferry.*}, and the application has
 * not defined its own. Registered in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}.
 */
@NullMarked
package dev.ferry.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
