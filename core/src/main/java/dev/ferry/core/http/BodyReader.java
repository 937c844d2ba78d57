package dev.ferry.core.http;

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

    /** Drops the body and keeps only the head. */
    static <M> BodyReader<M, M> discarding() {
        return (head, body) -> body.discard().thenReturn(head);
    }
}
