package dev.ferry.s3.transfer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * An {@link InputStream} as a publisher of buffers, read on demand on the bounded elastic scheduler.
 * One array is reused for every read: the one subscriber, {@link PartSplitter}, copies each buffer
 * before it asks for the next, which is the only time the array is written again.
 */
final class InputStreamSource {
    static final int CHUNK = 64 * 1024;

    private InputStreamSource() {
    }

    static Flux<ByteBuffer> of(InputStream in) {
        return Flux.<ByteBuffer, byte[]>generate(() -> new byte[CHUNK], (chunk, sink) -> {
            try {
                int n = in.readNBytes(chunk, 0, chunk.length);
                if (n > 0) {
                    sink.next(ByteBuffer.wrap(chunk, 0, n));
                }
                if (n < chunk.length) {
                    sink.complete();
                }
            } catch (IOException e) {
                sink.error(new UncheckedIOException("reading the stream to upload failed: " + e.getMessage(), e));
            }
            return chunk;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
