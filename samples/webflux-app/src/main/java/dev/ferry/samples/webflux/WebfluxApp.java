package dev.ferry.samples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the application; configure the services with {@code ferry.*} properties (see the README). */
@SpringBootApplication
public class WebfluxApp {
    public static void main(String[] args) {
        SpringApplication.run(WebfluxApp.class, args);
    }
}
