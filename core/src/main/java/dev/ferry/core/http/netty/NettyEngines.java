package dev.ferry.core.http.netty;

import dev.ferry.core.http.EngineConfig;
import dev.ferry.core.http.HttpEngine;
import dev.ferry.core.internal.netty.ReactorNettyEngine;
import java.util.Objects;
import reactor.netty.resources.LoopResources;

/**
 * Engines on event loops someone else owns.
 *
 * <pre>{@code
 * LoopResources serverLoops = reactorResourceFactory.getLoopResources();   // e.g. a WebFlux server's
 * try (HttpEngine engine = NettyEngines.withLoops(EngineConfig.defaults(), serverLoops)) {
 *     S3Client s3 = S3Client.builder().engine(engine)...build();
 * }
 * }</pre>
 *
 * <p>The engine gets a connection pool of its own, sized and timed by {@code config}, but runs its
 * connections on {@code loops} instead of starting threads ({@link EngineConfig#eventLoopThreads()}
 * is not used). Closing the engine closes its pool and leaves the loops running: whoever created
 * them disposes of them.
 */
public final class NettyEngines {
    private NettyEngines() {
    }

    /** An engine with its own pool on the given loops, which it never disposes. */
    public static HttpEngine withLoops(EngineConfig config, LoopResources loops) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(loops, "loops");
        if (loops.isDisposed()) {
            throw new IllegalArgumentException("the given LoopResources are already disposed: an engine cannot run on them");
        }
        return ReactorNettyEngine.create(config, loops);
    }
}
