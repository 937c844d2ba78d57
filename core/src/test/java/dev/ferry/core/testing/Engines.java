package dev.ferry.core.testing;

import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/** Engines made for one test and closed after it; test defaults are small and quick. */
public final class Engines implements AutoCloseable {
    private final List<HttpEngine> engines = new ArrayList<>();

    public HttpEngine create() {
        return create(b -> b);
    }

    public HttpEngine create(UnaryOperator<EngineConfig.Builder> settings) {
        EngineConfig.Builder builder = EngineConfig.builder().name("ferry-test").eventLoopThreads(1);
        HttpEngine engine = HttpEngine.create(settings.apply(builder).build());
        engines.add(engine);
        return engine;
    }

    @Override
    public void close() {
        engines.forEach(HttpEngine::close);
        engines.clear();
    }

    /** Bytes that differ from position to position, so that a reordered or shifted body shows. */
    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}
