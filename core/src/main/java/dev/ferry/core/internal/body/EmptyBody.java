package dev.ferry.core.internal.body;

import dev.ferry.core.http.RequestBody;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;

public final class EmptyBody implements RequestBody {
    public static final EmptyBody INSTANCE = new EmptyBody();

    private EmptyBody() {
    }

    @Override
    public long contentLength() {
        return 0;
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Flux<ByteBuffer> content() {
        return Flux.empty();
    }

    @Override
    public String toString() {
        return "RequestBody.empty()";
    }
}
