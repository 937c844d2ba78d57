package dev.ferry.samples.load;

import dev.ferry.core.http.RequestBody;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import reactor.core.publisher.Flux;

/**
 * The content of every object a run writes, regenerated on demand so that {@code --verify} can
 * recheck a read-back without having kept anything.
 *
 * <p>One block of {@value #BLOCK_MIB} MiB of pseudo-random bytes (xorshift64* from the seed, filled
 * a long at a time) is made once per run. Object {@code n} is the block read from an offset drawn
 * from the seed and {@code n}, wrapping around at the end. The block is stored twice in a row, so any
 * run of up to {@value #BLOCK_MIB} MiB starting anywhere in the first copy is one contiguous slice:
 * a body is a read-only view of the block, and no operation allocates or fills an array of its own.
 * Offsets are not aligned, so two objects share no aligned block a deduplicating store could fold.
 */
final class ObjectData {
    static final int BLOCK_MIB = 16;
    static final int BLOCK = BLOCK_MIB << 20;
    /** Larger objects are sent as a stream of slices of this size. */
    private static final int STREAM_CHUNK = 1 << 20;

    private final long seed;
    private final ByteBuffer doubled;

    ObjectData(long seed) {
        this.seed = seed;
        ByteBuffer buffer = ByteBuffer.allocateDirect(2 * BLOCK);
        LongBuffer longs = buffer.asLongBuffer();
        long x = Seeds.mix(seed) | 1; // xorshift state must not be zero
        int count = BLOCK / Long.BYTES;
        for (int i = 0; i < count; i++) {
            x ^= x >>> 12;
            x ^= x << 25;
            x ^= x >>> 27;
            longs.put(i, x * 0x2545F4914F6CDD1DL);
        }
        buffer.put(BLOCK, buffer, 0, BLOCK);
        this.doubled = buffer.asReadOnlyBuffer();
    }

    /** Where object {@code objectIndex} starts in the block. */
    long offset(long objectIndex) {
        return Seeds.hash(seed, Seeds.CONTENT, objectIndex) & (BLOCK - 1);
    }

    /** Bytes {@code position .. position+length} of the object, {@code length <= BLOCK}: a view, not a copy. */
    ByteBuffer slice(long objectIndex, long position, int length) {
        if (length > BLOCK) {
            throw new IllegalArgumentException("a slice is at most " + BLOCK + " bytes, was asked for " + length);
        }
        int start = (int) ((offset(objectIndex) + position) & (BLOCK - 1));
        return doubled.slice(start, length);
    }

    /**
     * The request body for bytes {@code position .. position+length} of the object: in memory (one
     * view of the block) up to {@value #BLOCK_MIB} MiB, a replayable stream of views beyond.
     */
    RequestBody body(long objectIndex, long position, long length) {
        if (length <= BLOCK) {
            return RequestBody.fromByteBuffer(slice(objectIndex, position, (int) length));
        }
        return new StreamedBody(objectIndex, position, length);
    }

    /**
     * Compares bytes read back, starting at {@code position} of the object, with what was written.
     *
     * @return the position in the object of the first byte that differs, or -1 when all match
     */
    long mismatch(long objectIndex, long position, ByteBuffer read) {
        ByteBuffer chunk = read.duplicate();
        long at = position;
        while (chunk.hasRemaining()) {
            int n = Math.min(chunk.remaining(), BLOCK);
            ByteBuffer actual = chunk.slice(chunk.position(), n);
            int differs = slice(objectIndex, at, n).mismatch(actual);
            if (differs >= 0) {
                return at + differs;
            }
            chunk.position(chunk.position() + n);
            at += n;
        }
        return -1;
    }

    /** An object larger than the block: views of it one after another, again from the start on every subscription. */
    private final class StreamedBody implements RequestBody {
        private final long objectIndex;
        private final long position;
        private final long length;

        StreamedBody(long objectIndex, long position, long length) {
            this.objectIndex = objectIndex;
            this.position = position;
            this.length = length;
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
            return Flux.generate(() -> 0L, (sent, sink) -> {
                if (sent >= length) {
                    sink.complete();
                    return sent;
                }
                int n = (int) Math.min(STREAM_CHUNK, length - sent);
                sink.next(slice(objectIndex, position + sent, n));
                return sent + n;
            });
        }
    }
}
