package dev.ferry.core.internal.body;

import dev.ferry.core.http.RequestBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A region of a file, read in chunks as the request asks for them. Reads run on the bounded elastic
 * scheduler: a disk read is a blocking call and must never run on an event loop.
 */
public final class FileBody implements RequestBody {
    static final int CHUNK_SIZE = 64 * 1024;

    private final Path file;
    private final long offset;
    private final long length;

    private FileBody(Path file, long offset, long length) {
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    public static FileBody of(Path file) {
        return new FileBody(file, 0, sizeOf(file));
    }

    public static FileBody of(Path file, long offset, long length) {
        long size = sizeOf(file);
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("region [" + offset + ", " + (offset + length) + ") is outside "
                    + file + ", which has " + size + " bytes");
        }
        return new FileBody(file, offset, length);
    }

    private static long sizeOf(Path file) {
        try {
            // Size first: it throws NoSuchFileException for a missing file, which the regular-file
            // check, done first, reported as "not a regular file".
            long size = Files.size(file);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("cannot send " + file + ": it is not a regular file");
            }
            return size;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot send " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Flux<ByteBuffer> content() {
        if (length == 0) {
            return Flux.empty();
        }
        return Flux.using(
                        () -> FileChannel.open(file, StandardOpenOption.READ),
                        channel -> Flux.<ByteBuffer, long[]>generate(() -> new long[] {offset}, (position, sink) -> {
                            long remaining = offset + length - position[0];
                            if (remaining <= 0) {
                                sink.complete();
                                return position;
                            }
                            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_SIZE, remaining));
                            try {
                                while (chunk.hasRemaining()) {
                                    int n = channel.read(chunk, position[0] + chunk.position());
                                    if (n < 0) {
                                        sink.error(new IOException(file + " ended at byte " + (position[0] + chunk.position())
                                                + " but the request declared " + (offset + length) + ": was it truncated while being sent?"));
                                        return position;
                                    }
                                }
                            } catch (IOException e) {
                                sink.error(new UncheckedIOException("reading " + file + " failed", e));
                                return position;
                            }
                            position[0] += chunk.flip().remaining();
                            sink.next(chunk);
                            return position;
                        }),
                        FileBody::closeQuietly)
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was written through this channel; a failed close loses nothing.
        }
    }

    @Override
    public String toString() {
        return "RequestBody.fromFile(" + file + ", offset " + offset + ", " + length + " bytes)";
    }
}
