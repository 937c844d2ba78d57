package dev.ferry.core.internal.body;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Streams buffers into a file through a temporary sibling, moved into place only when complete. */
public final class FileWriting {
    /** Buffers queued between the network and the disk: the memory a slow disk can cost. */
    private static final int QUEUE = 16;

    private FileWriting() {
    }

    /** Writes every buffer to {@code target}; emits the number of bytes written. */
    public static Mono<Long> write(Flux<ByteBuffer> content, Path target) {
        return Mono.usingWhen(
                Mono.fromCallable(() -> Temporary.open(target)).subscribeOn(Schedulers.boundedElastic()),
                temp -> content.publishOn(Schedulers.boundedElastic(), QUEUE)
                        .reduce(0L, (total, buffer) -> total + temp.write(buffer))
                        .flatMap(total -> Mono.fromCallable(() -> temp.commit(total)).subscribeOn(Schedulers.boundedElastic())),
                temp -> Mono.fromRunnable(temp::discardIfUncommitted).subscribeOn(Schedulers.boundedElastic()),
                (temp, error) -> Mono.fromRunnable(temp::discardIfUncommitted).subscribeOn(Schedulers.boundedElastic()),
                temp -> Mono.fromRunnable(temp::discardIfUncommitted).subscribeOn(Schedulers.boundedElastic()));
    }

    private static final class Temporary {
        private final Path target;
        private final Path path;
        private final FileChannel channel;
        private boolean committed;

        private Temporary(Path target, Path path, FileChannel channel) {
            this.target = target;
            this.path = path;
            this.channel = channel;
        }

        static Temporary open(Path target) throws IOException {
            Path dir = target.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path path = Files.createTempFile(dir, "." + target.getFileName() + ".", ".ferry-part");
            return new Temporary(target, path, FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        }

        long write(ByteBuffer buffer) {
            long n = buffer.remaining();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + path + " failed", e);
            }
            return n;
        }

        long commit(long total) throws IOException {
            channel.force(false);
            channel.close();
            try {
                Files.move(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            return total;
        }

        void discardIfUncommitted() {
            if (!committed) {
                try {
                    channel.close();
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // A stray temporary file is left behind; the target was never touched.
                }
            }
        }
    }
}
