package dev.ferry.core.http;

import dev.ferry.core.internal.body.ByteBufferBody;
import dev.ferry.core.internal.body.BytesBody;
import dev.ferry.core.internal.body.EmptyBody;
import dev.ferry.core.internal.body.FileBody;
import dev.ferry.core.internal.body.PublisherBody;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The content of a request. It knows its length (or says it does not) and whether it can be sent
 * again, which decides whether a failed attempt may be retried.
 *
 * <pre>{@code
 * RequestBody.fromBytes(data)                 // replayable, length known
 * RequestBody.fromFile(path)                  // replayable, read in chunks, never loaded whole
 * RequestBody.fromPublisher(flux, length)     // sent once, length known
 * RequestBody.fromPublisher(flux)             // sent once, length unknown
 * }</pre>
 *
 * <p>Buffers handed over (by {@code fromBytes}, {@code fromByteBuffer} or a publisher) belong to
 * Ferry until the request completes: do not modify them meanwhile.
 */
public interface RequestBody {
    long UNKNOWN_LENGTH = -1;

    /** The exact number of bytes {@link #content()} produces, or {@link #UNKNOWN_LENGTH}. */
    long contentLength();

    default boolean hasKnownLength() {
        return contentLength() >= 0;
    }

    /** Whether {@link #content()} may be subscribed again to produce the same bytes. */
    boolean isReplayable();

    /**
     * The bytes, as buffers produced only as fast as they are requested. Each subscription of a
     * replayable body starts again from the first byte.
     */
    Flux<ByteBuffer> content();

    static RequestBody empty() {
        return EmptyBody.INSTANCE;
    }

    static RequestBody fromBytes(byte[] bytes) {
        return new BytesBody(bytes, 0, bytes.length);
    }

    static RequestBody fromBytes(byte[] bytes, int offset, int length) {
        return new BytesBody(bytes, offset, length);
    }

    static RequestBody fromString(String text) {
        return fromString(text, StandardCharsets.UTF_8);
    }

    static RequestBody fromString(String text, Charset charset) {
        return fromBytes(text.getBytes(charset));
    }

    /** The buffer's remaining bytes; its position and limit are left as they are. */
    static RequestBody fromByteBuffer(ByteBuffer buffer) {
        return new ByteBufferBody(buffer);
    }

    /** The whole file, read in chunks as it is sent. Fails at once if the file cannot be read. */
    static RequestBody fromFile(Path file) {
        return FileBody.of(file);
    }

    /** {@code length} bytes of the file from {@code offset}: one part of a multipart upload, say. */
    static RequestBody fromFile(Path file, long offset, long length) {
        return FileBody.of(file, offset, length);
    }

    /** A publisher of exactly {@code length} bytes; it is sent once and cannot be replayed. */
    static RequestBody fromPublisher(Publisher<ByteBuffer> publisher, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length + "; use fromPublisher(publisher) when it is unknown");
        }
        return new PublisherBody(publisher, length);
    }

    /** A publisher of unknown length; it is sent once and cannot be replayed. */
    static RequestBody fromPublisher(Publisher<ByteBuffer> publisher) {
        return new PublisherBody(publisher, UNKNOWN_LENGTH);
    }
}
