package dev.ferry.s3.transfer.internal;

import dev.ferry.core.http.RequestBody;
import dev.ferry.s3.internal.checksum.ContentMd5;
import dev.ferry.s3.internal.checksum.IncrementalChecksum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** One part of an upload, ready to send: its number, its bytes as a replayable body, its MD5 on demand. */
interface UploadPart {
    int number();

    /** Where the part starts in the object. */
    long offset();

    long length();

    /** Whether no part comes after this one. */
    boolean isLast();

    /** The part's bytes; replayable, so the client's retries can send them again. */
    RequestBody body();

    /** Base64 MD5 of the part, computed off the event loop. */
    Mono<String> contentMd5();

    /** Called once the server has stored the part: what held its bytes may be reused. */
    void stored();

    /** A region of a file, read as it is sent (never held whole). */
    record FileRegion(Path file, int number, long offset, long length, boolean isLast) implements UploadPart {
        @Override
        public RequestBody body() {
            return RequestBody.fromFile(file, offset, length);
        }

        @Override
        public Mono<String> contentMd5() {
            return Mono.fromCallable(this::md5).subscribeOn(Schedulers.boundedElastic());
        }

        private String md5() {
            IncrementalChecksum md5 = ContentMd5.newChecksum();
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(length, 256 * 1024));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long position = offset;
                long end = offset + length;
                while (position < end) {
                    chunk.clear().limit((int) Math.min(chunk.capacity(), end - position));
                    int n = channel.read(chunk, position);
                    if (n < 0) {
                        throw new IOException(file + " ended at byte " + position + " while part " + number
                                + " needs bytes up to " + end + ": did it shrink during the upload?");
                    }
                    position += n;
                    md5.update(chunk.flip());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading part " + number + " of " + file + " for its MD5 failed", e);
            }
            return md5.base64();
        }

        @Override
        public void stored() {
            // Nothing held.
        }
    }
}
