package dev.ferry.core.http;

import dev.ferry.core.internal.body.FileWriting;
import java.nio.file.Path;
import reactor.core.publisher.Mono;

/**
 * What to do with the body of a successful response that carries content (an S3 or OSS object):
 * keep it in memory, write it to a file, stream it somewhere. The head {@code M} is the operation's
 * decoded metadata. A reader must consume or discard the body within the returned {@code Mono}.
 *
 * <pre>{@code
 * s3.getObject(request, BodyReader.toBytes()).map(ResponseBytes::asUtf8String)
 * }</pre>
 */
@FunctionalInterface
public interface BodyReader<M, T> {

    Mono<T> read(M head, ResponseBody body);

    /** The whole body in memory, with the head (up to 2 GiB). */
    static <M> BodyReader<M, ResponseBytes<M>> toBytes() {
        return (head, body) -> body.asBytes(Integer.MAX_VALUE - 8).map(bytes -> new ResponseBytes<>(head, bytes));
    }

    /**
     * The head at once and the body as it arrives ({@link ResponseStream}): for bodies too large to
     * hold, or to pipe elsewhere. The exchange stays open until the stream is read or discarded.
     */
    static <M> BodyReader<M, ResponseStream<M>> toPublisher() {
        return (head, body) -> Mono.just(new ResponseStream<>(head, body.asFlux()));
    }

    /**
     * Writes the body to {@code file} (replacing it) and returns the head. The bytes go to a
     * temporary file beside it, moved into place only once complete, so a failed or cancelled read
     * never leaves a partial file under the target's name. Disk writes run off the event loop.
     */
    static <M> BodyReader<M, M> toFile(Path file) {
        return (head, body) -> FileWriting.write(body.asFlux(), file).thenReturn(head);
    }

    /** Drops the body and keeps only the head. */
    static <M> BodyReader<M, M> discarding() {
        return (head, body) -> body.discard().thenReturn(head);
    }
}
